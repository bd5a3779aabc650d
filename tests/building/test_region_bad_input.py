"""Bad input of a region's source: one clear message naming file, line and field; exit code 2;
no traceback; nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from yusuan.cli.main import app

runner = CliRunner()


def _refused(source: Path, out: Path, *needles: str) -> None:
    result = runner.invoke(app, ["build", str(source), "-o", str(out), "-f", "csv"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.output
    assert not out.exists()


@pytest.fixture
def shanghai(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "shanghai-dept-2025", tmp_path / "sh")
    return tmp_path / "sh"


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def test_fund_source_without_a_row_of_table1(shanghai: Path, tmp_path: Path):
    line = _append(shanghai / "lines.csv", "示例局本部,财政专户核拨,2010101,30201,公用经费,,100.00")
    _refused(shanghai, tmp_path / "out", f"lines.csv:{line}", "资金来源", "财政专户",
             "表1 部门财务收支预算总表")


def test_reserve_in_a_profile_without_it(shanghai: Path, tmp_path: Path):
    line = _append(shanghai / "lines.csv", "示例局本部,一般公共预算,2010101,30199,单位预留机动经费,,100.00")
    _refused(shanghai, tmp_path / "out", f"lines.csv:{line}", "单位预留机动经费")


def test_unknown_edition(shanghai: Path, tmp_path: Path):
    path = shanghai / "budget.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("edition: 部门预算", "edition: 区级预算"),
                    encoding="utf-8")
    _refused(shanghai, tmp_path / "out", "budget.yaml", "edition", "区级预算")


def _skeleton_with(tmp_path: Path, profile: str, old: str, new: str) -> Path:
    folder = tmp_path / "src"
    assert runner.invoke(app, ["new", str(folder), "--profile", profile]).exit_code == 0
    path = folder / "tables.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_class_code_not_of_the_year(tmp_path: Path):
    source = _skeleton_with(tmp_path, "shanghai-9", '{code: "201", 预算数', '{code: "299", 预算数')
    _refused(source, tmp_path / "out", "tables.yaml", "299", "类级")


def test_unknown_side_of_a_two_sided_table(tmp_path: Path):
    source = _skeleton_with(tmp_path, "jiangsu-12", "  支出用途:", "  用途:")
    _refused(source, tmp_path / "out", "tables.yaml", "用途", "支出用途")
