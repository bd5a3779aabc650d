"""The input options ``check``, ``parse`` and ``ingest`` share: the read limits.

Reading itself (which files, what they are, which belong together) is ``yusuan.intake``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from yusuan.intake import Limits

TimeLimit = Annotated[float | None, typer.Option(
    "--time-limit", min=0.1, help="每个文件读取的时间上限（秒）；给出此项或 --memory-limit 时，"
    "每个文件在独立进程中读取，超限即停止并报错")]
MemoryLimit = Annotated[int | None, typer.Option(
    "--memory-limit", min=64, help="每个文件读取的内存上限（MB）")]


def limits_of(seconds: float | None, memory_mb: int | None) -> Limits | None:
    """The limits asked for (the other one at its default), or None: read in this process."""
    # imported here: the intake pulls in every reader, and ``yusuan --help`` must stay fast
    from yusuan.intake import Limits

    if seconds is None and memory_mb is None:
        return None
    return Limits(seconds if seconds is not None else Limits.seconds,
                  memory_mb * 1024**2 if memory_mb is not None else Limits.memory)
