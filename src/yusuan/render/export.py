"""Open-data exports: the cells CSV (one row per printed amount) and the Disclosure JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from yusuan.model.disclosure import Disclosure, label
from yusuan.model.money import to_yuan
from yusuan.model.serialize import disclosure_to_data

CELL_FIELDS = ("department", "year", "table", "section", "unit", "code", "name", "project",
               "column", "amount_yuan")


def cell_records(disclosure: Disclosure) -> Iterator[dict[str, str]]:
    """DESIGN.md's cells: every printed amount with its table, row and column, in 元."""
    for table in disclosure.tables:
        for row, column, amount in table.cells():
            yield {
                "department": disclosure.department,
                "year": str(disclosure.year),
                "table": table.id,
                "section": row.section or "",
                "unit": row.unit or "",
                "code": row.code or "",
                "name": label(row.name),
                "project": label(row.project) if row.project else "",
                "column": column.label,
                "amount_yuan": str(to_yuan(amount, table.unit)),
            }


def render_cells_csv(disclosure: Disclosure, options: object = None) -> bytes:
    """UTF-8 with BOM so that Excel opens it as Chinese text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CELL_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(cell_records(disclosure))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_json(disclosure: Disclosure, options: object = None) -> bytes:
    data = disclosure_to_data(disclosure)
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
