"""Every rule of the catalogue, on a case that passes and one that fails, asserted by rule id.

The cases start from the Korla 2024 disclosure (built from examples/korla-2024, which
reproduces the seed) and change one or two printed figures, facts or sentences. The passing
case is the Korla document itself unless the seed already shows the rule's finding (then it is
a corrected copy). The failing case must report the rule's own severity.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

import pytest

from tests.checks.helpers import (
    D,
    add_sentence,
    drop_table,
    findings_of,
    map_facts,
    map_table,
    map_text,
    set_cell,
    set_fact,
    set_overview,
    set_staffing,
    severities,
    table,
)
from yusuan.checks.catalogue import CATALOGUE
from yusuan.model.disclosure import Disclosure, Fact, Origin, Row, Sentence
from yusuan.model.money import Unit
from yusuan.parse.narrative import facts

Change = Callable[[Disclosure], Disclosure]


def _written_in(d: Disclosure, unit: Unit) -> Disclosure:
    """As built from a source folder whose ``unit:`` (line 12) says ``unit``."""
    return dataclasses.replace(d, source=Origin(file="budget.yaml", unit=unit, unit_line=12))


def _scaled(d: Disclosure, factor: Decimal | None) -> Disclosure:
    assert factor is not None
    return dataclasses.replace(d, tables=tuple(dataclasses.replace(t, rows=tuple(
        dataclasses.replace(r, values={k: None if v is None else v * factor
                                       for k, v in r.values.items()}) for r in t.rows))
        for t in d.tables))


def same(d: Disclosure) -> Disclosure:
    return d


def _fund_table(table_id: str, total: str = "10.00", kuan: str = "10.00",
                item_project: str = "10.00") -> Change:
    """Put a small 基金/国资 table in place of the empty one (one 类, 款, 项)."""
    def change(d: Disclosure) -> Disclosure:
        cols = ["total", "personnel", "public_funds", "project"]
        new = table(table_id, cols, [
            (None, "合计", [total, None, None, total]),
            ("212", "城乡社区支出", ["10.00", None, None, "10.00"]),
            ("21208", "国有土地使用权出让收入安排的支出", [kuan, None, None, kuan]),
            ("2120801", "征地和拆迁补偿支出", ["10.00", None, None, item_project]),
        ])
        return map_table(d, table_id, lambda t: dataclasses.replace(t, rows=new.rows))
    return change


def _carryover_table(total: str) -> Change:
    """A 表11 of two projects (10.00 + 10.00) printing ``total`` as its 总计."""
    def change(d: Disclosure) -> Disclosure:
        rows = (Row(name="总计", values={"total": D(total)}, key="total", kind="total"),
                Row(name="项目甲", values={"total": D("10.00")}, project="项目甲", kind="project"),
                Row(name="项目乙", values={"total": D("10.00")}, project="项目乙", kind="project"))
        return map_table(d, "carryover", lambda t: dataclasses.replace(t, rows=rows))
    return change


def _paragraph(*texts: str, key: str = "gpb") -> Change:
    """A paragraph added to a Part 3 section, its facts read as the parser reads them."""
    def change(d: Disclosure) -> Disclosure:
        tables = {t.id: t for t in d.tables}
        sentences = tuple(Sentence(text=t, facts=facts(t, key, tables)) for t in texts)
        return dataclasses.replace(d, narrative=tuple(
            dataclasses.replace(sec, paragraphs=(*sec.paragraphs, sentences))
            if sec.key == key else sec for sec in d.narrative))
    return change


_ITEM = "1.“一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）”739.02万元，主要用于行政运行。"


def _item(this_year: str, rate: str, base: str = "2023") -> Change:
    """上海's item sentence: this year's figure and its rate against last year's execution."""
    return _paragraph(_ITEM, f"2023年当年预算执行数为700.00万元，2024年预算安排{this_year}万元，"
                             f"比{base}年预算执行数增加{rate}%。")


def _with_fiscal_row(amount: str) -> Change:
    """A summary table printing 一、财政拨款 (as 上海/江苏 do)."""
    def change(d: Disclosure) -> Disclosure:
        row = Row(name="一、财政拨款", values={"amount": D(amount)}, key="income.fiscal",
                  section="income", kind="subtotal")
        return _add_row(d, "summary", row)
    return change


