"""Drafts made online: a department's draft of one year's disclosure, the files its figures
were read from, and every save as a version (a save never overwrites one, so nothing written
is lost). Each save is in the audit log with its user. The draft's latest submission is a
disclosure version in the review queue (``store.review``); a reviewer's return comes back to
the draft through it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yusuan.store.db import lock_writers
from yusuan.store.repository import audit, now
from yusuan.store.schema import Department, DisclosureRecord, Draft, DraftSource, DraftVersion


@dataclass(frozen=True)
class DraftInfo:
    id: int
    department_id: int
    department: str
    year: int
    edition: str
    created_by: str
    created_at: datetime
    disclosure_id: int | None  # the latest submission
    submission_state: str | None  # its review state
    version: int
    saved_by: str
    saved_at: datetime
    source_id: int | None
    source_name: str | None
    data: dict[str, Any]


def create(session: Session, department: int, year: int, edition: str, user: str,
           data: dict[str, Any], source: tuple[str, str, bytes] | None = None,
           how: str = "") -> int:
    """A new draft with its first version; ``source``: (kind, file name, bytes)."""
    draft = Draft(department_id=department, year=year, edition=edition, created_by=user,
                  created_at=now())
    session.add(draft)
    session.flush()
    source_id = add_source(session, draft.id, *source) if source else None
    save(session, draft.id, data, user, source_id, action="draft-create", detail=how)
    return draft.id


def add_source(session: Session, draft: int, kind: str, name: str, data: bytes) -> int:
    row = DraftSource(draft_id=draft, kind=kind, file_name=name, data=data, created_at=now())
    session.add(row)
    session.flush()
    return row.id


def save(session: Session, draft: int, data: dict[str, Any], user: str,
         source_id: int | None = None, *, action: str = "draft-save", detail: str = "") -> int:
    """A new version of ``draft`` (its source kept unless ``source_id`` is given)."""
    lock_writers(session)  # two saves at once: consecutive versions, neither lost
    last = session.execute(select(DraftVersion.version, DraftVersion.source_id)
                           .where(DraftVersion.draft_id == draft)
                           .order_by(DraftVersion.version.desc()).limit(1)).first()
    version = (last.version if last else 0) + 1
    session.add(DraftVersion(draft_id=draft, version=version,
                             source_id=source_id if source_id is not None
                             else (last.source_id if last else None),
                             data_json=json.dumps(data, ensure_ascii=False), username=user,
                             at=now()))
    audit(session, user, action, None, f"在线编制 草稿{draft} 第{version}版"
          + (f"：{detail}" if detail else ""))
    return version


def info(session: Session, draft: int) -> DraftInfo | None:
    row = session.execute(
        select(Draft, Department.name, DraftVersion, DraftSource.file_name,
               DisclosureRecord.state)
        .join(Department, Department.id == Draft.department_id)
        .join(DraftVersion, DraftVersion.draft_id == Draft.id)
        .outerjoin(DraftSource, DraftSource.id == DraftVersion.source_id)
        .outerjoin(DisclosureRecord, DisclosureRecord.id == Draft.disclosure_id)
        .where(Draft.id == draft).order_by(DraftVersion.version.desc()).limit(1)).first()
    if row is None:
        return None
    d, name, v, source_name, state = row
    return DraftInfo(d.id, d.department_id, name, d.year, d.edition, d.created_by,
                     d.created_at, d.disclosure_id, state, v.version, v.username, v.at,
                     v.source_id, source_name, json.loads(v.data_json))


def all_drafts(session: Session) -> list[DraftInfo]:
    ids = session.scalars(select(Draft.id).order_by(Draft.id.desc())).all()
    return [x for x in (info(session, i) for i in ids) if x is not None]


def source(session: Session, source_id: int) -> tuple[str, str, bytes] | None:
    row = session.execute(select(DraftSource.kind, DraftSource.file_name, DraftSource.data)
                          .where(DraftSource.id == source_id)).first()
    return (row.kind, row.file_name, bytes(row.data)) if row else None


def versions(session: Session, draft: int) -> list[tuple[int, str, datetime]]:
    """(version, user, when) of every save, newest first."""
    return [(r.version, r.username, r.at) for r in session.execute(
        select(DraftVersion.version, DraftVersion.username, DraftVersion.at)
        .where(DraftVersion.draft_id == draft).order_by(DraftVersion.version.desc()))]


@dataclass(frozen=True)
class SavedVersion:
    """One save of a draft as it was written: who, when, the source file, the data."""

    version: int
    user: str
    at: datetime
    source_id: int | None
    source_name: str | None
    data: dict[str, Any]


def version(session: Session, draft: int, number: int) -> SavedVersion | None:
    row = session.execute(
        select(DraftVersion, DraftSource.file_name)
        .outerjoin(DraftSource, DraftSource.id == DraftVersion.source_id)
        .where(DraftVersion.draft_id == draft, DraftVersion.version == number)).first()
    if row is None:
        return None
    v, source_name = row
    return SavedVersion(v.version, v.username, v.at, v.source_id, source_name,
                        json.loads(v.data_json))


def restore(session: Session, draft: int, number: int, user: str) -> int:
    """A new version equal to save ``number`` — what was written then, and its source file
    where it had one: going back never deletes the saves made since."""
    old = version(session, draft, number)
    if old is None:
        raise LookupError(f"草稿 {draft} 没有第 {number} 次保存")
    return save(session, draft, old.data, user, old.source_id, action="draft-restore",
                detail=f"恢复为第{number}次保存的内容")


def submitted(session: Session, draft: int, disclosure: int) -> None:
    record = session.get(Draft, draft)
    if record is None:
        raise LookupError(f"没有编号为 {draft} 的草稿")
    record.disclosure_id = disclosure


def previous_reasons(session: Session, department: int, year: int, edition: str
                     ) -> dict[str, str]:
    """The reasons written in the department's draft of ``year`` (its latest save), if it
    drafted that year here."""
    draft = session.scalar(select(func.max(Draft.id)).where(
        Draft.department_id == department, Draft.year == year, Draft.edition == edition))
    if draft is None:
        return {}
    found = info(session, draft)
    reasons = found.data.get("edits", {}).get("reasons", {}) if found else {}
    return {str(k): str(v) for k, v in reasons.items() if str(v).strip()}


def of_submission(session: Session, disclosure: int) -> int | None:
    """The draft whose latest submission is version ``disclosure`` (None: not drafted here)."""
    return session.scalar(select(Draft.id).where(Draft.disclosure_id == disclosure))
