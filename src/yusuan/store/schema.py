"""The store's tables (SQLAlchemy 2 declarative models): where ``Disclosure`` data rests.

The pipeline ends here for the platform: ingest writes one ``disclosures`` row per document
version (the original file, its Disclosure JSON, its findings) and its ``cells`` (every printed
amount, in 元, for the open-data API). Amounts are ``NUMERIC(18,2)``, never floating point.
The Alembic migrations in ``store/migrations`` create exactly these tables.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from yusuan.model.kinds import DocumentKind, Edition

STATES = ("draft", "submitted", "returned", "approved", "published", "withdrawn")
STATE_NAMES = {"draft": "草稿", "submitted": "待审核", "returned": "已退回", "approved": "已审核",
               "published": "已公开", "withdrawn": "已撤回"}
KINDS = ("budget", "final")
KIND_NAMES = {"budget": "预算", "final": "决算"}
ROLES = ("admin", "reviewer", "filer")
ROLE_NAMES = {"admin": "管理员", "reviewer": "审核员", "filer": "填报人"}


class Base(DeclarativeBase):
    pass


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_key: Mapped[str] = mapped_column(String(200), index=True, default="",
                                          server_default="")  # ``names.normalise(name)``
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OrgUnit(Base):
    """A budget unit (预算单位) of a department: the org tree's second level."""

    __tablename__ = "org_units"
    __table_args__ = (UniqueConstraint("department_id", "name", name="uq_org_unit"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True, default="",
                                          server_default="")  # ``names.normalise(name)``
    code: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DisclosureRecord(Base):
    """One version of one department × year × edition (of one kind) document."""

    __tablename__ = "disclosures"
    __table_args__ = (
        UniqueConstraint("department_id", "year", "edition", "version",
                         name="uq_disclosure_version"),
        Index("ix_disclosures_year", "year"),
        Index("ix_disclosures_state", "state"),
        Index("ix_disclosures_latest", "state", "department_id", "year", "edition", "version"),
        # the portal's publication token from the index alone: SQLite keeps a row's columns
        # after its large file and JSON in overflow pages, slow to reach (migration 0003)
        Index("ix_disclosures_published", "state", "published_at", "id"),
        # a department's 预算 or 决算 of a year (migration 0006)
        Index("ix_disclosures_kind", "state", "kind", "department_id", "year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    edition: Mapped[Edition] = mapped_column(String(40))
    # ``budget`` | ``final`` (``Disclosure.kind``): a 决算 is never a version of a 预算
    kind: Mapped[DocumentKind] = mapped_column(String(10), default="budget",
                                               server_default="budget")
    version: Mapped[int] = mapped_column(Integer)
    profile: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300))
    file_name: Mapped[str] = mapped_column(String(300))
    file_type: Mapped[str] = mapped_column(String(20))
    file_bytes: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    disclosure_json: Mapped[str] = mapped_column(Text)
    findings_json: Mapped[str] = mapped_column(Text)
    checked: Mapped[bool] = mapped_column(Boolean, default=False)  # the checker ran
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    info_count: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                          nullable=True)


class Cell(Base):
    """One printed amount (docs/design.md's cells CSV row), in 元."""

    __tablename__ = "cells"
    __table_args__ = (
        Index("ix_cells_disclosure_table", "disclosure_id", "table_id"),
        # the cells API's filters, each in its page order (migration 0003)
        Index("ix_cells_code_page", "code", "disclosure_id", "id"),
        Index("ix_cells_table_code_page", "table_id", "code", "disclosure_id", "id"),
        Index("ix_cells_page", "disclosure_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id", ondelete="CASCADE"))
    table_id: Mapped[str] = mapped_column(String(60))
    section: Mapped[str] = mapped_column(String(20), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    code: Mapped[str] = mapped_column(String(20), default="")
    name: Mapped[str] = mapped_column(String(300))
    project: Mapped[str] = mapped_column(String(300), default="")
    column: Mapped[str] = mapped_column(String(200))
    amount_yuan: Mapped[Decimal] = mapped_column(Numeric(18, 2))


class Rendition(Base):
    """A published version's download in one format, rendered once (at publication or on
    its first request) and served from here by every worker."""

    __tablename__ = "renditions"

    disclosure_id: Mapped[int] = mapped_column(
        ForeignKey("disclosures.id", ondelete="CASCADE"), primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    role: Mapped[str] = mapped_column(String(20), default="admin")
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), nullable=True)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                         nullable=True)


class ReviewNote(Base):
    """A reviewer's or filer's written word on a version: a return comment, a finding's
    waiver (``finding`` is its index in the version's findings), a withdrawal reason."""

    __tablename__ = "review_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(
        ForeignKey("disclosures.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # return | waive | withdraw | submit
    finding: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """Who did what to which disclosure (publish, withdraw, upload, login)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    username: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    disclosure_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class PendingUpload(Base):
    """An upload whose department the org tree could not name surely: kept, unstored, until
    its uploader confirms the department (``store.pending``)."""

    __tablename__ = "pending_uploads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    printed_department: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(300))
    file_type: Mapped[str] = mapped_column(String(20))
    file_bytes: Mapped[bytes] = mapped_column(LargeBinary)
    disclosure_json: Mapped[str] = mapped_column(Text)
    findings_json: Mapped[str] = mapped_column(Text)
    checked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Draft(Base):
    """A department's draft of one year's disclosure, made online (``store.drafts``); its
    latest submission is ``disclosure_id`` (a version in the review queue)."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    edition: Mapped[Edition] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    disclosure_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class DraftSource(Base):
    """A file a draft's figures were read from: the budget workbook or a source folder (ZIP)."""

    __tablename__ = "draft_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"),
                                          index=True)
    kind: Mapped[str] = mapped_column(String(20))  # workbook | folder
    file_name: Mapped[str] = mapped_column(String(300))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DraftVersion(Base):
    """One save of a draft: what the filer has written (JSON), never overwritten."""

    __tablename__ = "draft_versions"
    __table_args__ = (UniqueConstraint("draft_id", "version", name="uq_draft_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("draft_sources.id"),
                                                  nullable=True)
    data_json: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
