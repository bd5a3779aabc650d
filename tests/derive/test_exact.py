"""元 → 万元 keeps every digit: the cells CSV gives back the line items' 元 exactly."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from tests.derive.conftest import SYNTHETIC
from yusuan.model.money import Unit
from yusuan.render.export import render_cells_csv


def line_amounts_yuan(path: Path) -> list[Decimal]:
    rows = csv.reader(line for line in path.read_text(encoding="utf-8").splitlines()
                      if not line.startswith("#"))
    next(rows)
    return [Decimal(r[6]) for r in rows]


def cells(disclosure) -> list[dict[str, str]]:
    text = render_cells_csv(disclosure).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_line_amounts_are_converted_exactly(synthetic_budget):
    assert synthetic_budget.unit is Unit.WAN
    first = synthetic_budget.lines[0]
    assert first.amount == Decimal("123.461851")  # 1,234,618.51 元
    assert sum((x.amount for x in synthetic_budget.lines), Decimal(0)) * 10000 == sum(
        line_amounts_yuan(SYNTHETIC / "lines.csv"), Decimal(0))


def test_cells_csv_gives_back_every_yuan(synthetic_disclosure):
    yuan = line_amounts_yuan(SYNTHETIC / "lines.csv")
    total = sum(yuan, Decimal(0))
    records = cells(synthetic_disclosure)
    t3 = [r for r in records if r["table"] == "expenditure" and r["column"] == "支出预算/合计"]
    items = [r for r in t3 if len(r["code"]) == 7]
    assert sum(Decimal(r["amount_yuan"]) for r in items) == total
    assert next(Decimal(r["amount_yuan"]) for r in t3 if r["name"] == "总计") == total
    # Every cell is a whole number of 分: nothing was rounded away, nothing invented.
    for r in records:
        assert Decimal(r["amount_yuan"]) == Decimal(r["amount_yuan"]).quantize(Decimal("0.01"))
        assert len(r["amount_yuan"].partition(".")[2]) == 2, r


def test_odd_cents_survive_into_the_table(synthetic_budget):
    """A 项 whose lines carry odd 分 keeps them: 表3 2120101 = 2,524,418.64 元 exactly."""
    t3 = next(t for t in synthetic_budget.tables if t.id == "expenditure")
    row = t3.row(code="2120101")
    assert row is not None and row.value("total") == Decimal("252.441864")
