"""Drafting online (填报人, 管理员): start a year's disclosure from the budget workbook, a source
folder as a ZIP or last year's stored disclosure; the draft page (findings, the generated
narrative and tables), the reasons page, Part 1 and the projects, the findings as the filer
types (``/check``, JSON), previews with the 草稿 mark, and submission to the review queue.

Every save is a new version with its user in the audit log. A filer reaches only its own
department's drafts (404 otherwise); a reviewer reads drafts but does not write them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from yusuan.compose.draft import KINDS, Base, Edits, draft_budget, reason_items
from yusuan.compose.draft_fields import (
    COUNT_FIELDS,
    FACT_AMOUNTS,
    FACT_COUNTS,
    FINAL_TEXTS,
    PART1_FIELDS,
    PROJECT_FIELDS,
    WORD_FIELDS,
    fact_value,
    initial_items,
)
from yusuan.model.errors import InputError
from yusuan.render.formats import writer
from yusuan.render.html import HtmlOptions, render_html
from yusuan.store import catalog
from yusuan.store import drafts as store_drafts
from yusuan.store import review as rv
from yusuan.store.users import Account
from yusuan.web import drafting as dr
from yusuan.web.access import require_post, signed_in, visible, visible_info
from yusuan.web.draft_form import FormErrors, edits_from_form
from yusuan.web.draft_history import changes
from yusuan.web.draft_rows import apply_row, posted_rows, row_lists
from yusuan.web.params import Id
from yusuan.web.review_view import finding_rows
from yusuan.web.routes.admin import _capped, _login_redirect, _page
from yusuan.web.routes.downloads import attachment
from yusuan.web.routes.public import _tables_html, portal_of

router = APIRouter(prefix="/admin/drafts", include_in_schema=False)
# the preview on a phone: each wide table scrolls within the page, the page stays in the window
NARROW_CSS = ("@media (max-width: 760px) { table.grid { display: block; overflow-x: auto; } "
              "table.grid td.name { min-width: 9em; } }")
Csrf = Annotated[str, Form(max_length=100)]
MAX_FORM_FIELDS = 2000
MAX_FORM_BYTES = 2 * 1024 * 1024  # a reasons or texts form, however many items
# the drafting forms (``save?page=…``): what a save of each is called in the audit log
PAGES = {"reasons": "原因说明", "texts": "部门概况与项目", "other": "用途、采购、资产、整体绩效与名词解释"}


def require_drafter(who: Account) -> None:
    if who.role not in ("filer", "admin"):
        raise HTTPException(403, "只有填报人或管理员可以编制草稿。")


def _back(draft: int, what: str = "") -> RedirectResponse:
    return RedirectResponse(f"/admin/drafts/{draft}{what}", status_code=303)


@router.get("", response_class=HTMLResponse)
def drafts(request: Request, error: str | None = None, status: int = 200) -> Response:
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    portal = portal_of(request)
    with portal.store.reading() as session:
        items = [d for d in store_drafts.all_drafts(session) if who.may_see(d.department_id)]
        stored = visible(who, catalog.all_disclosures(session))
        departments = [(i, n) for i, n, _ in catalog.departments(session, public=False)
                       if who.may_see(i)]
    return _page(request, "admin/drafts.html", status=status, items=items, error=error,
                 stored=stored, departments=departments, kinds=KINDS,
                 may_draft=who.role in ("filer", "admin"),
                 max_mb=portal.max_upload // (1024 * 1024))


async def _multipart(request: Request) -> tuple[Account, FormData]:
    portal = portal_of(request)
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit():
        raise HTTPException(411, "上传请求缺少 Content-Length。")
    if int(declared) > portal.max_upload + 1024 * 1024:
        raise HTTPException(413, f"上传的文件超过 {portal.max_upload // (1024 * 1024)} MB 上限。")
    form = await _capped(request, portal.max_upload + 1024 * 1024).form(max_files=1,
                                                                        max_fields=10)
    token = form.get("csrf")
    _, who = require_post(request, token if isinstance(token, str) else None)
    require_drafter(who)
    return who, form


async def _upload(form: FormData) -> tuple[str, str, bytes] | None:
    kind = str(form.get("start", ""))
    upload = form.get("file")
    if kind not in KINDS or not isinstance(upload, UploadFile) or not upload.filename:
        return None
    return kind, Path(upload.filename).name, await upload.read()


@router.post("", response_class=HTMLResponse)
async def start(request: Request) -> Response:
    who, form = await _multipart(request)
    portal = portal_of(request)
    upload = await _upload(form)
    previous = str(form.get("previous", ""))
    department = str(form.get("department", ""))
    try:
        if upload is None and not previous.isdigit():
            raise InputError("请选择预算工作簿或源文件夹压缩包，或选择上年已入库的公开文件")
        if upload is None:
            visible_info(portal, who, int(previous))  # 404 for another department's
        draft = await run_in_threadpool(
            dr.new_draft, portal, who, upload, int(previous) if upload is None else None,
            int(department) if department.isdigit() else None)
    except InputError as exc:
        return drafts(request, error=str(exc), status=400)
    return _back(draft)


@router.post("/{draft}/source", response_class=HTMLResponse)
async def source(request: Request, draft: Id) -> Response:
    """This year's figures for a draft (a new workbook or source folder); what was written
    is kept."""
    who, form = await _multipart(request)
    portal = portal_of(request)
    loaded = dr.load(portal, who, draft)
    upload = await _upload(form)
    try:
        if upload is None:
            raise InputError("请选择预算工作簿或源文件夹压缩包")
        await run_in_threadpool(dr.replace_source, portal, who, loaded, upload)
    except (InputError, rv.ReviewError) as exc:
        return await run_in_threadpool(_draft_page, request, draft, 400, str(exc))
    return _back(draft, "?saved=1")


def _draft_page(request: Request, draft: int, status: int = 200, error: str | None = None
                ) -> Response:
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    portal = portal_of(request)
    loaded = dr.load(portal, who, draft)
    d = dr.document(loaded)
    reasons = reason_items(loaded.base, loaded.edits)
    found = dr.findings(portal, d, reasons)
    with portal.store.reading() as session:
        notes = (rv.notes(session, loaded.info.disclosure_id)
                 if loaded.info.disclosure_id else [])
        history = store_drafts.versions(session, draft)
    return _page(request, "admin/draft.html", status=status, draft=loaded.info, d=d,
                 base=loaded.base, groups=finding_rows(d, found, {}), count=len(found),
                 tables=_tables_html(portal, d), notes=notes, history=history, error=error,
                 saved=request.query_params.get("saved") == "1",
                 editable=dr.editable(loaded.info), may_draft=who.role in ("filer", "admin"),
                 reasons=reasons, kinds=KINDS,
                 max_mb=portal.max_upload // (1024 * 1024))


@router.get("/{draft}", response_class=HTMLResponse)
def draft_page(request: Request, draft: Id) -> Response:
    return _draft_page(request, draft)


def _reasons_last(portal: Any, loaded: dr.Loaded) -> dict[str, str]:
    with portal.store.reading() as session:
        return store_drafts.previous_reasons(session, loaded.info.department_id,
                                             loaded.info.year - 1, loaded.info.edition)


def _form_page(request: Request, draft: int, template: str, status: int = 200,
               error: str | None = None, form: FormData | None = None,
               errors: Mapping[str, str] | None = None) -> Response:
    """A drafting form as saved, or (``form``) as the filer sent it — unsaved, with a row
    added or taken out by its ``row`` button, and ``errors`` beside their fields."""
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    portal = portal_of(request)
    loaded = dr.load(portal, who, draft)
    edits, budget = loaded.edits, loaded.base.budget
    lists = row_lists(loaded.base, edits)
    posted: dict[str, str] = {}
    if form is not None:
        lists = apply_row(posted_rows(form, lists), str(form.get("row") or ""))
        posted = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        items = reason_items(loaded.base, edits, _reasons_last(portal, loaded))
    except InputError as exc:  # saved before saves were tried: the forms still open to fix it
        items, error = [], error or f"草稿按已保存的内容无法生成文件：{exc.message}"
    drafted = draft_budget(loaded.base, edits)
    facts = {k: fact_value(drafted, k) for k in (*FACT_AMOUNTS, *FACT_COUNTS, *WORD_FIELDS)}
    return _page(request, template, status=status, draft=loaded.info, edits=edits,
                 items=items, facts=facts, fact_amounts=FACT_AMOUNTS, fact_counts=FACT_COUNTS,
                 words=WORD_FIELDS, initial=initial_items(drafted), final_texts=FINAL_TEXTS,
                 drafted=drafted,
                 budget=budget, unit=budget.unit.value, fields=PROJECT_FIELDS,
                 part1=PART1_FIELDS, counts=COUNT_FIELDS, lists=lists, posted=posted, errors=errors or {},
                 editable=dr.editable(loaded.info) and who.role in ("filer", "admin"),
                 error=error, text_projects=_projects_text(loaded.base, edits),
                 own_notes=len(loaded.base.text.get("notes", [])) > 1)


def _projects_text(base: Base, edits: Edits) -> str | None:
    """The workbook's 项目经费情况说明 as the filer may edit it (None: not a workbook draft)."""
    if "projects" in edits.texts:
        return edits.texts["projects"]
    lines = base.text.get("projects")
    return None if lines is None and not base.text else "\n".join((lines or [])[1:])


