"""What every route shares: the store, the templates, and the in-memory caches.

A stored disclosure version never changes (only its publication state does), so its parsed
``Disclosure``, its charts and its key figures are cached by id. Rendered public pages are
cached with the store's publication token and re-rendered only after a publish or withdraw.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from yusuan import __version__
from yusuan.checks.report import TABLE_TITLES
from yusuan.checks.score import Score, score
from yusuan.intake import Limits, default_limits
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding
from yusuan.model.money import format_amount
from yusuan.render.html import environment as document_environment
from yusuan.store import Store, catalog
from yusuan.store.schema import KIND_NAMES, ROLE_NAMES, STATE_NAMES
from yusuan.web.caching import PublishedPages
from yusuan.web.charts import KeyFigures, key_figures, wan
from yusuan.web.draft_rows import error_id, textarea_rows
from yusuan.web.security import Sessions, Throttle, beijing

T = TypeVar("T")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = make()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def _wan_filter(yuan: Decimal | None) -> str:
    return format_amount(wan(yuan)) if yuan is not None else "—"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.PackageLoader("yusuan.web", "templates"),
                                    jinja2.PackageLoader("yusuan.render", "templates")]),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(document_environment().filters)  # the document's macros need them
    env.filters.update(wan=_wan_filter, beijing=beijing, yuan=format_amount,
                       textarea_rows=textarea_rows, error_id=error_id)
    env.globals.update(version=__version__, state_names=STATE_NAMES, role_names=ROLE_NAMES,
                       kind_names=KIND_NAMES,
                       table_titles=TABLE_TITLES)
    return env


@dataclass
class Portal:
    store: Store
    sessions: Sessions
    max_upload: int = MAX_UPLOAD_BYTES
    secure_cookies: bool = False
    public_findings: bool = False  # show the checker's findings to the public (a setting)
    read_limits: Limits = field(default_factory=default_limits)  # every upload is read under them

    def __post_init__(self) -> None:
        self.throttle = Throttle()
        self.pages = LRU(512)
        self.published = PublishedPages(self._stored_token)  # pages as bytes, see ``caching``
        self.published.watch(self.store.writers)
        self.objects = LRU(256)
        self.downloads = LRU(32)

    @cached_property
    def env(self) -> jinja2.Environment:
        env = _environment()
        env.globals["show_findings"] = self.public_findings
        return env

    def render(self, template: str, request: Request | None = None, status: int = 200,
               **context: Any) -> HTMLResponse:
        return HTMLResponse(self.html(template, request, **context), status_code=status)

    def html(self, template: str, request: Request | None = None, **context: Any) -> str:
        user = None
        if request is not None:
            session = self.sessions.read(request)
            user = session.user if session else None
        return self.env.get_template(template).render(admin_user=user, **context)

    def disclosure(self, disclosure_id: int) -> Disclosure:
        def load() -> Disclosure:
            with self.store.reading() as session:
                return catalog.load_disclosure(session, disclosure_id)

        return self.objects.get(("disclosure", disclosure_id), load)

    def figures(self, disclosure_id: int) -> KeyFigures:
        return self.objects.get(("figures", disclosure_id),
                                lambda: key_figures(self.disclosure(disclosure_id)))

    def score(self, disclosure_id: int) -> Score:
        """The 公开度 of a stored version, from its stored findings (``checks.score``)."""
        def make() -> Score:
            with self.store.reading() as session:
                found = [Finding.from_data(f) for f in catalog.findings(session, disclosure_id)]
            return score(self.disclosure(disclosure_id), found)

        return self.objects.get(("score", disclosure_id), make)

    def _stored_token(self) -> tuple[int, str]:
        with self.store.reading() as session:
            return catalog.publication_token(session)

    def token(self) -> Hashable:
        """Changes when what the public sees changes (read at most once a second, and anew
        after this process writes)."""
        return self.published.token()

    def cached_page(self, key: Any, make: Callable[[], str]) -> str:
        """A public page, re-rendered only when what the public sees has changed."""
        return self.pages.get((key, self.token()), make)
