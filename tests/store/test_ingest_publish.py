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
