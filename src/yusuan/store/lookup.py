"""Finding a department's stored document of a year and kind: the disclosures a new one is
held against (last year's of the same kind, the 年初预算 a 决算 closes).

A 决算 and a 预算 of the same department and year are two documents, never versions of each
other: every lookup names its kind (``budget`` | ``final``) beside the edition (部门 / 单位).
Of several versions the latest published one is taken, else the latest stored.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from yusuan.model.disclosure import Disclosure
from yusuan.store.catalog import load_disclosure
from yusuan.store.org import match
from yusuan.store.schema import KIND_NAMES, Department, DisclosureRecord

D = DisclosureRecord


def edition_of(edition: str, kind: str) -> str:
    """The edition of the same publisher (部门 / 单位) in ``kind``: 部门决算 → 部门预算."""
    return edition.removesuffix("预算").removesuffix("决算") + KIND_NAMES[kind]


def stored_disclosure(session: Session, department: str, year: int, edition: str,
                      kind: str) -> Disclosure | None:
    """The stored ``kind`` document of ``department``'s ``year`` in ``edition``'s publisher
    (部门 / 单位): the latest published version, else the latest stored one; None when there
    is none. The department is found by name, else in the org tree when it is sure."""
    dept = session.scalar(select(Department.id).where(Department.name == department))
    if dept is None:
        dept = match(session, department, similar=False).department_id
    if dept is None:
        return None
    stored = session.scalar(select(D.id).where(
        D.department_id == dept, D.year == year, D.kind == kind,
        D.edition == edition_of(edition, kind)).order_by(
        (D.state == "published").desc(), D.version.desc()).limit(1))
    return load_disclosure(session, stored) if stored is not None else None


def previous_year(session: Session, d: Disclosure) -> Disclosure | None:
    """The same department's stored document of the year before, of ``d``'s kind."""
    return stored_disclosure(session, d.department, d.year - 1, d.edition, d.kind)


def budget_closed(session: Session, d: Disclosure) -> Disclosure | None:
    """The stored 年初预算 (部门预算 / 单位预算 of the same year) a 决算 closes; None for a
    budget or when the platform holds none."""
    if d.kind != "final":
        return None
    return stored_disclosure(session, d.department, d.year, d.edition, "budget")
