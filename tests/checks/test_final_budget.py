"""Budget against actual: the synthetic 部门决算 (examples/synthetic-final-2024) against a
部门预算 of the same department and year that agrees with its 年初预算 figures, and against
copies with one figure changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.checks.final_document import EXAMPLE, budget_disclosure
from tests.checks.helpers import set_cell
from tests.store.factories import json_bytes
from yusuan.checks.final_budget import check_against_budget
from yusuan.cli.main import app
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import Disclosure
from yusuan.parse.dispatch import parse_files
from yusuan.render.pdf import render_pdf


@pytest.fixture(scope="module")
def final() -> Disclosure:
    return build_disclosure(EXAMPLE)


def test_the_final_accounts_agree_with_their_budget(final: Disclosure) -> None:
    assert check_against_budget(final, budget_disclosure()) == []


def test_a_stated_initial_budget_differing_from_the_budget_is_an_error(final: Disclosure) -> None:
    budget = set_cell(budget_disclosure(), "gpb", "total", "7900000.00", code="2010301")
    found = check_against_budget(final, budget)
    assert [(f.rule_id, f.severity, f.location.name, f.expected, f.actual) for f in found] == [
        ("final.budget-initial-eq-budget", "error", "行政运行", "790.00", "780.00")]


def test_a_three_public_budget_column_differing_is_an_error(final: Disclosure) -> None:
    budget = set_cell(budget_disclosure(), "three_public", "abroad", "250000.00", key="total")
    found = check_against_budget(final, budget)
    assert [(f.location.name, f.expected, f.actual) for f in found] == [
        ("因公出国（境）费", "25.00", "20.00")]


def test_the_gpb_total_is_checked(final: Disclosure) -> None:
    budget = set_cell(budget_disclosure(), "gpb", "total", "10100000.00", key="total")
    assert [f.location.name for f in check_against_budget(final, budget)] == [
        "一般公共预算财政拨款支出合计"]


def test_a_government_fund_item_is_held_against_the_budgets_fund_table(
        final: Disclosure) -> None:
    """Section 八's “其他国有土地使用权出让收入安排的支出（项）。年初预算为100.00万元” is the
    budget's 政府性基金 table's row, not the 一般公共预算 table's."""
    budget = set_cell(budget_disclosure(), "gov_fund", "total", "1200000.00", code="2120899")
    found = check_against_budget(final, budget)
    assert [(f.location.table, f.location.name, f.expected, f.actual) for f in found] == [
        ("gov_fund", "其他国有土地使用权出让收入安排的支出", "120.00", "100.00")]
    assert "部门政府性基金预算支出功能分类预算表" in found[0].message


def test_another_year_is_not_compared(final: Disclosure) -> None:
    found = check_against_budget(final, dataclasses.replace(budget_disclosure(), year=2023))
    assert [(f.rule_id, f.severity) for f in found] == [("final.budget-same-series", "warning")]


def test_an_item_whose_name_has_brackets_is_found(final: Disclosure) -> None:
    budget = set_cell(budget_disclosure(), "gpb", "total", "2300000.00", code="2010399")
    assert [f.location.name for f in check_against_budget(final, budget)] == [
        "其他政府办公厅（室）及相关机构事务支出"]


def test_check_with_the_budget_on_the_command_line(final: Disclosure, tmp_path: Path) -> None:
    """yusuan check FINAL --budget BUDGET: the 年初预算 statements held against it (exit 1 on an
    error); a budget that cannot be read is exit 2 with its message."""
    good, bad = tmp_path / "budget.json", tmp_path / "other.json"
    good.write_bytes(json_bytes(budget_disclosure()))
    bad.write_bytes(json_bytes(set_cell(budget_disclosure(), "gpb", "total", "7900000.00",
                                        code="2010301")))
    runner = CliRunner()
    ok = runner.invoke(app, ["check", str(EXAMPLE), "--budget", str(good)])
    assert ok.exit_code == 0, ok.output
    wrong = runner.invoke(app, ["check", str(EXAMPLE), "--budget", str(bad)])
    assert wrong.exit_code == 1 and "final.budget-initial-eq-budget" in wrong.output
    missing = runner.invoke(app, ["check", str(EXAMPLE), "--budget", str(tmp_path / "no.json")])
    assert missing.exit_code == 2 and "no.json" in missing.output


def test_the_published_pdf_is_held_against_the_budget(final: Disclosure, tmp_path: Path) -> None:
    """Read back from its PDF, the 决算's 项 sentences still find their budget rows."""
    path = tmp_path / "final.pdf"
    path.write_bytes(render_pdf(final))
    read, _ = parse_files([path])
    assert check_against_budget(read, budget_disclosure()) == []
    budget = set_cell(budget_disclosure(), "gpb", "total", "2300000.00", code="2010399")
    assert [f.location.name for f in check_against_budget(read, budget)] == [
        "其他政府办公厅（室）及相关机构事务支出"]
