"""Where each fund source lands: 表1 rows, 表2 columns, 表4–表11 (inline line items)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from yusuan.compose import budget_tables
from yusuan.derive.source import load_budget
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Table

BUDGET = """\
department: 测试局
year: 2024
unit: 万元
overview:
  units: [测试局, 测试中心]
"""
LINES = """\
\ufeffunit,fund_source,functional_code,economic_code,kind,project,amount
测试局,gpb,2010301,30101,personnel,,10000.00
测试局,上级一般公共预算安排转移支付,2010301,30201,public_funds,,2000.00
测试局,财政拨款结转-一般公共预算,2010399,30227,project,结转项目,3000.01
测试中心,国有资本经营预算,2010399,31002,project,国资项目,4000.00
测试中心,财政拨款结转-国有资本经营预算,2010399,30231,public_funds,,500.00
测试中心,财政专户核拨,2010350,30101,personnel,,600.00
测试中心,非财政拨款结转结余,2010350,30201,public_funds,,70.00
"""


def derive(tmp_path: Path, lines: str = LINES) -> Budget:
    (tmp_path / "budget.yaml").write_text(BUDGET, encoding="utf-8")
    (tmp_path / "lines.csv").write_text(lines, encoding="utf-8")
    return budget_tables(load_budget(tmp_path))


def table(budget: Budget, table_id: str) -> Table:
    return next(t for t in budget.tables if t.id == table_id)


def amount(t: Table, key: str) -> Decimal | None:
    row = t.row(key=key)
    assert row is not None
    return row.value("amount")


def test_summary_income_rows(tmp_path):
    t1 = table(derive(tmp_path), "summary")
    assert amount(t1, "income.gpb") == Decimal("1.20")
    assert amount(t1, "income.gpb.own") == Decimal("1.00")
    assert amount(t1, "income.gpb.transfer") == Decimal("0.20")
    assert amount(t1, "income.state_capital") == Decimal("0.40")
    assert amount(t1, "income.special_account") == Decimal("0.06")
    assert amount(t1, "income.current_year") == Decimal("1.66")
    assert amount(t1, "income.carryover.fiscal.gpb") == Decimal("0.300001")
    assert amount(t1, "income.carryover.fiscal.state_capital") == Decimal("0.05")
    assert amount(t1, "income.carryover.fiscal") == Decimal("0.350001")
    assert amount(t1, "income.carryover.nonfiscal") == Decimal("0.007")
    assert amount(t1, "income.carryover") == Decimal("0.357001")
    assert amount(t1, "income.total") == Decimal("2.017001")
    assert amount(t1, "income.unit_funds") is None  # no 单位资金 line: blank, not 0


def test_income_columns(tmp_path):
    t2 = table(derive(tmp_path), "income")
    total = t2.total
    assert total is not None
    assert total.value("gpb") == Decimal("1.00")
    assert total.value("gpb_transfer") == Decimal("0.20")
    assert total.value("fiscal") == Decimal("1.60")  # 当年财政拨款 only
    assert total.value("carryover_fiscal") == Decimal("0.350001")
    assert total.value("carryover_nonfiscal") == Decimal("0.007")


def test_fiscal_carryover_counts_in_its_budget(tmp_path):
    """RULES B04/B05: 表4 一般公共预算 = 表1 一般公共预算拨款 + 结转中的一般公共预算 = 表5."""
    budget = derive(tmp_path)
    t4, t5, t7, t9 = (table(budget, i) for i in ("appropriation", "gpb", "gpb_project",
                                                  "state_capital"))
    assert t4.row(key="income.gpb").value("total") == Decimal("1.500001")
    assert t4.row(key="income.state_capital").value("total") == Decimal("0.45")
    assert t4.row(key="income.fiscal").value("total") == Decimal("1.950001")
    assert t5.total.value("total") == Decimal("1.500001")
    assert [r.project for r in t7.rows if r.kind == "project"] == ["结转项目"]
    assert t9.total.value("project") == Decimal("0.40")
    assert t9.total.value("public_funds") == Decimal("0.05")


def test_carryover_table_and_three_public(tmp_path):
    budget = derive(tmp_path)
    t11, t10 = table(budget, "carryover"), table(budget, "three_public")
    rows = {r.name: r for r in t11.rows}
    assert rows["总计"].value("fiscal") == Decimal("0.350001")
    assert rows["总计"].value("nonfiscal.public_funds") == Decimal("0.007")
    assert rows["结转项目"].value("fiscal.project") == Decimal("0.300001")
    assert rows["测试中心基本支出"].value("total") == Decimal("0.057")
    # 30231 under 国有资本经营预算 (carried over) is 财政拨款 三公 too.
    operation = t10.row(key="vehicle.operation")
    assert operation.value("state_capital") == Decimal("0.05")
    assert operation.value("gpb") is None


def test_yuan_budget_keeps_amounts(tmp_path):
    (tmp_path / "budget.yaml").write_text(BUDGET.replace("万元", "元"), encoding="utf-8")
    (tmp_path / "lines.csv").write_text(LINES, encoding="utf-8")
    budget = budget_tables(load_budget(tmp_path))
    assert table(budget, "expenditure").total.value("total") == Decimal("20170.01")


def test_fiscal_carryover_budget_has_no_cross_table_errors(tmp_path):
    """表4 财政拨款（补助）includes the fiscal carry-over: B01 compares it with 表2 小计 + 结转."""
    from yusuan.checks.run import check_disclosure
    from yusuan.compose import disclosure_from_budget

    findings = check_disclosure(disclosure_from_budget(derive(tmp_path)))
    cross = [f for f in findings if f.category == "cross-table" and f.severity == "error"]
    assert cross == []
