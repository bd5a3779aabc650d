"""Reading and writing the store: documents in, published disclosures and open data out.

Writers take a ``Session`` inside the caller's transaction (``Store.transaction()``), so
ingest can make one transaction per document. Readers return small frozen records, never
ORM objects, so pages and the API cannot lazily hit the database after the session ends.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from yusuan.model.cells import cell_records
from yusuan.model.disclosure import Disclosure
from yusuan.model.serialize import disclosure_from_data, disclosure_to_data
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


@dataclass(frozen=True)
class DisclosureInfo:
    id: int
    department_id: int
    department: str
    year: int
    edition: str
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
    kind: str = "budget"  # ``budget`` (预算) | ``final`` (决算)


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


# ---- reading -----------------------------------------------------------------------------

_INFO_COLUMNS = (D.id, D.department_id, Department.name, D.year, D.edition, D.version, D.title,
                 D.state, D.file_name, D.file_type, D.sha256, D.checked, D.error_count,
                 D.warning_count, D.info_count, D.created_at, D.created_by, D.published_at,
                 D.kind)


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
    stmt = _info_select().join(*_latest_join())
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
    return [DisclosureInfo(*r) for r in session.execute(stmt)]


def _latest_join() -> tuple[Any, Any]:
    latest = _latest_published()
    return latest, and_(
        latest.c.department_id == D.department_id, latest.c.year == D.year,
        latest.c.edition == D.edition, latest.c.kind == D.kind, latest.c.version == D.version)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def all_disclosures(session: Session) -> list[DisclosureInfo]:
    stmt = _info_select().order_by(D.created_at.desc(), D.id.desc())
    return [DisclosureInfo(*r) for r in session.execute(stmt)]


def disclosure_info(session: Session, disclosure: int, *, public: bool = True
                    ) -> DisclosureInfo | None:
    """One version; with ``public`` only if it is published."""
    stmt = _info_select().where(D.id == disclosure)
    if public:
        stmt = stmt.where(D.state == "published")
    row = session.execute(stmt).first()
    return DisclosureInfo(*row) if row else None


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


@dataclass(frozen=True)
class CellFilter:
    year: int | None = None
    department: int | None = None
    department_name: str | None = None
    table: str | None = None
    code: str | None = None
    disclosure: int | None = None
    kind: str | None = None


CELL_COLUMNS = ("disclosure_id", "department", "year", "table", "section", "unit", "code",
                "name", "project", "column", "amount_yuan", "kind")  # kind last, as in exports


Cursor = tuple[int, int]  # (disclosure id, cell id) of the last cell of a page


def cells(session: Session, flt: CellFilter, *, limit: int | None = None, offset: int = 0,
          after: Cursor | None = None) -> Iterator[dict[str, Any]]:
    """Published cells (latest versions only) matching ``flt``, in document order; from
    ``after`` (a page's ``cursor``) on, which an index finds at any depth, unlike ``offset``."""
    stmt, values = _cells_query(flt, limit, offset, after, _dialect(session))
    for row in session.execute(stmt.execution_options(yield_per=2000), values):  # streamed
        yield dict(zip(CELL_COLUMNS, row[:-1], strict=True))


def cells_page(session: Session, flt: CellFilter, limit: int, *, offset: int = 0,
               after: Cursor | None = None) -> tuple[list[dict[str, Any]], Cursor | None]:
    """One page of ``cells`` and the cursor of the next (None after the last page)."""
    rows = session.execute(*_cells_query(flt, limit, offset, after, _dialect(session))).all()
    page = [dict(zip(CELL_COLUMNS, row[:-1], strict=True)) for row in rows]
    return page, ((rows[-1][0], rows[-1][-1]) if len(rows) == limit else None)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _cells_query(flt: CellFilter, limit: int | None, offset: int, after: Cursor | None,
                 dialect: str) -> tuple[Any, dict[str, Any]]:
    """The cells statement for the filters ``flt`` sets (built once per combination: building
    and hashing it cost more than fetching a page) and the values of its parameters."""
    values = {f.name: v for f in fields(flt) if (v := getattr(flt, f.name)) not in (None, "")}
    values |= {"offset": offset} | ({"limit": limit} if limit is not None else {}) | (
        {"after_d": after[0], "after_c": after[1]} if after is not None else {})
    return _cells_select(tuple(sorted(values)), dialect), values


@functools.lru_cache(maxsize=256)
def _cells_select(given: tuple[str, ...], dialect: str) -> Any:
    stmt = (select(Cell.disclosure_id, Department.name, D.year, Cell.table_id, Cell.section,
                   Cell.unit, Cell.code, Cell.name, Cell.project, Cell.column, Cell.amount_yuan,
                   D.kind, Cell.id)
            .join(D, D.id == Cell.disclosure_id)
            .join(Department, Department.id == D.department_id))
    if dialect == "postgresql":
        # "published, no newer published version": PostgreSQL then walks the cells in page
        # order and stops at the page's end (1 million cells: a year's first page in 0.5 ms,
        # not the 1.6 s of the join below); SQLite's planner does the opposite (3 ms → 7 s)
        newer = aliased(D)
        stmt = stmt.where(D.state == "published", ~exists().where(
            newer.department_id == D.department_id, newer.year == D.year,
            newer.edition == D.edition, newer.kind == D.kind, newer.state == "published",
            newer.version > D.version))
    else:
        stmt = stmt.join(*_latest_join())
    for name, column in {"year": D.year, "department": D.department_id, "department_name":
                         Department.name, "table": Cell.table_id, "code": Cell.code,
                         "kind": D.kind, "disclosure": Cell.disclosure_id}.items():
        stmt = stmt.where(column == bindparam(name)) if name in given else stmt
    if "after_d" in given:
        stmt = stmt.where(or_(Cell.disclosure_id > bindparam("after_d"),
                              and_(Cell.disclosure_id == bindparam("after_d"),
                                   Cell.id > bindparam("after_c"))))
    stmt = stmt.order_by(Cell.disclosure_id, Cell.id).offset(bindparam("offset"))
    return stmt.limit(bindparam("limit")) if "limit" in given else stmt


def audit_log(session: Session, limit: int = 200) -> list[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    entries = list(session.scalars(stmt))
    session.expunge_all()
    return entries
