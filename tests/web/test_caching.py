"""Published pages and downloads can be cached by a browser, a CDN or a reverse proxy: each
carries an ETag, and a client holding the same version gets 304 Not Modified."""

from __future__ import annotations

import time

from tests.web.conftest import make_site


def test_disclosure_page_and_downloads_answer_304_for_the_version_held(tmp_path,
                                                                       korla_disclosure):
    site = make_site(tmp_path, korla_disclosure)
    for path in (f"/disclosures/{site.published}", f"/disclosures/{site.published}/original",
                 f"/disclosures/{site.published}/download.csv"):
        first = site.client.get(path)
        assert first.status_code == 200
        tag = first.headers["etag"]
        assert first.headers["cache-control"].startswith("public")
        assert first.headers["last-modified"].endswith("GMT")
        again = site.client.get(path, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b""
        other = site.client.get(path, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200 and other.headers["etag"] == tag
    site.store.close()


def test_the_page_tag_changes_when_what_the_public_sees_changes(tmp_path, korla_disclosure):
    from yusuan.store import repository as repo

    site = make_site(tmp_path, korla_disclosure)
    path = f"/disclosures/{site.published}"
    before = site.client.get(path).headers["etag"]
    with site.store.transaction() as session:
        repo.set_state(session, site.draft, "published", "test")  # another document published
    after = site.client.get(path, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before
    site.store.close()


def test_a_withdrawn_version_is_not_served_from_its_tag(tmp_path, korla_disclosure):
    from yusuan.store import repository as repo

    site = make_site(tmp_path, korla_disclosure)
    path = f"/disclosures/{site.published}/download.csv"
    tag = site.client.get(path).headers["etag"]
    with site.store.transaction() as session:
        repo.set_state(session, site.published, "withdrawn", "test")
    assert site.client.get(path, headers={"If-None-Match": tag}).status_code == 404
    site.store.close()


def test_a_page_rendered_before_is_served_without_a_database_query(tmp_path, korla_disclosure):
    from sqlalchemy import event

    site = make_site(tmp_path, korla_disclosure)
    # the token is fresh for a minute here: a loaded machine may pause a second between the
    # two requests (the default window), and then the second reads it, as it should
    site.client.app.state.portal.published._seconds = 60.0
    path = f"/disclosures/{site.published}"
    first = site.client.get(path)
    queries: list[str] = []
    engine = site.store.sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
    again = site.client.get(path)
    assert again.status_code == 200 and again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert queries == []  # the publication token was read less than a minute ago
    site.store.close()


def test_another_workers_withdrawal_is_seen_within_the_token_interval(tmp_path,
                                                                      korla_disclosure):
    """A second portal process on the same database (its own caches) withdraws the version:
    this one serves its rendered page until it reads the token again, then answers 404."""
    from fastapi.testclient import TestClient

    from yusuan.store import open_store
    from yusuan.store import repository as repo
    from yusuan.web.app import create_app
    from yusuan.web.caching import TOKEN_SECONDS

    site = make_site(tmp_path, korla_disclosure)
    path = f"/disclosures/{site.published}"
    assert site.client.get(path).status_code == 200
    other = open_store(str(tmp_path / "portal.db"))  # the other worker's own connection
    with other.transaction() as session:
        repo.set_state(session, site.published, "withdrawn", "test")
    other.close()
    deadline = time.monotonic() + TOKEN_SECONDS + 0.5
    while site.client.get(path).status_code == 200:
        assert time.monotonic() < deadline, "the withdrawal was not seen in time"
        time.sleep(0.05)
    assert site.client.get(path).status_code == 404
    # a worker started after it sees it at once
    assert TestClient(create_app(site.store, secret_key="x")).get(path).status_code == 404
    site.store.close()
