"""The store under kill -9 and concurrent writers: nothing half-done, every file stored once.

Real processes (``yusuan ingest``, or a process opening a fresh database) are started together
or killed with SIGKILL at random moments; afterwards the database must open and hold every
file exactly once with consecutive versions. ``benchmarks/store_faults.py`` runs the same
drills many more times.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator

import psutil
import pytest
from sqlalchemy import create_engine, inspect, text

from tests.store import faults
from yusuan.store import open_store
from yusuan.store.db import StoreError
from yusuan.store.schema import Base

TABLES = {t.name for t in Base.metadata.sorted_tables}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database URL that does not exist yet (SQLite) or is empty (PostgreSQL)."""
    if request.param == "sqlite":
        yield str(tmp_path / "fresh.db")
    else:
        yield request.getfixturevalue("pg_url")


def table_names(db: str) -> set[str]:
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_kill_inside_the_first_migration_leaves_no_half_made_tables(db, tmp_path):
    ready = tmp_path / "created-a-table"
    proc = faults.opening(db, ready, paused=True)
    faults.wait_for_start([ready])
    assert ready.exists(), proc.communicate(timeout=60)
    assert faults.kill_after(proc, 0)
    assert not (table_names(db) & TABLES)  # the killed migration's CREATE TABLEs rolled back
    assert faults.stored(db).versions == {}  # and the next open migrates from scratch


def test_kills_at_random_moments_of_the_first_migration(tmp_path):
    rng = random.Random(20261204)
    for trial in range(3):
        db, ready = str(tmp_path / f"m{trial}.db"), tmp_path / f"ready{trial}"
        proc = faults.opening(db, ready)
        faults.wait_for_start([ready])
        faults.kill_after(proc, rng.uniform(0, 0.6))
        faults.stored(db)  # opens, migrates if needed, reads: usable


def head() -> str:
    """The newest migration: a repaired database is migrated all the way."""
    from alembic.script import ScriptDirectory

    from yusuan.store.db import alembic_config

    current = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert current is not None
    return current


