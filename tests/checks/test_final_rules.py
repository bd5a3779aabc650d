"""Every 决算 rule on the synthetic 部门决算: it passes as built, and fails (with the rule's
severity) when one figure, sentence or table is changed. Budget rules do not run on it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

import pytest

from tests.checks.final_document import final_disclosure
from tests.checks.helpers import (
    drop_table,
    findings_of,
    map_table,
    map_text,
    set_cell,
    severities,
)
from yusuan.checks.catalogue import CATALOGUE
from yusuan.checks.run import check_disclosure
from yusuan.model.disclosure import Disclosure, Row, Table

Change = Callable[[Disclosure], Disclosure]
FINAL_RULES = {r.id: r.severity for r in CATALOGUE if r.kinds == ("final",)}

BROKEN: dict[str, Change] = {
    "final.summary-balance": lambda d: set_cell(d, "summary", "amount", "60.00",
                                                key="expenditure.carryover"),
    "final.summary-totals": lambda d: set_cell(d, "summary", "amount", "1361.00",
                                               key="income.year"),
    "final.row-parts": lambda d: set_cell(d, "expenditure", "project", "451.00", code="201"),
    "final.fund-balance": lambda d: set_cell(d, "gov_fund", "balance", "3.00", key="total"),
    "final.appropriation-chain": lambda d: set_cell(d, "gpb", "total", "1190.00", key="total"),
    "final.basic-sums": lambda d: set_cell(d, "gpb_basic", "amount", "401.00", code="30101"),
    "final.three-public": lambda d: set_cell(d, "gpb_basic", "amount", "35.00", code="30231"),
    "final.narrative-completion": lambda d: map_text(d, lambda t: t.replace("118.00%",
                                                                            "108.00%")),
    "final.completeness": lambda d: drop_table(d, "three_public"),
    "final.narrative-eq-table": lambda d: set_cell(d, "summary", "amount", "1370.00",
                                                   key="income.year"),
    "final.narrative-shares": lambda d: map_text(d, lambda t: t.replace("占3.68%", "占3.86%")),
    "final.narrative-change": lambda d: map_text(d, lambda t: t.replace("增长6.40%", "增长6.04%")),
}


def test_every_final_rule_has_a_case() -> None:
    assert set(BROKEN) == set(FINAL_RULES)


def test_the_synthetic_final_accounts_check_clean() -> None:
    d = final_disclosure()
    assert d.kind == "final"
    assert [str(f) for f in check_disclosure(d) if f.severity != "info"] == []


@pytest.mark.parametrize("rule_id", sorted(BROKEN))
def test_the_rule_fails_on_the_broken_case(rule_id: str) -> None:
    d = final_disclosure()
    assert findings_of(d, rule_id) == []
    assert FINAL_RULES[rule_id] in severities(BROKEN[rule_id](d), rule_id)


def test_the_direction_of_the_stated_difference_is_checked() -> None:
    d = map_text(final_disclosure(), lambda t: t.replace("决算数大于预算数", "决算数小于预算数"))
    assert [f.actual for f in findings_of(d, "final.narrative-completion")] == ["小于"]


def test_a_missing_topic_of_the_narrative_is_reported() -> None:
    d = map_text(final_disclosure(), lambda t: t.replace("政府采购", "采购"))
    assert [f.expected for f in findings_of(d, "final.completeness")] == ["政府采购"]


def test_budget_rules_do_not_run_on_final_accounts_nor_final_rules_on_budgets() -> None:
    d = final_disclosure()
    ran = {f.rule_id for f in check_disclosure(BROKEN["final.row-parts"](d))}
    assert ran and all(r.startswith("final.") for r in ran)
    budget = dataclasses.replace(BROKEN["final.row-parts"](d), edition="部门预算")
    assert not {f.rule_id for f in check_disclosure(budget)} & set(FINAL_RULES)


def test_a_change_said_in_the_wrong_direction_is_an_error() -> None:
    d = map_text(final_disclosure(), lambda t: t.replace("增加80.00万元，增长6.40%",
                                                         "增加80.00万元，下降6.40%"))
    assert [(f.expected, f.actual) for f in findings_of(d, "final.narrative-change")] == [
        ("增加", "下降")]


def test_figures_printed_with_spaces_are_read() -> None:
    """“年初预算为 1,000.00 万元” as typeset in the template (spaces around numbers)."""
    spaced = map_text(final_disclosure(), lambda t: t.replace("为1,000.00万元", "为 1,000.00 万元")
                      .replace("118.00%", "108.00 %"))
    assert [f.actual for f in findings_of(spaced, "final.narrative-completion")] == [
        Decimal("108.00")]


def test_a_rate_computed_before_the_figures_were_rounded_is_info() -> None:
    """100.00 and 118.00 万元 may be 99.996 and 118.004: 118.01% is possible, 118.10% not."""
    small = map_text(final_disclosure(), lambda t: t.replace("为1,000.00万元", "为100.00万元")
                     .replace("为1,180.00万元", "为118.00万元"))
    assert findings_of(small, "final.narrative-completion") == []
    near = map_text(small, lambda t: t.replace("118.00%", "118.01%"))
    far = map_text(small, lambda t: t.replace("118.00%", "118.10%"))
    assert severities(near, "final.narrative-completion") == {"info"}
    assert severities(far, "final.narrative-completion") == {"error"}


def test_an_income_row_the_profile_does_not_know_counts_where_it_is_printed() -> None:
    """A row above 本年收入合计 is one of its items, whatever its label."""
    def add(t: Table) -> Table:
        rows = list(t.rows)
        rows.insert(4, Row("九、用事业基金弥补收支差额", {"amount": Decimal("10.00")},
                           section="income"))
        return dataclasses.replace(t, rows=tuple(rows))

    d = map_table(final_disclosure(), "summary", add)
    found = findings_of(d, "final.summary-totals")
    assert [(f.expected, f.actual) for f in found] == [(Decimal("1370.00"), Decimal("1360.00"))]


def test_the_appropriation_carry_over_equals_its_funds() -> None:
    d = set_cell(final_disclosure(), "appropriation", "total", "25.00",
                 key="income.carryover.gpb")
    found = findings_of(d, "final.summary-totals")
    assert [(f.location.name, f.expected, f.actual) for f in found] == [
        ("年初财政拨款结转和结余", Decimal("25.00"), Decimal("30.00"))]
