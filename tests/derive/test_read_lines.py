"""Reading lines.csv: header aliases, ignored name columns, BOM, comments, exact 元 → 万元."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from yusuan.derive.lines import read_lines
from yusuan.model.money import Unit


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "lines.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_chinese_headers_name_columns_and_comments(tmp_path):
    path = write(tmp_path, (
        "# 说明\n"
        "\n"
        "预算单位,资金来源,功能分类科目编码,功能分类科目名称,经济分类科目编码,经济分类科目名称,"
        "支出类型,项目名称,金额（元）,备注\n"
        "甲单位,事业收入,201 03 01,行政运行,30201,办公费,公用经费,,\"1,234.56\",自有资金\n"
        "甲单位,一般公共预算,2010399,其他,30227,委托业务费,项目支出,乙项目,0.01,\n"
    ), encoding="utf-8-sig")
    first, second = read_lines(path, unit=Unit.WAN)
    assert (first.unit, first.fund_source, first.functional_code, first.economic_code,
            first.kind, first.project) == ("甲单位", "unit_funds.business", "2010301", "30201",
                                           "public_funds", None)
    assert first.amount == Decimal("0.123456")
    assert first.origin is not None and first.origin.line == 4
    assert second.amount == Decimal("0.000001") and second.project == "乙项目"


def test_yuan_budget_keeps_yuan(tmp_path):
    path = write(tmp_path, "unit,fund_source,functional_code,economic_code,kind,amount\n"
                           "甲,gpb,2010301,30101,personnel,100\n")
    (line,) = read_lines(path, unit=Unit.YUAN)
    assert line.amount == Decimal("100")
