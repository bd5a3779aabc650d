"""A store's content without its ids and times, to compare two ingests of the same files."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from yusuan.store import Store
from yusuan.store.schema import Cell, Department, DisclosureRecord

D = DisclosureRecord


def content(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(disclosures, cells), each sorted: what a disclosure is and every cell of it."""
    with store.reading() as session:
        docs = session.execute(sa.select(
            Department.name, D.year, D.edition, D.version, D.title, D.file_name, D.file_type,
            D.sha256, D.disclosure_json, D.findings_json, D.error_count, D.warning_count,
            D.state).join(Department, Department.id == D.department_id)).all()
        cells = session.execute(sa.select(
            D.sha256, Cell.table_id, Cell.section, Cell.unit, Cell.code, Cell.name,
            Cell.project, Cell.column, Cell.amount_yuan).join(D, D.id == Cell.disclosure_id)
        ).all()
    return sorted(tuple(r) for r in docs), sorted(tuple(r) for r in cells)
