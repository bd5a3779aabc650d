"""The review workspace: a document's findings and history, the reviewer's queue, and the
steps of review — submit (filer), return with a comment, waive a finding with a reason,
approve, publish after a confirmation (refused while an unwaived error remains), withdraw
with a reason — plus the original PDF annotated with the findings.

A filer reaches only its own department's documents (404 otherwise) and may only submit.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from yusuan.model.errors import InputError
from yusuan.model.finding import Finding
from yusuan.render.annotate import annotated_report
from yusuan.store import catalog
from yusuan.store import review as rv
from yusuan.store.catalog import DisclosureInfo
from yusuan.store.drafts import of_submission
from yusuan.store.users import Account
from yusuan.web.access import require_post, require_reviewer, signed_in, visible_info
from yusuan.web.params import Id
from yusuan.web.portal import Portal
from yusuan.web.review_view import finding_rows
from yusuan.web.routes.admin import _login_redirect, _page
from yusuan.web.routes.downloads import attachment, render_publication
from yusuan.web.routes.public import _disclosure_page, portal_of

router = APIRouter(prefix="/admin", include_in_schema=False)
Text = Annotated[str, Form(max_length=rv.MAX_TEXT * 4)]
Csrf = Annotated[str, Form(max_length=100)]


def _back(disclosure_id: int) -> RedirectResponse:
    return RedirectResponse(f"/admin/disclosures/{disclosure_id}", status_code=303)


def _viewing(request: Request, disclosure_id: int, reviewer: bool = False
             ) -> tuple[Portal, Account, DisclosureInfo] | None:
    """The portal, the signed-in account and the version it may see (None: not signed in;
    404 for a version it may not see; 403 when ``reviewer`` and it is a filer)."""
    who = signed_in(request)
    if who is None:
        return None
    if reviewer:
        require_reviewer(who)
    portal = portal_of(request)
    return portal, who, visible_info(portal, who, disclosure_id)


def _review_page(request: Request, disclosure_id: int, status: int = 200,
                 error: str | None = None) -> Response:
    found = _viewing(request, disclosure_id)
    if found is None:
        return _login_redirect()
    portal, who, info = found
    with portal.store.reading() as session:
        findings = catalog.findings(session, disclosure_id)
        notes = rv.notes(session, disclosure_id)
        waivers = rv.waived(session, disclosure_id)
        blocking = rv.blocking(session, disclosure_id)
        changes = rv.changes(session, info)
        draft = of_submission(session, disclosure_id)
    groups = finding_rows(portal.disclosure(disclosure_id), findings, waivers)
    return _page(request, "admin/review.html", status=status, info=info, groups=groups,
                 count=len(findings), notes=notes, blocking=len(blocking), who=who,
                 changes=changes, error=error, pdf=info.file_type == "pdf", draft=draft)


@router.get("/disclosures/{disclosure_id}", response_class=HTMLResponse)
def review(request: Request, disclosure_id: Id) -> Response:
    return _review_page(request, disclosure_id)


@router.get("/queue", response_class=HTMLResponse)
def queue(request: Request) -> Response:
    """What waits for a reviewer: submitted versions, oldest first."""
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    require_reviewer(who)
    with portal_of(request).store.reading() as session:
        items = [i for i in reversed(catalog.all_disclosures(session)) if i.state == "submitted"]
    return _page(request, "admin/queue.html", items=items)


@router.get("/disclosures/{disclosure_id}/preview", response_class=HTMLResponse)
def preview(request: Request, disclosure_id: Id) -> Response:
    """The public page of any version, published or not (never cached)."""
    found = _viewing(request, disclosure_id)
    if found is None:
        return _login_redirect()
    portal, _, info = found
    return HTMLResponse(_disclosure_page(portal, info, None))


@router.get("/disclosures/{disclosure_id}/annotated.pdf")
async def annotated(request: Request, disclosure_id: Id) -> Response:
    """The original PDF with each located finding boxed, and the findings appended."""
    found = _viewing(request, disclosure_id)
    if found is None:
        return _login_redirect()
    portal, _, info = found
    if info.file_type != "pdf":
        raise HTTPException(404, "只有 PDF 原件可以生成批注版。")
    with portal.store.reading() as session:
        original = catalog.original_file(session, disclosure_id)
        stored = catalog.findings(session, disclosure_id)
    assert original is not None
    name, data = original
    findings = [Finding.from_data(f) for f in stored if f.get("rule_id")]
    try:
        pdf, _ = await run_in_threadpool(annotated_report, data, name,
                                         portal.disclosure(disclosure_id), findings)
    except InputError as exc:
        raise HTTPException(422, f"无法生成批注版：{exc}") from None
    stem = name.rsplit(".", 1)[0]
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": attachment(f"{stem}-批注.pdf"), "Cache-Control": "no-store"})


@router.get("/disclosures/{disclosure_id}/publish", response_class=HTMLResponse)
def confirm_publish(request: Request, disclosure_id: Id) -> Response:
    """The confirmation step: what will be public, and what still blocks publication."""
    found = _viewing(request, disclosure_id, reviewer=True)
    if found is None:
        return _login_redirect()
    portal, _, info = found
    with portal.store.reading() as session:
        blocking = rv.blocking(session, disclosure_id)
        changes = rv.changes(session, info)
        previous = rv.previous_published(session, info)
    return _page(request, "admin/publish.html", info=info, blocking=blocking, changes=changes,
                 previous=previous, public_findings=portal.public_findings)


def _act(request: Request, disclosure_id: int, csrf: str, action: str, text: str = "",
         finding: int | None = None) -> Response:
    portal, who = require_post(request, csrf)
    visible_info(portal, who, disclosure_id)  # 404 for another department's document
    if action != "submit":
        require_reviewer(who)
    try:
        with portal.store.transaction() as session:
            if action == "submit":
                rv.submit(session, disclosure_id, who.username)
            elif action == "return":
                rv.return_to_filer(session, disclosure_id, text, who.username)
            elif action == "approve":
                rv.approve(session, disclosure_id, who.username)
            elif action == "waive":
                assert finding is not None
                rv.waive(session, disclosure_id, finding, text, who.username)
            elif action == "withdraw":
                rv.withdraw(session, disclosure_id, text, who.username)
            else:
                rv.publish(session, disclosure_id, who.username)
    except rv.ReviewError as exc:
        return _review_page(request, disclosure_id, status=409, error=str(exc))
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    if action == "publish":
        render_publication(portal, disclosure_id)
    return _back(disclosure_id)


@router.post("/disclosures/{disclosure_id}/publish")
def publish(request: Request, disclosure_id: Id, csrf: Csrf = "",
            confirmed: Annotated[str, Form(max_length=10)] = "") -> Response:
    if confirmed != "1":  # never in one click: show what will be public first
        require_post(request, csrf)
        return RedirectResponse(f"/admin/disclosures/{disclosure_id}/publish",
                                status_code=303)
    return _act(request, disclosure_id, csrf, "publish")


@router.post("/disclosures/{disclosure_id}/withdraw")
def withdraw(request: Request, disclosure_id: Id, csrf: Csrf = "", reason: Text = ""
             ) -> Response:
    return _act(request, disclosure_id, csrf, "withdraw", reason)


@router.post("/disclosures/{disclosure_id}/return")
def return_(request: Request, disclosure_id: Id, csrf: Csrf = "", comment: Text = ""
            ) -> Response:
    return _act(request, disclosure_id, csrf, "return", comment)


@router.post("/disclosures/{disclosure_id}/waive")
def waive(request: Request, disclosure_id: Id, csrf: Csrf = "", reason: Text = "",
          finding: Annotated[int, Form(ge=-1, le=10**6)] = -1) -> Response:
    return _act(request, disclosure_id, csrf, "waive", reason, finding)


@router.post("/disclosures/{disclosure_id}/{action}")
def simple_step(request: Request, disclosure_id: Id, action: str, csrf: Csrf = ""
                ) -> Response:
    if action not in ("submit", "approve"):
        raise HTTPException(404, "未知的操作。")
    return _act(request, disclosure_id, csrf, action)
