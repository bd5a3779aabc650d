"""Bad lines.csv input: exit code 2, one message naming the file, the line and the column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.derive.conftest import SYNTHETIC
from yusuan.cli.main import app

runner = CliRunner()
HEADER = "预算单位,资金来源,功能分类科目编码,经济分类科目编码,支出类型,项目名称,金额"
GOOD = "某市示例局机关,一般公共预算,2120101,30101,人员经费,,1000.00"


def source(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(SYNTHETIC / "budget.yaml", folder / "budget.yaml")
    text = "\n".join(["# 注释行", header, GOOD, *lines]) + "\n"
    (folder / "lines.csv").write_text(text, encoding="utf-8")
    return folder


def build(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "-o", str(out), "--format", "json"])
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert not out.exists()
    return result.output


BAD = [
    # (the bad line, the column the message must name, a word of the message)
    ("某市示例局机关,一般公共预算,2120101,30101,人员经费,,一千元", "金额", "不是金额"),
    ("某市示例局机关,一般公共预算,2120101,30101,人员经费,,1000.005", "金额", "最多 2 位"),
    ("某市示例局机关,一般公共预算,2120101,30101,人员经费,,", "金额", "不能为空"),
    ("某市示例局机关,一般公共预算,2120101,30101,人员经费,,-5.00", "金额", "负数"),
    ("某市示例局机关,土地出让金,2120101,30101,人员经费,,5.00", "资金来源", "未知的资金来源"),
    ("某市示例局机关,财政拨款结转,2120101,30101,人员经费,,5.00", "资金来源", "一般公共预算"),
    ("某市示例局机关,一般公共预算,21201A1,30101,人员经费,,5.00", "功能分类科目编码", "7 位"),
    ("某市示例局机关,一般公共预算,21201,30101,人员经费,,5.00", "功能分类科目编码", "项级"),
    ("某市示例局机关,一般公共预算,2120101,301,人员经费,,5.00", "经济分类科目编码", "款级"),
    ("某市示例局机关,一般公共预算,2129898,30101,人员经费,,5.00", "功能分类科目编码",
     "不是 2024 年支出功能分类科目"),
    ("某市示例局机关,一般公共预算,2120101,30198,人员经费,,5.00", "经济分类科目编码",
     "不是 2024 年部门预算支出经济分类科目"),
    ("某市另一局,一般公共预算,2120101,30101,人员经费,,5.00", "预算单位", "overview.units"),
    ("某市示例局机关,一般公共预算,2120101,30227,项目支出,,5.00", "项目名称", "必须填写项目名称"),
    ("某市示例局机关,一般公共预算,2120101,30201,公用经费,办公经费,5.00", "项目名称", "不应填写"),
    ("某市示例局机关,一般公共预算,2120101,30201,基本支出,,5.00", "支出类型", "人员经费"),
]


@pytest.mark.parametrize(("line", "column", "words"), BAD, ids=[b[2] for b in BAD])
def test_bad_value_names_file_line_and_column(tmp_path, line, column, words):
    folder = source(tmp_path, line)
    message = build(folder, tmp_path)
    assert f"{folder / 'lines.csv'}:4" in message  # comment, header, good line, bad line
    assert f"字段 {column}" in message
    assert words in message


def test_english_header_is_named_as_written(tmp_path):
    header = "unit,fund_source,functional_code,economic_code,kind,project,amount"
    folder = source(tmp_path, "某市示例局机关,gpb,2120101,30101,personnel,,1.2.3", header=header)
    message = build(folder, tmp_path)
    assert ":4：字段 amount：" in message


def test_unknown_and_missing_columns(tmp_path):
    folder = source(tmp_path, header=HEADER.replace("金额", "数额"))
    message = build(folder, tmp_path)
    assert "lines.csv:2" in message and "未知的列“数额”" in message
    folder.joinpath("lines.csv").write_text("预算单位,资金来源\n", encoding="utf-8")
    assert "缺少列：功能分类科目编码、经济分类科目编码、支出类型、金额" in build(folder, tmp_path)


def test_neither_utf8_nor_gbk_and_empty(tmp_path):
    folder = source(tmp_path)
    (folder / "lines.csv").write_bytes(HEADER.encode("gbk") + b"\n\xff\xfe,1\n")
    said = build(folder, tmp_path)
    assert "lines.csv:2" in said and "既不是 UTF-8 也不是 GBK" in said
    (folder / "lines.csv").write_text("# 只有注释\n", encoding="utf-8")
    assert "文件是空的" in build(folder, tmp_path)


def test_gbk_as_excel_saves_it_reads_as_utf8(tmp_path):
    """Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK: read as the same lines."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    utf8, gbk = source(tmp_path / "a"), source(tmp_path / "b")
    (gbk / "lines.csv").write_bytes((utf8 / "lines.csv").read_text(encoding="utf-8").encode("gbk"))
    outs = []
    for folder in (utf8, gbk):
        out = folder.parent / "out"
        result = runner.invoke(app, ["build", str(folder), "-o", str(out), "-f", "csv"])
        assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output
        outs.append((out / "cells.csv").read_text(encoding="utf-8-sig"))
    assert outs[0] == outs[1] and "1000.00" in outs[0]
