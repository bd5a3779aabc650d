"""公开度: one test per criterion, on the reference document as built and as changed."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.checks.run import check_disclosure
from yusuan.checks.score import score
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location

KORLA = Path(__file__).resolve().parents[2] / "examples" / "korla-2024"


@pytest.fixture(scope="module")
def korla() -> Disclosure:
    return build_disclosure(KORLA)


def _criterion(d: Disclosure, key: str, findings: list[Finding] | None = None):
    s = score(d, findings if findings is not None else list(check_disclosure(d)))
    return next(c for c in s.criteria if c.key == key), s


def test_completeness_is_full_for_the_reference_and_falls_with_a_missing_table(korla) -> None:
    full, _ = _criterion(korla, "completeness")
    assert full.points == Decimal("40.00")
    fewer = dataclasses.replace(korla, tables=tuple(t for t in korla.tables
                                                     if t.id != "three_public"))
    less, _ = _criterion(fewer, "completeness")
    assert less.points == Decimal("38.18")  # 20 × 10/11 + 20
    assert "缺：three_public" in less.notes


def test_completeness_counts_the_narrative_topics(korla) -> None:
    silent = dataclasses.replace(korla, narrative=())
    c, _ = _criterion(silent, "completeness")
    assert c.points == Decimal("20.00")
    assert "未说明机关运行经费" in c.notes


def test_timeliness_is_not_judged_without_dates_and_the_score_is_the_judged_share(korla) -> None:
    c, s = _criterion(korla, "timeliness", [])
    assert c.points is None
    assert s.total == Decimal("100.00")


def test_timeliness_within_20_days_and_late(korla) -> None:
    on_time = dataclasses.replace(korla, approved_on="2024-02-01", published_on="2024-02-21")
    c, _ = _criterion(on_time, "timeliness", [])
    assert c.points == Decimal("10.00")
    late = dataclasses.replace(korla, approved_on="2024-02-01", published_on="2024-03-07")
    c, s = _criterion(late, "timeliness", [])
    assert c.points == Decimal("2.50")  # 35 days: 15 late, 0.5 each
    assert s.weakest is c


def test_consistency_loses_5_per_error_and_1_per_warning(korla) -> None:
    found = [Finding("gpb.total-eq-classes", "error", "arithmetic", "x", Location()),
             Finding("gpb_basic.b12", "warning", "cross-table", "y", Location()),
             Finding("completeness.glossary", "warning", "completeness", "z", Location())]
    c, _ = _criterion(korla, "consistency", found)
    assert c.points == Decimal("19.00")


def test_detail_shares_of_rows_detailed(korla) -> None:
    c, _ = _criterion(korla, "detail", [])
    assert c.points == Decimal("15.00")
    gpb = korla.table("gpb")
    assert gpb is not None
    shallow = dataclasses.replace(gpb, rows=tuple(r for r in gpb.rows
                                                  if not (r.code and len(r.code) == 7)))
    cut = dataclasses.replace(korla, tables=tuple(shallow if t.id == "gpb" else t
                                                   for t in korla.tables))
    c, _ = _criterion(cut, "detail", [])
    note = next(n for n in c.notes if n.startswith("功能分类到项："))
    done, rows = note.removeprefix("功能分类到项：").removesuffix(" 行").split("/")
    assert int(done) < int(rows)
    assert c.points == Decimal(10) + Decimal(5) * int(done) / int(rows)


def test_machine_readability_loses_for_pages_without_text(korla) -> None:
    scanned = [Finding("parse.page-without-text", "warning", "parse", "第 3 页没有文字层",
                       Location(page=3))]
    c, _ = _criterion(korla, "machine", scanned)
    assert c.points == Decimal("5.00")
    c, _ = _criterion(korla, "machine", [])
    assert c.points == Decimal("10.00")


def test_score_command_prints_each_criterion_and_a_csv_row(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from yusuan.cli.main import app

    result = CliRunner().invoke(app, ["score", str(KORLA)])
    assert result.exit_code == 0, result.output
    assert "公开度" in result.output and "完整性" in result.output and "不评" in result.output
    result = CliRunner().invoke(app, ["score", str(KORLA), "--format", "csv"])
    header, row = result.output.lstrip("\ufeff").splitlines()
    assert header == "input,department,year,edition,total,completeness,timeliness,consistency,detail,machine"
    assert row.split(",")[1:4] == ["库尔勒市人民政府办公室", "2024", "部门预算"]


def test_score_command_scores_the_stored_disclosures(tmp_path: Path, korla) -> None:
    from typer.testing import CliRunner

    from yusuan.cli.main import app
    from yusuan.model.serialize import disclosure_to_data

    doc = tmp_path / "korla.json"
    doc.write_text(json.dumps(disclosure_to_data(korla), ensure_ascii=False), encoding="utf-8")
    db = str(tmp_path / "y.db")
    assert CliRunner().invoke(app, ["ingest", str(doc), "--db", db]).exit_code == 0
    result = CliRunner().invoke(app, ["score", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    [one] = json.loads(result.output)
    assert one["department"] == "库尔勒市人民政府办公室"
    assert [c["key"] for c in one["criteria"]] == ["completeness", "timeliness", "consistency", "detail", "machine"]
    assert one["criteria"][0]["points"] == "40.00"


FINAL_2024 = KORLA.parent / "synthetic-final-2024"


@pytest.fixture(scope="module")
def final() -> Disclosure:
    return build_disclosure(FINAL_2024)


def _without(d: Disclosure, word: str) -> Disclosure:
    """``d`` without the Part 3 paragraphs that mention ``word``."""
    sections = tuple(dataclasses.replace(s, paragraphs=tuple(
        p for p in s.paragraphs if word not in "".join(x.text for x in p)))
        for s in d.narrative)
    return dataclasses.replace(d, narrative=sections)


def test_a_final_is_scored_on_the_final_accounts_topics(final) -> None:
    """The synthetic 部门决算 covers every 决算 topic: 40; without its 机关运行经费 paragraph
    36 (4 points), without the “三公” reasons 36; the budget's topics are not asked of it."""
    full, whole = _criterion(final, "completeness")
    assert full.points == Decimal("40.00") and whole.total == Decimal("100.00")
    assert "部门决算公开模板" in full.source
    cost, _ = _criterion(_without(final, "机关运行经费"), "completeness")
    assert cost.points == Decimal("36.00") and "未说明机关运行经费" in cost.notes
    reasons, _ = _criterion(_without(final, "原因"), "completeness")
    assert reasons.points == Decimal("36.00")
    assert "未说明“三公”经费及与预算差异原因" in reasons.notes
    bare, _ = _criterion(dataclasses.replace(final, narrative=(), glossary=()), "completeness")
    assert bare.points == Decimal("20.00") and len(bare.notes) == 1 + 6


def test_a_final_without_its_item_by_item_explanation_loses_detail(final) -> None:
    full, _ = _criterion(final, "detail")
    assert full.points == Decimal("15.00") and "逐项说明年初预算与决算" in full.notes
    less, _ = _criterion(_without(final, "（项）"), "detail")
    assert less.points == Decimal("10.00") and "没有逐项说明年初预算与决算" in less.notes
