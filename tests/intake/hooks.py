"""Readers that misbehave, for the tests of reading under limits (module-level, so that a
child process can be handed them)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from yusuan.parse.dispatch import Part


def aborting(path: Path, profile: str | None) -> Part:
    os.abort()  # as a native reader does when an allocation of 512 GB fails


def sleeping(path: Path, profile: str | None) -> Part:
    time.sleep(60)
    raise AssertionError("not reached: the time limit stops it")


def allocating(path: Path, profile: str | None) -> Part:
    hoard = bytearray(512 * 1024**3)  # what a far-away cell made a workbook reader ask for
    raise AssertionError(f"not reached: {len(hoard)} bytes under the memory limit")


def failing(path: Path, profile: str | None) -> Part:
    raise KeyError("a reader's bug")


def allocating_some(path: Path, profile: str | None) -> Part:
    hoard = bytearray(3 * 1024**3 // 2)  # 1.5 GiB: fine without a cap, refused under 1 GiB
    raise AssertionError(f"not reached: {len(hoard)} bytes under the memory limit")


def square(n: int) -> int:
    return n * n


def dying_once(n: int, marker: str) -> int:
    """Killed (SIGKILL, as by ``kill -9``) the first time it runs for ``n`` == 3."""
    flag = Path(marker)
    if n == 3 and not flag.exists():
        flag.write_text("killed once")
        os.kill(os.getpid(), 9)
    return n * n


def always_dying(n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), 9)
    return n * n
