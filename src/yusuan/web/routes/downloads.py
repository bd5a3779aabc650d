"""Downloads of a published disclosure: the original file and every rendered format.

The formats come from ``render.formats.writer``; a renderer that is not installed yet gives a
404 with a Chinese message instead of a crash. Rendered files are cached per version.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from yusuan.publication import PUBLISHED_FORMATS
from yusuan.render.formats import writer
from yusuan.store import catalog
from yusuan.store import repository as repo
from yusuan.web import caching
from yusuan.web.params import Id
from yusuan.web.portal import Portal
from yusuan.web.routes.public import portal_of, published_or_404

router = APIRouter(include_in_schema=False)

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "zip": "application/zip",
}
log = logging.getLogger(__name__)
FORMAT_NAMES = {"xlsx": "Excel", "docx": "Word", "pdf": "PDF", "csv": "单元格 CSV",
                "json": "JSON", "html": "网页"}


def attachment(name: str) -> str:
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


@router.get("/disclosures/{disclosure_id}/original")
def original(request: Request, disclosure_id: Id) -> Response:
    info = published_or_404(request, disclosure_id)
    tag = caching.etag("original", info.sha256)
    unchanged = caching.not_modified(request, tag)
    if unchanged is not None:
        return unchanged
    with portal_of(request).store.reading() as session:
        found = catalog.original_file(session, disclosure_id)
    assert found is not None
    name, data = found
    suffix = name.rsplit(".", 1)[-1].lower()
    return Response(data, media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"),
                    headers={"Content-Disposition": attachment(name),
                             **caching.headers(tag, info.published_at)})


def _render(portal: Portal, disclosure_id: int, fmt: str) -> bytes:
    try:
        render = writer(fmt)
    except (ImportError, ValueError):
        raise HTTPException(404, f"{FORMAT_NAMES.get(fmt, fmt)} 格式暂不可用"
                                 "（该格式的生成模块尚未安装）。") from None
    return render(portal.disclosure(disclosure_id))


def _stored_or_rendered(portal: Portal, disclosure_id: int, fmt: str) -> bytes:
    """The stored rendition, or rendered now and stored for every worker and restart."""
    with portal.store.reading() as session:
        data = repo.rendition(session, disclosure_id, fmt)
    if data is None:
        made = _render(portal, disclosure_id, fmt)
        portal.store.write(lambda session: repo.store_rendition(session, disclosure_id, fmt,
                                                                made))
        data = made
    return data


def render_publication(portal: Portal, disclosure_id: int) -> None:
    """Render and store every download of a version being published, so that no reader's
    request ever waits for WeasyPrint. A format that fails is rendered on first request."""
    for fmt in PUBLISHED_FORMATS:
        try:
            _stored_or_rendered(portal, disclosure_id, fmt)
        except Exception:  # one format failing must not undo the publication
            log.exception("渲染 %s（公开文件 %s）失败，将在首次下载时重试", fmt, disclosure_id)


def rendered(request: Request, disclosure_id: int, fmt: str) -> bytes:
    portal = portal_of(request)
    return portal.downloads.get((disclosure_id, fmt),
                                lambda: _stored_or_rendered(portal, disclosure_id, fmt))


@router.get("/disclosures/{disclosure_id}/download.{fmt}")
def download(request: Request, disclosure_id: Id, fmt: str) -> Response:
    if fmt not in FORMAT_NAMES:
        raise HTTPException(404, f"不支持的下载格式“{fmt}”。")
    info = published_or_404(request, disclosure_id)
    tag = caching.etag("download", disclosure_id, info.sha256, fmt)
    unchanged = caching.not_modified(request, tag)
    if unchanged is not None:
        return unchanged
    data = rendered(request, disclosure_id, fmt)
    name = f"{info.department}{info.year}年{info.edition}公开.{fmt}"
    if fmt == "csv":
        name = f"{info.department}{info.year}年{info.edition}-单元格.csv"
    disposition = "inline" if fmt == "html" else attachment(name)
    return Response(data, media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": disposition,
                             **caching.headers(tag, info.published_at)})
