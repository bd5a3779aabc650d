"""The open-data API under ``/api/v1/``: JSON, or CSV (UTF-8 with BOM) by ``?format=csv``.

Only published disclosures appear; cells and lists show the latest published version of each
department × year × edition, ``/disclosures/{id}`` any published version. Amounts are exact
decimal strings in 元.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from yusuan.model import kinds
from yusuan.model.serialize import disclosure_to_data, to_data
from yusuan.render.export import safe_row
from yusuan.store import catalog, open_data
from yusuan.store.schema import KIND_NAMES
from yusuan.web.charts import project_share
from yusuan.web.params import MAX_ID, Id, Offset, YearQuery, id_query
from yusuan.web.routes.downloads import attachment
from yusuan.web.routes.public import (
    department_or_404,
    portal_of,
    published_of_year,
    published_or_404,
)

router = APIRouter(prefix="/api/v1", tags=["开放数据"])

Format = Annotated[Literal["json", "csv"], Query(description="json（默认）或 csv")]
Kind = Annotated[Literal["budget", "final"] | None,
                 Query(description="budget（预算）或 final（决算）；不填为两者")]
MAX_LIMIT = 10000


def _csv_lines(fields: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\r\n",
                            extrasaction="ignore")
    out.write("\ufeff")
    writer.writeheader()
    for i, row in enumerate(rows):
        writer.writerow(safe_row(row))
        if i % 500 == 499:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def respond(rows: list[dict[str, Any]], fields: Sequence[str], fmt: str, name: str) -> Response:
    if fmt == "csv":
        return StreamingResponse(_csv_lines(fields, rows), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": attachment(name)})
    return JSONResponse(to_data(rows))


def _info_data(info: catalog.DisclosureInfo) -> dict[str, Any]:
    return {
        "id": info.id, "department_id": info.department_id, "department": info.department,
        "year": info.year, "kind": info.kind, "kind_name": KIND_NAMES.get(info.kind, ""),
        "edition": info.edition, "version": info.version,
        "title": info.title, "file_name": info.file_name, "sha256": info.sha256,
        "published_at": info.published_at.isoformat() if info.published_at else None,
        "checked": info.checked, "errors": info.error_count, "warnings": info.warning_count,
        "infos": info.info_count, "url": f"/disclosures/{info.id}",
    }


INFO_FIELDS = ("id", "department_id", "department", "year", "kind", "kind_name", "edition",
               "version", "title", "file_name", "sha256", "published_at", "checked", "errors",
               "warnings", "infos", "url")


@router.get("/departments", summary="部门列表")
def departments(request: Request, format: Format = "json") -> Response:
    """有已公开文件的部门：编号、名称、有公开文件的年度数。"""
    with portal_of(request).store.reading() as session:
        rows = [{"id": i, "name": n, "years": c} for i, n, c in catalog.departments(session)]
    return respond(rows, ("id", "name", "years"), format, "departments.csv")


@router.get("/departments/{department_id}/series", summary="一个部门的历年预算与决算")
def department_series_api(request: Request, department_id: Id) -> Response:
    """历年已公开文件（每个年度、版本的最新一版）：总额、基本/项目支出、“三公”经费、机关运行经费、
    各类支出（元），以及文件自述的比上年增减与按库中上年文件计算的增减。"""
    name, _, series = department_or_404(portal_of(request), department_id)
    return JSONResponse({"department_id": department_id, "department": name,
                         "years": [e.to_data() for e in series]})


COMPARE_FIELDS = ("department_id", "department", "year", "kind", "kind_name", "edition",
                  "total_yuan", "basic_yuan", "project_yuan", "three_public_yuan",
                  "operating_cost_yuan", "project_share", "url")


@router.get("/compare", summary="部门对比（一个年度、一种类型的各部门主要数字）")
def compare(request: Request, format: Format = "json", year: YearQuery = None,
            edition: Annotated[str, Query(max_length=10, description="部门预算（默认）、部门决算、"
                                          "单位预算或单位决算")] = "部门预算") -> Response:
    """对比页的数字：每个部门的支出总额、基本支出、项目支出、“三公”经费、机关运行经费（元）和项目
    支出占比，标明预算或决算。"""
    portal = portal_of(request)
    _, chosen, items = published_of_year(portal, year, edition)
    rows = []
    for info in items:
        f = portal.figures(info.id)
        amounts = dict(zip(COMPARE_FIELDS[6:11], f.values(), strict=True))
        rows.append({**{k: v for k, v in _info_data(info).items() if k in COMPARE_FIELDS},
                     "department_id": info.department_id, **amounts,
                     "project_share": project_share(f)})
    return respond(rows, COMPARE_FIELDS, format, f"compare-{chosen or ''}-{edition}.csv")


@router.get("/disclosures", summary="公开文件列表")
def disclosures(request: Request, format: Format = "json",
                year: YearQuery = None,
                department: Annotated[int | None, id_query("部门编号")] = None,
                q: Annotated[str | None, Query(description="按部门或项目名称搜索",
                                               max_length=100)] = None,
                kind: Kind = None) -> Response:
    """每个部门 × 年度 × 版本类型（预算、决算）的最新已公开版本。"""
    with portal_of(request).store.reading() as session:
        items = catalog.published(session, year=year, department=department, query=q, kind=kind)
    return respond([_info_data(i) for i in items], INFO_FIELDS, format, "disclosures.csv")


@router.get("/disclosures/{disclosure_id}", summary="一份公开文件（含完整 Disclosure JSON）")
def disclosure(request: Request, disclosure_id: Id) -> Response:
    info = published_or_404(request, disclosure_id)
    data = _info_data(info)
    data["disclosure"] = disclosure_to_data(portal_of(request).disclosure(disclosure_id))
    return JSONResponse(data)


@router.get("/disclosures/{disclosure_id}/tables", summary="一份公开文件的表格目录")
def tables(request: Request, disclosure_id: Id, format: Format = "json") -> Response:
    published_or_404(request, disclosure_id)
    d = portal_of(request).disclosure(disclosure_id)
    rows = [{"id": t.id, "number": t.number, "title": t.title, "unit": t.unit.value,
             "rows": len(t.rows), "columns": len(t.columns), "empty": t.is_empty,
             "url": f"/api/v1/disclosures/{disclosure_id}/tables/{t.id}"} for t in d.tables]
    return respond(rows, ("id", "number", "title", "unit", "rows", "columns", "empty", "url"),
                    format, f"tables-{disclosure_id}.csv")


@router.get("/disclosures/{disclosure_id}/tables/{table_id}", summary="一张表（行、列、金额）")
def table(request: Request, disclosure_id: Id, table_id: str) -> Response:
    published_or_404(request, disclosure_id)
    t = portal_of(request).disclosure(disclosure_id).table(kinds.table_id(table_id))
    if t is None:
        raise HTTPException(404, f"这份公开文件没有表“{table_id}”。")
    return JSONResponse(to_data(t))


@router.get("/disclosures/{disclosure_id}/findings", summary="检查结果")
def findings(request: Request, disclosure_id: Id, format: Format = "json") -> Response:
    """检查结果（平台设置为公开检查结果时可用）。"""
    info = published_or_404(request, disclosure_id)
    if not portal_of(request).public_findings:
        raise HTTPException(404, "本平台不公开检查结果。")
    with portal_of(request).store.reading() as session:
        rows = catalog.findings(session, disclosure_id)
    if format == "csv":
        flat = [{**{k: v for k, v in f.items() if k != "location"},
                 **{f"location.{k}": v for k, v in (f.get("location") or {}).items()}}
                for f in rows]
        fields = ("rule_id", "severity", "category", "message", "location.file",
                  "location.page", "location.table", "location.code", "location.name",
                  "location.column", "expected", "actual")
        return respond(flat, fields, format, f"findings-{disclosure_id}.csv")
    return JSONResponse({"disclosure_id": info.id, "checked": info.checked, "findings": rows})


class CompactJSON(JSONResponse):
    """JSON as ``JSONResponse`` writes it (compact, UTF-8 unescaped), by orjson: the same
    bytes for the API's content (strings, integers, lists, dicts) at a tenth of the CPU."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _cell_data(cell: dict[str, Any]) -> dict[str, Any]:
    """A cell as JSON data: what ``to_data`` gives for its types (the amount an exact
    decimal string), without its general walk over every value."""
    return {**cell, "amount_yuan": str(cell["amount_yuan"])}