def _weights_100(d: Disclosure) -> Disclosure:
    def fix(indicators: tuple) -> tuple:  # type: ignore[type-arg]
        first = indicators[0]
        return (dataclasses.replace(first, weight=(first.weight or 0) + 10), *indicators[1:])
    return dataclasses.replace(
        d,
        overall_performance=tuple(dataclasses.replace(p, indicators=fix(p.indicators))
                                  for p in d.overall_performance),
        project_performance=tuple(dataclasses.replace(p, indicators=fix(p.indicators))
                                  for p in d.project_performance))


def _rename_performance(d: Disclosure) -> Disclosure:
    return dataclasses.replace(d, project_performance=tuple(
        dataclasses.replace(p, project="部门专项-业务运行经费")
        if p.project.endswith("行政服务中心业务运行经费") else p for p in d.project_performance))


def _fix_units(d: Disclosure) -> Disclosure:
    return set_overview(d, institution_unit_count=1)


def _fix_insurance(d: Disclosure) -> Disclosure:
    d = set_cell(d, "gpb", "basic", "90.25", code="2080505")
    return set_cell(d, "gpb", "basic", "40.95", code="2101101")


def _bad_project_scale(d: Disclosure) -> Disclosure:
    return map_text(d, lambda t: t.replace("招商引资专项经费25万元", "招商引资专项经费35万元"))


def _procurement_table(total: str) -> Change:
    """A 江苏 公开12表 (货物 131.40 + 服务 470.00) printing ``total`` as its 合计."""
    def change(d: Disclosure) -> Disclosure:
        new = table("procurement", ["total"], [(None, "合计", [total]),
                                               ("", "一、货物A", ["131.40"]),
                                               ("", "三、服务C", ["470.00"])])
        return dataclasses.replace(d, tables=(*d.tables, new))
    return change


def _classified(table_id: str, kid: str = "6.00", total: str = "10.00") -> Change:
    """A 江苏 table by classification (财政拨款支出表（功能科目）, 基本支出表（经济科目）, 机关运行经费
    表): 合计 10.00 = 302 10.00 = 30201 4.00 + 30299 ``kid``."""
    def change(d: Disclosure) -> Disclosure:
        new = table(table_id, ["total"], [(None, "合计", [total]),
                                          ("302", "商品和服务支出", ["10.00"]),
                                          ("30201", "办公费", ["4.00"]),
                                          ("30299", "其他商品和服务支出", [kid])])
        return dataclasses.replace(d, tables=(*d.tables, new))
    return change


def _basic_by_class(personnel: str) -> Change:
    """A 江苏 财政拨款基本支出表 by economic class (no 人员经费/公用经费 columns: 301 60.00 +
    302 30.00 + 303 10.00 = 100.00) and Part 3 stating 人员经费 ``personnel``, 公用经费 30.00."""
    def change(d: Disclosure) -> Disclosure:
        new = table("appropriation_basic", ["total"], [(None, "合计", ["100.00"]),
                                                       ("301", "工资福利支出", ["60.00"]),
                                                       ("302", "商品和服务支出", ["30.00"]),
                                                       ("303", "对个人和家庭的补助", ["10.00"])])
        said = tuple(Sentence(f"{name}{amount}万元。", facts=(Fact(
            subject=name, amount=D(amount), ref_table="appropriation_basic", ref_row="total",
            ref_column=column),)) for name, amount, column in (
                ("人员经费", personnel, "personnel"), ("公用经费", "30.00", "public_funds")))
        sections = tuple(dataclasses.replace(s, paragraphs=(*s.paragraphs, said))
                         if s.key == "gpb_basic" else s for s in d.narrative)
        return dataclasses.replace(d, tables=(*d.tables, new), narrative=sections)
    return change


def _row_named(d: Disclosure, table_id: str, printed: str, **changes: object) -> Disclosure:
    def change(t):  # type: ignore[no-untyped-def]
        return dataclasses.replace(t, rows=tuple(
            dataclasses.replace(r, **changes) if r.name == printed else r for r in t.rows))
    return map_table(d, table_id, change)


def _drop_row(d: Disclosure, table_id: str, code: str) -> Disclosure:
    return map_table(d, table_id, lambda t: dataclasses.replace(
        t, rows=tuple(r for r in t.rows if r.code != code or r.project)))


def _add_row(d: Disclosure, table_id: str, row: Row) -> Disclosure:
    return map_table(d, table_id, lambda t: dataclasses.replace(t, rows=(*t.rows, row)))


