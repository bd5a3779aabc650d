"""Fault and concurrency drills on a store, shared by the tests and benchmarks/store_faults.py.

Every drill runs real ``yusuan`` processes (the CLI, or ``open_store`` alone), starts several
at once or kills them with SIGKILL, and then asks the one question that matters: is every file
stored exactly once, with consecutive versions, in a database that still opens?
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import psutil
from sqlalchemy import select

import yusuan
from tests.store.factories import json_bytes, variant
from yusuan.model.disclosure import Disclosure
from yusuan.store import open_store
from yusuan.store.schema import Department, DisclosureRecord

SRC = str(Path(yusuan.__file__).resolve().parent.parent)
CLI = "import sys; from yusuan.cli.main import run; sys.argv[0] = 'yusuan'; run()"
# argv: database, a file written once imported (so a timed kill lands in the migration)
OPEN = ("import sys, pathlib; from yusuan.store import open_store; "
        "import alembic.command, yusuan.store.schema; "
        "pathlib.Path(sys.argv[2]).touch(); open_store(sys.argv[1]).close()")
# the same, pausing for a minute right after the first migration created ``disclosures``
PAUSED = ("import sys, time, pathlib; from alembic.ddl.impl import DefaultImpl; "
          "create = DefaultImpl.create_table\n"
          "def slow(self, table, **kw):\n"
          "    create(self, table, **kw)\n"
          "    if table.name == 'disclosures':\n"
          "        pathlib.Path(sys.argv[2]).touch(); time.sleep(60)\n"
          "DefaultImpl.create_table = slow\n"
          "from yusuan.store import open_store; open_store(sys.argv[1])")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    env["NO_COLOR"] = "1"
    return env


def versions_of(base: Disclosure, folder: Path, count: int, department: str | None = None
                ) -> list[Path]:
    """``count`` different files of one department × year × edition (new versions of it)."""
    folder.mkdir(parents=True, exist_ok=True)
    d = variant(base, department=department) if department else base
    paths = []
    for i in range(count):
        path = folder / f"v{i:02d}.json"
        path.write_bytes(json_bytes(d) + b" " * (i + 1))  # same document, different bytes
        paths.append(path)
    return paths


def departments_of(base: Disclosure, folder: Path, names: Sequence[str]) -> list[Path]:
    """One file per department name (each run creates the department if it is new)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, name in enumerate(names):
        path = folder / f"d{i:02d}.json"
        path.write_bytes(json_bytes(variant(base, department=name, factor=Decimal(1))))
        paths.append(path)
    return paths


