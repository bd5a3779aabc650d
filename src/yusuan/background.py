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
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path

ERROR_SUFFIX = ".error"  # next to the file: what the child raised, pickled


def processors() -> int:
    """The processors this process may run on (its affinity, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def jobs_possible() -> bool:
    """True when a file can be made beside the caller: fork exists and 2+ processors."""
    return "fork" in multiprocessing.get_all_start_methods() and processors() >= 2


def _die_with_parent() -> None:
    """Linux: this process gets SIGKILL when its parent ends (a killed build leaves no
    child laying out a PDF for nobody)."""
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


def _run(produce: Callable[[], bytes], path: Path) -> None:
    """In the child: write ``produce()`` to ``path``, or what it raised beside it."""
    _die_with_parent()
    try:
        path.write_bytes(produce())
    except BaseException as exc:  # everything goes back to the parent
        path.with_name(path.name + ERROR_SUFFIX).write_bytes(pickle.dumps(_portable(exc)))
        os._exit(1)
    os._exit(0)


class Job:
    """One file being made in a child process."""

    def __init__(self, produce: Callable[[], bytes], path: Path) -> None:
        self.path = path
        context = multiprocessing.get_context("fork")
        self.process: BaseProcess = context.Process(target=_run, args=(produce, path),
                                                    daemon=True)
        self.process.start()

    def wait(self) -> Path:
        """Wait for the file and give its path. What the child raised is raised here."""
        self.process.join()
        error = self.path.with_name(self.path.name + ERROR_SUFFIX)
        if error.is_file():
            exc = pickle.loads(error.read_bytes())
            error.unlink()
            raise exc
        if self.process.exitcode != 0 or not self.path.is_file():
            raise RuntimeError(f"生成 {self.path.name} 的进程意外结束（退出码 "
                               f"{self.process.exitcode}），未写入任何内容")
        return self.path

    def stop(self) -> None:
        """End the child if it is still running (the caller failed or was interrupted)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
