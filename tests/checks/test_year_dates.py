"""The budget year fits the document's dates: a 预算 is approved and published in its own
year or the year before (预算法 §14: published within 20 days of approval); a 决算 in the
year after its year."""

from __future__ import annotations

import dataclasses

from tests.checks.helpers import disclosure, findings_of


def _year(year: int, edition: str = "部门预算", **dates: str) -> list[tuple[str, object]]:
    d = dataclasses.replace(disclosure(year=year), edition=edition, **dates)
    return [(f.severity, f.expected) for f in findings_of(d, "completeness.year-eq-dates")]


def test_a_budget_is_published_in_its_year_or_the_year_before() -> None:
    assert _year(2025, published_on="2025-02-20", approved_on="2025-02-06") == []
    assert _year(2025, published_on="2024-12-30") == []


def test_a_budget_year_far_from_its_dates_is_an_error() -> None:
    assert _year(2027, published_on="2025-02-20", approved_on="2025-02-06") == [
        ("error", "2025 年或 2026 年"), ("error", "2025 年或 2026 年")]
    assert _year(2023, published_on="2025-02-20") == [("error", "2025 年或 2026 年")]


def test_final_accounts_are_published_the_year_after() -> None:
    assert _year(2024, "部门决算", published_on="2025-08-30") == []
    assert _year(2025, "部门决算", published_on="2025-08-30") == [("error", "2024 年")]


def test_without_dates_there_is_nothing_to_compare() -> None:
    assert _year(2052) == []


def test_the_printed_signature_date_is_checked_as_the_source_date_is(tmp_path) -> None:
    """A published document carries its date as its signature (after Part 4): read from the
    document, the year is held against it as it is against budget.yaml's ``published_on``."""
    from tests.conftest import SEED_TEXT
    from yusuan.parse import parse_file

    d, _ = parse_file(SEED_TEXT)
    assert (d.year, d.published_on) == (2024, "2024-02-23")
    assert findings_of(d, "completeness.year-eq-dates") == []
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert text.rstrip().endswith("2024年02月23日")
    late = tmp_path / "late.txt"
    late.write_text(text.rstrip().removesuffix("2024年02月23日") + "2026年02月23日\n",
                    encoding="utf-8")
    d, _ = parse_file(late)
    assert [(f.severity, f.expected) for f in findings_of(d, "completeness.year-eq-dates")] == [
        ("error", "2026 年或 2027 年")]
