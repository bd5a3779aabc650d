"""Files made in a process of their own while the caller goes on: how ``write_folder`` lets
the PDF (WeasyPrint, most of a build's time) be laid out on a second core while the HTML,
DOCX, XLSX, CSV and JSON are written on the first. What the user waits for is then the
longest format, not the sum of all.

A job is a forked child (POSIX only; it shares the parent's memory as it stood, so nothing
is sent to it). It writes its file into the staging folder it is given and ends; ``wait``
gives back that file's path, or raises in the parent what the child raised (an
``InputError`` with its file and field as it was). The child dies with its parent (Linux:
``PR_SET_PDEATHSIG``), and ``stop`` ends the children still running when the parent fails,
so a failed or interrupted build leaves nothing behind running. Where forking is not
possible, or there is one processor only, ``jobs_possible`` is false and the caller makes
the file itself, as before.

A ``Helper`` is a child that holds some state of the caller and answers calls on it (the
wording search shares its trials with one).

A ``Worker`` is a child forked earlier, before the file's content is known, that gets ready
meanwhile (``ready``: the PDF's imports and fonts, a quarter of a second that would otherwise
come after the narrative is written); it is then sent the job, pickled, over a pipe, and
answers over it when the file is written.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Self

ERROR_SUFFIX = ".error"  # next to the file: what the child raised, pickled


def processors() -> int:
    """The processors this process may run on (its affinity, not the machine's count), or
    ``YUSUAN_PROCESSES`` where that is set to fewer (``1``: everything in one process)."""
    given = os.environ.get("YUSUAN_PROCESSES", "")
    if given.isdigit() and int(given) >= 1:
        return min(int(given), _available())
    return _available()


def _available() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def jobs_possible() -> bool:
    """True when a file can be made beside the caller: fork exists and 2+ processors."""
    return "fork" in multiprocessing.get_all_start_methods() and processors() >= 2


def fork_safe() -> bool:
    """True when work may be forked off here: ``jobs_possible``, and this process runs one
    thread (a fork copies one thread only: a lock another holds stays held in the child)
    and is not itself a pool's daemonic worker (which may have no children)."""
    return (jobs_possible() and threading.active_count() == 1
            and not multiprocessing.current_process().daemon)


def _die_with_parent() -> None:
    """A helper leaves Ctrl-C to its parent (which ends it: no second message, no
    traceback), and, on Linux, gets SIGKILL when its parent ends (a killed build leaves no
    child laying out a PDF for nobody)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a ``RuntimeError`` with its traceback text."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # any exception that cannot cross processes
        text = "".join(traceback.format_exception(exc))
        return RuntimeError(f"{type(exc).__name__}: {exc}\n{text}")
    return exc


def _made(produce: Callable[[], bytes], path: Path) -> bytes:
    """In a child: write ``produce()`` to ``path``; b"" when done, else what it raised."""
    try:
        path.write_bytes(produce())
    except BaseException as exc:  # everything goes back to the parent
        return pickle.dumps(_portable(exc))
    return b""


def _run(produce: Callable[[], bytes], path: Path) -> None:
    """In the child of a ``Job``: the file, or what it raised beside it."""
    _die_with_parent()
    error = _made(produce, path)
    if error:
        path.with_name(path.name + ERROR_SUFFIX).write_bytes(error)
    os._exit(1 if error else 0)


def _start(process: BaseProcess, stop: Callable[[], None]) -> None:
    """Start ``process`` with Ctrl-C held off meanwhile (one arriving in the middle of the
    fork would leave the parent's record of its child half made); one that came is raised
    once the child is there, after ``stop`` has ended it."""
    held = {signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        process.start()
    finally:
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
        except BaseException:
            stop()
            raise


def _ended(process: BaseProcess, path: Path) -> ChildProcessError:
    """What the parent raises for a helper that ended without its file (killed: out of
    memory, say)."""
    process.join()
    return ChildProcessError(f"生成 {path.name} 的进程意外结束（退出码 {process.exitcode}，"
                             "可能是内存不足），未写入任何内容；可设 YUSUAN_PROCESSES=1 在一个进程中生成")


class Job:
    """One file being made in a child process."""

    def __init__(self, produce: Callable[[], bytes], path: Path) -> None:
        self.path = path
        context = multiprocessing.get_context("fork")
        self.process: BaseProcess = context.Process(target=_run, args=(produce, path),
                                                    daemon=True)
        _start(self.process, self.stop)

    def wait(self) -> Path:
        """Wait for the file and give its path. What the child raised is raised here."""
        self.process.join()
        error = self.path.with_name(self.path.name + ERROR_SUFFIX)
        if error.is_file():
            exc = pickle.loads(error.read_bytes())
            error.unlink()
            raise exc
        if self.process.exitcode != 0 or not self.path.is_file():
            raise _ended(self.process, self.path)
        return self.path

    def stop(self) -> None:
        """End the child if it is still running (the caller failed or was interrupted)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def _serve(ready: Callable[[], None], jobs: Connection, parent_end: Connection) -> None:
    """In a ``Worker``'s child: get ready, then make the one file sent, and answer."""
    parent_end.close()  # so that the parent's end closing (it ended) is seen here
    _die_with_parent()
    with contextlib.suppress(Exception):  # what fails here fails again, told, in the job
        ready()
    try:
        produce, path = pickle.loads(jobs.recv_bytes())
    except (EOFError, OSError):  # the parent needed no file after all
        os._exit(0)
    jobs.send_bytes(_made(produce, path))
    os._exit(0)


class _Piped:
    """A child forked now running ``target(*args, its end of a pipe, the parent's end)``,
    and the parent's end; a context manager that ends the child however the caller ends."""

    def __init__(self, target: Callable[..., None], *args: object) -> None:
        context = multiprocessing.get_context("fork")
        self._pipe, child_end = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=target, args=(*args, child_end, self._pipe), daemon=True)
        _start(self.process, self.stop)
        child_end.close()

    def stop(self) -> None:
        """End the child (unused or done with, or still running when the caller failed)."""
        self._pipe.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Worker(_Piped):
    """A child forked now, getting ready (``ready()``) while the caller works, then making
    the one file ``submit`` sends it; a context manager that ends it however the caller
    ends. ``produce`` must pickle (a module's function, its arguments)."""

    def __init__(self, ready: Callable[[], None]) -> None:
        self.path: Path | None = None
        super().__init__(_serve, ready)

    def submit(self, produce: Callable[[], bytes], path: Path) -> Worker:
        self.path = path
        self._pipe.send_bytes(pickle.dumps((produce, path)))
        return self

    def wait(self) -> Path:
        """Wait for the file and give its path. What the child raised is raised here."""
        assert self.path is not None, "nothing was submitted"
        try:
            answer = self._pipe.recv_bytes()
        except (EOFError, OSError):
            raise _ended(self.process, self.path) from None
        self.process.join()
        if answer:
            raise pickle.loads(answer)
        return self.path


def start(produce: Callable[[], bytes], path: Path, worker: Worker | None = None
          ) -> Job | Worker | None:
    """``produce()`` written to ``path`` in another process: by ``worker`` when one is given,
    free and ``produce`` pickles, else by a child forked now where that is safe (``None``
    where not: the caller makes it)."""
    if worker is not None and worker.path is None:
        try:
            return worker.submit(produce, path)
        except (pickle.PicklingError, AttributeError, TypeError):  # a local function
            pass
    return Job(produce, path) if fork_safe() else None


def _answer(state: object, calls: Connection, parent_end: Connection) -> None:
    """In a ``Helper``'s child: answer each call with what it returned or raised, until the
    parent closes its end."""
    parent_end.close()
    _die_with_parent()
    while True:
        try:
            fn, args = pickle.loads(calls.recv_bytes())
        except (EOFError, OSError):
            os._exit(0)
        try:
            answer = (True, fn(state, *args))
        except BaseException as exc:  # everything goes back to the parent
            answer = (False, _portable(exc))
        calls.send_bytes(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))


class Helper(_Piped):
    """A child forked now that holds ``state`` as it stands (never pickled: it is the
    parent's memory) and answers calls one at a time: ``call(fn, *args)`` sends it
    ``fn(state, *args)`` (``fn`` a module's function, the arguments pickled), the caller goes
    on, and ``answer()`` waits for what it returned, or raises what it raised. A context
    manager that ends the child however the caller ends. The caller checks ``fork_safe()``."""

    def __init__(self, state: object) -> None:
        super().__init__(_answer, state)

    def call(self, fn: Callable[..., object], *args: object) -> None:
        self._pipe.send_bytes(pickle.dumps((fn, args), pickle.HIGHEST_PROTOCOL))

    def answer(self) -> Any:
        try:
            ok, value = pickle.loads(self._pipe.recv_bytes())
        except (EOFError, OSError):
            self.process.join()
            raise ChildProcessError(f"辅助进程意外结束（退出码 {self.process.exitcode}，可能是内存"
                                    "不足）；可设 YUSUAN_PROCESSES=1 在一个进程中运行") from None
        if not ok:
            raise value
        return value
