"""The plain-text reader on the Korla seed: every printed amount, in the right table, row and
column, exactly as the seed prints it (the same cells ``yusuan build`` writes)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.building.seed_tables import expected_cells
from tests.conftest import SEED_TEXT
from tests.parse.cells import KEY, cell_set
from yusuan.model.cells import cell_records
from yusuan.parse import parse_file


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED_TEXT)


def test_every_printed_amount_and_nothing_else(seed):
    disclosure, _ = seed
    parsed = [tuple(r[k] for k in KEY) for r in cell_records(disclosure)]
    assert len(parsed) == len(set(parsed)), "a cell is read twice"
    expected = expected_cells(SEED_TEXT)
    assert len(expected) > 250
    assert set(parsed) == expected


def test_same_cells_as_the_build_writes(seed, korla_disclosure):
    assert cell_set(seed[0]) == cell_set(korla_disclosure)


def test_document_facts(seed):
    disclosure, findings = seed
    assert disclosure.department == "库尔勒市人民政府办公室"
    assert disclosure.year == 2024
    assert disclosure.profile == "xinjiang-11"
    assert disclosure.edition == "部门预算"
    assert [t.id for t in disclosure.tables] == [
        "summary", "income", "expenditure", "appropriation", "gpb", "gpb_basic",
        "gpb_project", "gov_fund", "state_capital", "three_public", "carryover"]
    assert all(t.unit.value == "万元" for t in disclosure.tables)
    assert [f for f in findings if f.severity != "info"] == []


def test_table_continued_with_repeated_header_is_one_table(seed):
    income = seed[0].table("income")
    codes = [r.code for r in income.rows if r.code]
    assert codes.count("2080505") == 1  # first row after the repeated header
    assert not any("功能分类" in r.name for r in income.rows)
    assert income.row(code="2080505").value("gpb") == Decimal("101.64")


def test_two_sided_labels_carry_their_code(seed):
    summary = seed[0].table("summary")
    row = summary.row(code="201", section="expenditure")
    assert row is not None and row.name == "一般公共服务支出"
    assert row.value("amount") == Decimal("839.02")
    assert summary.row(key="income.total").value("amount") == Decimal("1491.86")


def test_project_rows_know_their_unit(seed):
    project = seed[0].table("gpb_project")
    rows = [r for r in project.rows if r.project == "部门专项-业务运行经费"]
    assert len(rows) == 1
    assert rows[0].unit == "库尔勒市行政服务中心" and rows[0].code == "2010399"
    assert rows[0].value("total") == Decimal("10.00")


def test_empty_tables_keep_their_statement(seed):
    for table_id in ("gov_fund", "state_capital", "carryover"):
        table = seed[0].table(table_id)
        assert table.is_empty
        assert table.empty_statement.startswith("库尔勒市人民政府办公室 2024 年没有")