# rule id → (failing change, passing change)
CASES: dict[str, tuple[Change, Change]] = {
    "summary.income-total-eq-parts":
        (lambda d: set_cell(d, "summary", "amount", "1500.00", key="income.total"), same),
    "summary.current-income-eq-sources":
        (lambda d: set_cell(d, "summary", "amount", "12.00", key="income.unit_funds"), same),
    "summary.fiscal-income-eq-funds": (_with_fiscal_row("1400.00"), _with_fiscal_row("1491.86")),
    "summary.gpb-income-eq-breakdown":
        (lambda d: set_cell(d, "summary", "amount", "1400.00", key="income.gpb.own"), same),
    "summary.gov-fund-income-eq-breakdown":
        (lambda d: set_cell(d, "summary", "amount", "5.00", key="income.gov_fund.own"), same),
    "summary.state-capital-income-eq-breakdown":
        (lambda d: set_cell(d, "summary", "amount", "5.00", key="income.state_capital.own"), same),
    "summary.unit-funds-eq-breakdown":
        (lambda d: set_cell(d, "summary", "amount", "5.00", key="income.unit_funds.business"), same),
    "summary.carryover-eq-parts":
        (lambda d: set_cell(d, "summary", "amount", "5.00", key="income.carryover.fiscal"), same),
    "summary.carryover-fiscal-eq-funds":
        (lambda d: set_cell(d, "summary", "amount", "5.00", key="income.carryover.fiscal.gpb"),
         same),
    "summary.carryover-nonfiscal-eq-parts":
        (lambda d: set_cell(d, "summary", "amount", "5.00",
                            key="income.carryover.nonfiscal.unit_funds"), same),
    "summary.income-total-eq-expenditure-total":
        (lambda d: set_cell(d, "summary", "amount", "1400.00", key="expenditure.total"), same),
    "summary.expenditure-total-eq-classes":
        (lambda d: set_cell(d, "summary", "amount", "800.00", code="201"), same),
    "appropriation.fiscal-eq-funds":
        (lambda d: set_cell(d, "appropriation", "total", "1400.00", key="income.fiscal"), same),
    "appropriation.row-total-eq-funds":
        (lambda d: set_cell(d, "appropriation", "gpb", "800.00", code="201"), same),
    "appropriation.income-total-eq-expenditure-total":
        (lambda d: set_cell(d, "appropriation", "total", "1400.00", key="income.total"), same),
    "appropriation.expenditure-total-eq-classes":
        (lambda d: set_cell(d, "appropriation", "total", "800.00", code="201",
                            section="expenditure"), same),
    "income.row-total-eq-columns":
        (lambda d: set_cell(d, "income", "unit_funds", "10.00", code="2010301"), same),
    "expenditure.row-total-eq-columns":
        (lambda d: set_cell(d, "expenditure", "basic", "700.00", code="2010301"), same),
    "gpb.row-total-eq-columns":
        (lambda d: set_cell(d, "gpb", "basic", "700.00", code="2010301"), same),
    "gov_fund.row-total-eq-columns":
        (_fund_table("gov_fund", item_project="9.00"), _fund_table("gov_fund")),
    "state_capital.row-total-eq-columns":
        (_fund_table("state_capital", item_project="9.00"), _fund_table("state_capital")),
    "gpb_basic.row-total-eq-columns":
        (lambda d: set_cell(d, "gpb_basic", "total", "240.00", code="30101"), same),
    "three_public.row-total-eq-columns":
        (lambda d: set_cell(d, "three_public", "gov_fund", "1.00", key="vehicle.operation"), same),
    "income.parent-eq-children":
        (lambda d: set_cell(d, "income", "total", "800.00", code="20103"), same),
    "expenditure.parent-eq-children":
        (lambda d: set_cell(d, "expenditure", "project", "90.00", code="20103"), same),
    "gpb.parent-eq-children":
        (lambda d: set_cell(d, "gpb", "total", "59.00", code="21011"), same),
    "gov_fund.parent-eq-children":
        (_fund_table("gov_fund", kuan="12.00"), _fund_table("gov_fund")),
    "state_capital.parent-eq-children":
        (_fund_table("state_capital", kuan="12.00"), _fund_table("state_capital")),
    "gpb_basic.parent-eq-children":
        (lambda d: set_cell(d, "gpb_basic", "total", "60.92", code="302"), same),
    "income.total-eq-classes":
        (lambda d: set_cell(d, "income", "gpb", "1400.00", key="total"), same),
    "expenditure.total-eq-classes":
        (lambda d: set_cell(d, "expenditure", "project", "390.00", key="total"), same),
    "gpb.total-eq-classes":
        (lambda d: set_cell(d, "gpb", "project", "390.00", key="total"), same),
    "gov_fund.total-eq-classes":
        (_fund_table("gov_fund", total="20.00"), _fund_table("gov_fund")),
    "state_capital.total-eq-classes":
        (_fund_table("state_capital", total="20.00"), _fund_table("state_capital")),
    "gpb_basic.total-eq-classes":
        (lambda d: set_cell(d, "gpb_basic", "public_funds", "69.92", key="total"), same),
    "gpb_basic.personnel-eq-301-303":
        (lambda d: set_cell(d, "gpb_basic", "personnel", "1041.95", key="total"), same),
    "gpb_project.row-total-eq-columns":
        (lambda d: set_cell(d, "gpb_project", "302", "30.00", project="部门专项-政府办公室业务经费"),
         same),
    "gpb_project.total-eq-projects":
        (lambda d: set_cell(d, "gpb_project", "total", "45.00",
                            project="部门专项-政府办公室业务经费"), same),
    "three_public.total-eq-items":
        (lambda d: set_cell(d, "three_public", "total", "3.40", key="total"), same),
    "income.total-eq-summary":
        (lambda d: set_cell(d, "summary", "amount", "1400.00", key="income.gpb"), same),
    "expenditure.total-eq-summary":
        (lambda d: set_cell(d, "summary", "amount", "200.00", code="208"), same),
    "income.code-eq-expenditure":
        (lambda d: set_cell(d, "expenditure", "total", "60.00", code="2080501"), same),
    "appropriation.income-eq-summary":
        (lambda d: set_cell(d, "appropriation", "total", "1400.00", key="income.gpb"), same),
    "appropriation.gpb-eq-gpb":
        (lambda d: set_cell(d, "gpb", "total", "290.00", code="206"), same),
    "appropriation.funds-eq-fund-tables": (_fund_table("gov_fund"), same),
    "gpb_basic.total-eq-gpb.basic":
        (lambda d: set_cell(d, "gpb_basic", "total", "1000.00", key="total"), same),
    "gpb_project.total-eq-gpb.project":
        (lambda d: set_cell(d, "gpb", "project", "250.00", code="2060404"), same),
    "expenditure.eq-gpb-when-gpb-only":
        (lambda d: set_cell(d, "expenditure", "basic", "4.00", code="2050803"), same),
    "three_public.ge-gpb_basic":
        (lambda d: set_cell(d, "gpb_basic", "total", "3.40", code="30231"), same),
    "gpb_basic.economic-eq-functional":
        (lambda d: set_cell(d, "gpb_basic", "total", "80.00", code="30113"), same),
    "gpb_basic.retirement-le-functional":
        (lambda d: set_cell(d, "gpb_basic", "total", "80.00", code="30302"), same),
    "gpb_basic.insurance-eq-functional": (same, _fix_insurance),
    "narrative.amount-eq-table":
        (lambda d: set_fact(d, "人员经费", "gpb_basic", amount=1031), same),
    "narrative.lists-complete":
        (lambda d: map_text(map_facts(d, lambda f: dataclasses.replace(f, ref_code="2080599")
                                      if f.ref_code == "2080506" and f.ref_table == "gpb" else f),
                            lambda t: t.replace("机关事业单位职业年金缴费支出", "职业年金")),
         same),
    "narrative.basic-lists-eq-table":
        (lambda d: map_text(d, lambda t: t.replace("、生活补助", "")), same),
    "narrative.share-eq-computed":
        (lambda d: set_fact(d, "基本支出", "expenditure", share=D("72.19")),
         same),
    "narrative.shares-sum-100":
        (lambda d: set_fact(d, "项目支出", "expenditure", share=D("16.81")),
         same),
    "narrative.yoy-rate-eq-computed":
        (lambda d: set_fact(d, "住房公积金", "gpb", rate=D("9.85")), same),
    "narrative.yoy-changes-add-up":
        (lambda d: set_fact(d, "住房公积金", "gpb", change=D("9.78")),
         same),
    "narrative.project-allocation-sum": (_bad_project_scale, same),
    "narrative.item-amount-eq-heading": (_item("650.00", "-7.14"), _item("739.02", "5.57")),
    "narrative.rate-eq-stated-base": (_item("739.02", "6.57"), _item("739.02", "5.57")),
    "narrative.three-public-changes-add-up":
        (lambda d: set_fact(d, "财政拨款“三公”经费", "three_public", change=D("1.00")),
         same),
    "narrative.prior-not-negative":
        (_paragraph("政府性基金拨款支出预算0万元，比2023年预算增加10.00万元。"),
         _paragraph("政府性基金拨款支出预算0万元，比2023年预算减少10.00万元。")),
    "narrative.base-year-previous": (_item("739.02", "5.57", base="2024"), _item("739.02", "5.57")),
    "narrative.empty-note-eq-table":
        (lambda d: map_table(d, "three_public", lambda t: dataclasses.replace(
            t, empty_statement="注：本部门2024年无“三公”经费预算，故本表为空表。")),
         lambda d: map_table(d, "gov_fund", lambda t: dataclasses.replace(
             t, empty_statement="注：本部门2024年无政府性基金预算，故本表为空表。"))),
    "narrative.class-name-current":
        (lambda d: add_sentence(d, "other", "医疗卫生与计划生育支出（类）1.00万元。"),
         lambda d: add_sentence(d, "other", "卫生健康支出（类）1.00万元。")),
    "appropriation_functional.parent-eq-children": (_classified("appropriation_functional", kid="7.00"), _classified("appropriation_functional")),
    "appropriation_functional.total-eq-classes": (_classified("appropriation_functional", total="11.00"), _classified("appropriation_functional")),
    "appropriation_basic.parent-eq-children": (_classified("appropriation_basic", kid="7.00"), _classified("appropriation_basic")),
    "appropriation_basic.total-eq-classes": (_classified("appropriation_basic", total="11.00"), _classified("appropriation_basic")),
    "operating_cost.parent-eq-children": (_classified("operating_cost", kid="7.00"), _classified("operating_cost")),
    "operating_cost.total-eq-classes": (_classified("operating_cost", total="11.00"), _classified("operating_cost")),
    "narrative.basic-split-eq-classes": (_basic_by_class("60.00"), _basic_by_class("70.00")),
    "procurement.total-eq-categories": (_procurement_table("701.40"),
                                        _procurement_table("601.40")),
    "narrative.procurement-eq-parts":
        (lambda d: map_text(d, lambda t: t.replace("政府采购服务预算 2.50", "政府采购服务预算 3.50")),
         same),
    "narrative.assets-eq-parts":
        (lambda d: map_text(d, lambda t: t.replace("一般公务用车 34 辆", "一般公务用车 30 辆")), same),
    "performance.amount-eq-tables":
        (lambda d: dataclasses.replace(d, overall_performance=tuple(
            dataclasses.replace(p, fiscal_local=p.fiscal_local and p.fiscal_local - 1)
            for p in d.overall_performance)), same),
    "performance.project-names-eq-table": (same, _rename_performance),
    "performance.weights-sum": (same, _weights_100),
    "performance.cost-times-quantity":
        (lambda d: dataclasses.replace(d, project_performance=tuple(
            dataclasses.replace(p, indicators=tuple(
                dataclasses.replace(i, value="<=95万元/次") if i.value.startswith("<=75") else i
                for i in p.indicators)) for p in d.project_performance)), same),
    "performance.staff-count-eq-overview":
        (same, lambda d: set_staffing(d, actual=89, retired=49)),
    "overview.actual-eq-staff-parts": (lambda d: set_staffing(d, actual=90), same),
    "overview.in-service-within-authorized": (lambda d: set_staffing(d, authorized=30), same),
    "overview.unit-count-eq-units": (same, _fix_units),
    "completeness.timeliness":
        (lambda d: dataclasses.replace(d, approved_on="2024-01-20"),   # 34 days before 02-23
         lambda d: dataclasses.replace(d, approved_on="2024-02-05")),  # 18 days
    "completeness.tables-present": (lambda d: drop_table(d, "three_public"), same),
    "completeness.year-eq-dates":   # a 2024 budget published in 2025: fine; in 2026: not
        (lambda d: dataclasses.replace(d, published_on="2026-02-23"),
         lambda d: dataclasses.replace(d, published_on="2023-12-28")),
    "carryover.total-eq-rows": (_carryover_table("30.00"), _carryover_table("20.00")),
    "narrative.operating-cost-le-public-funds":
        (lambda d: set_fact(d, "机关运行经费", "gpb_basic", amount=D("60.00")), same),
    "gpb.functional-to-item": (lambda d: _drop_row(d, "gpb", "2050803"), same),
    "gpb_basic.economic-to-item":
        (lambda d: map_table(d, "gpb_basic", lambda t: dataclasses.replace(
            t, rows=tuple(r for r in t.rows if not (r.code or "").startswith("303") or
                          r.code == "303"))), same),
    "completeness.empty-table-stated":
        (lambda d: map_text(map_table(d, "carryover", lambda t: dataclasses.replace(
            t, empty_statement=None)),  # neither the table's note nor the text says it
            lambda s: s.replace("没有上年结转结余预算安排的支出，", "").replace("为空表", "")),
         same),
    "completeness.empty-table-eq-zero-income":
        (lambda d: set_cell(d, "summary", "amount", "5.00", key="income.gov_fund"), same),
    "completeness.three-public-items":
        (lambda d: map_table(d, "three_public", lambda t: dataclasses.replace(
            t, rows=tuple(r for r in t.rows if r.key != "reception"))), same),
    "completeness.three-public-explained":
        (lambda d: map_text(d, lambda t: t.replace("三公", "公务")), same),
    "completeness.operating-cost":
        (lambda d: map_text(d, lambda t: t.replace("机关运行经费", "运行经费")), same),
    "completeness.procurement":
        (lambda d: map_text(d, lambda t: t.replace("政府采购", "采购")), same),
    "completeness.assets":
        (lambda d: map_text(d, lambda t: t.replace("国有资产", "资产")), same),
    "completeness.performance-targets":
        (lambda d: map_text(dataclasses.replace(d, overall_performance=(), project_performance=()),
                            lambda t: t.replace("绩效", "")), same),
    "completeness.glossary":
        (lambda d: map_text(dataclasses.replace(d, glossary=()),
                            lambda t: t.replace("名词解释", "")), same),
    "completeness.change-has-reason":
        (lambda d: map_text(d, lambda t: t.replace("主要原因是在职人员减少", "在职人员减少")),
         lambda d: map_text(d, lambda t: t.replace("主要原因是在职人员减少", "主要是在职人员减少"))),
    "completeness.one-unit-one-department":
        (lambda d: map_table(d, "gpb", lambda t: dataclasses.replace(t, department="库尔勒市政府")),
         same),
    "classification.functional-code-exists":
        (lambda d: _row_named(d, "gpb", "培训支出", code="2050877"), same),
    "classification.functional-class-exists":
        (lambda d: _row_named(d, "gpb", "培训支出", code="7110201"), same),
    "classification.functional-name-matches":
        (lambda d: _row_named(d, "gpb", "行政运行", name="一般行政管理事务"), same),
    "classification.functional-hierarchy": (lambda d: _drop_row(d, "gpb", "20508"), same),
    "classification.economic-code-exists":
        (lambda d: _row_named(d, "gpb_basic", "生活补助", code="30388"), same),
    "classification.economic-name-matches":
        (lambda d: _row_named(d, "gpb_basic", "办公费", name="邮电费"), same),
    "classification.economic-hierarchy": (lambda d: _drop_row(d, "gpb_basic", "303"), same),
    "text.placeholder":
        (lambda d: add_sentence(d, "other", "本部门无XX需说明事项。"), same),
    "source.unit-differs": (lambda d: _written_in(d, Unit.YUAN), lambda d: _written_in(d, Unit.WAN)),
    "source.unit-scale": (lambda d: _scaled(_written_in(d, Unit.WAN), D("10000")),
                          lambda d: _written_in(d, Unit.WAN)),
    "text.broken-reason":
        (lambda d: add_sentence(d, "other", "比上年预算增加1.00万元，主要原因是。"), same),
    "text.doubled-punctuation":
        (lambda d: add_sentence(d, "other", "本部门无其他需说明事项。。"), same),
}

