"""当年财政拨款 and 上年财政拨款结转 are distinct (部门预算公开: the carry-over is money of
earlier years, not an 拨款 of this one), everywhere the narrative states them.

The case of the issue: the synthetic example with a 一般公共预算 carry-over of 30.00 万元 on
a project (lines.csv ``财政拨款结转-一般公共预算``). 表1 then shows 一般公共预算拨款 1,388.87
(this year) and 上年结转 30.00; 表4/表5 hold both (1,418.87).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLES
from yusuan.checks.run import check_disclosure
from yusuan.compose import disclosure_from_budget
from yusuan.derive.source import load_budget
from yusuan.model.budget import LineItem
from yusuan.model.disclosure import Disclosure, Section
from yusuan.model.money import Unit, convert

CARRIED = "数字城管平台运行维护（上年结转）"


@pytest.fixture(scope="module")
def carried() -> Disclosure:
    budget = load_budget(EXAMPLES / "synthetic-2024")
    line = LineItem(unit="某市示例局机关", fund_source="carryover_fiscal.gpb",
                    functional_code="2120199", economic_code="30227", kind="project",
                    amount=convert(Decimal("300000.00"), Unit.YUAN, Unit.WAN), project=CARRIED)
    return disclosure_from_budget(replace(budget, lines=(*budget.lines, line)))


def _texts(d: Disclosure, key: str) -> list[str]:
    section: Section | None = d.section(key)
    assert section is not None
    return ["".join(s.text for s in p) for p in section.paragraphs]


def test_the_current_years_appropriation_is_the_same_in_sections_two_and_five(carried) -> None:
    income = _texts(carried, "income")
    assert any(t.startswith("一般公共预算 1,388.87 万元") for t in income)
    gpb = _texts(carried, "gpb")
    assert any("当年拨款 1,388.87 万元，上年财政拨款结转 30.00 万元" in t for t in gpb)
    assert not any("当年拨款" in t and "1,418.87" in t.split("当年拨款", 1)[1][:12] for t in gpb)
    # the headings say what the figures under them hold; 663.02 = 633.02 this year + 30.00
    assert "（一）一般公共预算财政拨款规模变化情况（含上年财政拨款结转）" in gpb
    assert any(t.startswith("项目支出 663.02 万元（含上年财政拨款结转 30.00 万元）") for t in gpb)


def test_section_four_does_not_call_the_carry_over_an_appropriation(carried) -> None:
    text = "".join(_texts(carried, "appropriation"))
    assert "一般公共预算当年拨款 1,388.87 万元" in text
    assert "上年财政拨款结转（一般公共预算） 30.00 万元" in text
    assert "一般公共预算拨款 1,418.87" not in text


def test_year_over_year_changes_add_up_on_consistent_input(carried) -> None:
    findings = check_disclosure(carried)
    assert [f.message for f in findings if f.rule_id == "narrative.yoy-changes-add-up"] == []
    assert [f.message for f in findings if f.severity == "error"
            and f.rule_id.startswith(("narrative.", "performance."))
            and "整体" not in f.message] == []  # 整体绩效目标 of budget.yaml: without the 30.00


def test_this_years_fiscal_projects_leave_out_carry_over_and_count_fund_projects(carried
                                                                                ) -> None:
    # 7 一般公共预算 projects (633.02, the carried-over one not) + the 政府性基金 one (162.00)
    assert any("当年财政拨款项目 8 个，涉及预算金额 795.02 万元" in t
               for t in _texts(carried, "other"))


def test_the_same_projects_counted_from_tables_as_from_line_items() -> None:
    budget = load_budget(EXAMPLES / "water-2025")
    from_lines = disclosure_from_budget(budget)
    from_tables = disclosure_from_budget(replace(budget, lines=(), tables=from_lines.tables,
                                                 operating_cost=Decimal("33.93")))
    wanted = "当年财政拨款项目 6 个，涉及预算金额 357.50 万元"
    assert any(wanted in t for t in _texts(from_lines, "other"))
    assert any(wanted in t for t in _texts(from_tables, "other"))
    # and every other sentence too: the carry-over is read from 表1 and 表11, not the lines
    assert [[s.text for s in x.sentences()] for x in from_tables.narrative] == \
        [[s.text for s in x.sentences()] for x in from_lines.narrative]


def test_a_government_fund_carry_over_is_stated_apart_in_section_eight() -> None:
    budget = load_budget(EXAMPLES / "water-2025")
    line = LineItem(unit="某县示例水利局机关", fund_source="carryover_fiscal.gov_fund",
                    functional_code="2136603", economic_code="31005", kind="project",
                    amount=Decimal("40"), project="库区防护工程维护")
    d = disclosure_from_budget(replace(budget, lines=(*budget.lines, line)))
    fund = "".join(_texts(d, "gov_fund"))
    assert ("政府性基金预算拨款安排的支出 190.00 万元（当年拨款 150.00 万元，上年财政拨款结转 "
            "40.00 万元），其中：基本支出 0.00 万元，项目支出 190.00 万元。") in fund
    income = "".join(_texts(d, "appropriation"))
    assert "政府性基金预算当年拨款 150.00 万元、上年财政拨款结转（政府性基金预算） 40.00 万元" in income
    # 表11 now mixes two budgets' carry-over: 说明五 no longer splits it by 基本/项目
    assert not any("万元（含上年财政拨款结转" in t for t in _texts(d, "gpb"))
    # (the 整体绩效目标 of budget.yaml still gives the total without the added 40.00: rightly
    # an error, about the input, not the wording)
    assert [f.message for f in check_disclosure(d) if f.severity == "error"
            and f.rule_id.startswith("narrative.") and "整体预算绩效目标" not in f.message] == []


def test_a_fund_with_only_a_carry_over_is_no_appropriation_of_this_year() -> None:
    budget = load_budget(EXAMPLES / "water-2025")
    lines = tuple(x for x in budget.lines if x.fund_source != "gov_fund")
    d = disclosure_from_budget(replace(budget, lines=lines))
    text = "".join(_texts(d, "appropriation"))
    assert "收入为一般公共预算当年拨款和上年财政拨款结转，无政府性基金预算拨款和国有资本经营预算。" in text
    carried_fund = LineItem(unit="某县示例水利局机关", fund_source="carryover_fiscal.gov_fund",
                            functional_code="2136603", economic_code="31005", kind="project",
                            amount=Decimal("40"), project="库区防护工程维护")
    d = disclosure_from_budget(replace(budget, lines=(*lines, carried_fund)))
    text = "".join(_texts(d, "appropriation"))
    assert "收入包括一般公共预算当年拨款和上年财政拨款结转，无国有资本经营预算拨款。" in text
    assert "政府性基金预算当年拨款" not in text
    assert "上年财政拨款结转（政府性基金预算） 40.00 万元" in text
