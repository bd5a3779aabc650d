"""Test and benchmark documents: variants of the Korla 2024 example as stored ``Document``s."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

from yusuan.model.disclosure import Disclosure, Row, Table
from yusuan.model.serialize import disclosure_to_data
from yusuan.store.repository import Document


def _scaled_row(row: Row, factor: Decimal) -> Row:
    values = {k: None if v is None else (v * factor).quantize(Decimal("0.01"))
              for k, v in row.values.items()}
    return dataclasses.replace(row, values=values)


def _scaled_table(table: Table, factor: Decimal) -> Table:
    return dataclasses.replace(table, rows=tuple(_scaled_row(r, factor) for r in table.rows))


def variant(base: Disclosure, department: str | None = None, year: int | None = None,
            factor: Decimal = Decimal(1)) -> Disclosure:
    """``base`` under another department name / year, every amount times ``factor``."""
    tables = tuple(_scaled_table(t, factor) for t in base.tables) if factor != 1 else base.tables
    return dataclasses.replace(base, department=department or base.department,
                               year=year or base.year, tables=tables)


def json_bytes(disclosure: Disclosure) -> bytes:
    return json.dumps(disclosure_to_data(disclosure), ensure_ascii=False).encode("utf-8")


def document(disclosure: Disclosure, findings: tuple[dict[str, object], ...] = (),
             salt: str = "") -> Document:
    """A stored-as-JSON document; ``salt`` changes the bytes (a new version of the same file)."""
    data = json_bytes(disclosure) + salt.encode("utf-8")
    return Document(disclosure=disclosure, original=data,
                    file_name=f"{disclosure.department}-{disclosure.year}.json",
                    file_type="json", findings=findings, checked=bool(findings))
