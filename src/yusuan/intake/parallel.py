"""Running the intake's tasks: in this process, in N local processes, or (``cluster``) on a
Dask cluster — one interface, so ``ingest`` is the same job whichever runs it.

A runner takes a module-level function and the argument tuples of its tasks and yields
``(index, outcome)`` as tasks finish, the outcome being the task's result or the exception
it raised. A task whose process dies (killed, out of memory) is run again in a fresh
process, up to ``ATTEMPTS`` times in all; then its outcome is ``WorkerLost``. Tasks only
read and compute — the caller stores their results — so a lost process leaves nothing
half-written; and every process ends with the one that started it (``guard.die_with``), so
a SIGKILLed ``yusuan ingest`` leaves no worker behind.

A worker hands its result back through a file and sends only the file's name: a process
killed while sending a large result through the pool's pipe could leave half a message
there, and the pool's reader would wait for the rest for ever; a name is shorter than the
pipe's atomic write (PIPE_BUF), so it arrives whole or not at all. The folder of those
files is named after the process (``yusuan-results-<pid>-…``): when it is SIGKILLed its
workers remove the folder as they end, and the next run removes any whose process is gone.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from yusuan.intake.guard import alive, die_with, process_context

ATTEMPTS = 3
# imported once by the fork server, so a new worker process starts warm (modules, profiles,
# catalogues)
PRELOAD = ["yusuan.intake.pipeline", "yusuan.intake.warm", "docx", "python_calamine"]

Outcome = Any  # a task's result, or the BaseException it raised
RESULTS = "yusuan-results-"
_OWNED = re.compile(rf"^{RESULTS}(\d+)-")
LEGACY_SECONDS = 24 * 3600  # a folder of an older yusuan (no pid in its name) older than this


def _through_file(folder: str, func: Callable[..., Any], *args: Any) -> str:
    """Run ``func(*args)`` and write its result to a new file in ``folder``: its name."""
    result = func(*args)
    fd, path = tempfile.mkstemp(dir=folder, suffix=".result")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _read_result(path: str) -> Any:
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # written by our own worker, just now
    finally:
        os.unlink(path)


def sweep_results(folder: str | None = None) -> list[str]:
    """Remove the results folders left in ``folder`` (default: the temporary folder) by
    processes that are gone — a SIGKILLed ``yusuan ingest`` whose workers were killed too —
    and those of an older yusuan (no pid in the name) untouched for a day: the removed."""
    base = folder or tempfile.gettempdir()
    removed = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.startswith(RESULTS) or not entry.is_dir(follow_symlinks=False):
            continue
        owner = _OWNED.match(entry.name)
        try:
            stale = not alive(int(owner.group(1))) if owner else \
                time.time() - entry.stat().st_mtime > LEGACY_SECONDS
        except OSError:
            continue
        if stale:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.path)
    return removed


class WorkerLost(Exception):
    """The process running a task died every time it was tried."""

    def __init__(self, attempts: int) -> None:
        super().__init__(f"处理进程意外终止（共尝试 {attempts} 次），可能是内存不足或进程被结束")
        self.attempts = attempts


class Runner(Protocol):
    workers: int

    def run(self, func: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]
            ) -> Iterator[tuple[int, Outcome]]:
        """Each task's outcome as ``(its number in tasks, outcome)``, as tasks finish;
        ``tasks`` is taken lazily, as the runner can start them."""
        ...

    def close(self) -> None: ...


def default_workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class SerialRunner:
    """Every task here, one after another (``--workers 1``: no processes, no copying)."""

    workers = 1

    def run(self, func: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]
            ) -> Iterator[tuple[int, Outcome]]:
        for i, args in enumerate(tasks):
            try:
                outcome = func(*args)
            except Exception as exc:  # reported with the task, the others go on
                outcome = exc
            yield i, outcome

    def close(self) -> None:
        pass


CLOSE_GRACE = 10.0  # seconds an idle worker has to end after the job


class ProcessRunner:
    """``workers`` local processes; at most two tasks per process are queued at a time, so a
    dying process takes few tasks with it and memory stays bounded."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        sweep_results()
        self._results = tempfile.mkdtemp(prefix=f"{RESULTS}{os.getpid()}-")

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # each worker ends with this process, even when it is SIGKILLed, and removes
            # the results folder this process can no longer remove
            self._pool = ProcessPoolExecutor(self.workers, mp_context=process_context(PRELOAD),
                                             initializer=die_with,
                                             initargs=(os.getpid(), self._results))
        return self._pool

    def _discard(self) -> None:
        """A broken pool's processes killed, not left to end by themselves: one killed while
        it held the task queue's lock would keep the others waiting, and the executor's exit
        hook waits for them."""
        if self._pool is not None:
            _end(self._pool, grace=0.0)
            self._pool = None

    def run(self, func: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]
            ) -> Iterator[tuple[int, Outcome]]:
        """A process's death fails every task it had queued; those are run again one at a
        time, so a task that dies alone is the one that kills its process. ``tasks`` is
        taken one at a time as a process can take it; a task's arguments are kept only
        while it runs."""
        source = enumerate(tasks)
        given: dict[int, tuple[Any, ...]] = {}  # the arguments of the tasks not yet answered
        suspects: deque[int] = deque()
        deaths: Counter[int] = Counter()
        running: dict[Future[Any], int] = {}
        more = True
        while more or suspects or running:
            if suspects and not running:
                self._submit(func, given, suspects.popleft(), running)
            while not suspects and more and len(running) < 2 * self.workers:
                task = next(source, None)
                if task is None:
                    more = False
                else:
                    given[task[0]] = task[1]
                    self._submit(func, given, task[0], running)
            if not running:
                continue
            alone = len(running) == 1
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                i = running.pop(future)
                try:
                    path = future.result()
                except BrokenProcessPool:
                    deaths[i] += alone
                    if deaths[i] < ATTEMPTS - 1:
                        suspects.append(i)
                        continue
                    outcome: Outcome = WorkerLost(deaths[i] + 1)
                except Exception as exc:  # the task's own error, reported with it
                    outcome = exc
                else:
                    outcome = _read_result(path)
                del given[i]
                yield i, outcome

    def _submit(self, func: Callable[..., Any], given: dict[int, tuple[Any, ...]], i: int,
                running: dict[Future[Any], int]) -> None:
        try:
            running[self._executor().submit(_through_file, self._results, func, *given[i])] = i
        except BrokenProcessPool:  # its processes are gone: start afresh
            self._discard()
            running[self._executor().submit(_through_file, self._results, func, *given[i])] = i

    def close(self) -> None:
        if self._pool is not None:
            _end(self._pool, grace=CLOSE_GRACE)
            self._pool = None
        shutil.rmtree(self._results, ignore_errors=True)  # what killed workers left


def _end(pool: ProcessPoolExecutor, grace: float) -> None:
    """Shut ``pool`` down: its idle processes are given ``grace`` seconds to end, then
    killed (every task has been answered: nothing is lost), so a job never hangs on exit."""
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=grace)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def local_runner(workers: int | None) -> Runner:
    """``workers`` processes (default: one per core); one worker runs in this process."""
    n = default_workers() if workers is None else workers
    return SerialRunner() if n <= 1 else ProcessRunner(n)
