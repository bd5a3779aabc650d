"""``yusuan ingest``: summary, exit codes, folders and JSON files, bad input listed as failed."""

from __future__ import annotations

import shutil

import sqlalchemy as sa
from typer.testing import CliRunner

from tests.conftest import KORLA
from tests.store.factories import json_bytes, variant
from yusuan.cli.main import app
from yusuan.store import open_store
from yusuan.store.schema import DisclosureRecord

runner = CliRunner()


def count(db) -> int:
    store = open_store(str(db))
    with store.reading() as session:
        n = session.scalar(sa.select(sa.func.count(DisclosureRecord.id)))
    store.close()
    return int(n or 0)


def test_ingest_a_source_folder_and_a_json_file_then_again(tmp_path, korla_disclosure):
    db = tmp_path / "y.db"
    other = tmp_path / "other.json"
    other.write_bytes(json_bytes(variant(korla_disclosure, department="测试局")))
    result = runner.invoke(app, ["ingest", str(KORLA), str(other), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "已导入  库尔勒市人民政府办公室2024年部门预算公开（第 1 版" in result.output
    assert "合计：导入 2，未变化 0，失败 0。" in result.output
    again = runner.invoke(app, ["ingest", str(KORLA), str(other), "--db", str(db)])
    assert again.exit_code == 0
    assert "合计：导入 0，未变化 2，失败 0。" in again.output
    assert count(db) == 2


def test_a_folder_of_documents_is_walked(tmp_path, korla_disclosure):
    docs = tmp_path / "docs"
    shutil.copytree(KORLA, docs / "korla")
    (docs / "a.json").write_bytes(json_bytes(variant(korla_disclosure, department="甲局")))
    (docs / "notes.md").write_text("不是公开文件")
    result = runner.invoke(app, ["ingest", str(docs), "--db", str(tmp_path / "y.db")])
    assert result.exit_code == 0, result.output
    assert "合计：导入 2，未变化 0，失败 0。" in result.output


def test_nothing_usable_exits_2_and_says_why(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    exe = tmp_path / "virus.exe"
    exe.write_bytes(b"MZ")
    db = tmp_path / "y.db"
    result = runner.invoke(app, ["ingest", str(bad), str(exe), str(tmp_path / "missing.pdf"),
                                 "--db", str(db)])
    assert result.exit_code == 2
    assert "无法读取 Disclosure JSON" in result.output
    assert "不支持的文件类型“.exe”" in result.output
    assert "文件不存在" in result.output
    assert "合计：导入 0，未变化 0，失败 3。" in result.output
    assert count(db) == 0


def test_some_failures_with_some_success_exit_1(tmp_path, korla_disclosure):
    good = tmp_path / "good.json"
    good.write_bytes(json_bytes(korla_disclosure))
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(good), str(bad), "--db", str(tmp_path / "y.db")])
    assert result.exit_code == 1  # stored what it could, and says not everything went in
    assert "合计：导入 1，未变化 0，失败 1。" in result.output


def test_user_add_creates_an_admin(tmp_path):
    db = tmp_path / "y.db"
    result = runner.invoke(app, ["user", "add", "审核员", "--db", str(db),
                                 "--password", "long-enough-pass"])
    assert result.exit_code == 0, result.output
    assert "已新建管理员“审核员”" in result.output
    short = runner.invoke(app, ["user", "add", "x", "--db", str(db), "--password", "short"])
    assert short.exit_code == 2 and "至少需要 10 个字符" in short.output
    common = runner.invoke(app, ["user", "add", "x", "--db", str(db), "--password", "password123"])
    assert common.exit_code == 2 and "过于常见" in common.output
    named = runner.invoke(app, ["user", "add", "zhangsan", "--db", str(db),
                                "--password", "zhangsan2025"])
    assert named.exit_code == 2 and "不能包含用户名" in named.output


def test_an_unreachable_database_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["ingest", str(KORLA), "--db",
                                 "postgresql://nobody:secret@127.0.0.1:1/none"])
    assert result.exit_code == 2
    assert "无法打开数据库" in result.output and "secret" not in result.output
    missing_dir = runner.invoke(app, ["ingest", str(KORLA), "--db",
                                      str(tmp_path / "no" / "such" / "dir" / "y.db")])
    assert missing_dir.exit_code == 2 and "无法打开数据库" in missing_dir.output


def test_ingest_with_two_workers_and_the_options_checked(tmp_path, korla_disclosure):
    for i in range(3):
        d = variant(korla_disclosure, department=f"并行{i}局")
        (tmp_path / f"{i}.json").write_bytes(json_bytes(d))
    db = tmp_path / "y.db"
    paths = [str(tmp_path / f"{i}.json") for i in range(3)]
    result = runner.invoke(app, ["ingest", *paths, "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "合计：导入 3，未变化 0，失败 0。" in result.output and count(db) == 3
    assert runner.invoke(app, ["ingest", *paths, "--workers", "0"]).exit_code == 2
    both = runner.invoke(app, ["ingest", *paths, "--workers", "2", "--cluster", "tcp://x:1"])
    assert both.exit_code == 2 and "只能选一个" in both.output


def test_an_unreachable_cluster_is_a_clear_error():
    import pytest

    pytest.importorskip("distributed")
    from yusuan.intake.cluster import dask_runner
    from yusuan.model.errors import InputError

    with pytest.raises(InputError, match=r"无法连接 Dask 调度器 tcp://127\.0\.0\.1:9"):
        dask_runner("tcp://127.0.0.1:9", timeout=1)
