"""Files made beside the others (``write_folder(beside=…)``: the PDF laid out in a process of
its own while the other formats are written): the same files and manifest as made one after
the other; a failure in either process leaves no half-written output and nothing running; a
build killed while its PDF is being made finishes on the next run."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.building.test_output_safety import snapshot
from tests.conftest import KORLA
from yusuan import background, output
from yusuan import build as build_module
from yusuan.background import Worker
from yusuan.build import worker_for, write_outputs
from yusuan.model.errors import InputError
from yusuan.output import MANIFEST, write_folder

V1 = {"a.html": b"old html", "b.pdf": b"old pdf", "c.json": b"old json"}
V2 = {"a.html": b"new html", "b.pdf": b"new pdf", "c.json": b"new json"}


TEST_PROCESS = os.getpid()


@pytest.fixture(autouse=True)
def two_processors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are made beside whatever this machine has; the threads earlier tests left
    running in this process (a pool, a server) are not this test's: only those it starts
    count against forking."""
    for module in (output, build_module, background):
        monkeypatch.setattr(module, "jobs_possible", lambda: True)
    left = threading.active_count() - 1
    monkeypatch.setattr(background.threading, "active_count",
                        lambda: threading.enumerate().__len__() - left)


def made_in(notes: Path, files: dict[str, bytes]):
    """A ``produce`` that notes in ``notes/NAME.pid`` which process made each file."""
    def produce(name: str) -> bytes:
        (notes / f"{name}.pid").write_text(str(os.getpid()))
        return files[name]
    return produce


def test_a_file_made_beside_is_the_same_and_in_the_manifest(tmp_path: Path):
    out = tmp_path / "out"
    files = write_folder(out, list(V2), made_in(tmp_path, V2), beside=["b.pdf"])
    assert files == tuple(out / n for n in V2)  # in the order asked
    assert {n: (out / n).read_bytes() for n in V2} == V2
    made_by = {n: int((tmp_path / f"{n}.pid").read_text()) for n in V2}
    assert made_by["b.pdf"] != os.getpid()  # really in another process
    assert made_by["a.html"] == made_by["c.json"] == os.getpid()
    listed = json.loads((out / MANIFEST).read_bytes())["files"]
    assert set(listed) == set(V2)
    write_folder(out, list(V1), V1.__getitem__, beside=["b.pdf"])  # a rebuild recognises it
    assert {n: (out / n).read_bytes() for n in V1} == V1


def test_told_as_each_file_begins_the_one_beside_last(tmp_path: Path):
    told: list[str] = []
    write_folder(tmp_path / "out", list(V2), V2.__getitem__, beside=["b.pdf"],
                 started=told.append)
    assert told == ["a.html", "c.json", "b.pdf"]