def _cursor(after: str | None) -> open_data.Cursor | None:
    if after is None:
        return None
    d, _, c = after.partition("-")
    if not (d.isdigit() and c.isdigit() and int(d) <= MAX_ID and int(c) <= MAX_ID):
        raise HTTPException(422, "参数 after 应是上一页返回的 next 链接中的值，如 12-34567")
    return int(d), int(c)


def _cells(request: Request, fmt: str, year: int | None, department: int | None,
           department_name: str | None, table: str | None, code: str | None,
           disclosure: int | None, limit: int, offset: int, after: str | None = None,
           kind: str | None = None) -> Response:
    flt = open_data.CellFilter(year=year, department=department, department_name=department_name,
                          table=table, code=code, disclosure=disclosure, kind=kind)
    store = portal_of(request).store
    if fmt == "csv":
        def rows() -> Iterator[dict[str, Any]]:
            with store.reading() as session:
                yield from open_data.cells(session, flt)

        return StreamingResponse(_csv_lines(open_data.CELL_COLUMNS, rows()),
                                 media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": attachment("cells.csv")})
    cursor = _cursor(after)
    with store.reading() as session:
        items, following = open_data.cells_page(session, flt, limit, offset=offset, after=cursor)
    next_url = None
    if following is not None:
        url = request.url.remove_query_params("offset").include_query_params(
            after=f"{following[0]}-{following[1]}")
        next_url = f"{url.path}?{url.query}"
    return CompactJSON({"offset": offset, "limit": limit, "count": len(items),
                        "next": next_url, "cells": [_cell_data(c) for c in items]})




@router.get("/cells", summary="单元格（每个公开金额一行，单位：元）")
def cells(request: Request, format: Format = "json", year: YearQuery = None,
          department: Annotated[int | None, id_query("部门编号")] = None,
          department_name: Annotated[str | None, Query(description="部门名称（完全一致）")]
          = None,
          table: Annotated[str | None, Query(description="表的规范编号，如 gpb、gpb_basic")] = None,
          code: Annotated[str | None, Query(description="分类编码，如 2010301、30101")] = None,
          disclosure: Annotated[int | None, id_query("公开文件编号")] = None,
          limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="JSON 每页条数")] = 1000,
          offset: Offset = 0,
          after: Annotated[str | None, Query(max_length=24, description="从上一页之后继续（用上一页 next 链接中的值；页数很深时比 offset 快）")] = None,
          kind: Kind = None) -> Response:
    """按年度、部门、预算或决算、表、编码筛选；``format=csv`` 返回全部匹配行（UTF-8 BOM）。JSON
    分页：``next`` 是下一页的链接（最后一页为 null）。"""
    return _cells(request, format, year, department, department_name, table, code, disclosure,
                  limit, offset, after, kind)


@router.get("/cells.csv", summary="单元格 CSV（同 /cells?format=csv）")
def cells_csv(request: Request, year: YearQuery = None,
              department: Annotated[int | None, id_query("部门编号")] = None,
              department_name: str | None = None, table: str | None = None,
              code: str | None = None,
              disclosure: Annotated[int | None, id_query("公开文件编号")] = None,
              kind: Kind = None) -> Response:
    return _cells(request, "csv", year, department, department_name, table, code, disclosure,
                  MAX_LIMIT, 0, kind=kind)
