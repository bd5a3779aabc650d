"""An ingest's memory does not grow with the number of its inputs: the parts read wait on
disk (``spill``) while only their shapes are grouped, the runners take tasks as they can run
them, and the result is what reading everything into memory gives."""

from __future__ import annotations

import gc
import json
import pickle
import shutil
import tracemalloc
import weakref
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import FIXTURES
from tests.intake import hooks
from tests.store.factories import json_bytes, variant
from yusuan.checks.report import Checked, Report
from yusuan.intake import read_inputs
from yusuan.intake.parallel import ProcessRunner, SerialRunner
from yusuan.intake.pipeline import ingest_job
from yusuan.intake.spill import Spill, packed
from yusuan.intake.stream import streamed
from yusuan.model.serialize import disclosure_to_data
from yusuan.store import open_store
from yusuan.store.schema import DisclosureRecord


class Counted:
    """Tasks handed out one at a time, counting how many were taken."""

    def __init__(self, n: int) -> None:
        self.n, self.taken = n, 0

    def __iter__(self) -> Iterator[tuple[int]]:
        for k in range(self.n):
            self.taken += 1
            yield (k,)


def ahead(runner, tasks: Counted) -> tuple[dict[int, int], int]:
    """Every outcome, and the most tasks ever taken and not yet answered."""
    got: dict[int, int] = {}
    most = 0
    try:
        for i, out in runner.run(hooks.square, tasks):
            most = max(most, tasks.taken - len(got))
            got[i] = out
    finally:
        runner.close()
    return got, most


def test_the_local_runners_take_a_task_only_when_they_can_run_it():
    got, most = ahead(SerialRunner(), Counted(30))
    assert got == {n: n * n for n in range(30)} and most == 1
    got, most = ahead(ProcessRunner(2), Counted(30))
    assert got == {n: n * n for n in range(30)} and most <= 4  # two queued per process


def test_the_cluster_runner_submits_a_window_of_tasks():
    distributed = pytest.importorskip("distributed")
    from yusuan.intake.cluster import WINDOW, DaskRunner

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        got, most = ahead(DaskRunner(client), Counted(40))
    assert got == {n: n * n for n in range(40)}
    assert most <= WINDOW * 2 + 1  # the next submitted as one is handed back


def test_the_spill_gives_back_what_it_keeps_and_leaves_no_file(tmp_path, korla_disclosure):
    kept = [variant(korla_disclosure, department=f"甲{i}局") for i in range(3)]
    with Spill(str(tmp_path)) as spill:
        handles = [spill.put(packed(d)) for d in kept]
        assert list(tmp_path.iterdir()) == []  # the file has no name: nothing to leave behind
        assert 0 < spill.size < sum(len(pickle.dumps(d)) for d in kept)  # compressed
        assert [spill.get(h) for h in reversed(handles)] == kept[::-1]


class Stop(Exception):
    """Raised by the progress hook once every input is read and grouped."""


def held_while_reading(folder: Path) -> dict[int, int]:
    """The memory traced as each input of ``folder`` is read, by how many were read: held by
    the ingest, not garbage (collected first) and not a transient peak, which depends on the
    interpreter's free lists and on caches loaded by the first input."""
    held: dict[int, int] = {}

    def progress(stage: str, done: int, total: int, name: str) -> None:
        if stage != "读取":
            raise Stop
        gc.collect()
        held[done] = tracemalloc.get_traced_memory()[0]

    store = open_store(str(folder.parent / f"{folder.name}.db"))
    tracemalloc.start()
    try:
        with pytest.raises(Stop):
            ingest_job(store, [folder], SerialRunner(), progress=progress)
        return held
    finally:
        tracemalloc.stop()
        store.close()


