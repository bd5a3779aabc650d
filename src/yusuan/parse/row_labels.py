"""Row labels of a printed table: which fixed row of the profile a label is, and codes
printed on a line of their own.

Where it sits: helpers of ``tables.py`` (the table reader), kept apart to keep it short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from yusuan.model.disclosure import label
from yusuan.model.profiles import FixedRow
from yusuan.parse.lines import Cell
from yusuan.parse.split_codes import LENGTHS
from yusuan.reference.numerals import numbering, strip_numbering


class _Cells(Protocol):
    codes: list[Cell]
    amounts: list[Cell]




_NOTE = re.compile(r"[(（][^()（）]{1,20}[)）]$")


def fixed_key(rows: tuple[FixedRow, ...], name: str,
              taken: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The fixed row a printed label is: the same label, else the only one whose label is the
    same but for its numbering (``1、一般公共预算资金`` for ``1. 一般公共预算资金``). A label
    the profile lists twice (under 本年收入 and again under 年初结转和结余) is the first of its
    rows not ``taken`` by a row printed above."""
    wanted = label(name)
    rows = tuple(f for f in rows if f.key not in taken)
    exact = next((f.key for f in rows if label(f.label) == wanted), None)
    if exact or not wanted:
        return exact
    bare = strip_numbering(wanted)
    loose = [f.key for f in rows if strip_numbering(label(f.label)) == bare
             and numbering(label(f.label)) and numbering(wanted)]
    if loose:
        return loose[0] if len(loose) == 1 else None
    # a note added in brackets (使用非财政拨款结余（含专用结余）), or the numbering left out
    # of a label the profile prints numbered: the first such row, where all share one label
    noted = _NOTE.sub("", bare)
    same = [f for f in rows if strip_numbering(label(f.label)) == noted]
    return same[0].key if same and len({f.label for f in same}) == 1 else None


def codes_left_of(body: Sequence[_Cells], first_amount: float) -> None:
    """A code printed on a line of its own (beside a name wrapped onto two lines) is no
    amount: digits of a code's length left of every amount column go to the row's code."""
    for r in body:
        lone = [c for c in r.amounts if c.x1 <= first_amount and c.is_code_like
                and len(c.label) in LENGTHS]
        if lone and not r.codes:
            r.codes = lone[:1]
            r.amounts = [c for c in r.amounts if c is not lone[0]]
