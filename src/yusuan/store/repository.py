"""Writing the store: documents in (a new version, or nothing for a file already stored),
their renditions and cells, publishing and withdrawing, the audit log.

Writers take a ``Session`` inside the caller's transaction (``Store.transaction()``), so
ingest can make one transaction per document. Reading is ``catalog`` (which disclosures, one
disclosure's data) and ``open_data`` (the published cells).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from yusuan.model.cells import cell_records
from yusuan.model.disclosure import Disclosure
from yusuan.model.serialize import disclosure_to_data
from yusuan.store.catalog import DisclosureInfo, disclosure_info
from yusuan.store.db import lock_writers
from yusuan.store.names import normalise
from yusuan.store.org import match
from yusuan.store.schema import AuditEntry, Cell, Department, DisclosureRecord, Rendition

D = DisclosureRecord


@dataclass(frozen=True)
class Document:
    """A document ready to store: its model, its findings and the original file."""

    disclosure: Disclosure
    original: bytes
    file_name: str
    file_type: str  # json | pdf | txt | xlsx | docx | folder
    findings: tuple[dict[str, Any], ...] = ()
    checked: bool = False  # the checker ran (an empty list then means "no findings")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.original).hexdigest()


@dataclass(frozen=True)
class IngestOutcome:
    status: str  # ``ingested`` | ``unchanged``
    disclosure_id: int
    version: int
    title: str


def now() -> datetime:
    return datetime.now(UTC)


def _severity_counts(findings: Sequence[dict[str, Any]]) -> dict[str, int]:
    said = Counter(str(f.get("severity", "")) for f in findings)
    return {severity: said[severity] for severity in ("error", "warning", "info")}


def department_id(session: Session, name: str) -> int:
    """The department named ``name``, found in the org tree by normalised name when it is
    sure (``org.match``), else a new department."""
    found = session.scalar(select(Department.id).where(Department.name == name))
    if found is None:
        found = match(session, name, similar=False).department_id  # only a sure one counts
    if found is not None:
        return found
    dept = Department(name=name, name_key=normalise(name), created_at=now())
    session.add(dept)
    session.flush()
    return dept.id


def store_document(session: Session, doc: Document, user: str | None = None,
                   department: int | None = None) -> IngestOutcome:
    """Store ``doc`` as a draft: unchanged if the same file is stored, else version n + 1.

    Concurrent callers are serialised (``lock_writers``), so the same file is stored once
    and versions stay consecutive.
    """
    lock_writers(session)
    d = doc.disclosure
    sha = doc.sha256
    existing = session.execute(select(D.id, D.version).where(D.sha256 == sha)).first()
    if existing is not None:
        return IngestOutcome("unchanged", existing.id, existing.version, d.title)
    dept = department if department is not None else department_id(session, d.department)
    last = session.scalar(select(func.max(D.version)).where(
        D.department_id == dept, D.year == d.year, D.edition == d.edition, D.kind == d.kind))
    counts = _severity_counts(doc.findings)
    record = DisclosureRecord(
        department_id=dept, year=d.year, edition=d.edition, kind=d.kind,
        version=(last or 0) + 1,
        profile=d.profile, title=d.title, file_name=doc.file_name, file_type=doc.file_type,
        file_bytes=doc.original, sha256=sha,
        disclosure_json=json.dumps(disclosure_to_data(d), ensure_ascii=False),
        findings_json=json.dumps(list(doc.findings), ensure_ascii=False, default=str),
        checked=doc.checked, error_count=counts["error"], warning_count=counts["warning"],
        info_count=counts["info"], state="draft", created_at=now(), created_by=user,
    )
    session.add(record)
    session.flush()
    rows = [{"disclosure_id": record.id, "table_id": c["table"], "section": c["section"],
             "unit": c["unit"], "code": c["code"], "name": c["name"], "project": c["project"],
             "column": c["column"], "amount_yuan": Decimal(c["amount_yuan"])}
            for c in cell_records(d)]
    if rows:
        insert_cells(session, rows)
    audit(session, user or "ingest", "ingest", record.id, f"{d.title} 第{record.version}版")
    return IngestOutcome("ingested", record.id, record.version, d.title)


def rendition(session: Session, disclosure: int, fmt: str) -> bytes | None:
    """A stored download of ``disclosure`` in ``fmt``, if it was rendered."""
    data = session.scalar(select(Rendition.data).where(
        Rendition.disclosure_id == disclosure, Rendition.format == fmt))
    return bytes(data) if data is not None else None


def store_rendition(session: Session, disclosure: int, fmt: str, data: bytes) -> None:
    """Keep a rendered download (a second worker storing the same one is harmless)."""
    if session.get(Rendition, (disclosure, fmt)) is None:
        session.add(Rendition(disclosure_id=disclosure, format=fmt, data=data, created_at=now()))


CELL_FIELDS = ("disclosure_id", "table_id", "section", "unit", "code", "name", "project",
               "column", "amount_yuan")


def insert_cells(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Write cell rows the fastest way the database has: PostgreSQL's COPY (one stream, no
    per-row statement), an executemany insert elsewhere. Same transaction either way."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        assert raw is not None  # an open session's connection
        columns = ", ".join(f'"{c}"' for c in CELL_FIELDS)
        with raw.cursor() as cursor, cursor.copy(
                f"COPY {Cell.__tablename__} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in CELL_FIELDS])
        return
    session.execute(insert(Cell), list(rows))


def audit(session: Session, user: str, action: str, disclosure: int | None,
          detail: str = "") -> None:
    session.add(AuditEntry(at=now(), username=user, action=action, disclosure_id=disclosure,
                           detail=detail))


def set_state(session: Session, disclosure: int, state: str, user: str,
              how: str = "") -> DisclosureInfo:
    """Publish or withdraw a disclosure version; recorded in the audit log (``how``: by
    what means, e.g. the command that did it)."""
    if state not in ("published", "withdrawn"):
        raise ValueError(f"未知的发布状态“{state}”")
    record = session.get(D, disclosure)
    if record is None:
        raise LookupError(f"没有编号为 {disclosure} 的公开文件")
    record.state = state
    if state == "published":
        record.published_at = now()
    action = "publish" if state == "published" else "withdraw"
    detail = f"{record.title} 第{record.version}版"
    audit(session, user, action, disclosure, f"{detail}（{how}）" if how else detail)
    session.flush()
    info = disclosure_info(session, disclosure, public=False)
    assert info is not None
    return info


def audit_log(session: Session, limit: int = 200) -> list[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    entries = list(session.scalars(stmt))
    session.expunge_all()
    return entries