@router.get("/{draft}/reasons", response_class=HTMLResponse)
def reasons_page(request: Request, draft: Id) -> Response:
    return _form_page(request, draft, "admin/draft_reasons.html")


@router.get("/{draft}/texts", response_class=HTMLResponse)
def texts_page(request: Request, draft: Id) -> Response:
    return _form_page(request, draft, "admin/draft_texts.html")


@router.get("/{draft}/other", response_class=HTMLResponse)
def other_page(request: Request, draft: Id) -> Response:
    return _form_page(request, draft, "admin/draft_other.html")


async def _posted(request: Request, draft: int) -> tuple[Account, dr.Loaded, FormData]:
    form = await _capped(request, MAX_FORM_BYTES).form(max_fields=MAX_FORM_FIELDS,
                                                        max_files=0)
    token = form.get("csrf")
    portal, who = require_post(request, token if isinstance(token, str) else None)
    return who, dr.load(portal, who, draft), form


def _edits(loaded: dr.Loaded, form: FormData) -> Edits:
    labels = {i.figure: i.label for i in reason_items(loaded.base, loaded.edits)}
    labels.update({f"initial:{k}": v for k, v in initial_items(loaded.base.budget).items()})
    return edits_from_form(loaded.edits, form, labels, row_lists(loaded.base, loaded.edits))


