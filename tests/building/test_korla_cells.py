"""The Korla 2024 example reproduces every amount printed in the seed's 11 tables, and nothing else."""

from __future__ import annotations

import csv
import io

from tests.building.seed_tables import expected_cells
from tests.conftest import SEED_TEXT
from yusuan.render.export import render_cells_csv

KEY = ("table", "section", "unit", "code", "name", "project", "column", "amount_yuan")


def built_cells(disclosure) -> list[tuple[str, ...]]:
    data = render_cells_csv(disclosure)
    assert data.startswith("\ufeff".encode())
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    rows = list(reader)
    assert all(r["department"] == "库尔勒市人民政府办公室" and r["year"] == "2024" for r in rows)
    return [tuple(r[k] for k in KEY) for r in rows]


def test_every_printed_amount_and_nothing_else(korla_disclosure):
    expected = expected_cells(SEED_TEXT)
    built = built_cells(korla_disclosure)
    assert len(built) == len(set(built)), "a cell is written twice"
    assert len(expected) > 250
    assert set(built) - expected == set(), "cells the seed does not print"
    assert expected - set(built) == set(), "printed cells missing from cells.csv"


def test_spot_values(korla_disclosure):
    cells = set(built_cells(korla_disclosure))
    assert ("gpb_basic", "", "", "", "总计", "", "一般公共预算基本支出/人员经费", "10319500.00") in cells
    assert ("summary", "expenditure", "", "201", "一般公共服务支出", "", "预算数", "8390200.00") in cells
    assert ("gpb_project", "", "库尔勒市行政服务中心", "2010399", "其他政府办公厅(室)及相关机构事务支出",
            "部门专项-业务运行经费", "项目支出合计", "100000.00") in cells


def test_empty_tables_carry_their_statement(korla_disclosure):
    for table_id in ("gov_fund", "state_capital", "carryover"):
        table = korla_disclosure.table(table_id)
        assert table.is_empty
        assert table.empty_statement.startswith("库尔勒市人民政府办公室2024年没有")