RULE_SEVERITY = {r.id: r.severity for r in CATALOGUE if "budget" in r.kinds}  # 决算: test_final_rules


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == set(RULE_SEVERITY)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fails_on_the_broken_case(rule_id: str, korla_disclosure: Disclosure) -> None:
    broken, _fixed = CASES[rule_id]
    if rule_id == "completeness.timeliness":
        assert "info" in severities(korla_disclosure, rule_id)  # no approval date: cannot check
    assert RULE_SEVERITY[rule_id] in severities(broken(korla_disclosure), rule_id)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_passes_on_the_sound_case(rule_id: str, korla_disclosure: Disclosure) -> None:
    _broken, fixed = CASES[rule_id]
    assert RULE_SEVERITY[rule_id] not in severities(fixed(korla_disclosure), rule_id)


def test_project_count_in_section_12_equals_table_7(korla_disclosure: Disclosure) -> None:
    wrong = map_text(korla_disclosure, lambda t: t.replace("当年财政拨款项目 4 个", "当年财政拨款项目 5 个"))
    [f] = [f for f in findings_of(wrong, "performance.amount-eq-tables") if f.severity == "error"]
    assert (f.expected, f.actual) == (4, 5)
    assert not [f for f in findings_of(korla_disclosure, "performance.amount-eq-tables")
                if f.severity == "error"]


