"""Public pages: home, search, a disclosure, a department across years, the comparison page.

Only published disclosures are visible here; the disclosure page is cached per version and
publication token (it changes only when something is published or withdrawn).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Hashable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from yusuan.model.disclosure import Disclosure, Table
from yusuan.model.profiles import profile_of
from yusuan.render.grid import table_grid
from yusuan.store import catalog
from yusuan.store.catalog import DisclosureInfo
from yusuan.store.review import changes as review_changes
from yusuan.web import caching
from yusuan.web.charts import (
    FIGURE_LABELS,
    Chart,
    comparison_chart,
    disclosure_charts,
    project_share,
    years_chart,
)
from yusuan.web.params import Id, YearQuery
from yusuan.web.portal import Portal
from yusuan.web.review_view import finding_rows
from yusuan.web.series import SeriesYear, class_rows, department_series
from yusuan.web.versus import department_versus

router = APIRouter(include_in_schema=False)
log = logging.getLogger("yusuan.web")


def portal_of(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal


NOT_PUBLISHED = "没有找到这份公开文件（可能尚未公开或已撤回）。"


def published_or_404(request: Request, disclosure_id: int) -> DisclosureInfo:
    """The published disclosure's summary, or HTTP 404 (unknown, not yet published, withdrawn)."""
    with portal_of(request).store.reading() as session:
        info = catalog.disclosure_info(session, disclosure_id)
    if info is None:
        raise HTTPException(404, NOT_PUBLISHED)
    return info


