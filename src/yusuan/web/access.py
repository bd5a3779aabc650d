"""Who may do what in the workspace: the session's user, its role and department.

A 填报人 (filer) sees and changes only its own department's documents: any other
department's document answers 404, exactly as a document that does not exist, so a filer
cannot even learn which ids exist. Only a 审核员 (reviewer) or 管理员 (admin) reviews,
publishes and withdraws; only an admin edits the org tree and the users.
"""

from __future__ import annotations

import dataclasses
from functools import partial

from fastapi import HTTPException, Request

from yusuan.model.errors import InputError
from yusuan.store import Store, catalog
from yusuan.store.catalog import DisclosureInfo
from yusuan.store.org import match
from yusuan.store.pending import hold, waiting
from yusuan.store.repository import Document
from yusuan.store.users import Account, account, is_disabled, last_logout
from yusuan.web.portal import Portal
from yusuan.web.routes.public import portal_of
from yusuan.web.security import Session, check_csrf

NOT_FOUND = "没有这份文件，或您无权查看。"


def current(request: Request) -> Session | None:
    """The visitor's session as the server sees it: a user whose session was issued before
    that user's last logout is anonymous (the logout ended it), and so is a disabled user."""
    portal = portal_of(request)
    found = portal.sessions.read(request)
    if found is None or found.user is None:
        return found
    with portal.store.reading() as session:
        ended = last_logout(session, found.user)
        disabled = is_disabled(session, found.user)
    if disabled or (ended is not None and found.issued is not None and found.issued <= ended):
        return dataclasses.replace(found, user=None)
    return found


def signed_in(request: Request) -> Account | None:
    """The logged-in account (None: anonymous, or the user no longer exists)."""
    session = current(request)
    if session is None or session.user is None:
        return None
    with portal_of(request).store.reading() as db:
        return account(db, session.user)


def require_post(request: Request, token: str | None) -> tuple[Portal, Account]:
    """A form POST's portal and account: CSRF checked (403), logged in (401)."""
    portal = portal_of(request)
    session = current(request)
    check_csrf(session, token)
    assert session is not None
    found = signed_in(request) if session.user else None
    if found is None:
        raise HTTPException(401, "请先登录管理后台。")
    return portal, found


def require_reviewer(who: Account) -> None:
    if not who.reviews:
        raise HTTPException(403, "只有审核员或管理员可以进行此操作。")


def require_admin(who: Account) -> None:
    if who.role != "admin":
        raise HTTPException(403, "只有管理员可以进行此操作。")


def visible_info(portal: Portal, who: Account, disclosure: int) -> DisclosureInfo:
    """A version ``who`` may see, else 404 (a filer gets 404 for other departments too)."""
    with portal.store.reading() as session:
        info = catalog.disclosure_info(session, disclosure, public=False)
    if info is None or not who.may_see(info.department_id):
        raise HTTPException(404, NOT_FOUND)
    return info


def visible(who: Account, items: list[DisclosureInfo]) -> list[DisclosureInfo]:
    return [i for i in items if who.may_see(i.department_id)]


def in_department(store: Store, who: Account, doc: Document, file: str) -> Document:
    """``doc`` filed under its department in the org tree (matched by normalised name).

    Refused (a clear message, nothing stored) when a filer uploads another department's
    document. When the name matches no department surely but resembles some, the upload is
    held for its uploader to confirm the department (``store.pending``), and not stored."""
    with store.reading() as session:
        found = match(session, doc.disclosure.department)
        name = (catalog.department_name(session, found.department_id)
                if found.department_id is not None else None)
    if found.department_id is None and found.candidates and (
            who.reviews or who.department_id in dict(found.candidates)):
        store.write(partial(hold, doc=doc, user=who.username))
        near = "、".join(n for _, n in found.candidates)
        raise InputError(f"文件中的部门“{doc.disclosure.department}”与组织架构中的部门不能确定"
                         f"对应（相近的有：{near}），已暂存：请在“待确认部门”页面选择部门",
                         file=file, field="部门")
    if not who.reviews and found.department_id != who.department_id:
        raise InputError(f"文件属于“{doc.disclosure.department}”，不是您所在的部门，不能上传",
                         file=file, field="部门")
    if name is None or name == doc.disclosure.department:
        return doc
    return dataclasses.replace(doc, disclosure=dataclasses.replace(doc.disclosure,
                                                                   department=name))


def pending_count(store: Store, who: Account) -> int:
    with store.reading() as session:
        return len(waiting(session, who.username))
