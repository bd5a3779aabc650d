"""Admin: login, upload → parse → check → review findings → publish or withdraw, audit log.

Every POST carries the session's CSRF token. An upload is refused before its body is read
unless an administrator sends it and its size fits; its files are read by ``yusuan.intake``
in a child process under limits (the files of one disclosure taken together). New documents
are drafts: the public sees nothing until an administrator publishes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.types import Message

from yusuan.intake.pipeline import ingest_uploads
from yusuan.store import catalog
from yusuan.store import repository as repo
from yusuan.store.ingest import Failure
from yusuan.store.users import authenticate, locked_until
from yusuan.web.access import (
    current,
    in_department,
    pending_count,
    require_post,
    signed_in,
    visible,
)
from yusuan.web.routes.public import portal_of
from yusuan.web.security import Session, beijing, check_csrf

router = APIRouter(prefix="/admin", include_in_schema=False)
MAX_FILES = 20
UPLOAD_TYPES = ("pdf", "docx", "xlsx", "txt", "json")  # what the file picker offers; the
# content decides what a file is (``yusuan.intake``)


def _session(request: Request) -> tuple[Session, bool]:
    """The visitor's session, or a new anonymous one (True: it must be written)."""
    found = current(request)
    return (found, False) if found else (portal_of(request).sessions.new(), True)


def _page(request: Request, template: str, status: int = 200, **context: object) -> Response:
    portal = portal_of(request)
    session, fresh = _session(request)
    who = signed_in(request) if session.user else None
    response = portal.env.get_template(template).render(
        admin_user=session.user, admin_role=who.role if who else None, csrf=session.csrf,
        pending=pending_count(portal.store, who) if who else 0, **context)
    out = HTMLResponse(response, status_code=status)
    if fresh:
        portal.sessions.write(out, session, portal.secure_cookies)
    return out


def _login_redirect() -> RedirectResponse:
    return RedirectResponse("/admin/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return _page(request, "admin/login.html", error=None)


@router.post("/login")
def login(request: Request, username: Annotated[str, Form(max_length=100)],
          password: Annotated[str, Form(max_length=200)],
          csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    portal = portal_of(request)
    check_csrf(portal.sessions.read(request), csrf)
    client = request.client.host if request.client else "-"
    if portal.throttle.blocked(client):
        return _page(request, "admin/login.html", status=429,
                     error="登录尝试过于频繁，请稍后再试。")
    with portal.store.transaction() as session:
        until = locked_until(session, username)
        if until is not None:
            repo.audit(session, username, "login-locked", None, client)
            ok = False
        else:
            ok = authenticate(session, username, password)
            repo.audit(session, username, "login" if ok else "login-failed", None, client)
    if until is not None:
        return _page(request, "admin/login.html", status=429, error=(
            f"登录失败次数过多，账户已临时锁定，请于 {beijing(until)} 后再试。"))
    if not ok:
        portal.throttle.failed(client)
        return _page(request, "admin/login.html", status=401, error="用户名或密码错误。")
    response = RedirectResponse("/admin", status_code=303)
    portal.sessions.write(response, portal.sessions.new(username), portal.secure_cookies)
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    portal = portal_of(request)
    found = current(request)
    check_csrf(found, csrf)
    if found is not None and found.user is not None:
        with portal.store.transaction() as session:
            repo.audit(session, found.user, "logout", None)
    response = RedirectResponse("/", status_code=303)
    portal.sessions.clear(response)
    return response


@router.get("", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    with portal_of(request).store.reading() as session:
        items = visible(who, catalog.all_disclosures(session))
    return _page(request, "admin/dashboard.html", items=items, results=None)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    if signed_in(request) is None:
        return _login_redirect()
    return _page(request, "admin/upload.html", error=None,
                 max_mb=portal_of(request).max_upload // (1024 * 1024), types=UPLOAD_TYPES)


def _capped(request: Request, limit: int) -> Request:
    """The request with its body cut off at ``limit`` bytes (413), whatever it declared."""
    receive, seen = request.receive, 0

    async def limited() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise HTTPException(413, "上传的文件过大。")
        return message

    return Request(request.scope, limited)


async def _read_limited(upload: UploadFile, limit: int) -> bytes | None:
    data = await upload.read(limit + 1)
    return None if len(data) > limit else data


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request) -> Response:
    """Several files at once: the files of one disclosure (a narrative PDF and a tables PDF)
    become one document. Nothing of the body is read before the sender is known to be a
    logged-in administrator and its declared size fits; the files are read in a child process
    under ``portal.read_limits``, so no file can take the portal down."""
    portal = portal_of(request)
    session = current(request)  # a session ended by logout is anonymous here too
    if session is None:
        check_csrf(None, None)  # 403, as any POST without a session
    if session is None or session.user is None:
        raise HTTPException(401, "请先登录管理后台。")
    cap = portal.max_upload * MAX_FILES + 1024 * 1024
    declared = request.headers.get("content-length")
    if declared is None:
        raise HTTPException(411, "上传请求缺少 Content-Length。")
    if not declared.isdigit():
        raise HTTPException(400, "Content-Length 不是数字。")
    if int(declared) > cap:
        raise HTTPException(413, "上传的文件过大。")
    form = await _capped(request, cap).form(max_files=MAX_FILES, max_fields=10)
    token = form.get("csrf")
    portal, who = require_post(request, token if isinstance(token, str) else None)
    user = who.username
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not files:
        return _page(request, "admin/upload.html", status=400, error="请选择要上传的文件。",
                     max_mb=portal.max_upload // (1024 * 1024), types=UPLOAD_TYPES)
    refused: list[Failure] = []
    accepted: list[tuple[str, bytes]] = []
    for f in files:
        name = Path(f.filename or "").name
        data = await _read_limited(f, portal.max_upload)
        if data is None:
            refused.append(Failure(name, f"文件超过 {portal.max_upload // (1024 * 1024)} MB 上限"))
            continue
        accepted.append((name, data))
    report = await run_in_threadpool(
        ingest_uploads, portal.store, accepted, user, portal.read_limits,
        lambda doc: in_department(portal.store, who, doc, doc.file_name))
    status = 200 if (report.ingested or report.unchanged) else 400
    with portal.store.reading() as session_:
        listing = visible(who, catalog.all_disclosures(session_))
    return _page(request, "admin/dashboard.html", status=status, items=listing,
                 results=(report, tuple(refused)))


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request) -> Response:
    """The audit log; a filer sees only its own actions and its department's documents'."""
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    with portal_of(request).store.reading() as session:
        entries = repo.audit_log(session)
        if not who.reviews:
            mine = {i.id for i in visible(who, catalog.all_disclosures(session))}
            entries = [e for e in entries
                       if e.username == who.username or e.disclosure_id in mine]
    return _page(request, "admin/audit.html", entries=entries)
