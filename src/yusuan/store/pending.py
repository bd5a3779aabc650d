"""Uploads waiting for a person to confirm their department.

When the org tree cannot name a document's department surely (``org.match``: no exact
normalised name, but similar ones), the upload is kept here — not stored as a disclosure —
and its uploader picks the department on a confirmation page. Confirming stores it under that
department and, by default, adds the printed name as one of its units, so the same name is
recognised next time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from yusuan.model.serialize import disclosure_from_data, disclosure_to_data
from yusuan.store.org import add_unit, match
from yusuan.store.repository import Document, IngestOutcome, audit, now, store_document
from yusuan.store.schema import PendingUpload


@dataclass(frozen=True)
class Pending:
    id: int
    printed_department: str
    file_name: str
    created_at: datetime
    candidates: tuple[tuple[int, str], ...]


def hold(session: Session, doc: Document, user: str) -> int:
    row = PendingUpload(
        username=user, printed_department=doc.disclosure.department, file_name=doc.file_name,
        file_type=doc.file_type, file_bytes=doc.original,
        disclosure_json=json.dumps(disclosure_to_data(doc.disclosure), ensure_ascii=False),
        findings_json=json.dumps(list(doc.findings), ensure_ascii=False, default=str),
        checked=doc.checked, created_at=now())
    session.add(row)
    session.flush()
    return row.id


def waiting(session: Session, user: str) -> list[Pending]:
    """``user``'s uploads waiting for a department, with the similar departments."""
    rows = session.scalars(select(PendingUpload).where(PendingUpload.username == user)
                           .order_by(PendingUpload.id)).all()
    return [Pending(r.id, r.printed_department, r.file_name, r.created_at,
                    match(session, r.printed_department).candidates) for r in rows]


def confirm(session: Session, pending: int, user: str, department: int,
            remember: bool = True) -> IngestOutcome:
    """Store ``user``'s pending upload under ``department`` (LookupError: not theirs)."""
    row = session.scalar(select(PendingUpload).where(PendingUpload.id == pending,
                                                     PendingUpload.username == user))
    if row is None:
        raise LookupError("没有这份待确认的上传")
    doc = Document(disclosure_from_data(json.loads(row.disclosure_json)), bytes(row.file_bytes),
                   row.file_name, row.file_type, tuple(json.loads(row.findings_json)),
                   row.checked)
    if remember:
        add_unit(session, department, row.printed_department)
    outcome = store_document(session, doc, user, department=department)
    audit(session, user, "confirm-department", outcome.disclosure_id,
          f"“{row.printed_department}”确认为部门编号 {department}")
    session.execute(delete(PendingUpload).where(PendingUpload.id == pending))
    return outcome


def discard(session: Session, pending: int, user: str) -> None:
    session.execute(delete(PendingUpload).where(PendingUpload.id == pending,
                                                PendingUpload.username == user))
