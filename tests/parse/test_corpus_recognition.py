"""Every corpus PDF: all its tables recognised, with the edition and the printed number, and
no recognition finding (unread table, missing table, amounts without a column).

The expected tables of each document were listed by reading its pages (``pdftotext -layout``),
not from the parser: the Shanghai documents print 9 tables (部门 and 单位 editions alike), the
Jiangsu ones 12, under three title styles (``一、…`` 2017, ``公开01表：…`` 2018/2019, ``表一`` +
title in the split publications). The amounts checked below were read off the same pages.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import FIXTURES
from yusuan.parse import parse_file

SHANGHAI = ("summary", "income", "expenditure", "appropriation", "gpb", "gov_fund",
            "state_capital", "gpb_basic", "three_public")
JIANGSU = ("summary", "income", "expenditure", "appropriation", "appropriation_functional",
           "appropriation_basic", "gpb", "gpb_basic", "three_public", "gov_fund",
           "operating_cost", "procurement")
# 2017: 政府性基金 is 表七 (before 一般公共预算), 三公 is 十一 (after 机关运行经费)
JIANGSU_2017 = ("summary", "income", "expenditure", "appropriation", "appropriation_functional",
                "appropriation_basic", "gov_fund", "gpb", "gpb_basic", "operating_cost",
                "three_public", "procurement")
CPPCC_2017 = JIANGSU_2017
# 2018 cppcc prints 三公 (公开09表) before 政府性基金 (公开10表), as the 2019 documents do
DOCS = {
    "shanghai-putuo-commerce-commission-2025-dept-budget": ("部门预算", SHANGHAI, None),
    "shanghai-putuo-wanli-subdistrict-2023-dept-budget": ("部门预算", SHANGHAI, None),
    "shanghai-putuo-government-office-2025-dept-budget": ("部门预算", SHANGHAI, None),
    "shanghai-putuo-government-office-2025-unit-budget": ("单位预算", SHANGHAI, None),
    "shanghai-putuo-finance-bureau-2025-dept-budget": ("部门预算", SHANGHAI, None),
    "jiangsu-provincial-procuratorate-2017-dept-budget": (
        "部门预算", JIANGSU_2017, ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                "十一", "十二")),
    "jiangsu-provincial-procuratorate-2018-dept-budget": (
        "部门预算", JIANGSU, tuple(f"公开{n:02d}表" for n in range(1, 13))),
    "jiangsu-provincial-procuratorate-2019-dept-budget": (
        "部门预算", JIANGSU, tuple(f"公开{n:02d}表" for n in range(1, 13))),
    "jiangsu-cppcc-office-2017-dept-budget.part2-tables": (
        "部门预算", CPPCC_2017, ("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八",
                              "表九", "表十", "表十一", "表十二")),
    "jiangsu-cppcc-office-2018-dept-budget.part2-tables": (
        "部门预算", JIANGSU, tuple(f"公开{n:02d}表" for n in range(1, 13))),
    "jiangsu-cppcc-office-2019-dept-budget.part2-tables": ("部门预算", JIANGSU, None),
}
RECOGNITION = ("parse.table-missing", "parse.table-unrecognised", "parse.table-repeated",
               "parse.columns-mismatch", "parse.amount-without-column",
               "parse.header-unrecognised", "parse.code-invalid")


def _named(table, name):
    (row,) = [r for r in table.rows if r.name == name]
    return row


@pytest.fixture(scope="module", params=sorted(DOCS))
def parsed(request):
    name = request.param
    return name, *parse_file(FIXTURES / f"{name}.pdf")


def test_every_table_is_recognised_in_print_order(parsed):
    name, disclosure, findings = parsed
    edition, ids, numbers = DOCS[name]
    assert [t.id for t in disclosure.tables] == list(ids)
    assert disclosure.edition == edition
    assert disclosure.unread_tables == ()
    assert [f.message for f in findings if f.rule_id in RECOGNITION] == []
    if numbers:
        assert tuple(t.number for t in disclosure.tables) == numbers


def test_unit_edition_summary_splits_basic_expenditure():
    """预算单位财务收支预算总表: 本年支出 合计 | 基本支出 (人员经费, 公用经费) | 项目支出."""
    d, _ = parse_file(FIXTURES / "shanghai-putuo-government-office-2025-unit-budget.pdf")
    summary = d.table("summary")
    row = _named(summary, "一、一般公共服务支出")
    assert dict(row.values) == {"amount": Decimal("82096797.42"),
                                "personnel": Decimal("13819399.88"),
                                "public_funds": Decimal("1867397.54"),
                                "project": Decimal("66410000.00")}
    total = summary.row(key="expenditure.total", section="expenditure")
    assert total.value("public_funds") == Decimal("2132777.54")
    assert summary.row(key="income.gpb", section="income").name == "1、一般公共预算资金"
    assert d.table("income").row(code="2010350").value("total") == Decimal("3807295.58")
    assert d.table("expenditure").row(code="2010301").value("project") == Decimal("110000.00")


def test_three_public_by_columns():
    """“三公”经费、会议费、培训费 printed as one row under a three-level header whose
    公务用车购置费 / 公务用车运行维护费 labels touch (one word to the PDF reader)."""
    d, _ = parse_file(FIXTURES / "jiangsu-cppcc-office-2018-dept-budget.part2-tables.pdf")
    (row,) = d.table("three_public").rows
    assert {k: str(v) for k, v in row.values.items()} == {
        "total": "1656.86", "three_public": "675.10", "abroad": "106.00", "vehicle": "156.60",
        "vehicle.operation": "156.60", "reception": "412.50", "meeting": "884.16",
        "training": "97.60"}
    d, _ = parse_file(FIXTURES / "jiangsu-provincial-procuratorate-2017-dept-budget.pdf")
    (row,) = d.table("three_public").rows  # its title is wrapped over two lines
    assert row.value("vehicle.purchase") == Decimal("50.00")
    assert row.value("training") == Decimal("700.00")
    assert d.table("operating_cost").total.value("total") == Decimal("6032.55")


def test_right_aligned_figure_under_a_centred_label_and_a_glued_label():
    d, _ = parse_file(FIXTURES / "shanghai-putuo-finance-bureau-2025-dept-budget.pdf")
    (row,) = d.table("three_public").rows
    assert dict(row.values) == {"total": Decimal("0.95"), "reception": Decimal("0.95"),
                                "operating_cost": Decimal("229.43")}
    d, _ = parse_file(FIXTURES / "shanghai-putuo-government-office-2025-dept-budget.pdf")
    appropriation = d.table("appropriation")
    gpb = appropriation.row(key="income.gpb", section="income")
    assert gpb.value("total") == Decimal("91016775.35")
    assert _named(appropriation, "一、一般公共服务支出").value("gpb") == Decimal("82096797.42")
