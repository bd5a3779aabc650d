"""A printed figure out of range (more than 10^15 元) is not read as an amount: the cell is
blank, with an error finding naming the file, page and table (never ``InvalidOperation``)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED_TEXT
from yusuan.checks.run import check_disclosure
from yusuan.parse.dispatch import parse_file


def test_absurd_figure_is_a_located_finding(tmp_path: Path):
    text = SEED_TEXT.read_text(encoding="utf-8")
    huge = "9" * 30 + ".00"
    source = tmp_path / "seed.txt"
    source.write_text(text.replace("一、本年收入\t1,491.86", f"一、本年收入\t{huge}", 1),
                      encoding="utf-8")
    disclosure, findings = parse_file(source)
    bad = [f for f in findings if f.rule_id == "parse.amount-invalid"]
    assert len(bad) == 1 and bad[0].severity == "error"
    assert bad[0].location.file == str(source) and bad[0].location.table
    assert "超出范围" in bad[0].message
    crashed = [f for f in check_disclosure(disclosure) if f.category == "internal"]
    assert crashed == []  # the checks run over the rest without an exception


def test_digit_runs_too_long_for_int_are_not_numbers(tmp_path: Path):
    """Found by the fuzz run: a 5,000-digit run in a table row or a staffing sentence made
    ``int()`` raise (Python refuses more than 4,300 digits)."""
    digits = "9" * 5000
    text = SEED_TEXT.read_text(encoding="utf-8").replace(
        "一、本年收入\t1,491.86", f"{digits}\t{digits}\n一、本年收入\t1,491.86", 1)
    source = tmp_path / "seed.txt"
    source.write_text(text.replace("编制数 45，", f"编制数 {digits}，", 1), encoding="utf-8")
    disclosure, _findings = parse_file(source)
    assert disclosure.overview.staffing.authorized is None  # no count, not its first digits
    assert disclosure.overview.staffing.actual == 86
