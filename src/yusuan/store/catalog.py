"""Reading the store: which disclosures there are (the public's latest published versions,
the workspace's every version), one disclosure's data, findings and original file, the
departments and years.

Readers return small frozen records, never ORM objects, so pages and the API cannot lazily
hit the database after the session ends. Writing is ``repository``; the cells as open data
``open_data``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from yusuan.model.disclosure import Disclosure
from yusuan.model.kinds import DOCUMENT_KINDS, EDITIONS, DocumentKind, Edition, checked
from yusuan.model.serialize import disclosure_from_data
from yusuan.store.schema import Cell, Department, DisclosureRecord

D = DisclosureRecord


@dataclass(frozen=True)
class DisclosureInfo:
    id: int
    department_id: int
    department: str
    year: int
    edition: Edition
    version: int
    title: str
    state: str
    file_name: str
    file_type: str
    sha256: str
    checked: bool
    error_count: int
    warning_count: int
    info_count: int
    created_at: datetime
    created_by: str | None
    published_at: datetime | None
    kind: DocumentKind = "budget"  # ``budget`` (预算) | ``final`` (决算)


_INFO_COLUMNS = (D.id, D.department_id, Department.name, D.year, D.edition, D.version, D.title,
                 D.state, D.file_name, D.file_type, D.sha256, D.checked, D.error_count,
                 D.warning_count, D.info_count, D.created_at, D.created_by, D.published_at,
                 D.kind)


def _info(row: Any) -> DisclosureInfo:
    """A row of ``_INFO_COLUMNS``, its edition and kind checked as they are read (a value
    outside the sets is a store written by something else: a ``ValueError`` naming it)."""
    values = list(row)
    values[4] = checked(EDITIONS, values[4], "edition")
    values[-1] = checked(DOCUMENT_KINDS, values[-1], "kind")
    return DisclosureInfo(*values)


def _info_select() -> Any:
    return select(*_INFO_COLUMNS).join(Department, Department.id == D.department_id)


def _latest_published() -> Any:
    """The newest published version of each department × year × edition × kind."""
    return (select(D.department_id, D.year, D.edition, D.kind,
                   func.max(D.version).label("version"))
            .where(D.state == "published")
            .group_by(D.department_id, D.year, D.edition, D.kind).subquery())


def published(session: Session, *, year: int | None = None, department: int | None = None,
              query: str | None = None, kind: str | None = None) -> list[DisclosureInfo]:
    """What the public sees: the latest published version of each document (of ``kind``)."""
    stmt = _info_select().join(*latest_join())
    if year is not None:
        stmt = stmt.where(D.year == year)
    if kind is not None:
        stmt = stmt.where(D.kind == kind)
    if department is not None:
        stmt = stmt.where(D.department_id == department)
    if query:
        pattern = f"%{_escape_like(query)}%"
        projects = select(Cell.disclosure_id).where(Cell.project.like(pattern, escape="\\"))
        stmt = stmt.where(or_(Department.name.like(pattern, escape="\\"), D.id.in_(projects)))
    stmt = stmt.order_by(D.year.desc(), Department.name, D.kind, D.edition)  # 预算, then 决算
    return [_info(r) for r in session.execute(stmt)]


def latest_join() -> tuple[Any, Any]:
    latest = _latest_published()
    return latest, and_(
        latest.c.department_id == D.department_id, latest.c.year == D.year,
        latest.c.edition == D.edition, latest.c.kind == D.kind, latest.c.version == D.version)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def all_disclosures(session: Session) -> list[DisclosureInfo]:
    stmt = _info_select().order_by(D.created_at.desc(), D.id.desc())
    return [_info(r) for r in session.execute(stmt)]


def disclosure_info(session: Session, disclosure: int, *, public: bool = True
                    ) -> DisclosureInfo | None:
    """One version; with ``public`` only if it is published."""
    stmt = _info_select().where(D.id == disclosure)
    if public:
        stmt = stmt.where(D.state == "published")
    row = session.execute(stmt).first()
    return _info(row) if row else None


def latest_published_id(session: Session, info: DisclosureInfo) -> int | None:
    return session.scalar(select(D.id).where(
        D.department_id == info.department_id, D.year == info.year,
        D.edition == info.edition, D.kind == info.kind, D.state == "published"
    ).order_by(D.version.desc()).limit(1))


def load_disclosure(session: Session, disclosure: int) -> Disclosure:
    text = session.scalar(select(D.disclosure_json).where(D.id == disclosure))
    if text is None:
        raise LookupError(f"没有编号为 {disclosure} 的公开文件")
    return disclosure_from_data(json.loads(text))


def findings(session: Session, disclosure: int) -> list[dict[str, Any]]:
    text = session.scalar(select(D.findings_json).where(D.id == disclosure))
    return json.loads(text) if text else []


def original_file(session: Session, disclosure: int) -> tuple[str, bytes] | None:
    row = session.execute(select(D.file_name, D.file_bytes).where(D.id == disclosure)).first()
    return (row.file_name, bytes(row.file_bytes)) if row else None


def departments(session: Session, *, public: bool = True) -> list[tuple[int, str, int]]:
    """(id, name, number of years with a visible document), by name."""
    stmt = select(Department.id, Department.name, func.count(func.distinct(D.year))).join(
        D, D.department_id == Department.id)
    if public:
        stmt = stmt.where(D.state == "published")
    stmt = stmt.group_by(Department.id, Department.name).order_by(Department.name)
    return [(r[0], r[1], r[2]) for r in session.execute(stmt)]


def department_name(session: Session, department: int) -> str | None:
    return session.scalar(select(Department.name).where(Department.id == department))


def years(session: Session) -> list[int]:
    stmt = select(D.year).where(D.state == "published").distinct().order_by(D.year.desc())
    return list(session.scalars(stmt))


def publication_token(session: Session) -> tuple[int, str]:
    """Changes whenever what the public sees changes (a cache key for rendered pages)."""
    row = session.execute(select(func.count(D.id), func.max(D.published_at), func.max(D.id))
                          .where(D.state == "published")).one()
    return row[0], f"{row[1]}/{row[2]}"