def test_empty_fund_table_with_appropriation_income_is_an_error(korla_disclosure: Disclosure) -> None:
    wrong = set_cell(korla_disclosure, "appropriation", "total", "3.00", key="income.gov_fund")
    found = findings_of(wrong, "completeness.empty-table-eq-zero-income")
    assert [(f.location.table, f.severity) for f in found] == [("appropriation", "error")]


def test_income_shares_form_one_group(korla_disclosure: Disclosure) -> None:
    """二: 一般公共预算 100.00% + 基金 0.00% + 国资 0.00% = 100; 99.00 + 0 + 0 is not."""
    assert findings_of(korla_disclosure, "narrative.shares-sum-100") == [
        f for f in findings_of(korla_disclosure, "narrative.shares-sum-100")
        if f.location.table == "gpb"]
    wrong = set_fact(korla_disclosure, "一般公共预算", "summary", share=D("99.00"))
    assert "error" in {f.severity for f in findings_of(wrong, "narrative.shares-sum-100")
                       if f.location.table == "summary"}


def test_a_rate_failing_its_own_figures_is_one_error(korla_disclosure: Disclosure) -> None:
    """“1434.89万元，比2023年预算1690.69万元减少255.80万元，减少1.10%”: −255.80 ÷ 1690.69 is
    −15.13 %; judged once (the change's rate), at the two decimals the rate is printed with."""
    wrong = _paragraph("一般公共预算拨款支出预算1434.89万元，比2023年预算1690.69万元减少255.80万元，"
                       "减少1.10%。")(korla_disclosure)
    [f] = [f for f in findings_of(wrong, "narrative.yoy-rate-eq-computed") if f.actual == D("-1.10")]
    assert f.severity == "error" and f.expected == D("-15.13")
    assert not [f for f in findings_of(wrong, "narrative.rate-eq-stated-base")
                if f.actual == D("-1.10")]
    right = _paragraph("一般公共预算拨款支出预算1434.89万元，比2023年预算1690.69万元减少255.80万元，"
                       "减少15.1%。")(korla_disclosure)  # one decimal printed: 15.13 → 15.1
    assert not [f for f in findings_of(right, "narrative.yoy-rate-eq-computed")
                if f.actual == D("-15.1")]


def test_an_amount_stated_in_whole_wan_is_the_cell_rounded(korla_disclosure: Disclosure) -> None:
    """上海 states items in whole 万元 (“…科目4,614万元”): 行政运行 739.02 stated as 739万元 is
    that cell at the digit stated (info); 738万元 is not (error)."""
    def stated(amount: str) -> list[str]:
        d = set_fact(korla_disclosure, "行政运行", "gpb", amount=D(amount))
        return [f.severity for f in findings_of(d, "narrative.amount-eq-table")
                if f.location.code == "2010301"]
    assert stated("739") == ["info"]
    assert stated("738") == ["error"]


def test_a_change_against_last_years_execution_is_not_added_to_budget_changes(
        korla_disclosure: Disclosure) -> None:
    """上海 compares items with last year's 执行数 and totals with last year's 预算: the item's
    change, recognised as against 执行数, is not summed with the budget changes."""
    wrong = set_fact(korla_disclosure, "住房公积金", "gpb", change=D("9.78"))
    assert "error" in severities(wrong, "narrative.yoy-changes-add-up")
    execution = set_fact(korla_disclosure, "住房公积金", "gpb", change=D("9.78"), basis="执行数")
    assert "error" not in severities(execution, "narrative.yoy-changes-add-up")