@router.post("/{draft}/save", response_class=HTMLResponse)
async def save(request: Request, draft: Id) -> Response:
    """A new version with what the form sends (the reasons page or Part 1 and projects); a
    ``row`` button redraws the form with a row added or taken out, saving nothing."""
    page = request.query_params.get("page", "reasons")
    template = f"admin/draft_{page}.html" if page in PAGES else "admin/draft_reasons.html"
    who, loaded, form = await _posted(request, draft)
    if form.get("row"):
        return await run_in_threadpool(_form_page, request, draft, template, 200, None, form)
    try:
        edits = _edits(loaded, form)
        await run_in_threadpool(dr.buildable, loaded.base, edits)
    except FormErrors as exc:
        return await run_in_threadpool(_form_page, request, draft, template, 400,
                                       f"有 {len(exc.errors)} 处需要修改（各项下方也有说明）：",
                                       form, exc.errors)
    require_drafter(who)
    if not dr.editable(loaded.info):
        return await run_in_threadpool(_form_page, request, draft, template, 409,
                                       "这份草稿已提交审核，审核员退回后才能修改", form)
    portal = portal_of(request)
    with portal.store.transaction() as session:
        store_drafts.save(session, draft, dr.version_data(loaded, edits), who.username,
                          detail=PAGES.get(page, "原因说明"))
    return _back(draft, "?saved=1")


