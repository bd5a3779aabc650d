"""Part 3 figures about wholes (收入/支出 totals, the “三公” items, 机关运行经费) refer to
their table cells, so the checker holds them against the tables — and finds a changed cell."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.checks.helpers import findings_of, set_cell
from tests.conftest import FIXTURES, SEED_TEXT
from yusuan.model.disclosure import Disclosure
from yusuan.parse import parse_file

COMMERCE = "shanghai-putuo-commerce-commission-2025-dept-budget.pdf"
WANLI = "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf"
JIANGSU = "jiangsu-provincial-procuratorate-2019-dept-budget.pdf"


@pytest.fixture(scope="module")
def parsed() -> dict[str, Disclosure]:
    out = {name: parse_file(FIXTURES / name)[0] for name in (COMMERCE, WANLI, JIANGSU)}
    out["seed"] = parse_file(SEED_TEXT)[0]
    return out


def _refs(d: Disclosure) -> dict[tuple[str | None, str | None, str | None], Decimal | None]:
    """(table, row key, column) → stated amount, for facts referring to a keyed row."""
    return {(f.ref_table, f.ref_row, f.ref_column): f.amount
            for s in d.narrative for x in s.sentences() for f in x.facts if f.ref_row}


@pytest.mark.parametrize(("doc", "cells"), [
    (COMMERCE, {
        ("summary", "income.total", "amount"): "37151.47",  # 收入预算37,151.47万元
        ("summary", "income.fiscal", "amount"): "37151.47",  # 其中：财政拨款收入
        ("expenditure", "total", "total"): "37151.47",  # 支出预算
        ("appropriation", "expenditure.total", "total"): "37151.47",  # 财政拨款支出预算
        ("gpb", "total", "total"): "37151.47",  # 一般公共预算拨款支出预算
        ("three_public", "total", "total"): "1.00",  # “三公”经费预算数
        ("three_public", "total", "abroad"): "0",
        ("three_public", "total", "vehicle"): "0",
        ("three_public", "total", "vehicle.purchase"): "0",
        ("three_public", "total", "vehicle.operation"): "0",
        ("three_public", "total", "reception"): "1.00",
        ("three_public", "total", "operating_cost"): "171.01",  # 机关运行经费预算
    }),
    (WANLI, {
        ("summary", "income.total", "amount"): "16497.86",
        ("summary", "income.fiscal", "amount"): "16497.86",
        ("expenditure", "total", "total"): "16497.86",
        ("three_public", "total", "total"): "22.91",
        ("three_public", "total", "vehicle"): "21.56",  # 公务车购置及运行费
        ("three_public", "total", "vehicle.operation"): "21.56",  # 公务车用车运行费
        ("three_public", "total", "reception"): "1.35",
        ("three_public", "total", "operating_cost"): "786.09",
    }),
    (JIANGSU, {
        ("summary", "income.total", "amount"): "24169.74",  # 收入预算总计
        ("summary", "income.fiscal", "amount"): "24169.74",  # 财政拨款收入预算总计
        ("summary", "income.gpb", "amount"): "24169.74",
        ("appropriation", "income.total", "total"): "24169.74",  # 财政拨款收、支总预算
        ("summary", "expenditure.current_year", "by_use"): "24169.74",  # 本年支出预算合计
        ("expenditure", "total", "total"): "24169.74",  # 支出预算总计
        ("expenditure", "total", "basic"): "15844.04",
        ("expenditure", "total", "reserve"): "3990.4",  # 单位预留机动经费
        ("appropriation_basic", "total", "total"): "15844.04",
        ("gpb", "total", "total"): "24169.74",
        ("gpb_basic", "total", "total"): "15844.04",
        ("three_public", "total", "abroad"): "80",  # 1．因公出国（境）费预算支出80万元
        ("three_public", "total", "vehicle.operation"): "237",
        ("three_public", "total", "meeting"): "158.44",
        ("three_public", "total", "training"): "700",
        ("operating_cost", "total", "total"): "2391.92",
    }),
    ("seed", {
        ("three_public", "total", "total"): "2.40",
        ("three_public", "abroad", "total"): "0.00",  # 新疆: the items are rows
    }),
])
def test_totals_refer_to_their_cells(parsed, doc, cells):
    refs = _refs(parsed[doc])
    assert {k: refs.get(k) for k in cells} == {k: Decimal(v) for k, v in cells.items()}


def test_three_public_shares_of_a_wider_total_refer_to_their_items(parsed):
    """江苏 states 公务接待费 “占‘三公’经费的24.2%”; its table's 合计 adds 会议费 and 培训费, so
    the checker divides by the ``three_public`` column (tests/checks), and the shares refer to
    their item columns like any other “三公” figure."""
    facts = [f for s in parsed[JIANGSU].narrative for x in s.sentences() for f in x.facts
             if f.share is not None and s.key == "three_public"]
    assert [(f.amount, f.share, f.ref_table, f.ref_row, f.ref_column) for f in facts] == [
        (Decimal("80"), Decimal("19.1"), "three_public", "total", "abroad"),
        (Decimal("237"), Decimal("56.7"), "three_public", "total", "vehicle"),
        (Decimal("101.26"), Decimal("24.2"), "three_public", "total", "reception")]


@pytest.mark.parametrize(("doc", "table", "column", "key", "value"), [
    (WANLI, "three_public", "reception", "total", "2.35"),
    (COMMERCE, "three_public", "operating_cost", "total", "170.01"),
    (WANLI, "summary", "amount", "income.fiscal", "164988640"),
    (JIANGSU, "operating_cost", "total", "total", "2400.00"),
    (JIANGSU, "expenditure", "reserve", "total", "3999.40"),
])
def test_checker_holds_the_text_against_the_cell(parsed, doc, table, column, key, value):
    assert not findings_of(parsed[doc], "narrative.amount-eq-table") or doc == JIANGSU
    before = {f.message for f in findings_of(parsed[doc], "narrative.amount-eq-table")}
    changed = set_cell(parsed[doc], table, column, value, key=key)
    after = [f for f in findings_of(changed, "narrative.amount-eq-table")
             if f.message not in before]
    assert after and {f.severity for f in after} == {"error"}


def test_a_list_of_named_amounts_gives_one_fact_each(parsed):
    """新疆 说明十: ``其中：因公出国（境）费0.00万元，公务用车购置费0.00万元，…``."""
    sentence = next(x for s in parsed["seed"].narrative if s.key == "three_public"
                    for x in s.sentences() if "其中" in x.text)
    assert [(f.subject, f.amount, f.ref_row) for f in sentence.facts] == [
        ("库尔勒市人民政府办公室2024年财政拨款“三公”经费预算数", Decimal("2.40"), "total"),
        ("因公出国(境)费", Decimal("0.00"), "abroad"),
        ("公务用车购置费", Decimal("0.00"), "vehicle.purchase"),
        ("公务用车运行费", Decimal("2.40"), "vehicle.operation"),
        ("公务接待费", Decimal("0.00"), "reception")]


def test_part1_units_listed_under_the_organisation(parsed):
    """上海: ``本部门中，行政单位1家，参公单位1家，事业单位4家，具体包括：`` + numbered units
    (a wrapped item continues on the next line; the unit is the item up to its comma)."""
    wanli = parsed[WANLI].overview
    assert wanli.units == (
        "上海市普陀区人民政府万里街道办事处(本部)", "上海市普陀区万里街道社区事务受理服务中心",
        "上海市普陀区万里街道社区党群服务中心", "上海市普陀区万里街道城市运行管理中心",
        "上海市普陀区万里街道经济发展服务中心", "上海市普陀区万里街道综合行政执法队")
    assert (wanli.admin_unit_count, wanli.institution_unit_count) == (1, 5)  # 参公 is 事业
    commerce = parsed[COMMERCE].overview
    assert commerce.units == ("商务委本部", "上海市普陀区中小企业服务中心")
    assert (commerce.admin_unit_count, commerce.institution_unit_count) == (1, 1)
    assert parsed[JIANGSU].overview.units == (
        "江苏省人民检察院本级", "南京铁路运输检察院", "徐州铁路运输检察院")
    assert not findings_of(parsed[WANLI], "overview.unit-count-eq-units")


def test_class_named_as_printed_with_its_level(parsed):
    """江苏 说明一: ``1．公共安全（类）支出16,593.12万元`` (the row prints 公共安全支出). 说明一
    is about the whole budget: the 类 is the 收支总表's row of that name (in 2017 it holds 15
    万元 of 其他资金 that the 一般公共预算 table does not: 13,656.34 against 13,641.34)."""
    facts = [f for s in parsed[JIANGSU].narrative for x in s.sentences() for f in x.facts
             if f.subject == "公共安全"]
    assert [(f.ref_table, f.ref_code, f.ref_column, f.amount) for f in facts] == [
        ("summary", "204", "amount", Decimal("16593.12"))]


def test_running_head_is_not_glued_into_a_sentence_cut_by_a_page_break():
    from yusuan.parse.lines import Cell, Line
    from yusuan.parse.narrative import read_narrative

    def line(page: int, top: float, text: str) -> Line:
        return Line(cells=(Cell(text, 50, 50 + 10 * len(text), top),), page=page, top=top)

    head = "甲部门2024年部门预算公开"
    lines = (line(1, 10, head), line(1, 40, "第三部分 2024年部门预算情况说明"),
             line(1, 60, "一、关于基本支出的说明"),
             line(1, 80, "甲部门2024年一般公共预算基本支出 10.00 万元，其中："),
             line(2, 10, head), line(2, 40, "人员经费 8.00 万元，公用经费 2.00 万元。"),
             line(3, 10, head), line(3, 40, "二、其他说明"), line(3, 60, "无其他 0 万元事项。"))
    sections = read_narrative(lines, [])
    subjects = [f.subject for s in sections for x in s.sentences() for f in x.facts]
    assert subjects[:3] == ["甲部门2024年一般公共预算基本支出", "人员经费", "公用经费"]


def test_comparison_shapes_of_each_region() -> None:
    """What a clause compares with, read from its parts (not whole-sentence matches)."""
    from yusuan.parse.fact_shapes import comparison, rate

    # 上海 item sentence: two year-labelled figures, compared with last year's execution
    c = comparison("2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70 %")
    assert c is not None and (c.base_year, c.basis, c.prior, c.current) == (
        2022, "执行数", ("1.48", "万元"), ("2.63", "万元"))
    # 上海 说明一, with a note in brackets; the change is not a base figure
    c = comparison("财政拨款收入16497.86万元，比2022年（上一年度，下同）预算增加1421.25万元")
    assert c is not None and (c.base_year, c.basis, c.prior) == (2022, "预算", None)
    # the base figure printed after the year named
    c = comparison("2024年预算1434.89万元，比2023年预算1690.69万元减少255.80万元，减少1.10%")
    assert c is not None and c.prior == ("1690.69", "万元") and c.base_year == 2023
    # 江苏 / 新疆: 与上年相比, 比上年
    c = comparison("支出1442.74万元，与上年相比增加368.97万元")
    assert c is not None and (c.base_year, c.basis) == (None, "预算")
    assert comparison("主要用于统计管理。") is None
    assert rate("增加34.38 %") == Decimal("34.38") and rate("减少4.83%") == Decimal("-4.83")
    assert rate("增加1421.25万元") is None


def test_item_sentence_states_this_years_figure_and_its_base() -> None:
    from yusuan.parse.narrative import facts

    [f] = facts("2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，比2022年预算执行数增加60.54%。",
                "gpb", {})
    assert (f.amount, f.prior, f.rate, f.base_year, f.basis) == (
        Decimal("441.25"), Decimal("132.59"), Decimal("60.54"), 2022, "执行数")
    assert f.subject == "2023年预算安排"


def test_split_publication_narrative_is_read_and_names_its_rows() -> None:
    """江苏省政协办公厅 2018, narrative PDF + tables PDF: Part 3's heading is followed by
    “一、收支预算总体情况说明” and “本表（公开01表）反映…” (no figure for lines), and its income
    lines name their own rows: “（2）政府性基金收入预算 0 万元”, “财政专户管理资金收入预算总计
    0 万元” (not the 收入预算总计 10,150.48)."""
    from yusuan.parse import parse_files

    base = FIXTURES / "jiangsu-cppcc-office-2018-dept-budget"
    d, _ = parse_files([f"{base}.part1-narrative.pdf", f"{base}.part2-tables.pdf"])
    assert len(d.narrative) >= 10 and d.narrative[0].key == "overview"
    refs = {f.subject: (f.ref_row, f.amount) for s in d.narrative for x in s.sentences()
            for f in x.facts}
    # their rows are blank in the 收支总表: nothing to hold them against, and not the total
    assert refs["(2)政府性基金收入预算"] == (None, Decimal("0"))
    assert refs["财政专户管理资金收入预算总计"] == (None, Decimal("0"))
    assert refs["财政拨款收入预算总计"][0] == "income.fiscal"
    assert refs["其他资金收入预算总计"] == ("income.other", Decimal("80"))
    assert [f for f in findings_of(d, "narrative.amount-eq-table")
            if f.severity == "error" and f.actual == Decimal("0")] == []


def test_empty_table_notes_belong_to_their_tables(parsed) -> None:
    """上海: “注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。” under 表6 and
    表7; the tables with amounts carry no note."""
    notes = {t.id: t.empty_statement for t in parsed[COMMERCE].tables}
    assert notes["gov_fund"] and "政府性基金" in notes["gov_fund"]
    assert notes["state_capital"] and "国有资本经营" in notes["state_capital"]
    assert all(note is None for tid, note in notes.items()
               if tid not in ("gov_fund", "state_capital"))


def test_a_comparing_sentence_gives_its_change_to_the_figure_before_it() -> None:
    """江苏 2019: “1.一般公共服务（类）支出 10,271.56 万元，主要用于…。与上年相比增加 2,444.1
    万元，增长 31.22%。” — the change and rate are the 类's; a figure stating its own keeps it."""
    from yusuan.model.disclosure import Sentence
    from yusuan.parse.fact_shapes import carry_comparisons
    from yusuan.parse.narrative import facts

    texts = ("1.一般公共服务（类）支出 10,271.56 万元，主要用于单位行政运行。",
             "与上年相比增加 2,444.1 万元，增长 31.22%。",
             "项目支出预算数为 5533 万元，与上年相比减少 20 万元，减少 0.36 %。",
             "与上年相比增加 1 万元。")
    out = carry_comparisons(tuple(Sentence(t, facts(t, "overview", {})) for t in texts))
    [first] = out[0].facts
    assert (first.amount, first.change, first.rate) == (
        Decimal("10271.56"), Decimal("2444.1"), Decimal("31.22"))
    assert out[1].facts == ()
    [third] = out[2].facts
    assert (third.change, third.rate) == (Decimal("-20"), Decimal("-0.36"))  # its own, kept


def test_a_carry_over_of_last_year_is_no_base_figure() -> None:
    from yusuan.parse.fact_shapes import comparison

    assert comparison("2025年收入预算100.00万元，其中2024年结转结余20.00万元") is None
