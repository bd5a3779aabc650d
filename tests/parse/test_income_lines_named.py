"""A 收入 line named in Part 3 as its table prints it refers to that line
(``fact_refs.total_ref``): 单位资金 and its kind had no cell, so its amount and share went
unchecked in every document that has 单位资金."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.disclosure import Column, Row, Table
from yusuan.model.money import Unit
from yusuan.parse.fact_refs import total_ref

D = Decimal
SUMMARY = Table(id="summary", title="部门收支总体情况表", unit=Unit.WAN,
                columns=(Column("amount", ("金额",), section="income"),), rows=(
    Row("1. 一般公共预算拨款", {"amount": D("100")}, key="income.gpb", section="income"),
    Row("5. 单位资金", {"amount": D("17.43")}, key="income.unit_funds", section="income"),
    Row("其中：事业收入", {"amount": D("17.43")}, key="income.unit_funds.business",
        section="income"),
    Row("2、非财政拨款结转结余", {"amount": D("1.25")}, key="income.carryover.nonfiscal",
        section="income"),
    Row("单位资金", {"amount": D("1.25")}, key="income.carryover.nonfiscal.unit_funds",
        section="income")))
APPROPRIATION = Table(id="appropriation", title="财政拨款收支总体情况表", unit=Unit.WAN,
                      columns=(Column("total", ("合计",)),), rows=(
    Row("政府性基金预算", {"total": D("7.53")}, key="income.gov_fund", section="income"),
    Row("国有资本经营预算", {}, key="income.state_capital", section="income")))
TABLES = {"summary": SUMMARY, "appropriation": APPROPRIATION}


def test_a_line_named_as_printed_is_that_line_the_outermost_first() -> None:
    assert total_ref("单位资金", "income", TABLES) == ("summary", "income.unit_funds", "amount")
    assert total_ref("本部门单位资金", "overview", TABLES) == (
        "summary", "income.unit_funds", "amount")
    assert total_ref("非财政拨款结转结余", "carryover", TABLES) == (
        "summary", "income.carryover.nonfiscal", "amount")
    assert total_ref("政府性基金预算拨款", "appropriation", TABLES) == (
        "appropriation", "income.gov_fund", "total")


def test_no_line_is_taken_for_another_or_for_a_blank_cell() -> None:
    assert total_ref("单位资金", "expenditure", TABLES) is None  # not a 收入 clause
    assert total_ref("国有资本经营预算拨款", "appropriation", TABLES) is None  # printed blank
    assert total_ref("资金", "income", TABLES) is None  # too short to name a line
