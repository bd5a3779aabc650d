"""Parts read and waiting for the rest of the job, kept on disk instead of in memory.

An ingest groups the parts of one disclosure only once every input is read (a narrative
file given last may belong to the first tables file), so it holds every part read until
then: about 250 kB of objects each, 2.5 GB for 10,000 files. Instead each part is kept as
its compressed pickle (made by the worker that read it) in one anonymous temporary file,
and only its ``Shape`` stays in memory; a part is loaded again when its group is merged.
The file has no name (``tempfile.TemporaryFile``): whatever ends the process, even SIGKILL,
the system frees it, so nothing is left behind.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zlib
from types import TracebackType
from typing import Any

LEVEL = 1  # zlib: a pickled part shrinks about 4× at a fraction of a millisecond


def packed(obj: Any) -> bytes:
    """``obj`` as the bytes ``Spill.put`` keeps."""
    return zlib.compress(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), LEVEL)


def unpacked(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))  # written by this job's own workers


Handle = tuple[int, int]  # offset and length in the spill file


class Spill:
    """An append-only anonymous file of packed objects."""

    def __init__(self, folder: str | None = None) -> None:
        # closed by ``close`` (or ``with``), removed by the system whatever happens
        self._file = tempfile.TemporaryFile(prefix="yusuan-spill-", dir=folder)  # noqa: SIM115
        self._end = 0

    def put(self, blob: bytes) -> Handle:
        """Keep ``blob`` (from ``packed``): where it is."""
        at, view = self._end, memoryview(blob)
        while view:
            view = view[os.pwrite(self._file.fileno(), view, self._end):]
            self._end = at + len(blob) - len(view)
        return at, len(blob)

    def get(self, handle: Handle) -> Any:
        """The object kept at ``handle``."""
        at, size = handle
        blob = os.pread(self._file.fileno(), size, at)
        if len(blob) != size:
            raise OSError(f"临时文件被截断：应读 {size} 字节，只读到 {len(blob)} 字节")
        return unpacked(blob)

    @property
    def size(self) -> int:
        return self._end

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.close()
