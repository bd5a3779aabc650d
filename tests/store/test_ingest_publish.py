"""``yusuan ingest --publish``: an archive of already-published documents loaded as published,
each publication in the audit log under the named user."""

from __future__ import annotations

from typer.testing import CliRunner

from tests.store.factories import json_bytes, variant
from yusuan.cli.main import app
from yusuan.store import catalog, open_store
from yusuan.store import repository as repo

runner = CliRunner()


def test_ingest_publish_publishes_and_records_it(tmp_path, korla_disclosure):
    db = tmp_path / "y.db"
    archive = tmp_path / "old.json"
    archive.write_bytes(json_bytes(variant(korla_disclosure, department="归档局")))
    result = runner.invoke(app, ["ingest", str(archive), "--db", str(db), "--publish",
                                 "--user", "档案员"])
    assert result.exit_code == 0, result.output
    assert "已发布" in result.output
    store = open_store(str(db))
    with store.reading() as session:
        [info] = catalog.published(session)
        entries = [(e.username, e.action, e.disclosure_id, e.detail)
                   for e in repo.audit_log(session)]
    store.close()
    assert info.department == "归档局" and info.state == "published"
    assert ("档案员", "publish", info.id) in [e[:3] for e in entries]
    assert any("yusuan ingest --publish" in e[3] for e in entries if e[1] == "publish")
    assert ("档案员", "ingest", info.id) in [e[:3] for e in entries]


def test_ingest_without_publish_leaves_drafts(tmp_path, korla_disclosure):
    db = tmp_path / "y.db"
    archive = tmp_path / "new.json"
    archive.write_bytes(json_bytes(korla_disclosure))
    result = runner.invoke(app, ["ingest", str(archive), "--db", str(db)])
    assert result.exit_code == 0 and "草稿" in result.output
    store = open_store(str(db))
    with store.reading() as session:
        assert catalog.published(session) == []
    store.close()


def test_ingest_publish_renders_every_download_once_in_its_workers_and_the_portal_serves_it(
        tmp_path, korla_disclosure, monkeypatch):
    """The downloads of an archive loaded with --publish are rendered by the ingest's own
    workers and stored: the portal serves them from the database and never renders."""
    from fastapi.testclient import TestClient

    from yusuan.publication import PUBLISHED_FORMATS
    from yusuan.render.formats import writer
    from yusuan.web.app import create_app
    from yusuan.web.routes import downloads

    db = tmp_path / "y.db"
    folder = tmp_path / "archive"
    folder.mkdir()
    for name in ("归档甲局", "归档乙局"):
        (folder / f"{name}.json").write_bytes(json_bytes(variant(korla_disclosure,
                                                                 department=name)))
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--publish",
                                 "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "未能生成" not in result.output
    store = open_store(str(db))
    try:
        with store.reading() as session:
            published = {i.department: i.id for i in catalog.published(session)}
            stored = {(i, fmt): repo.rendition(session, i, fmt)
                      for i in published.values() for fmt in PUBLISHED_FORMATS}
            first = catalog.load_disclosure(session, published["归档甲局"])
        assert set(published) == {"归档甲局", "归档乙局"}
        assert all(stored.values()), [k for k, v in stored.items() if not v]
        assert stored[published["归档甲局"], "csv"] == writer("csv")(first)
        assert stored[published["归档甲局"], "pdf"].startswith(b"%PDF")

        def never(fmt):
            raise AssertionError(f"{fmt} rendered on a reader's request")

        monkeypatch.setattr(downloads, "writer", never)
        client = TestClient(create_app(store, secret_key="test-secret"))
        for fmt in ("pdf", "docx", "xlsx"):
            got = client.get(f"/disclosures/{published['归档乙局']}/download.{fmt}")
            assert got.status_code == 200, got.text
            assert got.content == stored[published["归档乙局"], fmt]
    finally:
        store.close()


def test_a_format_that_fails_to_render_is_reported_and_the_publication_stands(
        tmp_path, korla_disclosure, monkeypatch):
    from yusuan import publication

    real = publication.writer

    def broken(fmt):
        if fmt == "docx":
            raise RuntimeError("docx renderer broken")
        return real(fmt)

    monkeypatch.setattr(publication, "writer", broken)  # --workers 1: rendered in this process
    db = tmp_path / "y.db"
    archive = tmp_path / "old.json"
    archive.write_bytes(json_bytes(variant(korla_disclosure, department="归档丙局")))
    result = runner.invoke(app, ["ingest", str(archive), "--db", str(db), "--publish",
                                 "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "DOCX 下载文件未能生成" in result.output and "首次下载时生成" in result.output
    store = open_store(str(db))
    with store.reading() as session:
        [info] = catalog.published(session)
        assert repo.rendition(session, info.id, "docx") is None
        assert repo.rendition(session, info.id, "pdf") is not None
    store.close()
