"""``yusuan parse``: JSON and cells CSV, to stdout or a file; several files merge."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from tests.conftest import FIXTURES, SEED_TEXT
from yusuan.cli.main import app
from yusuan.model.serialize import disclosure_from_data


def test_json_to_stdout_loads_back():
    result = CliRunner().invoke(app, ["parse", str(SEED_TEXT)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    disclosure = disclosure_from_data(data)
    assert disclosure.department == "库尔勒市人民政府办公室"
    assert len(disclosure.tables) == 11


def test_csv_to_file(tmp_path):
    out = tmp_path / "cells.csv"
    pdf = FIXTURES / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf"
    result = CliRunner().invoke(app, ["parse", str(pdf), "-o", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"department": "江苏省人民检察院", "year": "2019", "table": "gpb", "section": "",
            "unit": "", "code": "2040401", "name": "行政运行", "project": "",
            "column": "金额", "amount_yuan": "122686200.00", "kind": "budget"} in rows


def test_profile_can_be_forced():
    result = CliRunner().invoke(app, ["parse", str(SEED_TEXT), "--profile", "xinjiang-11",
                                      "-f", "csv"])
    assert result.exit_code == 0
    assert "库尔勒市人民政府办公室,2024,summary,income" in result.stdout


def test_unknown_format():
    result = CliRunner().invoke(app, ["parse", str(SEED_TEXT), "-f", "xml"])
    assert result.exit_code == 2 and "xml" in result.output


def test_several_files_form_one_disclosure(tmp_path):
    """A tables file and a narrative file (Part 1 + Part 3) are merged into one disclosure."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    part2 = text.index("第二部分 2024 年部门预算公开表", 200)
    part3 = text.index("第三部分 2024 年部门预算情况说明", part2)
    (tmp_path / "tables.txt").write_text(text[part2:part3], encoding="utf-8")
    (tmp_path / "narrative.txt").write_text(text[:part2] + text[part3:], encoding="utf-8")
    from yusuan.parse import parse_files

    merged, findings = parse_files([tmp_path / "narrative.txt", tmp_path / "tables.txt"])
    assert len(merged.tables) == 11
    assert merged.section("gpb") is not None and merged.overview.staffing.actual == 86
    assert "parse.narrative-only" in [f.rule_id for f in findings]
    whole = CliRunner().invoke(app, ["parse", str(tmp_path / "tables.txt"),
                                     str(tmp_path / "narrative.txt"), "-f", "csv"])
    assert whole.exit_code == 0
    assert whole.stdout.count("\n") == 279  # header + the seed's 278 printed amounts