def test_with_another_thread_running_nothing_is_forked(tmp_path: Path):
    """A fork copies one thread only (a lock another holds stays held): a process running
    threads (the portal) makes every file itself."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        write_folder(tmp_path / "out", list(V2), made_in(tmp_path, V2), beside=["b.pdf"])
    finally:
        stop.set()
        other.join()
    assert int((tmp_path / "b.pdf.pid").read_text()) == os.getpid()
    assert {n: (tmp_path / "out" / n).read_bytes() for n in V2} == V2


def test_one_file_alone_is_made_here(tmp_path: Path):
    write_folder(tmp_path / "out", ["b.pdf"], made_in(tmp_path, V2), beside=["b.pdf"])
    assert int((tmp_path / "b.pdf.pid").read_text()) == os.getpid()


def _refuse(name: str) -> bytes:
    if name == "b.pdf":
        raise InputError("字体缺失", file="budget.yaml", line=3, field="profile")
    return V2[name]


@pytest.mark.parametrize("rebuild", [False, True])
def test_an_error_beside_comes_back_whole_and_nothing_is_written(tmp_path: Path,
                                                                 rebuild: bool):
    out = tmp_path / "out"
    if rebuild:
        write_folder(out, list(V1), V1.__getitem__)
    before = snapshot(tmp_path)
    with pytest.raises(InputError) as caught:
        write_folder(out, list(V2), _refuse, beside=["b.pdf"])
    assert (caught.value.message, caught.value.file, caught.value.line,
            caught.value.field) == ("字体缺失", "budget.yaml", 3, "profile")
    assert snapshot(tmp_path) == before  # the earlier output as it was, no staging left
    assert not [p for p in tmp_path.iterdir() if ".yusuan-" in p.name]


def _dies(name: str) -> bytes:
    if name == "b.pdf":
        assert os.getpid() != TEST_PROCESS, "made here, not beside: the test would end itself"
        os._exit(9)  # killed by the system (out of memory, say)
    return V2[name]


def test_a_process_that_dies_beside_fails_the_build_and_writes_nothing(tmp_path: Path):
    out = tmp_path / "out"
    write_folder(out, list(V1), V1.__getitem__)
    before = snapshot(out)
    with pytest.raises(ChildProcessError, match=r"b\.pdf.*意外结束.*9"):
        write_folder(out, list(V2), _dies, beside=["b.pdf"])
    assert snapshot(out) == before


def test_a_failure_here_ends_the_process_beside(tmp_path: Path):
    pid_file = tmp_path / "beside.pid"

    def produce(name: str) -> bytes:
        if name == "b.pdf":
            _note_pid(pid_file)
            time.sleep(60)
            return b"never"
        if name == "c.json":
            while not pid_file.is_file():
                time.sleep(0.01)
            raise OSError(28, "No space left on device")
        return V2[name]

    with pytest.raises(OSError):
        write_folder(tmp_path / "out", list(V2), produce, beside=["b.pdf"])
    assert not _alive(int(pid_file.read_text()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beside.pid"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped) is not running
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return True


def _note_pid(pid_file: Path) -> None:
    """This process's pid in ``pid_file``, whole when the file appears (a reader polling for
    the file never reads it empty)."""
    part = pid_file.with_suffix(".part")
    part.write_text(str(os.getpid()))
    os.replace(part, pid_file)


def _build_slowly(out: Path, pid_file: Path) -> None:
    """In a child: a rebuild whose PDF (made beside) takes a minute."""
    def produce(name: str) -> bytes:
        if name == "b.pdf":
            _note_pid(pid_file)
            time.sleep(60)
        return V2[name]

    output.jobs_possible = lambda: True  # type: ignore[assignment]
    # this forked child runs one thread whatever the test process had running: the count
    # two_processors patched in is the test process's, and would stop the PDF going beside
    threading.active_count = lambda: len(threading.enumerate())  # type: ignore[assignment]
    write_folder(out, list(V2), produce, beside=["b.pdf"])
    os._exit(0)


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="the parent-death signal is Linux's")
def test_a_build_killed_while_its_pdf_is_made_stops_it_and_finishes_on_rerun(tmp_path: Path):
    out = tmp_path / "out"
    write_folder(out, list(V1), V1.__getitem__)
    (out / "mine.txt").write_bytes(b"the user's notes")
    pid_file = tmp_path / "beside.pid"
    build = multiprocessing.get_context("fork").Process(target=_build_slowly,
                                                        args=(out, pid_file))
    build.start()
    deadline = time.monotonic() + 30
    while not pid_file.is_file() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert build.pid is not None
    os.kill(build.pid, signal.SIGKILL)  # the user's build is killed mid-way
    build.join(10)
    beside = int(pid_file.read_text())
    assert beside != build.pid  # the PDF was made beside the build, not in it
    deadline = time.monotonic() + 10
    while _alive(beside) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _alive(beside)  # the PDF's process went with it
    assert {n: (out / n).read_bytes() for n in V1} == V1  # nothing replaced
    write_folder(out, list(V2), V2.__getitem__, beside=["b.pdf"])  # the rerun is not refused
    assert {n: (out / n).read_bytes() for n in V2} == V2
    assert (out / "mine.txt").read_bytes() == b"the user's notes"


def test_the_pdf_made_beside_is_the_pdf_made_alone(tmp_path: Path, korla_disclosure,
                                                   monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (alone,) = write_outputs(korla_disclosure, tmp_path / "alone", ["pdf"])
    beside = write_outputs(korla_disclosure, tmp_path / "beside", ["html", "pdf", "csv"])
    assert [p.name for p in beside] == ["disclosure.html", "disclosure.pdf", "cells.csv"]
    assert beside[1].read_bytes() == alone.read_bytes()


def _ready_slowly() -> None:
    time.sleep(60)


@pytest.mark.parametrize(("produce", "raised"),
                         [(_refuse, InputError), (_dies, ChildProcessError)])
def test_a_worker_forked_early_reports_a_failure_and_writes_nothing(tmp_path: Path, produce,
                                                                     raised):
    out = tmp_path / "out"
    write_folder(out, list(V1), V1.__getitem__)
    before = snapshot(out)
    with Worker(lambda: None) as worker, pytest.raises(raised):
        write_folder(out, list(V2), produce, beside=["b.pdf"], worker=worker)
    assert worker.path is not None  # the worker had the job
    assert snapshot(out) == before
    assert not multiprocessing.active_children()


def test_a_worker_not_needed_is_ended_at_once(tmp_path: Path):
    start = time.monotonic()
    with Worker(_ready_slowly) as worker:
        pid = worker.process.pid
    assert pid is not None and not _alive(pid)
    assert time.monotonic() - start < 10  # not waited for


def test_a_build_that_fails_leaves_no_process(tmp_path: Path):
    from typer.testing import CliRunner

    from yusuan.cli.main import app

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "budget.yaml").write_text("department: [", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path / "src"), "-o",
                                      str(tmp_path / "out"), "-f", "html,pdf"])
    assert result.exit_code == 2, result.output
    assert not multiprocessing.active_children()
    assert not (tmp_path / "out").exists()


def test_the_pdf_made_by_a_worker_is_the_pdf_made_alone(tmp_path: Path, korla_disclosure,
                                                        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (alone,) = write_outputs(korla_disclosure, tmp_path / "alone", ["pdf"])
    with worker_for(["html", "pdf"]) as worker:
        files = write_outputs(korla_disclosure, tmp_path / "worker", ["html", "pdf"],
                              worker=worker)
    assert worker.path is not None  # laid out by the worker, fonts loaded before
    assert files[1].read_bytes() == alone.read_bytes()


def group_ended(group: int, within: float = 10.0) -> bool:
    """Whether every process of the process group ``group`` has ended (waiting ``within``
    seconds for them)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def interruptible() -> None:
    """In the build's process before it starts: Ctrl-C as in a terminal. A suite run as a
    background job (``make test &``) ignores SIGINT, and a child would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _children(pid: int) -> list[str]:
    return [c for t in Path(f"/proc/{pid}/task").iterdir()
            for c in (t / "children").read_text().split()]


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the process tree in /proc")
@pytest.mark.parametrize("after", [0.0, 0.5])
def test_ctrl_c_ends_the_build_and_its_pdf_process_without_a_traceback(tmp_path: Path,
                                                                       after: float):
    """Ctrl-C (SIGINT to the terminal's process group) while the PDF's process is getting
    ready or laying out: one message, exit 130, nothing written, no process left."""
    out = tmp_path / "out"
    build = subprocess.Popen(
        [str(Path(sys.executable).parent / "yusuan"), "build", str(KORLA), "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        env={**os.environ, "YUSUAN_PROCESSES": "2"},
        preexec_fn=interruptible)
    deadline = time.monotonic() + 30
    while not _children(build.pid) and time.monotonic() < deadline:
        time.sleep(0.005)  # until the PDF's process is forked
    time.sleep(after)
    os.killpg(build.pid, signal.SIGINT)
    _, err = build.communicate(timeout=60)
    if build.returncode == 0:  # finished before the signal: a whole output
        assert (out / "disclosure.pdf").is_file()
        return
    assert build.returncode == 130, err.decode()
    assert "Traceback" not in err.decode() and "已中断" in err.decode()
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if ".yusuan-" in p.name]
    assert group_ended(build.pid)
