"""Bad source input: one clear message naming file, line and field; exit code 2; no traceback;
nothing written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import KORLA
from yusuan.cli.main import app

runner = CliRunner()


def run_build(source: Path, out: Path):
    result = runner.invoke(app, ["build", str(source), "-o", str(out), "--format", "html,csv,json"])
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    shutil.copytree(KORLA, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


def assert_fails(result, out: Path, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    for fragment in fragments:
        assert fragment in result.output, result.output
    assert not out.exists()


def test_missing_folder(tmp_path):
    out = tmp_path / "out"
    assert_fails(run_build(tmp_path / "nope", out), out, "nope", "源文件夹不存在")


def test_malformed_yaml(source, tmp_path):
    out = tmp_path / "out"
    edit(source / "budget.yaml", "year: 2024", "year: [2024")
    result = run_build(source, out)
    assert_fails(result, out, "budget.yaml:", "YAML 格式错误")


def test_unknown_profile(source, tmp_path):
    out = tmp_path / "out"
    edit(source / "budget.yaml", "profile: xinjiang-11", "profile: xinjiang-12")
    line = line_of(source / "budget.yaml", "profile: xinjiang-12")
    assert_fails(run_build(source, out), out, f"budget.yaml:{line}", "profile", "xinjiang-12",
                 "xinjiang-11")


def test_unknown_table(source, tmp_path):
    out = tmp_path / "out"
    edit(source / "tables.yaml", "gov_fund: []", "gov_funds: []")
    line = line_of(source / "tables.yaml", "gov_funds: []")
    assert_fails(run_build(source, out), out, f"tables.yaml:{line}", "gov_funds", "没有“gov_funds”这张表")


def test_unknown_column(source, tmp_path):
    out = tmp_path / "out"
    edit(source / "tables.yaml", '{code: "30101", name: 基本工资, 合计: "233.46", 人员经费',
         '{code: "30101", name: 基本工资, 合计: "233.46", 人员经费费')
    line = line_of(source / "tables.yaml", "人员经费费")
    assert_fails(run_build(source, out), out, f"tables.yaml:{line}", "gpb_basic[3].人员经费费",
                 "没有“人员经费费”这一栏")


def test_non_numeric_amount(source, tmp_path):
    out = tmp_path / "out"
    edit(source / "tables.yaml", '奖金, 合计: "53.23"', '奖金, 合计: "五十三"')
    line = line_of(source / "tables.yaml", "五十三")
    assert_fails(run_build(source, out), out, f"tables.yaml:{line}", "gpb_basic[5].合计", "不是金额")


def test_more_than_two_decimals(source, tmp_path):
    out = tmp_path / "out"
    edit(source / "tables.yaml", '奖金, 合计: "53.23"', '奖金, 合计: "53.234"')
    line = line_of(source / "tables.yaml", "53.234")
    assert_fails(run_build(source, out), out, f"tables.yaml:{line}", "3 位小数")


def test_float_amount(source, tmp_path):
    out = tmp_path / "out"
    edit(source / "tables.yaml", '奖金, 合计: "53.23"', '奖金, 合计: 53.23')
    line = line_of(source / "tables.yaml", "合计: 53.23")
    assert_fails(run_build(source, out), out, f"tables.yaml:{line}", "浮点数")


def test_float_where_text_needed(source, tmp_path):
    out = tmp_path / "out"
    edit(source / "tables.yaml", '{code: "30101"', "{code: 301.01")
    line = line_of(source / "tables.yaml", "code: 301.01")
    assert_fails(run_build(source, out), out, f"tables.yaml:{line}", "gpb_basic[3].code", "请加引号")


def test_failed_build_keeps_previous_output(source, tmp_path):
    out = tmp_path / "out"
    assert run_build(source, out).exit_code == 0
    before = sorted(p.name for p in out.iterdir())
    edit(source / "tables.yaml", '奖金, 合计: "53.23"', '奖金, 合计: "x"')
    result = run_build(source, out)
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_bad_date(source, tmp_path):
    out = tmp_path / "out"
    edit(source / "budget.yaml", 'published_on: "2024-02-23"', 'published_on: "2024年2月23日"')
    line = line_of(source / "budget.yaml", "published_on:")
    assert_fails(run_build(source, out), out, f"budget.yaml:{line}", "published_on", "YYYY-MM-DD")


@pytest.mark.parametrize(("old", "new", "words"), [
    ("prior_year:", "prior_yeer:", "不认识的键“prior_yeer”，是否应为 prior_year？"),
    ("department:", "departmnet:", "不认识的键“departmnet”，是否应为 department？"),
    # at any depth: the 编制数 would be left out of Part 1, the area out of 国有资产
    ("    authorized:", "    autorized:", "overview.staffing.autorized"),
    ("  house_area:", "  house_aera:", "不认识的键“house_aera”，是否应为 house_area？"),
    ("  - term:", "  - trem:", "是否把 term 写成了“trem”？"),
])
def test_misspelt_key_is_refused_not_ignored(source, tmp_path, old, new, words):
    """A misspelt key of budget.yaml, at the top or nested, would drop what it holds from the
    document without a word (no 比上年 clauses for ``prior_yeer``): refused, naming the line."""
    out = tmp_path / "out"
    edit(source / "budget.yaml", f"\n{old}", f"\n{new}")
    line = line_of(source / "budget.yaml", new.strip())
    assert_fails(run_build(source, out), out, f"budget.yaml:{line}", words)


@pytest.mark.parametrize(("old", "new", "words"), [
    ("\n  functions:", "\n\tfunctions:", "缩进请用空格"),  # a Tab, as an editor may put it
    ("\ndepartment: ", "\ndepartment: 部门: ", "文字中含冒号时请整段加引号"),
])
def test_yaml_mistakes_explained_in_chinese(source, tmp_path, old, new, words):
    out = tmp_path / "out"
    edit(source / "budget.yaml", old, new)
    result = run_build(source, out)
    assert_fails(result, out, "budget.yaml:", "YAML 格式错误", words)
    assert not re.search(r"[a-z]{4,} [a-z]{3,}", result.output), result.output  # no English
