"""Review of a version: submit, return with a comment, waive a finding with a reason,
approve, publish (refused while an unwaived error remains), withdraw with a reason.

Every step is a written, kept record: a ``review_notes`` row for the words (comment, waiver
reason, withdrawal reason) and an audit entry naming the user. A published version never
changes; a correction is uploaded as a new version, and ``changes`` lists the printed cells
that differ from the previous published version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yusuan.model.finding import severity
from yusuan.store.catalog import DisclosureInfo, disclosure_info
from yusuan.store.repository import audit, now
from yusuan.store.schema import STATE_NAMES, Cell, DisclosureRecord, ReviewNote

D = DisclosureRecord
MAX_TEXT = 2000
# state → the states an action may start from
SUBMITTABLE = ("draft", "returned")
RETURNABLE = ("draft", "submitted", "approved")
APPROVABLE = ("draft", "submitted")
PUBLISHABLE = ("draft", "submitted", "approved")


class ReviewError(ValueError):
    """An action the version's state or findings do not allow (the message says why)."""


@dataclass(frozen=True)
class Note:
    kind: str
    finding: int | None
    text: str
    username: str
    at: datetime


@dataclass(frozen=True)
class Change:
    """One printed cell that differs from the previous published version (None: absent)."""

    table: str
    row: str
    column: str
    before: Decimal | None
    after: Decimal | None


def _record(session: Session, disclosure: int) -> D:
    record = session.get(D, disclosure)
    if record is None:
        raise LookupError(f"没有编号为 {disclosure} 的文件")
    return record


def _text(text: str, what: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ReviewError(f"请填写{what}")
    if len(cleaned) > MAX_TEXT:
        raise ReviewError(f"{what}不能超过 {MAX_TEXT} 字")
    return cleaned


def _move(session: Session, record: D, allowed: tuple[str, ...], state: str, user: str,
          action: str, detail: str = "") -> None:
    if record.state not in allowed:
        raise ReviewError(f"这份文件当前为“{STATE_NAMES.get(record.state, record.state)}”，"
                          f"不能{ACTION_WORDS[action]}")
    record.state = state
    label = f"{record.title} 第{record.version}版"
    audit(session, user, action, record.id, f"{label}：{detail}" if detail else label)


ACTION_WORDS = {"submit": "提交审核", "return": "退回", "approve": "审核通过",
                "publish": "发布", "withdraw": "撤回", "waive": "豁免"}


def _note(session: Session, record: D, kind: str, text: str, user: str,
          finding: int | None = None) -> None:
    session.add(ReviewNote(disclosure_id=record.id, kind=kind, finding=finding, text=text,
                           username=user, at=now()))


def submit(session: Session, disclosure: int, user: str) -> None:
    _move(session, _record(session, disclosure), SUBMITTABLE, "submitted", user, "submit")


def return_to_filer(session: Session, disclosure: int, comment: str, user: str) -> None:
    record = _record(session, disclosure)
    text = _text(comment, "退回意见")
    _move(session, record, RETURNABLE, "returned", user, "return", text)
    _note(session, record, "return", text, user)


def approve(session: Session, disclosure: int, user: str) -> None:
    _move(session, _record(session, disclosure), APPROVABLE, "approved", user, "approve")


def waive(session: Session, disclosure: int, finding: int, reason: str, user: str) -> None:
    """Waive finding number ``finding`` (its index in the version's findings) with a reason."""
    record = _record(session, disclosure)
    found = json.loads(record.findings_json or "[]")
    if not 0 <= finding < len(found):
        raise LookupError(f"没有第 {finding + 1} 条检查结果")
    if record.state in ("published", "withdrawn"):
        raise ReviewError("已公开或已撤回的版本不能再更改，请上传新版本")
    if finding in waived(session, disclosure):
        raise ReviewError("这条检查结果已经豁免")
    text = _text(reason, "豁免理由")
    _note(session, record, "waive", text, user, finding)
    message = str(found[finding].get("message", ""))[:200]
    audit(session, user, "waive", record.id, f"第{finding + 1}条“{message}”：{text}")


def waived(session: Session, disclosure: int) -> dict[int, Note]:
    return {n.finding: n for n in notes(session, disclosure)
            if n.kind == "waive" and n.finding is not None}


def blocking(session: Session, disclosure: int) -> list[dict[str, Any]]:
    """The errors not waived: while any remains, the version cannot be published."""
    record = _record(session, disclosure)
    skip = waived(session, disclosure)
    return [f for i, f in enumerate(json.loads(record.findings_json or "[]"))
            if severity(f.get("severity")) == "error" and i not in skip]


def publish(session: Session, disclosure: int, user: str) -> DisclosureInfo:
    record = _record(session, disclosure)
    errors = blocking(session, disclosure)
    if errors:
        raise ReviewError(f"还有 {len(errors)} 条未豁免的错误，不能发布：请退回修改，"
                          "或逐条写明理由后豁免")
    _move(session, record, PUBLISHABLE, "published", user, "publish")
    record.published_at = now()
    session.flush()
    info = disclosure_info(session, disclosure, public=False)
    assert info is not None
    return info


def withdraw(session: Session, disclosure: int, reason: str, user: str) -> None:
    record = _record(session, disclosure)
    text = _text(reason, "撤回理由")
    _move(session, record, ("published",), "withdrawn", user, "withdraw", text)
    _note(session, record, "withdraw", text, user)


def notes(session: Session, disclosure: int) -> list[Note]:
    stmt = (select(ReviewNote.kind, ReviewNote.finding, ReviewNote.text, ReviewNote.username,
                   ReviewNote.at)
            .where(ReviewNote.disclosure_id == disclosure).order_by(ReviewNote.id))
    return [Note(*row) for row in session.execute(stmt)]


def previous_published(session: Session, info: DisclosureInfo) -> int | None:
    """The published (or since withdrawn) version this one corrects, if any."""
    return session.scalar(select(D.id).where(
        D.department_id == info.department_id, D.year == info.year, D.edition == info.edition,
        D.kind == info.kind, D.version < info.version, D.published_at.is_not(None)
    ).order_by(D.version.desc()).limit(1))


def _cells(session: Session, disclosure: int) -> dict[tuple[str, str, str], Decimal]:
    out: dict[tuple[str, str, str], Decimal] = {}
    stmt = select(Cell.table_id, Cell.section, Cell.unit, Cell.code, Cell.name, Cell.project,
                  Cell.column, Cell.amount_yuan).where(Cell.disclosure_id == disclosure)
    for t, section, unit, code, name, project, column, amount in session.execute(stmt):
        row = " ".join(x for x in (unit, section, code, name, project) if x)
        out[(t, row, column)] = Decimal(amount)
    return out


def changes(session: Session, info: DisclosureInfo, limit: int = 500) -> list[Change]:
    """The printed cells (in 元) that differ from the previous published version."""
    before_id = previous_published(session, info)
    if before_id is None:
        return []
    before, after = _cells(session, before_id), _cells(session, info.id)
    keys = sorted(set(before) | set(after))
    return [Change(k[0], k[1], k[2], before.get(k), after.get(k)) for k in keys
            if before.get(k) != after.get(k)][:limit]
