"""Plain-text reader: a published disclosure saved as text (tables as tab-separated rows).

Where it sits: ``parse(path)`` reads the file into ``Line``s (one per text line; a line with
tabs becomes one cell per non-empty field, positioned by its field index) and hands them to
``document.assemble``, which recognises tables, Part 1, Part 3 and performance tables.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.model.errors import InputError
from yusuan.model.finding import Finding
from yusuan.parse.limits import check_lines
from yusuan.parse.lines import Line, grid_lines


def text_lines(text: str) -> tuple[Line, ...]:
    """One ``Line`` per non-blank text line; tab-separated fields become positioned cells."""
    return grid_lines([raw.split("\t") if "\t" in raw else [raw]
                       for raw in text.splitlines()])


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("文件不存在", file=str(path)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("不是可读的文本文件（既不是 UTF-8 也不是 GB18030 编码）", file=str(path))


def read_lines(path: Path, profile: str | None = None) -> tuple[
        tuple[Line, ...], list[Finding], str | None]:
    return check_lines(text_lines(read_text(path)), str(path)), [], profile
