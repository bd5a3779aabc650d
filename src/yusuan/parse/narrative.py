"""Part 3 sentences → facts (stub replaced below)."""
from __future__ import annotations

from yusuan.model.disclosure import Section, Table
from yusuan.parse.lines import Line


def read_narrative(lines: tuple[Line, ...], tables: list[Table]) -> tuple[Section, ...]:
    return ()
