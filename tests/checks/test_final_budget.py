"""Budget against actual: the synthetic 部门决算 (examples/synthetic-final-2024) against a
部门预算 of the same department and year that agrees with its 年初预算 figures, and against
copies with one figure changed."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from tests.checks.helpers import set_cell
from yusuan.build import build_disclosure
from yusuan.checks.final_budget import check_against_budget
from yusuan.model.disclosure import Disclosure, Row, Table
from yusuan.model.money import Unit
from yusuan.reference.profiles import load_profile

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "synthetic-final-2024"


@pytest.fixture(scope="module")
def final() -> Disclosure:
    return build_disclosure(EXAMPLE)


def _budget() -> Disclosure:
    """The 2024 部门预算 (shanghai-9): 一般公共预算 1,000.00 万元 (项 780.00 + 220.00), in 元."""
    profile = load_profile("shanghai-9")

    def table(table_id: str, rows: list[Row]) -> Table:
        layout = profile.table(table_id)
        assert layout is not None
        return Table(table_id, layout.title, Unit.YUAN, layout.all_columns, tuple(rows))

    def row(name: str, values: dict[str, str], code: str | None = None,
            kind: str = "item") -> Row:
        return Row(name, {k: Decimal(v) for k, v in values.items()}, code=code, kind=kind,
                   key="total" if kind == "total" else None)

    gpb = table("gpb", [
        row("合计", {"total": "10000000.00"}, kind="total"),
        row("一般公共服务支出", {"total": "10000000.00"}, "201"),
        row("政府办公厅（室）及相关机构事务", {"total": "10000000.00"}, "20103"),
        row("行政运行", {"total": "7800000.00"}, "2010301"),
        row("其他政府办公厅（室）及相关机构事务支出", {"total": "2200000.00"}, "2010399")])
    three = table("three_public", [row("", {
        "total": "1000000.00", "abroad": "200000.00", "reception": "300000.00",
        "vehicle": "500000.00", "vehicle.purchase": "200000.00",
        "vehicle.operation": "300000.00"}, kind="total")])
    return Disclosure(department="某区示例局", year=2024, profile="shanghai-9", unit=Unit.YUAN,
                      tables=(gpb, three))


def test_the_final_accounts_agree_with_their_budget(final: Disclosure) -> None:
    assert check_against_budget(final, _budget()) == []


def test_a_stated_initial_budget_differing_from_the_budget_is_an_error(final: Disclosure) -> None:
    budget = set_cell(_budget(), "gpb", "total", "7900000.00", code="2010301")
    found = check_against_budget(final, budget)
    assert [(f.rule_id, f.severity, f.location.name, f.expected, f.actual) for f in found] == [
        ("final.budget-initial-eq-budget", "error", "行政运行", "790.00", "780.00")]


def test_a_three_public_budget_column_differing_is_an_error(final: Disclosure) -> None:
    budget = set_cell(_budget(), "three_public", "abroad", "250000.00", key="total")
    found = check_against_budget(final, budget)
    assert [(f.location.name, f.expected, f.actual) for f in found] == [
        ("因公出国（境）费", "25.00", "20.00")]


def test_the_gpb_total_is_checked(final: Disclosure) -> None:
    budget = set_cell(_budget(), "gpb", "total", "10100000.00", key="total")
    assert [f.location.name for f in check_against_budget(final, budget)] == [
        "一般公共预算财政拨款支出合计"]


def test_another_year_is_not_compared(final: Disclosure) -> None:
    found = check_against_budget(final, dataclasses.replace(_budget(), year=2023))
    assert [(f.rule_id, f.severity) for f in found] == [("final.budget-same-series", "warning")]


def test_an_item_whose_name_has_brackets_is_found(final: Disclosure) -> None:
    budget = set_cell(_budget(), "gpb", "total", "2300000.00", code="2010399")
    assert [f.location.name for f in check_against_budget(final, budget)] == [
        "其他政府办公厅（室）及相关机构事务支出"]
