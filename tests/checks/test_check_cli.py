"""``yusuan check`` and ``yusuan rules`` as a user runs them: output formats, per-file summary,
exit codes 0 (no error) / 1 (errors) / 2 (unusable input)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from tests.checks.helpers import set_cell
from tests.conftest import KORLA, SEED_TEXT
from yusuan.cli.main import app
from yusuan.model.disclosure import Disclosure
from yusuan.model.serialize import disclosure_to_data

runner = CliRunner()


def _json_file(d: Disclosure, path: Path) -> Path:
    path.write_text(json.dumps(disclosure_to_data(d), ensure_ascii=False), encoding="utf-8")
    return path


def test_clean_source_folder_exits_0_with_a_summary() -> None:
    result = runner.invoke(app, ["check", str(KORLA)])
    assert result.exit_code == 0, result.output
    assert "gpb_basic.insurance-eq-functional [警告]" in result.output
    assert "错误 0 个" in result.output


def test_errors_exit_1_and_are_printed_file_page_rule(korla_disclosure: Disclosure,
                                                      tmp_path: Path) -> None:
    broken = set_cell(korla_disclosure, "gpb_basic", "total", "1000.00", key="total")
    broken = dataclasses.replace(broken, source=None)
    path = _json_file(broken, tmp_path / "broken.json")
    result = runner.invoke(app, ["check", str(path), "--level", "error"])
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "total-eq-gpb.basic" in x)
    # the wrong 总计 shows in three rules: one line, the root, naming the other two
    assert line.startswith(f"{path}: gpb_basic.row-total-eq-columns [错误] ")
    assert "同一差额还见于 2 处" in line and "[gpb_basic.total-eq-classes]" in line
    assert "[提示]" not in result.output


def test_json_format_lists_findings_with_design_fields(korla_disclosure: Disclosure,
                                                      tmp_path: Path) -> None:
    path = _json_file(korla_disclosure, tmp_path / "korla.json")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    share = next(f for f in data if f["rule_id"] == "narrative.share-eq-computed")
    assert share["severity"] == "warning"
    assert share["expected"] == "56.24" and share["actual"] == "56.25"
    assert share["location"]["table"] == "gpb"


def test_html_report_is_self_contained_and_chinese(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["check", str(KORLA), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "部门预算公开检查报告" in html and "一般公共预算基本支出情况表" in html
    assert "<script" not in html and "http" not in html.split("</style>")[0]
    assert "90.25" in html and "101.64" in html and "11.39" in html  # side by side + difference


def test_a_folder_is_checked_file_by_file(korla_disclosure: Disclosure, tmp_path: Path) -> None:
    _json_file(korla_disclosure, tmp_path / "a.json")
    broken = set_cell(korla_disclosure, "gpb", "total", "900.00", code="201")
    _json_file(broken, tmp_path / "b.json")
    result = runner.invoke(app, ["check", str(tmp_path), "--level", "error"])
    assert result.exit_code == 1
    summaries = [x for x in result.output.splitlines() if "错误" in x and "警告" in x]
    assert len(summaries) == 2 and "错误 0 个" in summaries[0] and "错误 0 个" not in summaries[1]


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2
    assert "bad.json" in result.output
    assert runner.invoke(app, ["check", str(tmp_path / "missing.pdf")]).exit_code == 2


def test_published_text_file_is_parsed_and_checked() -> None:
    result = runner.invoke(app, ["check", str(SEED_TEXT), "--level", "warning"])
    assert result.exit_code == 0, result.output
    assert "库尔勒市人民政府办公室 2024 年" in result.output


def test_rules_lists_the_catalogue() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    assert "gpb_basic.total-eq-gpb.basic" in result.output and "docs/identities.md B07" in result.output
    md = runner.invoke(app, ["rules", "--format", "markdown"])
    assert md.output.startswith("# 检查规则目录")
    data = json.loads(runner.invoke(app, ["rules", "--format", "json"]).output)
    assert {"id", "severity", "category", "title", "source", "tables"} == set(data[0])
    assert Decimal(len(data)) > 80


def test_a_folder_of_source_folders_checks_each_example() -> None:
    from tests.conftest import EXAMPLES

    result = runner.invoke(app, ["check", str(EXAMPLES), "--level", "error"])
    assert result.exit_code == 0, result.output
    assert "库尔勒市人民政府办公室 2024 年" in result.output


def test_reports_say_severity_in_chinese_and_every_amount_with_its_unit(
        korla_disclosure: Disclosure, tmp_path: Path) -> None:
    broken = set_cell(korla_disclosure, "gpb_basic", "total", "1000.00", key="total")
    path = _json_file(dataclasses.replace(broken, source=None), tmp_path / "broken.json")
    text = runner.invoke(app, ["check", str(path)]).output
    assert "[错误]" in text and "[警告]" in text
    assert not any(f"[{s}]" in text for s in ("error", "warning", "info"))
    data = json.loads(runner.invoke(app, ["check", str(path), "--format", "json"]).stdout)
    assert {f["severity"] for f in data} >= {"error", "warning"}  # JSON keeps its codes
    total = next(f for f in data if f["rule_id"] == "gpb_basic.row-total-eq-columns")
    assert total["unit"] == "万元"
    share = next(f for f in data if f["rule_id"] == "narrative.share-eq-computed")
    assert share["unit"] == "%"
    out = tmp_path / "report.html"
    runner.invoke(app, ["check", str(path), "--format", "html", "-o", str(out)])
    html = out.read_text(encoding="utf-8")
    assert "1,000.00 万元" in html and "金额均为表中印制单位" not in html


def test_a_wrong_cell_of_tables_yaml_names_its_line(tmp_path: Path) -> None:
    """A finding about a figure typed in tables.yaml names the line to correct; checking a
    Disclosure JSON made from that folder names the JSON without the folder's line."""
    folder = tmp_path / "src"
    shutil.copytree(KORLA, folder)
    tables = folder / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    wrong = '{code: "20103", name: 政府办公厅（室）及相关机构事务, 合计: "839.02"'
    assert wrong in text
    tables.write_text(text.replace(wrong, wrong.replace("839.02", "939.02"), 1),
                      encoding="utf-8")
    line = 1 + text[:text.index(wrong)].count("\n")
    result = runner.invoke(app, ["check", str(folder), "--level", "error"])
    assert result.exit_code == 1, result.output
    assert f"{tables}:{line}: expenditure.row-total-eq-columns [错误]" in result.output
    from_json = tmp_path / "src.json"
    assert runner.invoke(app, ["parse", str(folder), "-o", str(from_json)]).exit_code in (0, 1)
    again = runner.invoke(app, ["check", str(from_json), "--level", "error"])
    assert f"{from_json}: expenditure.row-total-eq-columns [错误]" in again.output, again.output