def test_a_database_half_made_by_an_older_yusuan_is_repaired(tmp_path):
    """Tables created, no version stamp, no rows: the first migration is simply run again."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as con:  # what a killed non-transactional migration left
        con.execute("CREATE TABLE departments (id INTEGER PRIMARY KEY, name VARCHAR(200))")
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    store = open_store(str(path))
    with store.reading() as session:
        assert session.scalar(text("SELECT version_num FROM alembic_version")) == head()
    store.close()
    assert table_names(str(path)) >= TABLES


def test_unstamped_tables_holding_rows_are_never_dropped(tmp_path):
    path = tmp_path / "mystery.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE departments (id INTEGER PRIMARY KEY, name VARCHAR(200))")
        con.execute("INSERT INTO departments (name) VALUES ('财政局')")
    with pytest.raises(StoreError, match=r"departments 中有数据.*没有迁移版本记录"):
        open_store(str(path))
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT name FROM departments").fetchall() == [("财政局",)]


def test_three_concurrent_ingests_store_every_file_once_with_consecutive_versions(
        db, tmp_path, korla_disclosure):
    """On a fresh database: the three also run the first migration together."""
    files = faults.versions_of(korla_disclosure, tmp_path / "in", 3, department="并发导入局")
    procs = [faults.ingest(db, files if i % 2 else files[::-1]) for i in range(3)]
    for done in faults.finish(procs):
        assert done.code == 0, done.err
        assert "失败    " not in done.err and "Error" not in done.err + done.out, done.err
    assert faults.problems(db, files) == []
    assert faults.stored(db).versions[("并发导入局", 2024, "部门预算")] == [1, 2, 3]


def test_ingest_killed_at_random_moments_then_rerun_stores_each_file_once(db, tmp_path,
                                                                        korla_disclosure):
    files = faults.versions_of(korla_disclosure, tmp_path / "in", 3)
    rng = random.Random(7)
    for _ in range(2):
        faults.kill_after(faults.ingest(db, files), rng.uniform(0.5, 3.0))
        faults.stored(db)  # usable after every kill
    done = faults.finish([faults.ingest(db, files)])[0]
    assert done.code == 0, done.err
    assert faults.problems(db, files) == []


def test_ingest_workers_end_with_a_killed_ingest_and_a_rerun_stores_each_file_once(
        db, tmp_path, korla_disclosure):
    """kill -9 of ``yusuan ingest --workers 2`` mid-job: its fork server, workers and their
    readers end with it, nothing is half-written, and the rerun stores each file once."""
    files = faults.versions_of(korla_disclosure, tmp_path / "in", 6)
    rng = random.Random(17)
    for _ in range(2):
        proc = faults.ingest(db, files, workers=2)
        assert faults.workers_of(proc), proc.communicate(timeout=120)
        time.sleep(rng.uniform(0.0, 1.0))
        started = faults.descendants(proc)
        faults.kill_after(proc, 0)
        assert faults.left_running(started) == []
        # its workers removed the folder their results went through as they ended
        assert faults.results_folders(proc.pid) == []
        faults.stored(db)  # usable after every kill
    done = faults.finish([faults.ingest(db, files, workers=2)])[0]
    assert done.code == 0, done.err
    assert faults.problems(db, files) == []


def test_a_results_folder_left_by_a_killed_ingest_is_removed_by_the_next_run(
        db, tmp_path, korla_disclosure):
    """The workers of a SIGKILLed ingest were killed too (the machine's OOM killer, a
    container stop): its results folder is left, and the next run removes it."""
    files = faults.versions_of(korla_disclosure, tmp_path / "in", 12)  # not done at once
    proc = faults.ingest(db, files, workers=2)
    workers = faults.workers_of(proc)
    assert workers, proc.communicate(timeout=120)
    driver = psutil.Process(proc.pid)
    # none starts a process while they are listed: a worker not seen and not killed (one the
    # fork server was starting as they were listed, CI's stop 22) outlives it and removes
    # the folder
    others = faults.frozen(proc)
    assert faults.results_folders(proc.pid)  # the job was not over
    for p in [*others, driver]:  # all at once: no worker outlives it
        p.kill()
    proc.communicate(timeout=60)
    assert faults.left_running(others) == []
    left = faults.results_folders(proc.pid)
    assert left  # nobody was left to remove it
    done = faults.finish([faults.ingest(db, files, workers=2)])[0]
    assert done.code == 0, done.err
    assert faults.results_folders(proc.pid) == []
    assert faults.problems(db, files) == []


def test_a_worker_killed_mid_job_has_its_files_rerun_and_the_job_completes(
        db, tmp_path, korla_disclosure):
    files = faults.versions_of(korla_disclosure, tmp_path / "in", 6)
    proc = faults.ingest(db, files, workers=2)
    workers = faults.workers_of(proc)
    assert workers, proc.communicate(timeout=120)
    workers[0].kill()
    done, seen = faults.finish_watched(proc)
    assert done.code == 0, done.err
    assert "合计：导入 6，未变化 0，失败 0" in done.out, done.out + done.err
    assert faults.problems(db, files) == []
    assert faults.left_running(seen) == []  # the replacement workers ended with the job


def test_write_retries_a_conflict_and_never_shows_sql(tmp_path):
    from sqlalchemy.exc import IntegrityError, OperationalError

    store = open_store(str(tmp_path / "w.db"))
    conflict = IntegrityError("INSERT INTO disclosures (sha256) VALUES (?)", ("ab12",),
                              Exception("UNIQUE constraint failed: disclosures.sha256"))
    calls: list[int] = []

    def twice_in_conflict(session):
        calls.append(1)
        if len(calls) < 3:
            raise conflict
        return "stored"

    assert store.write(twice_in_conflict) == "stored" and len(calls) == 3

    def always(session):
        raise conflict

    with pytest.raises(StoreError) as raised:
        store.write(always, attempts=2)
    assert "冲突" in str(raised.value) and "INSERT" not in str(raised.value)
    with pytest.raises(StoreError) as raised, store.transaction():
        raise OperationalError("UPDATE disclosures SET state = ?", ("x",),
                               Exception("database is locked"))
    assert str(raised.value) == "数据库正忙（其他导入正在进行），请稍后重试"
    store.close()