def test_reading_more_inputs_holds_no_more_of_them_in_memory(tmp_path, korla_disclosure):
    """What an ingest holds after 8 inputs read and after 32: each further input adds far less
    than one part read (before, every part stayed in memory until grouping)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(32):
        d = variant(korla_disclosure, department=f"内存测试{i:02d}局",
                    factor=Decimal(100 + i) / Decimal(100))
        (folder / f"d{i:02d}.json").write_bytes(json_bytes(d))
    held = held_while_reading(folder)
    assert sorted(held) == list(range(1, 33))
    tracemalloc.start()
    one = read_inputs([folder / "d00.json"])[0]
    part = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert one and part > 200_000  # a disclosure read: hundreds of kB of objects
    per_input = (held[32] - held[8]) / 24
    assert per_input < part / 20, (held[8], held[32], part)


SPLIT = ["jiangsu-cppcc-office-2019-dept-budget.part1-narrative.pdf",
         "jiangsu-cppcc-office-2018-dept-budget.part2-tables.pdf",
         "jiangsu-provincial-procuratorate-2019-dept-budget.pdf",
         "jiangsu-cppcc-office-2017-dept-budget.part1-narrative.pdf",
         "jiangsu-cppcc-office-2019-dept-budget.part2-tables.pdf",
         "jiangsu-cppcc-office-2018-dept-budget.part1-narrative.pdf"]


def test_split_publications_are_stored_as_reading_them_all_in_memory_groups_them(tmp_path):
    """政协's narrative and tables files, the 2019 narrative beside the 检察院's 2019 document
    (no name on its cover: placed by what its text says), the 2017 narrative without its
    tables (refused): the ingest, its parts spilled, stores the disclosures ``read_inputs``
    makes with every part in memory, in the same groups."""
    folder = tmp_path / "江苏"
    folder.mkdir()
    for name in SPLIT:
        shutil.copy(FIXTURES / name, folder / name)
    intakes, refused = read_inputs([folder])
    store = open_store(str(tmp_path / "s.db"))
    try:
        report = ingest_job(store, [folder], SerialRunner())
        with store.reading() as session:
            stored = session.execute(sa.select(DisclosureRecord.file_name,
                                               DisclosureRecord.disclosure_json)
                                     .order_by(DisclosureRecord.id)).all()
    finally:
        store.close()
    assert [len(i.sources) for i in intakes] == [2, 2, 1]  # tables files in the folder's order
    assert [f.path for f in report.failed] == [r.name for r in refused] \
        == [str(folder / SPLIT[3])]
    assert [r.file_name for r in stored] == [
        "jiangsu-cppcc-office-2018-dept-budget.part2-tables等2个文件.zip",
        "jiangsu-cppcc-office-2019-dept-budget.part2-tables等2个文件.zip", SPLIT[2]]
    assert [json.loads(r.disclosure_json) for r in stored] == [
        json.loads(json.dumps(disclosure_to_data(i.disclosure), ensure_ascii=False))
        for i in intakes]


def test_a_check_of_many_inputs_holds_one_disclosure_at_a_time(tmp_path, korla_disclosure):
    """``yusuan check``'s way: the disclosures come one by one, and the report of each keeps
    what it shows, not the disclosure — none is alive once the next has come."""
    for i in range(4):
        d = variant(korla_disclosure, department=f"逐份检查{i}局")
        (tmp_path / f"d{i}.json").write_bytes(json_bytes(d))
    reports = {fmt: Report(fmt) for fmt in ("text", "json", "html")}
    alive: list[weakref.ref] = []
    with streamed([tmp_path], SerialRunner()) as intakes:
        assert intakes.total == 4 and intakes.refused == []
        for intake in intakes:
            gc.collect()
            assert sum(r() is not None for r in alive) == 0
            result = Checked(intake.label, intake.disclosure, intake.findings)
            for report in reports.values():
                report.add(result)
            alive.append(weakref.ref(intake.disclosure))
            del intake, result
    gc.collect()
    assert [r() for r in alive] == [None] * 4
    assert json.loads(reports["json"].data()) == []
    assert reports["text"].data().decode().count("错误 0 个") == 4
    assert reports["html"].data().decode().count("逐份检查") >= 4
