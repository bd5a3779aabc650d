"""An empty table's statement is never read as a row: where “…办公室 2025 年没有使用国有资本经营
预算拨款安排的支出，…为空表。” wraps over two printed lines, the year 2025 on the first is not
an amount of 2,025.00 (the tables are empty; the year is the budget year)."""

from __future__ import annotations

from yusuan.model.profiles import load_profile
from yusuan.parse.blocks import find_blocks, opens_statement
from yusuan.parse.text import text_lines

DEPARTMENT = "新疆维吾尔自治区巴音郭楞蒙古自治州库尔勒市人民政府办公室"
PRINTED = "\n".join([
    "国有资本经营预算支出情况表",
    f"编制部门：{DEPARTMENT}\t单位：万元",
    "科目\t国有资本经营预算支出",
    "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出",
    f"{DEPARTMENT}\t2025\t年没有使用国",  # the statement, wrapped by the page width
    "有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。",
    "上年结转结余情况明细表",
    f"编制部门：{DEPARTMENT}\t单位：万元",
    "项目名称\t总计",
    "某项目\t30.00",
])


def test_a_wrapped_empty_table_statement_is_the_statement_not_a_row() -> None:
    blocks = find_blocks(text_lines(PRINTED), load_profile("xinjiang-11"))
    empty = next(b for b in blocks if b.layout.id == "state_capital")
    assert empty.statement is not None and empty.statement.endswith("为空表。")
    assert "2025" in empty.statement
    assert not any("2025" in line.label for line in empty.lines)


def test_a_row_whose_figures_are_amounts_is_not_a_statement() -> None:
    row, statement = text_lines("某项目\t2025\t30.00\n某部门没有使用国有资本经营预算拨款安排的支出，为空表。")
    assert not opens_statement(row, statement)


def test_a_wrapped_section_heading_keeps_its_subheading_apart() -> None:
    """``五、关于…办公室 2025 年`` / ``一般公共预算当年拨款情况说明`` is one heading; the
    ``（一）…规模变化情况`` under it is the first subheading, not more of the title."""
    from yusuan.parse.lines import Cell, Line
    from yusuan.parse.paragraphs import paragraphs

    def pdf_line(text: str, top: float) -> Line:
        return Line(cells=(Cell(text, 62.0, 500.0, top),), page=18, top=top)

    printed = (f"五、关于{DEPARTMENT} 2025 年", "一般公共预算当年拨款情况说明",
               "（一）一般公共预算当年拨款规模变化情况")
    got = paragraphs(tuple(pdf_line(t, 100.0 + 20 * i) for i, t in enumerate(printed)))
    assert got == [(f"五、关于{DEPARTMENT} 2025 年一般公共预算当年拨款情况说明", True),
                   ("（一）一般公共预算当年拨款规模变化情况", False)]