def charts_json(charts: tuple[Chart, ...]) -> str:
    """Chart data for a ``<script type="application/json">`` block (``<`` escaped)."""
    text = json.dumps([c.to_data() for c in charts], ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    portal = portal_of(request)

    def make() -> str:
        with portal.store.reading() as session:
            items = catalog.published(session)
            departments = catalog.departments(session)
        by_year: dict[int, list[DisclosureInfo]] = {}
        for info in items:
            by_year.setdefault(info.year, []).append(info)
        return portal.html("home.html", by_year=by_year, departments=departments, query="")

    return HTMLResponse(portal.cached_page("home", make))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    portal = portal_of(request)
    query = q.strip()
    with portal.store.reading() as session:
        results = catalog.published(session, query=query) if query else []
        departments = [d for d in catalog.departments(session) if query and query in d[1]]
    return portal.render("search.html", request, query=query, results=results,
                         departments=departments)


UNRENDERABLE = Markup('<section class="budget-table" id="{anchor}" data-table="{id}">'
                      '<p class="table-title">{title}</p><p class="note">这张表的版式无法在网页上'
                      '显示，请下载 Excel 或单元格 CSV 查看其中的数据。</p></section>')


def _tables_html(portal: Portal, d: Disclosure) -> list[tuple[Table, Markup]]:
    """Each table through the shared budget-table macro; one that fails to lay out is
    replaced by a note (a parsed document must not take the whole page down)."""
    profile = profile_of(d)  # an unknown profile: no layouts, the tables are still downloadable
    macro = portal.env.get_template("_budget_table.html").module.budget_table  # type: ignore[attr-defined]
    out = []
    for table in d.tables:
        layout = profile.table(table.id) if profile else None
        try:
            if layout is None:
                raise LookupError(f"profile {d.profile} has no layout for {table.id}")
            html = Markup(macro(table, table_grid(table, layout)))
        except Exception:
            log.exception("table %s of %s could not be laid out", table.id, d.title)
            html = UNRENDERABLE.format(anchor=f"table-{table.id}", id=table.id,
                                       title=table.title)
        out.append((table, html))
    return out


def _prior(portal: Portal, info: DisclosureInfo) -> Any:
    with portal.store.reading() as session:
        earlier = [i for i in catalog.published(session, department=info.department_id,
                                             year=info.year - 1, kind=info.kind)
                   if i.edition == info.edition]
    return portal.disclosure(earlier[0].id) if earlier else None


def _disclosure_page(portal: Portal, info: DisclosureInfo, latest: int | None) -> str:
    d = portal.disclosure(info.id)
    with portal.store.reading() as session:
        findings = catalog.findings(session, info.id)
        history = catalog.published(session, department=info.department_id)
        changes = review_changes(session, info)
    charts = disclosure_charts(d, _prior(portal, info))
    return portal.html(
        "disclosure.html", info=info, d=d, tables=_tables_html(portal, d), charts=charts,
        charts_json=charts_json(charts), history=history, latest=latest,
        findings=[r for _, rows in finding_rows(d, findings, {}) for r in rows],
        changes=changes,
    )


@router.get("/disclosures/{disclosure_id}", response_class=HTMLResponse)
async def disclosure_page(request: Request, disclosure_id: Id) -> Response:
    """Served from the rendered bytes while nothing was published or withdrawn since: no
    database work and no thread (``caching.PublishedPages``); else looked up and rendered in
    a worker thread."""
    published = portal_of(request).published
    fresh, token = published.token_if_fresh()
    if not fresh:
        token = await run_in_threadpool(published.token)
    page = published.get(("disclosure", disclosure_id), token)
    if page is None:
        page = await run_in_threadpool(_disclosure_bytes, portal_of(request), disclosure_id,
                                       token)
        published.put(("disclosure", disclosure_id), page)
    return caching.answer(request, page)


def _disclosure_bytes(portal: Portal, disclosure_id: int, token: Hashable) -> caching.Page:
    with portal.store.reading() as session:
        info = catalog.disclosure_info(session, disclosure_id)
        latest = catalog.latest_published_id(session, info) if info else None
    if info is None:
        raise HTTPException(404, NOT_PUBLISHED)
    tag = caching.etag("disclosure", disclosure_id, info.sha256, token)
    body = _disclosure_page(portal, info, latest).encode("utf-8")
    return caching.Page(body, tag, caching.headers(tag, info.published_at), token)


def department_or_404(portal: Portal, department_id: Id
                      ) -> tuple[str, list[DisclosureInfo], list[SeriesYear]]:
    """A department's name, its published disclosures and their series; 404 if none."""
    with portal.store.reading() as session:
        items = catalog.published(session, department=department_id)
        name = catalog.department_name(session, department_id)
    if not items or name is None:
        raise HTTPException(404, "没有找到这个部门的公开文件。")
    return name, items, department_series([(i.id, portal.disclosure(i.id)) for i in items])


@router.get("/departments/{department_id}", response_class=HTMLResponse)
def department_page(request: Request, department_id: Id) -> HTMLResponse:
    portal = portal_of(request)
    name, items, years = department_or_404(portal, department_id)
    by_id = {i.id: i for i in items}
    ordered = [by_id[e.disclosure_id] for e in years]  # a 决算 after its year's 预算
    series = {e.disclosure_id: e for e in years}
    figures = tuple(series[i.id].figures for i in ordered)
    chart = years_chart(tuple(f"{i.year}{i.edition}" for i in ordered), figures,
                        "历年预算与决算" if any(e.kind == "final" for e in years) else "历年预算")
    both = department_versus([(i.id, portal.disclosure(i.id)) for i in items])
    return portal.render("department.html", request, name=name,
                         rows=[(i, series[i.id], portal.score(i.id)) for i in ordered],
                         labels=FIGURE_LABELS, charts=(chart,),
                         charts_json=charts_json((chart,)), versus=both,
                         classes=class_rows(years))


def published_of_year(portal: Portal, year: int | None, edition: str
                      ) -> tuple[list[int], int | None, list[DisclosureInfo]]:
    """The years with published documents, the year shown (``year`` or the latest), and its
    published documents of ``edition``."""
    with portal.store.reading() as session:
        years = catalog.years(session)
        chosen = year if year is not None else (years[0] if years else None)
        items = [i for i in catalog.published(session, year=chosen) if i.edition == edition] \
            if chosen is not None else []
    return years, chosen, items


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, year: YearQuery = None,
                 edition: str = "部门预算") -> HTMLResponse:
    portal = portal_of(request)
    years, chosen, items = published_of_year(portal, year, edition)
    figures = tuple(portal.figures(i.id) for i in items)
    charts = (comparison_chart(tuple(i.department for i in items), figures),) if items else ()
    return portal.render("compare.html", request, years=years, year=chosen, edition=edition,
                         rows=[(i, f, project_share(f)) for i, f in zip(items, figures,
                                                                         strict=True)],
                         labels=FIGURE_LABELS, charts=charts, charts_json=charts_json(charts))


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    portal = portal_of(request)
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [(p["name"], p.get("in", ""), p.get("description") or "")
                      for p in op.get("parameters", [])]
            endpoints.append((method.upper(), path, op.get("summary", ""),
                              op.get("description", ""), params))
    return portal.render("docs.html", request, endpoints=endpoints, title=schema["info"]["title"])
