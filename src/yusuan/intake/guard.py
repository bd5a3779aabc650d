"""Reading under limits: a reader runs in a child process with a wall-clock and a memory cap.

Why: a published file is untrusted input. A damaged workbook can make a native reader ask
for 512 GB and abort the whole process, a decompression bomb can run for minutes; inside the
portal that would take every user's site down. ``run_limited`` starts one child per file
(from a fork server that has the readers imported already, so a child costs milliseconds),
caps its address space with ``RLIMIT_AS``, waits at most ``Limits.seconds`` and kills it
then. Whatever happens to the child — an abort, a hang, ``MemoryError``, a bug — the caller
gets a result or an ``InputError`` naming the file and the limit, never a dead process.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from yusuan.model.errors import InputError

T = TypeVar("T")
# imported once by the fork server and shared by every child (one missing is skipped)
PRELOAD = ["yusuan.intake.readers", "yusuan.intake.warm", "docx", "python_calamine"]


@dataclass(frozen=True)
class Limits:
    """The caps of one read: seconds of wall-clock time, bytes of address space (None: none)."""

    seconds: float | None = 120.0
    memory: int | None = 2 * 1024**3

    def describe_memory(self) -> str:
        if self.memory is None:
            return "无"
        mib = self.memory / 1024**2
        return f"{mib / 1024:g} GiB" if mib >= 1024 else f"{mib:g} MiB"


def process_context(preload: Sequence[str] = PRELOAD) -> Any:
    """A fork server's context (``preload`` imported once by the server), or spawn's."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload(list(preload))
    return ctx


def die_with(pid: int, leftover: str | None = None) -> None:
    """End this process as soon as process ``pid`` ends, however it ends. A child started by a
    fork server is the server's child, not its caller's, and a SIGKILLed caller tells no one:
    without this, its workers would run on (holding the caller's pipes) until their task ends.
    A thread waits on the caller's pidfd (Linux ≥ 5.3; other POSIX systems check once a
    second; on Windows, where ``os.kill`` would end the caller, nothing is watched).
    ``leftover``: a folder of the caller's that it can no longer remove itself, removed
    first."""
    if os.name != "posix":
        return
    threading.Thread(target=_watch, args=(pid, leftover), name="yusuan-die-with",
                     daemon=True).start()


def _watch(pid: int, leftover: str | None = None) -> None:
    try:
        handle = os.pidfd_open(pid)  # readable once ``pid`` has ended
    except ProcessLookupError:
        handle = None  # it ended already
    except (AttributeError, OSError):  # no pidfd here: poll
        handle = -1
    if handle is not None and handle >= 0:
        select.select([handle], [], [])
    elif handle == -1:
        while alive(pid):
            time.sleep(1.0)
    if leftover:
        _remove(leftover)
    os.kill(os.getpid(), signal.SIGKILL)  # no clean-up: the caller stores, this only computed


def _remove(folder: str, seconds: float = 2.0) -> None:
    """Remove ``folder``, again while another process still writes into it (a worker ending
    with the same caller may write one more result between the listing and the removal) —
    until it stays gone for a few checks, or ``seconds`` have passed."""
    deadline, gone = time.monotonic() + seconds, 0
    while gone < 3 and time.monotonic() < deadline:
        shutil.rmtree(folder, ignore_errors=True)
        gone = gone + 1 if not os.path.exists(folder) else 0
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def _cap_memory(limit: int | None) -> None:
    if limit is None:
        return
    try:
        import resource
    except ImportError:  # Windows: the wall-clock limit still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(conn: Connection, caller: int, memory: int | None, func: Callable[..., Any],
           args: tuple[Any, ...]) -> None:
    die_with(caller)
    _cap_memory(memory)
    try:
        reply: tuple[str, Any] = ("ok", func(*args))
    except InputError as exc:
        reply = ("input", (exc.message, exc.file, exc.line, exc.page, exc.field))
    except MemoryError:
        reply = ("memory", None)
    except RecursionError:
        reply = ("error", "嵌套过深（RecursionError）")
    except Exception as exc:  # a reader's bug: reported for this file, the caller goes on
        reply = ("error", f"{type(exc).__name__}：{exc}"[:500])
    try:
        conn.send(reply)
    except MemoryError:
        conn.send(("memory", None))
    conn.close()


def run_limited(func: Callable[..., T], args: tuple[Any, ...], limits: Limits,
                file: str) -> T:
    """``func(*args)`` in a child process under ``limits``; ``func`` and its result must be
    picklable (a module-level function). Anything but a result raises ``InputError``."""
    ctx = process_context()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, os.getpid(), limits.memory, func, args),
                        daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(limits.seconds):
            raise InputError(f"读取超过时间上限 {limits.seconds:g} 秒，已停止（文件可能过大或已损坏）",
                             file=file)
        try:
            status, payload = receive.recv()
        except (EOFError, OSError):
            child.join(5)
            raise InputError(_died(child.exitcode, limits), file=file) from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status == "ok":
        result: T = payload
        return result
    if status == "input":
        message, where, line, page, field = payload
        raise InputError(message, file=where or file, line=line, page=page, field=field)
    if status == "memory":
        raise InputError(f"读取所需内存超过上限 {limits.describe_memory()}，已停止（文件可能已损坏"
                         "或声明了过大的表格）", file=file)
    raise InputError(f"读取时出错（{payload}）", file=file)


def _died(exitcode: int | None, limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return (f"读取进程异常终止（{name}），可能是所需内存超过上限 {limits.describe_memory()}"
                "或文件已损坏")
    return f"读取进程异常退出（退出码 {exitcode}）"


def default_limits() -> Limits:
    """The limits from ``YUSUAN_READ_SECONDS`` / ``YUSUAN_READ_MEMORY_MB``, else 120 s, 2 GiB."""
    seconds = os.environ.get("YUSUAN_READ_SECONDS")
    memory = os.environ.get("YUSUAN_READ_MEMORY_MB")
    try:
        return Limits(float(seconds) if seconds else Limits.seconds,
                      int(float(memory) * 1024**2) if memory else Limits.memory)
    except ValueError:
        print("yusuan: 警告：YUSUAN_READ_SECONDS / YUSUAN_READ_MEMORY_MB 不是数字，使用默认上限",
              file=sys.stderr)
        return Limits()
