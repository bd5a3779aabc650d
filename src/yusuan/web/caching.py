"""HTTP caching of what the public reads: ETag, Last-Modified and Cache-Control, and the
``304 Not Modified`` answer when a client (a browser, a CDN or a reverse proxy) already holds
the page.

A published version never changes, but what a page shows around it can (a newer version is
published, the version is withdrawn), so public pages are cached briefly and revalidated: the
ETag is derived from everything the response depends on, and a revalidation costs one lookup.

``PublishedPages`` keeps the rendered bytes of a public page with its ETag, valid while the
store's publication token is unchanged, and reads that token at most once every
``TOKEN_SECONDS`` (at once after a write commits in this process): a request for a page
rendered before costs no database work and no thread, which is what lets one worker serve
thousands of them a second. Another worker's publication or withdrawal is seen within
``TOKEN_SECONDS``, far inside the ``max-age`` a proxy may keep the page anyway.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import event

from yusuan import __version__

PUBLIC = "public, max-age=300, must-revalidate"
TOKEN_SECONDS = 1.0


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


@dataclass(frozen=True)
class Page:
    """A rendered public page: what is sent, and the publication token it was rendered under."""

    body: bytes
    tag: str
    headers: dict[str, str]
    token: Hashable


class PublishedPages:
    """Rendered public pages by key (at most ``size``), each valid under the publication token
    it was rendered with; ``read_token`` asks the store (see the module's note)."""

    def __init__(self, read_token: Callable[[], Hashable], size: int = 512,
                 token_seconds: float = TOKEN_SECONDS) -> None:
        self._read_token = read_token
        self._size = size
        self._seconds = token_seconds
        self._pages: OrderedDict[Hashable, Page] = OrderedDict()
        self._token: Hashable = None
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def watch(self, sessions: Any) -> None:
        """Read the token anew after every commit of a ``sessions`` (a sessionmaker) of this
        process: its own publications and withdrawals show at once."""
        event.listen(sessions, "after_commit", lambda _session: self.expire())

    def expire(self) -> None:
        with self._lock:
            self._read_at = float("-inf")

    def token_if_fresh(self) -> tuple[bool, Hashable]:
        """(True, the token) when it was read less than ``TOKEN_SECONDS`` ago, else
        (False, None): the caller reads it with ``token()`` (a database query)."""
        with self._lock:
            if time.monotonic() - self._read_at < self._seconds:
                return True, self._token
        return False, None

    def token(self) -> Hashable:
        """The publication token, read from the store unless read very recently."""
        fresh, token = self.token_if_fresh()
        if fresh:
            return token
        started = time.monotonic()
        token = self._read_token()
        with self._lock:
            self._token, self._read_at = token, started
        return token

    def get(self, key: Hashable, token: Hashable) -> Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None or page.token != token:
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable, page: Page) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._read_at = float("-inf")


def answer(request: Request, page: Page) -> Response:
    """``page`` as sent: 304 when the client holds it, else its bytes with their headers."""
    unchanged = not_modified(request, page.tag)
    if unchanged is not None:
        return unchanged
    return Response(page.body, media_type="text/html; charset=utf-8", headers=page.headers)
