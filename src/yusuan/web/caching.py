"""HTTP caching of what the public reads: ETag, Last-Modified and Cache-Control, and the
``304 Not Modified`` answer when a client (a browser, a CDN or a reverse proxy) already holds
the page.

A published version never changes, but what a page shows around it can (a newer version is
published, the version is withdrawn), so public pages are cached briefly and revalidated: the
ETag is derived from everything the response depends on, and a revalidation costs one lookup.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime

from fastapi import Request
from fastapi.responses import Response

from yusuan import __version__

PUBLIC = "public, max-age=300, must-revalidate"


def etag(*parts: object) -> str:
    """A strong ETag over ``parts`` and the yusuan version (a new release renders anew)."""
    digest = hashlib.sha256("\x1f".join(map(str, (__version__, *parts))).encode()).hexdigest()
    return f'"{digest[:32]}"'


def headers(tag: str, modified: datetime | None = None) -> dict[str, str]:
    out = {"ETag": tag, "Cache-Control": PUBLIC}
    if modified is not None:
        moment = modified if modified.tzinfo else modified.replace(tzinfo=UTC)  # stored in UTC
        out["Last-Modified"] = format_datetime(moment.astimezone(UTC), usegmt=True)
    return out


def not_modified(request: Request, tag: str) -> Response | None:
    """A 304 when the request's ``If-None-Match`` names ``tag`` (or ``*``), else None."""
    held = request.headers.get("if-none-match")
    if held is None:
        return None
    tags = {t.strip().removeprefix("W/") for t in held.split(",")}
    if tag in tags or "*" in tags:
        return Response(status_code=304, headers={"ETag": tag, "Cache-Control": PUBLIC})
    return None
