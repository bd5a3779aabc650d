"""``make serve``'s preparation and ``yusuan serve``'s admin bootstrap."""

from __future__ import annotations

import shutil

from tests.conftest import KORLA, SEED_TEXT
from yusuan.store import catalog, open_store
from yusuan.store.users import authenticate
from yusuan.web.app import ensure_admin
from yusuan.web.demo import demo_inputs, prepare


def test_the_demo_ingests_examples_and_fixtures_and_publishes_them(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(KORLA, root / "examples" / "korla-2024")
    (root / "tests" / "fixtures").mkdir(parents=True)
    shutil.copy(SEED_TEXT, root / "tests" / "fixtures" / SEED_TEXT.name)
    (root / "tests" / "fixtures" / "notes.csv").write_text("不是公开文件")
    inputs = demo_inputs(root)
    assert [p.name for p in inputs] == [SEED_TEXT.name, "korla-2024"]
    db = tmp_path / "demo.db"
    db.write_bytes(b"an old database is replaced")
    url, lines = prepare(db, root)
    store = open_store(url)
    with store.reading() as session:
        public = catalog.published(session)
        every = catalog.all_disclosures(session)
    store.close()
    assert len(every) == 2 and all(i.state == "published" for i in every)
    assert len(public) == 1 and public[0].file_type == "folder"  # the built example is newest
    assert any(line.startswith("已导入并公开：库尔勒市人民政府办公室") for line in lines)


def test_serve_creates_the_admin_from_the_environment_or_says_how(tmp_path):
    store = open_store(str(tmp_path / "y.db"))
    assert "YUSUAN_ADMIN_PASSWORD" in ensure_admin(store, "admin", None)
    assert ensure_admin(store, "admin", "a-long-password") == "管理员“admin”已创建。"
    assert ensure_admin(store, "admin", "another-password") == "管理员“admin”已更新密码。"
    with store.reading() as session:
        assert authenticate(session, "admin", "another-password")
    assert ensure_admin(store, "admin", None) == "管理后台：/admin"
    store.close()
