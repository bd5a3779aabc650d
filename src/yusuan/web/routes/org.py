"""Admin only: the org tree (departments and their budget units) and the users with their
roles — viewed, imported from CSV/XLSX, edited, users disabled (their sessions end at once);
every change is in the audit log. Any user:
the uploads held until their uploader confirms the department (``/admin/org/pending``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Path, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from yusuan.model.errors import InputError
from yusuan.store import catalog, org, pending
from yusuan.store import repository as repo
from yusuan.store.pending import waiting
from yusuan.store.users import accounts, set_disabled, set_user
from yusuan.web.access import require_admin, require_post, signed_in
from yusuan.web.params import Id
from yusuan.web.routes.admin import _login_redirect, _page
from yusuan.web.routes.public import portal_of

router = APIRouter(prefix="/admin/org", include_in_schema=False)
Name = Annotated[str, Form(max_length=200)]
Csrf = Annotated[str, Form(max_length=100)]
MAX_SHEET = 5 * 1024 * 1024


def _org_page(request: Request, status: int = 200, error: str | None = None,
              message: str | None = None) -> Response:
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    require_admin(who)
    with portal_of(request).store.reading() as session:
        nodes, users = org.tree(session), accounts(session)
    return _page(request, "admin/org.html", status=status, nodes=nodes, users=users,
                 error=error, message=message)


@router.get("")
def org_page(request: Request) -> Response:
    return _org_page(request)


def _change(request: Request, csrf: str, what: str, change: Callable[[Session], str]
            ) -> Response:
    portal, who = require_post(request, csrf)
    require_admin(who)
    try:
        with portal.store.transaction() as session:
            detail = change(session)
            repo.audit(session, who.username, "org", None, f"{what}：{detail}")
    except (ValueError, InputError) as exc:
        return _org_page(request, status=400, error=str(exc))
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    return RedirectResponse("/admin/org", status_code=303)


@router.post("/departments")
def add_department(request: Request, csrf: Csrf = "", name: Name = "") -> Response:
    def change(session: Session) -> str:
        org.add_department(session, name)
        return name
    return _change(request, csrf, "新增部门", change)


@router.post("/departments/{department_id}/units")
def add_unit(request: Request, department_id: Id, csrf: Csrf = "", name: Name = "",
             code: Annotated[str, Form(max_length=40)] = "") -> Response:
    def change(session: Session) -> str:
        if catalog.department_name(session, department_id) is None:
            raise LookupError("没有这个部门")
        if not org.add_unit(session, department_id, name, code):
            raise ValueError(f"该部门下已有单位“{name}”")
        return name
    return _change(request, csrf, "新增单位", change)


@router.post("/departments/{department_id}/rename")
def rename(request: Request, department_id: Id, csrf: Csrf = "", name: Name = "") -> Response:
    def change(session: Session) -> str:
        org.rename_department(session, department_id, name)
        return name
    return _change(request, csrf, "部门改名", change)


@router.post("/users")
def add_user(request: Request, csrf: Csrf = "",
             username: Annotated[str, Form(max_length=100)] = "",
             password: Annotated[str, Form(max_length=200)] = "",
             role: Annotated[str, Form(max_length=20)] = "", department: Name = "") -> Response:
    def change(session: Session) -> str:
        set_user(session, username, password, role, department or None)
        return f"{username}（{role}{'，' + department if department else ''}）"
    return _change(request, csrf, "设置用户", change)


@router.post("/users/{username}/{action}")
def disable_user(request: Request, username: Annotated[str, Path(max_length=100)],
                 action: str, csrf: Csrf = "") -> Response:
    """停用 (disable) or 启用 (enable) a user; its sessions end at once."""
    portal, who = require_post(request, csrf)
    require_admin(who)
    if action not in ("disable", "enable"):
        raise HTTPException(404, "未知的操作。")
    try:
        with portal.store.transaction() as session:
            set_disabled(session, username, action == "disable", who.username)
    except ValueError as exc:
        return _org_page(request, status=400, error=str(exc))
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    return RedirectResponse("/admin/org", status_code=303)


@router.post("/import")
async def import_sheet(request: Request) -> Response:
    form = await request.form(max_files=1, max_fields=5)
    token = form.get("csrf")
    portal, who = require_post(request, token if isinstance(token, str) else None)
    require_admin(who)
    sheet = form.get("file")
    if not isinstance(sheet, UploadFile) or not sheet.filename:
        return _org_page(request, status=400, error="请选择 CSV 或 XLSX 文件。")
    data = await sheet.read(MAX_SHEET + 1)
    if len(data) > MAX_SHEET:
        return _org_page(request, status=400, error="文件超过 5 MB 上限。")
    name = sheet.filename.rsplit("/", 1)[-1]
    try:
        rows = org.read_org(data, name)
        with portal.store.transaction() as session:
            depts, units = org.import_org(session, rows)
            repo.audit(session, who.username, "org", None,
                       f"导入 {name}：新增部门 {depts} 个、单位 {units} 个")
    except InputError as exc:
        return _org_page(request, status=400, error=str(exc))
    return _org_page(request, message=f"已导入 {name}：新增部门 {depts} 个，新增单位 {units} 个。")


@router.get("/pending")
def pending_page(request: Request) -> Response:
    """The confirmation page: each held upload with the departments its name resembles."""
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    with portal_of(request).store.reading() as session:
        items = waiting(session, who.username)
        choices = [(d.id, d.name) for d in org.tree(session) if who.may_see(d.id)]
    return _page(request, "admin/pending.html", items=items, choices=choices)


@router.post("/pending/{pending_id}")
def confirm_pending(request: Request, pending_id: Id, csrf: Csrf = "",
                    department: Annotated[int, Form(ge=0, le=2**31 - 1)] = 0,
                    remember: Annotated[str, Form(max_length=5)] = "",
                    discard: Annotated[str, Form(max_length=5)] = "") -> Response:
    portal, who = require_post(request, csrf)
    try:
        with portal.store.transaction() as session:
            if discard:
                pending.discard(session, pending_id, who.username)
                return RedirectResponse("/admin/org/pending", status_code=303)
            if not who.may_see(department) or catalog.department_name(session, department) is None:
                raise HTTPException(404, "没有这个部门，或您无权选择。")
            outcome = pending.confirm(session, pending_id, who.username, department,
                                      remember=remember == "1")
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    return RedirectResponse(f"/admin/disclosures/{outcome.disclosure_id}", status_code=303)
