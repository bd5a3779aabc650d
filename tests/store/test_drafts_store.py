"""Migration 0005 and the drafts' store: a user of an older database stays enabled; a
draft's saves are consecutive versions, never overwritten, each in the audit log; a source
file is kept with the version that uses it; last year's reasons come from that year's draft."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from yusuan.store import drafts as store_drafts
from yusuan.store import open_store
from yusuan.store.db import alembic_config
from yusuan.store.org import add_department
from yusuan.store.schema import AuditEntry
from yusuan.store.users import account


def test_users_of_an_older_database_stay_enabled(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    config = alembic_config()
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.execute(sa.text(
            "INSERT INTO users (username, password_hash, created_at, role) "
            "VALUES ('old', 'x', '2025-01-01', 'reviewer')"))
        command.upgrade(config, "head")
        assert connection.execute(sa.text(
            "SELECT disabled_at FROM users WHERE username = 'old'")).scalar() is None
        command.downgrade(config, "0004")
        command.upgrade(config, "head")
    engine.dispose()
    store = open_store(url)
    with store.reading() as session:
        found = account(session, "old")
    assert found is not None and found.role == "reviewer"
    store.close()


def test_saves_are_versions_and_the_source_is_kept(tmp_path):
    store = open_store(str(tmp_path / "d.db"))
    with store.transaction() as session:
        dept = add_department(session, "示例局")
        draft = store_drafts.create(session, dept, 2024, "部门预算", "wang",
                                    {"edits": {"reasons": {"appropriation": "甲"}}},
                                    ("workbook", "wb.xlsx", b"first"), "从工作簿开始")
    with store.transaction() as session:
        store_drafts.save(session, draft, {"edits": {"reasons": {"appropriation": "乙"}}},
                          "li")
        source = store_drafts.add_source(session, draft, "folder", "src.zip", b"second")
        store_drafts.save(session, draft, {"edits": {}}, "wang", source)
    with store.reading() as session:
        info = store_drafts.info(session, draft)
        history = store_drafts.versions(session, draft)
        first = store_drafts.source(session, source - 1)
        details = [(a.username, a.action) for a in session.query(AuditEntry)]
        reasons = store_drafts.previous_reasons(session, dept, 2024, "部门预算")
    assert info is not None and (info.version, info.saved_by, info.source_name) == (
        3, "wang", "src.zip")
    assert [(v, u) for v, u, _ in history] == [(3, "wang"), (2, "li"), (1, "wang")]
    assert first == ("workbook", "wb.xlsx", b"first")  # the first file is not lost
    assert details == [("wang", "draft-create"), ("li", "draft-save"), ("wang", "draft-save")]
    assert reasons == {}  # the latest save wrote none
    store.close()
