"""What an ingest stored, without its ids and times: counts and a SHA-256 of every document,
table, cell and finding, each in a fixed order — so two ingests of the same files (one
process, N workers, a Dask cluster) can be compared at 10,000 documents without holding
either in memory. ``bench_ingest.py --compare A B`` prints both and where they differ.

Ids and ``created_at`` differ between runs by design (documents are stored as their checks
come back); everything a reader sees is compared: the department, year, edition, version,
title, file, hash, Disclosure JSON (its tables and rows), the findings and their counts,
the state, and every cell.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from yusuan.store import Store
from yusuan.store.schema import Cell, Department, DisclosureRecord

D = DisclosureRecord
BATCH = 20_000


@dataclass
class Digest:
    documents: int = 0
    tables: int = 0
    cells: int = 0
    findings: int = 0
    errors: int = 0
    warnings: int = 0
    document_hash: str = ""
    cell_hash: str = ""
    per_document: dict[str, str] = field(default_factory=dict)  # sha256 → hash of its row

    def summary(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "per_document"}


def _rows(store: Store, query: sa.Select[Any]) -> Iterator[tuple[Any, ...]]:
    with store.reading() as session:
        result = session.execute(query.execution_options(yield_per=BATCH))
        for row in result:
            yield tuple(row)


def digest(store: Store) -> Digest:
    """Counts and hashes of everything ``store`` holds (documents by file hash)."""
    out = Digest()
    docs = hashlib.sha256()
    query = sa.select(
        D.sha256, Department.name, D.year, D.edition, D.kind, D.version, D.profile, D.title,
        D.file_name, D.file_type, D.disclosure_json, D.findings_json, D.checked,
        D.error_count, D.warning_count, D.info_count, D.state
    ).join(Department, Department.id == D.department_id).order_by(D.sha256)
    for row in _rows(store, query):
        text = json.dumps(row, ensure_ascii=False, default=str).encode()
        docs.update(text)
        out.per_document[row[0]] = hashlib.sha256(text).hexdigest()
        out.documents += 1
        out.tables += len(json.loads(row[10]).get("tables", ()))
        out.findings += len(json.loads(row[11]))
        out.errors += row[13]
        out.warnings += row[14]
    cells = hashlib.sha256()
    query = sa.select(
        D.sha256, Cell.table_id, Cell.section, Cell.unit, Cell.code, Cell.name, Cell.project,
        Cell.column, Cell.amount_yuan).join(D, D.id == Cell.disclosure_id).order_by(
        D.sha256, Cell.table_id, Cell.section, Cell.unit, Cell.code, Cell.name, Cell.project,
        Cell.column, Cell.amount_yuan)
    for row in _rows(store, query):
        cells.update("\x1f".join(str(v) for v in row).encode() + b"\x1e")
        out.cells += 1
    out.document_hash, out.cell_hash = docs.hexdigest(), cells.hexdigest()
    return out


def differences(a: Digest, b: Digest, limit: int = 10) -> list[str]:
    """The documents (by file hash) stored in one and not the other, or stored differently."""
    out = [f"only in A: {h}" for h in sorted(a.per_document.keys() - b.per_document.keys())]
    out += [f"only in B: {h}" for h in sorted(b.per_document.keys() - a.per_document.keys())]
    out += [f"differs: {h}" for h in sorted(a.per_document.keys() & b.per_document.keys())
            if a.per_document[h] != b.per_document[h]]
    return out[:limit] + ([f"… {len(out) - limit} more"] if len(out) > limit else [])