@router.post("/{draft}/check")
async def check(request: Request, draft: Id) -> Response:
    """The findings of the draft with the form's unsaved text (as the filer types)."""
    _, loaded, form = await _posted(request, draft)
    portal = portal_of(request)

    def run() -> dict[str, Any]:
        edits = _edits(loaded, form)
        d = dr.buildable(loaded.base, edits)
        items = reason_items(loaded.base, edits)
        found = dr.findings(portal, d, items)
        groups = finding_rows(d, found, {})
        return {"count": len(found),
                "counts": {s: sum(1 for f in found if f.get("severity") == s)
                           for s in ("error", "warning", "info")},
                "groups": [{"title": title, "rows": [
                    {"severity": r.severity, "message": r.message,
                     "place": " ".join(x for x in (r.table, r.row, r.column) if x)}
                    for r in rows]} for title, rows in groups],
                "missing": sum(1 for i in items if not i.reason)}

    try:
        found = await run_in_threadpool(run)
    except FormErrors as exc:
        return JSONResponse({"error": str(exc), "fields": exc.errors}, status_code=422)
    return JSONResponse(found, headers={"Cache-Control": "no-store"})


@router.get("/{draft}/preview.{fmt}")
async def preview(request: Request, draft: Id, fmt: str) -> Response:
    """The document as it stands, HTML or PDF, marked 草稿 on every page."""
    if fmt not in ("html", "pdf"):
        raise HTTPException(404, "只能预览 HTML 或 PDF。")
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    portal = portal_of(request)
    loaded = dr.load(portal, who, draft)
    if fmt == "html":
        options = HtmlOptions(extra_css=NARROW_CSS, draft=dr.DRAFT_MARK)
        html = await run_in_threadpool(lambda: render_html(dr.document(loaded), options))
        return HTMLResponse(html.decode("utf-8"))
    data = await run_in_threadpool(lambda: writer(fmt, dr.DRAFT_MARK)(dr.document(loaded)))
    name = f"{loaded.info.department}{loaded.info.year}年{loaded.info.edition}（草稿）.pdf"
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": attachment(name)})


@router.post("/{draft}/submit", response_class=HTMLResponse)
def submit(request: Request, draft: Id, csrf: Csrf = "") -> Response:
    portal, who = require_post(request, csrf)
    require_drafter(who)
    loaded = dr.load(portal, who, draft)
    try:
        disclosure = dr.submit(portal, loaded, who.username)
    except (rv.ReviewError, InputError) as exc:
        return _draft_page(request, draft, 409, str(exc))
    return RedirectResponse(f"/admin/disclosures/{disclosure}", status_code=303)



@router.get("/{draft}/versions/{number}", response_class=HTMLResponse)
def version_page(request: Request, draft: Id, number: Id) -> Response:
    """One earlier save beside the current one: what differs, and a button to go back to it."""
    who = signed_in(request)
    if who is None:
        return _login_redirect()
    portal = portal_of(request)
    loaded = dr.load(portal, who, draft)
    with portal.store.reading() as session:
        saved = store_drafts.version(session, draft, number)
    if saved is None:
        raise HTTPException(404, "没有这一次保存")
    labels = {**initial_items(loaded.base.budget),
              **{i.figure: i.label for i in reason_items(loaded.base, loaded.edits)}}
    then = Edits.from_data(saved.data.get("edits", {}))
    return _page(request, "admin/draft_version.html", draft=loaded.info, saved=saved,
                 changes=changes(then, loaded.edits, labels),
                 editable=dr.editable(loaded.info), may_draft=who.role in ("filer", "admin"))


@router.post("/{draft}/versions/{number}/restore", response_class=HTMLResponse)
def restore(request: Request, draft: Id, number: Id, csrf: Csrf = "") -> Response:
    """A new save with what save ``number`` held; the saves since stay in the record."""
    portal, who = require_post(request, csrf)
    require_drafter(who)
    loaded = dr.load(portal, who, draft)
    if not dr.editable(loaded.info):
        return _draft_page(request, draft, 409, "这份草稿已提交审核，审核员退回后才能恢复旧的内容")
    with portal.store.reading() as session:
        saved = store_drafts.version(session, draft, number)
    if saved is None:
        raise HTTPException(404, "没有这一次保存")
    try:  # with this year's figures, the older writing may no longer make a document
        dr.buildable(loaded.base, Edits.from_data(saved.data.get("edits", {})))
    except FormErrors as exc:
        return _draft_page(request, draft, 409, f"不能恢复第 {number} 次保存的内容：{exc}")
    with portal.store.transaction() as session:
        try:
            store_drafts.restore(session, draft, number, who.username)
        except LookupError:
            raise HTTPException(404, "没有这一次保存") from None
    return _back(draft, "?saved=1")
