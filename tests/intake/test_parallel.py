"""Parallel ingest: the runners, a worker killed mid-job, and the same database content
whether one process, two processes or a Dask LocalCluster did the work."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.intake import hooks
from tests.intake.content import content
from tests.store.factories import json_bytes, variant
from yusuan.intake.parallel import ProcessRunner, SerialRunner, WorkerLost, local_runner
from yusuan.intake.pipeline import ingest_job
from yusuan.store import open_store
from yusuan.store.schema import DisclosureRecord


def run_all(func, tasks) -> dict:
    runner = ProcessRunner(2)
    try:
        return dict(runner.run(func, tasks))
    finally:
        runner.close()


def test_processes_give_every_result_once():
    got = run_all(hooks.square, [(n,) for n in range(20)])
    assert got == {n: n * n for n in range(20)}


def test_a_killed_worker_s_task_is_run_again(tmp_path):
    got = run_all(hooks.dying_once, [(n, str(tmp_path / "m")) for n in range(8)])
    assert (tmp_path / "m").exists()  # the worker was killed once
    assert got == {n: n * n for n in range(8)}


def test_a_task_that_always_kills_its_worker_is_reported_and_the_others_finish():
    got = run_all(hooks.always_dying, [(n,) for n in range(6)])
    assert isinstance(got.pop(2), WorkerLost)
    assert got == {n: n * n for n in (0, 1, 3, 4, 5)}


def test_one_worker_runs_here_and_a_task_error_is_its_outcome():
    assert isinstance(local_runner(1), SerialRunner)
    out = dict(SerialRunner().run(hooks.failing, [(Path("x"), None)]))
    assert isinstance(out[0], KeyError)


def inputs(folder: Path, korla_disclosure, n: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(n):
        d = variant(korla_disclosure, department=f"并行测试{i:02d}局", year=2020 + i % 3,
                    factor=Decimal(100 + i) / Decimal(100))
        paths.append(folder / f"d{i:02d}.json")
        paths[-1].write_bytes(json_bytes(d))
    (folder / "bad.json").write_text("{not json", encoding="utf-8")
    return paths


def ingest_with(runner, db: Path | str, folder: Path):
    store = open_store(str(db))
    try:
        report = ingest_job(store, [folder], runner)
        return report, content(store)
    finally:
        runner.close()
        store.close()


def test_two_processes_store_what_one_stores(tmp_path, korla_disclosure):
    folder = tmp_path / "in"
    inputs(folder, korla_disclosure, 6)
    one, one_db = ingest_with(SerialRunner(), tmp_path / "one.db", folder)
    two, two_db = ingest_with(ProcessRunner(2), tmp_path / "two.db", folder)
    assert len(one.ingested) == 6 and [f.path for f in one.failed] == [str(folder / "bad.json")]
    assert [o.title for o in two.ingested] == [o.title for o in one.ingested]
    assert two.failed == one.failed
    assert two_db == one_db and len(one_db[1]) > 1000


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql",
                                                                marks=pytest.mark.postgres)])
def test_the_cluster_stores_what_local_processes_store(request, tmp_path, korla_disclosure,
                                                       database):
    distributed = pytest.importorskip("distributed")
    from yusuan.intake.cluster import DaskRunner

    folder = tmp_path / "in"
    inputs(folder, korla_disclosure, 4)
    _, local_db = ingest_with(ProcessRunner(2), tmp_path / "local.db", folder)
    target = tmp_path / "cluster.db" if database == "sqlite" else request.getfixturevalue(
        "pg_url")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        report, cluster_db = ingest_with(DaskRunner(client), target, folder)
    assert len(report.ingested) == 4 and len(report.failed) == 1
    assert cluster_db == local_db


def _count(db: Path) -> int:
    store = open_store(str(db))
    try:
        with store.reading() as session:
            return int(session.scalar(sa.select(sa.func.count(DisclosureRecord.id))) or 0)
    finally:
        store.close()


def test_killed_mid_job_then_rerun_completes_without_duplicates(tmp_path, korla_disclosure):
    folder = tmp_path / "in"
    inputs(folder, korla_disclosure, 48)
    db = tmp_path / "k.db"
    command = [sys.executable, "-c", "from yusuan.cli.main import run; run()", "ingest", str(folder), "--db", str(db),
               "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    job = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and job.poll() is None:
        if db.exists() and _count(db) >= 2:
            os.killpg(job.pid, signal.SIGSTOP)  # at once: a paused test lets it run on
            break
        time.sleep(0.05)
    os.killpg(job.pid, signal.SIGKILL)  # the driver and its workers, mid-job
    job.wait()
    assert _count(db) < 48  # it was stopped before the end
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1, rerun.stderr  # bad.json failed, the others are stored
    assert "失败 1。" in rerun.stdout
    _, serial_db = ingest_with(SerialRunner(), tmp_path / "serial.db", folder)
    store = open_store(str(db))
    try:
        assert content(store) == serial_db
    finally:
        store.close()


def _ended_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_results_folders_of_ended_processes_are_removed_by_the_next_run(tmp_path,
                                                                       monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    stale = tmp_path / f"yusuan-results-{_ended_pid()}-abc"
    (stale / "sub").mkdir(parents=True)
    (stale / "x.result").write_bytes(b"half")
    live = tmp_path / f"yusuan-results-{os.getpid()}-def"  # a running ingest's: kept
    live.mkdir()
    old = tmp_path / "yusuan-results-q1w2e3r4"  # an older yusuan's, untouched for two days
    old.mkdir()
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    recent = tmp_path / "yusuan-results-z9x8c7v6"  # an older yusuan's, maybe still running
    recent.mkdir()
    other = tmp_path / "unrelated-123-folder"
    other.mkdir()
    runner = ProcessRunner(2)
    try:
        mine = [p for p in tmp_path.iterdir() if p.name.startswith(f"yusuan-results-{os.getpid()}-")
                and p != live]
        assert len(mine) == 1  # its own, named after this process
        assert not stale.exists() and not old.exists()
        assert live.exists() and recent.exists() and other.exists()
    finally:
        runner.close()
    assert not mine[0].exists()


class Backwards:
    """A runner whose tasks finish last first: the worst order a pool can give back."""

    def run(self, func, tasks):
        taken = list(enumerate(tasks))
        for i, args in reversed(taken):
            yield i, func(*args)

    def close(self) -> None:
        pass


def test_what_is_stored_does_not_depend_on_which_check_finishes_first(tmp_path,
                                                                     korla_disclosure):
    """One department's 2022–2024 budgets (2024 twice: a corrected file) and another's, the
    later years given first: each year is still checked against the year before and the
    versions numbered in the order given, whether the checks finish in order or backwards."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, year, factor in [("a", 2024, "1.10"), ("b", 2023, "1.00"), ("c", 2022, "0.90"),
                               ("d", 2024, "1.20"), ("e", 2024, "1.00")]:
        dept = "次序测试局" if name != "e" else "另一局"
        d = variant(korla_disclosure, department=dept, year=year, factor=Decimal(factor))
        (folder / f"{name}.json").write_bytes(json_bytes(d))
    one, one_db = ingest_with(SerialRunner(), tmp_path / "one.db", folder)
    back, back_db = ingest_with(Backwards(), tmp_path / "back.db", folder)
    assert back_db == one_db
    assert [o.title for o in back.ingested] == [o.title for o in one.ingested]
    docs = {(r[0], r[1], r[3]): r for r in one_db[0]}  # department, year, version
    assert sorted(docs) == [("另一局", 2024, 1), ("次序测试局", 2022, 1), ("次序测试局", 2023, 1),
                            ("次序测试局", 2024, 1), ("次序测试局", 2024, 2)]
    sha = {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert docs[("次序测试局", 2024, 1)][7] == sha["a"]  # given before d.json: version 1
    assert docs[("次序测试局", 2024, 2)][7] == sha["d"]
    for key in [("次序测试局", 2023, 1), ("次序测试局", 2024, 1), ("次序测试局", 2024, 2)]:
        assert "cross-year." in docs[key][9]  # held against the year before, stored first
    for key in [("次序测试局", 2022, 1), ("另一局", 2024, 1)]:
        assert "cross-year." not in docs[key][9]  # no year before on the platform
