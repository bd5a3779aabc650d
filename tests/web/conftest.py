"""A portal over a fresh SQLite store: Korla published, a variant left as a draft, an admin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from tests.store.factories import document, variant
from yusuan.store import Store, open_store
from yusuan.store import repository as repo
from yusuan.store.users import set_user
from yusuan.web.app import create_app

ADMIN, PASSWORD = "admin", "correct-horse-battery"


@pytest.fixture(scope="session", autouse=True)
def _patient_expect() -> None:
    """Playwright's ``expect`` waits 5 s by default; a page that asks the server and then
    repaints (the live warning counts) may take longer on a loaded two-core machine with
    Chromium, the server and pytest on it. Half a minute still fails a page that never
    shows what is expected."""
    try:
        from playwright.sync_api import expect
    except ImportError:  # the browser tests skip themselves
        return
    expect.set_options(timeout=30_000)
DRAFT_DEPARTMENT = "尚未公开的草稿局"


@dataclass(frozen=True)
class Site:
    store: Store
    client: TestClient
    published: int
    draft: int


def make_site(tmp_path, korla_disclosure, db_url: str | None = None, **app_options) -> Site:
    store = open_store(db_url or str(tmp_path / "portal.db"))
    with store.transaction() as session:
        published = repo.store_document(session, document(korla_disclosure)).disclosure_id
        draft = repo.store_document(session, document(variant(
            korla_disclosure, department=DRAFT_DEPARTMENT, factor=Decimal(3)))).disclosure_id
        repo.set_state(session, published, "published", "setup")
        set_user(session, ADMIN, PASSWORD)
    client = TestClient(create_app(store, secret_key="test-secret", **app_options))
    return Site(store, client, published, draft)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def site(request: pytest.FixtureRequest, tmp_path, korla_disclosure) -> Iterator[Site]:
    """The portal over SQLite, and again over PostgreSQL."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    made = make_site(tmp_path, korla_disclosure, url)
    yield made
    made.store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def public_site(request: pytest.FixtureRequest, tmp_path, korla_disclosure) -> Iterator[Site]:
    """A portal whose bureau chose to show the checker's findings to the public."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    made = make_site(tmp_path, korla_disclosure, url, public_findings=True)
    yield made
    made.store.close()


def csrf_of(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


def login(client: TestClient) -> str:
    """Log in as the admin; the CSRF token of the new session."""
    token = csrf_of(client.get("/admin/login").text)
    response = client.post("/admin/login", data={"username": ADMIN, "password": PASSWORD,
                                                 "csrf": token}, follow_redirects=False)
    assert response.status_code == 303
    return csrf_of(client.get("/admin").text)