def ingest(db: str, paths: Sequence[Path], workers: int = 1) -> subprocess.Popen[str]:
    """``yusuan ingest --workers N``: with N > 1 the reading and checking run in a fork
    server's worker processes, which must end with this one however it ends (or they would
    hold its pipes open)."""
    return subprocess.Popen([sys.executable, "-c", CLI, "ingest", "--workers", str(workers),
                             "--db", db, *map(str, paths)], env=child_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def results_folders(pid: int) -> list[Path]:
    """The folders through which the workers of ingest process ``pid`` hand back results."""
    return sorted(Path(tempfile.gettempdir()).glob(f"yusuan-results-{pid}-*"))


def descendants(proc: subprocess.Popen[str]) -> list[psutil.Process]:
    """Every process ``proc`` started, and those they started (fork servers, workers, the
    resource tracker, a reader's limited child)."""
    try:
        return psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def frozen(proc: subprocess.Popen[str], settle: float = 0.3) -> list[psutil.Process]:
    """``proc`` and every process under it stopped (SIGSTOP), so none starts another: the
    processes under it. A fork server may still be starting a worker asked for before the
    stop, so the tree is listed and stopped again until ``settle`` seconds bring no new one."""
    psutil.Process(proc.pid).suspend()
    seen: dict[int, psutil.Process] = {}
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < settle:
        for p in descendants(proc):
            if p.pid not in seen:
                with contextlib.suppress(psutil.Error):
                    p.suspend()
                seen[p.pid] = p
                quiet_since = time.monotonic()
        time.sleep(0.02)
    return list(seen.values())


def workers_of(proc: subprocess.Popen[str], seconds: float = 60) -> list[psutil.Process]:
    """The worker processes of ``yusuan ingest --workers N``: the children of its fork server
    (waits until there are some)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(proc.pid).children():
                if "forkserver" in " ".join(child.cmdline()) and child.children():
                    return child.children()
        time.sleep(0.02)
    return []


def finish_watched(proc: subprocess.Popen[str], timeout: float = 120
                   ) -> tuple[Finished, list[psutil.Process]]:
    """``proc`` to its end, with every process seen under it meanwhile."""
    seen: dict[int, psutil.Process] = {}
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        seen.update((p.pid, p) for p in descendants(proc))
        time.sleep(0.05)
    return finish([proc], timeout)[0], list(seen.values())


def left_running(processes: Sequence[psutil.Process], seconds: float = 15) -> list[str]:
    """Which of ``processes`` still run after ``seconds`` (a zombie has ended)."""
    _, alive = psutil.wait_procs(processes, timeout=seconds)
    out = []
    for p in alive:
        with contextlib.suppress(psutil.Error):
            if p.status() != psutil.STATUS_ZOMBIE:
                out.append(f"{p.pid} {' '.join(p.cmdline())[:120]}")
    return out


def opening(db: str, ready: Path, *, paused: bool = False) -> subprocess.Popen[str]:
    """A process opening (and so migrating) ``db``; it creates ``ready`` when the migration
    starts (``paused``: when it has created a table and sleeps)."""
    return subprocess.Popen([sys.executable, "-c", PAUSED if paused else OPEN, db, str(ready)],
                            env=child_env(), text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


@dataclass(frozen=True)
class Finished:
    code: int
    out: str
    err: str


def finish(procs: Sequence[subprocess.Popen[str]], timeout: float = 120) -> list[Finished]:
    done = []
    for p in procs:
        out, err = p.communicate(timeout=timeout)
        done.append(Finished(p.returncode, out, err))
    return done


def kill_after(proc: subprocess.Popen[str], seconds: float) -> bool:
    """SIGKILL ``proc`` after ``seconds`` unless it ended first; True if it was killed."""
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        _drain(proc)
        return True
    _drain(proc)
    return False


def _drain(proc: subprocess.Popen[str], seconds: float = 30) -> None:
    """Read ``proc``'s pipes to their end: a process it left running would hold them open."""
    try:
        proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"process {proc.pid} ended but its pipes are still held open "
                             f"{seconds:g} s later by processes it started") from None


def wait_for_start(paths: Sequence[Path], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not all(p.exists() for p in paths) and time.monotonic() < deadline:
        time.sleep(0.01)


@dataclass(frozen=True)
class Stored:
    versions: dict[tuple[str, int, str], list[int]]  # department × year × edition → versions
    sha256: list[str]
    departments: list[str]


def stored(db: str) -> Stored:
    """What the database holds (opening it also proves it is usable)."""
    store = open_store(db)
    try:
        with store.reading() as session:
            rows = session.execute(select(Department.name, DisclosureRecord.year,
                                          DisclosureRecord.edition, DisclosureRecord.version,
                                          DisclosureRecord.sha256)
                                   .join(Department)).all()
            names = list(session.scalars(select(Department.name)))
    finally:
        store.close()
    versions: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for name, year, edition, version, _ in rows:
        versions[(name, year, edition)].append(version)
    return Stored({k: sorted(v) for k, v in versions.items()}, [r[4] for r in rows], names)


def problems(db: str, files: Sequence[Path], before: Stored | None = None) -> list[str]:
    """Why the database is not ``files`` (and what it held ``before``) stored exactly once
    with consecutive versions."""
    held = stored(db)
    wanted = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    wanted |= set(before.sha256) if before else set()
    out = []
    if len(held.sha256) != len(set(held.sha256)):
        out.append(f"a file is stored twice: {sorted(held.sha256)}")
    if set(held.sha256) != wanted:
        out.append(f"{len(wanted - set(held.sha256))} files missing, "
                   f"{len(set(held.sha256) - wanted)} unexpected")
    for key, versions in held.versions.items():
        if versions != list(range(1, len(versions) + 1)):
            out.append(f"versions of {key} are not consecutive: {versions}")
    if len(held.departments) != len(set(held.departments)):
        out.append(f"a department is stored twice: {held.departments}")
    return out
