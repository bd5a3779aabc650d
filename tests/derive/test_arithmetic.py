"""Tables derived from line items add up exactly (docs/identities.md A/B rules), by construction."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.model.disclosure import Row, Table

ZERO = Decimal(0)


def v(row: Row | None, column: str) -> Decimal:
    assert row is not None
    return row.value(column) or ZERO


def table(budget, table_id: str) -> Table:
    return next(t for t in budget.tables if t.id == table_id)


def children(t: Table, row: Row) -> list[Row]:
    assert row.code is not None
    return [r for r in t.rows if r.code is not None and r.unit == row.unit
            and len(r.code) == len(row.code) + 2 and r.code.startswith(row.code)
            and (r.project is None or len(row.code) == 5)]


@pytest.mark.parametrize("table_id", ["income", "expenditure", "gpb", "gov_fund"])
def test_functional_tables_add_up_per_column(synthetic_budget, table_id):
    t = table(synthetic_budget, table_id)
    classes = [r for r in t.rows if r.kind == "class"]
    assert classes, "the table has rows"
    for c in t.columns:
        assert v(t.total, c.key) == sum((v(r, c.key) for r in classes), ZERO)
        for r in t.rows:
            if r.code is not None and len(r.code) < 7:
                assert v(r, c.key) == sum((v(k, c.key) for k in children(t, r)), ZERO), r.code


def test_expenditure_total_is_basic_plus_project_in_every_row(synthetic_budget):
    for table_id in ("expenditure", "gpb"):
        for r in table(synthetic_budget, table_id).rows:
            assert v(r, "total") == v(r, "basic") + v(r, "project"), (table_id, r.code)


def test_income_columns_add_up_in_every_row(synthetic_budget):
    """A07: c1 = c2 + c9 + c10 + c11 + c12, c2 = c3 + … + c8."""
    fiscal = ("gpb", "gpb_transfer", "gov_fund", "gov_fund_transfer", "state_capital",
              "state_capital_transfer")
    for r in table(synthetic_budget, "income").rows:
        assert v(r, "fiscal") == sum((v(r, k) for k in fiscal), ZERO)
        assert v(r, "total") == sum((v(r, k) for k in ("fiscal", "special_account", "unit_funds",
                                                        "carryover_fiscal",
                                                        "carryover_nonfiscal")), ZERO)


def test_gpb_is_the_general_budget_part_of_expenditure(synthetic_budget):
    """表5 ⊆ 表3: every 表5 code is in 表3, and 表5 = the 一般公共预算 column of 表2."""
    t3, t5, t2 = (table(synthetic_budget, i) for i in ("expenditure", "gpb", "income"))
    for r in t5.rows:
        assert t3.row(code=r.code, key=r.key) is not None
        assert v(r, "total") == v(t2.row(code=r.code, key=r.key), "gpb")
        assert v(r, "total") <= v(t3.row(code=r.code, key=r.key), "total")
    # The example has 单位资金 and 政府性基金: 表3 is more than 表5.
    assert v(t3.total, "total") - v(t5.total, "total") == Decimal("222.64")


def test_basic_and_project_tables_match_gpb(synthetic_budget):
    t5, t6, t7 = (table(synthetic_budget, i) for i in ("gpb", "gpb_basic", "gpb_project"))
    assert v(t6.total, "total") == v(t5.total, "basic") == Decimal("755.85")
    assert v(t6.total, "total") == v(t6.total, "personnel") + v(t6.total, "public_funds")
    assert v(t7.total, "total") == v(t5.total, "project") == Decimal("633.02")
    for r in t5.rows:
        if r.code is not None and len(r.code) == 7:
            projects = [p for p in t7.rows if p.kind == "project" and p.code == r.code]
            assert v(r, "project") == sum((v(p, "total") for p in projects), ZERO), r.code


def test_project_table_groups_by_unit_and_economic_class(synthetic_budget):
    t7 = table(synthetic_budget, "gpb_project")
    units = [r for r in t7.rows if r.kind == "unit"]
    projects = [r for r in t7.rows if r.kind == "project"]
    assert [u.name for u in units] == list(synthetic_budget.overview.units)
    assert len(projects) == 7
    economic = [c.key for c in t7.columns if c.key != "total"]
    for r in t7.rows:
        assert v(r, "total") == sum((v(r, k) for k in economic), ZERO), r.name
    assert v(t7.total, "total") == sum((v(u, "total") for u in units), ZERO)
    for u in units:
        mine = [p for p in projects if p.unit == u.name]
        assert v(u, "total") == sum((v(p, "total") for p in mine), ZERO)
    several = [p.project for p in projects if sum(1 for k in economic if p.value(k)) > 1]
    assert "环卫保洁作业服务" in several


def test_summary_and_appropriation_balance(synthetic_budget):
    t1, t3, t4, t5, t8 = (table(synthetic_budget, i)
                          for i in ("summary", "expenditure", "appropriation", "gpb", "gov_fund"))
    income_total = t1.row(key="income.total", section="income")
    assert v(income_total, "amount") == v(t1.total, "amount") == v(t3.total, "total")
    assert v(income_total, "amount") == Decimal("1611.51")
    classes = [r for r in t1.rows_of("expenditure") if r.kind == "class"]
    assert len(classes) == 30
    assert v(t1.total, "amount") == sum((v(r, "amount") for r in classes), ZERO)
    current = v(t1.row(key="income.current_year"), "amount")
    carryover = v(t1.row(key="income.carryover"), "amount")
    assert current + carryover == v(income_total, "amount")
    assert v(t1.row(key="income.unit_funds"), "amount") == (
        v(t1.row(key="income.unit_funds.business"), "amount")
        + v(t1.row(key="income.unit_funds.other"), "amount"))
    assert v(t4.row(key="income.fiscal"), "total") == (
        v(t4.row(key="income.gpb"), "total") + v(t4.row(key="income.gov_fund"), "total"))
    assert v(t4.total, "gpb") == v(t5.total, "total")
    assert v(t4.total, "gov_fund") == v(t8.total, "total") == Decimal("162.00")
    assert v(t4.total, "total") == v(t4.row(key="income.total", section="income"), "total")


def test_three_public_from_economic_codes(synthetic_budget):
    t10, t6 = table(synthetic_budget, "three_public"), table(synthetic_budget, "gpb_basic")
    row = {r.key: r for r in t10.rows}
    assert v(row["vehicle.purchase"], "total") == Decimal("33.00")  # 31013, a project
    assert v(row["vehicle.operation"], "total") == v(t6.row(code="30231"), "total")
    assert v(row["abroad"], "total") == v(t6.row(code="30212"), "total") == Decimal("4.00")
    # 公务接待费: 1.50 in basic spending (表6 30217) + 0.80 in a project.
    assert v(row["reception"], "total") == v(t6.row(code="30217"), "total") + Decimal("0.80")
    assert v(row["vehicle"], "total") == (v(row["vehicle.purchase"], "total")
                                          + v(row["vehicle.operation"], "total"))
    assert v(row["total"], "total") == Decimal("54.90") == (
        v(row["abroad"], "total") + v(row["reception"], "total") + v(row["vehicle"], "total"))
    for r in t10.rows:
        assert v(r, "total") == v(r, "gpb") + v(r, "gov_fund") + v(r, "state_capital")


def test_carryover_and_empty_tables(synthetic_budget):
    t11, t9 = table(synthetic_budget, "carryover"), table(synthetic_budget, "state_capital")
    items = [r for r in t11.rows if not r.is_total]
    assert [r.name for r in items] == ["某市示例局环境卫生服务中心基本支出", "垃圾分类宣传（上年结转）"]
    for c in t11.columns:
        assert v(t11.total, c.key) == sum((v(r, c.key) for r in items), ZERO)
    assert v(t11.total, "nonfiscal") == Decimal("6.40")
    assert t11.empty_statement is None
    assert t9.rows == ()
    assert t9.empty_statement == ("某市示例局2024年没有使用国有资本经营预算拨款安排的支出，"
                                  "国有资本经营预算支出情况表为空表。")


def test_blank_is_not_zero(synthetic_budget):
    """A cell no line contributes to stays blank."""
    t3 = table(synthetic_budget, "expenditure")
    assert t3.row(code="2120101").value("project") is None
    assert table(synthetic_budget, "summary").row(key="income.state_capital").value(
        "amount") is None
