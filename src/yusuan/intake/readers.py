"""The one registry of readers: each kind of input (as ``parse.dispatch.sniff`` names it) →
the function that reads it into a ``Part``.

Published files (PDF, DOCX, XLSX, text) are read by ``yusuan.parse``; a Disclosure JSON file
is validated by ``model.serialize``; a source folder (``budget.yaml``) is built by
``yusuan.build``. Every entry is a module-level function (or a ``partial`` of one), so that
``guard.run_limited`` can hand it to a child process.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from yusuan.compose import build_disclosure
from yusuan.model.serialize import disclosure_from_json
from yusuan.parse.dispatch import PUBLISHED, Kind, Part, read_part

Reader = Callable[[Path, str | None], Part]


def read_published(kind: Kind, path: Path, profile: str | None) -> Part:
    return read_part(path, kind, profile)


def read_json(path: Path, profile: str | None) -> Part:
    """A Disclosure JSON file (its profile is its own: ``profile`` does not apply)."""
    return Part(str(path), disclosure_from_json(path.read_bytes(), str(path)))


def read_source(path: Path, profile: str | None) -> Part:
    """A source folder, built as ``yusuan build`` does (without writing anything)."""
    return Part(str(path), build_disclosure(path))


READERS: dict[Kind, Reader] = {
    **{kind: partial(read_published, kind) for kind in PUBLISHED},
    "json": read_json,
    "source": read_source,
}

