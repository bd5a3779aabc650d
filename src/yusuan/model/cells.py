"""The cells of a disclosure as open data (docs/design.md (Cells CSV)): one record per printed amount.

A pure function of the model, used by the CSV export (``render.export``) and the store's cells
table (``store.repository``) alike.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model.disclosure import Disclosure, label
from yusuan.model.money import to_yuan

CELL_FIELDS = ("department", "year", "table", "section", "unit", "code", "name", "project",
               "column", "amount_yuan", "kind")


def cell_records(disclosure: Disclosure) -> Iterator[dict[str, str]]:
    """Every printed amount with its table, row and column, in 元 (exact), and the document's
    kind (``budget`` 预算 / ``final`` 决算) last, so readers of the older columns are unaffected."""
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
                "kind": disclosure.kind,
            }
