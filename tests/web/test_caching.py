"""Published pages and downloads can be cached by a browser, a CDN or a reverse proxy: each
carries an ETag, and a client holding the same version gets 304 Not Modified."""

from __future__ import annotations

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
