"""Downloads are rendered once, when a version is published, and stored: every worker and
every restart serves the stored file; no reader's request renders."""

from __future__ import annotations

import pytest

from tests.web.conftest import login, make_site
from yusuan.store import repository as repo
from yusuan.web.app import create_app
from yusuan.web.routes.downloads import PUBLISHED_FORMATS


def test_publishing_stores_every_download_and_readers_get_the_stored_bytes(
        tmp_path, korla_disclosure, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    site = make_site(tmp_path, korla_disclosure)
    csrf = login(site.client)
    response = site.client.post(f"/admin/disclosures/{site.draft}/publish", data={"csrf": csrf, "confirmed": "1"},
                                follow_redirects=False)
    assert response.status_code == 303
    with site.store.reading() as session:
        stored = {fmt: repo.rendition(session, site.draft, fmt) for fmt in PUBLISHED_FORMATS}
    assert all(stored.values()), [f for f, v in stored.items() if not v]
    assert stored["pdf"] is not None and stored["pdf"].startswith(b"%PDF")

    def no_rendering(fmt: str):
        raise AssertionError(f"a reader's request rendered {fmt}")

    monkeypatch.setattr("yusuan.build.renderer", no_rendering)
    fresh = TestClient(create_app(site.store, secret_key="other-worker"))  # another worker
    for fmt in ("pdf", "docx", "xlsx"):
        got = fresh.get(f"/disclosures/{site.draft}/download.{fmt}")
        assert got.status_code == 200 and got.content == stored[fmt]
    site.store.close()


def test_a_version_published_without_renditions_is_rendered_once_and_kept(
        tmp_path, korla_disclosure) -> None:
    site = make_site(tmp_path, korla_disclosure)  # published directly in the store
    with site.store.reading() as session:
        assert repo.rendition(session, site.published, "xlsx") is None
    first = site.client.get(f"/disclosures/{site.published}/download.xlsx")
    assert first.status_code == 200
    with site.store.reading() as session:
        assert repo.rendition(session, site.published, "xlsx") == first.content
    site.store.close()
