"""A classification code printed in pieces (``301`` ``2``, ``201 3 1``) → one code.

Where it sits: ``tables._split`` hands the pure-digit cells a coded row starts with. The
code grammar (``model/codes.py``: 类 3 digits, 款 and 项 2 digits each) says how pieces join:

- where the header prints 类/款/项 columns (``slots``), each piece belongs to the column
  nearest to it; the 类 piece must have 3 digits, a 款/项 piece printed without its leading
  zero (``2``) is padded (``02``). A 类 piece of another length (``7`` ``11`` ``02``) is no
  code: the row keeps no code and the reader says so, rather than guessing one;
- pieces set close together (one cell across the 类/款/项 columns, ``201 06 01``) and
- in a single code column, the pieces join as printed or with the later pieces padded, and
  a joined code of a valid length that the classification catalogue knows (any year)
  wins; with one valid length only, that one.

Digits after the last piece that can belong to the code are amounts (integer tables).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from yusuan.model.disclosure import Column
from yusuan.model.profiles import TableLayout
from yusuan.parse import columns as cols
from yusuan.parse.lines import Cell, Line
from yusuan.reference.classification import catalogue

LENGTHS = (3, 5, 7)
_KINDS = {"functional": ("functional",), "functional-codes": ("functional",),
          "projects": ("functional",), "economic": ("economic_dept", "economic_gov")}


@dataclass(frozen=True)
class Joined:
    code: str | None  # None: the pieces sit in the code columns but make no valid code
    used: int  # how many leading pieces are the code (the rest are amounts)
    printed: str  # the pieces as printed, for messages


def _known(code: str, rows: str) -> bool:
    return any(catalogue(kind).history(code) for kind in _KINDS.get(rows, ()))


def _slotted(pieces: list[Cell], slots: list[float]) -> Joined | None:
    nearest = [min(range(len(slots)), key=lambda i: abs(slots[i] - p.center)) for p in pieces]
    reach = min(b - a for a, b in itertools.pairwise(slots))
    used = len(pieces)
    for n in range(1, len(pieces)):
        if nearest[n] <= nearest[n - 1] or abs(slots[nearest[n]] - pieces[n].center) > reach:
            used = n  # a piece right of the code columns (or back left) is an amount
            break
    head = pieces[:used]
    printed = " ".join(p.label for p in head)
    if len(head) == 1 and len(head[0].label) in LENGTHS:
        return Joined(head[0].label, 1, printed)  # a code printed joined
    if nearest[0] != 0 or len(head[0].label) != 3 or any(len(p.label) > 2 for p in head[1:]):
        return Joined(None, used, printed)
    return Joined(head[0].label + "".join(p.label.zfill(2) for p in head[1:]), used, printed)


def _free(pieces: list[Cell], rows: str) -> Joined | None:
    for used in range(len(pieces), 0, -1):
        head = [p.label for p in pieces[:used]]
        options = list(dict.fromkeys(
            c for c in ("".join(head), head[0] + "".join(h.zfill(2) for h in head[1:]))
            if len(c) in LENGTHS))
        if used > 1:
            options = [c for c in options if _known(c, rows)] or (
                options if len(options) == 1 and len(head[0]) == 3 else [])
        if options:
            return Joined(options[0], used, " ".join(head))
    return None


def join_code(pieces: list[Cell], slots: list[float], rows: str,
              whole: bool = False) -> Joined | None:
    """The code the leading digit cells of a row make (None: they are not a code).

    ``whole``: every piece is part of the code (a name follows them, or a figure with
    decimals: figures come after the name, and none is a bare integer). Where the columns
    leave a piece over or make no code of them (one cell centred across the 类/款/项 columns,
    its pieces near the columns' own spacing), the code they make together, if the catalogue
    knows it, is taken."""
    if not pieces:
        return None
    if len(slots) >= 2 and not _one_cell(pieces, slots):
        slotted = _slotted(pieces, slots)
        if whole and slotted is not None and (slotted.code is None
                                              or slotted.used < len(pieces)):
            joined = _free(pieces, rows)
            if joined is not None and joined.used == len(pieces) and len(pieces) > 1:
                return joined
        return slotted
    return _free(pieces, rows)


def _one_cell(pieces: list[Cell], slots: list[float]) -> bool:
    """Pieces whose centres spread over much less than the 类/款/项 columns they would fill:
    one code printed spaced in one cell across them (``201 06 01`` in a merged cell), not one
    piece per column."""
    reach = min(b - a for a, b in itertools.pairwise(slots))
    spread = pieces[-1].center - pieces[0].center
    return len(pieces) > 1 and spread < 0.6 * (len(pieces) - 1) * reach


def code_slots(layout: TableLayout, header: list[Line]) -> list[float]:
    """The x of the 类/款/项 columns the header prints (empty: a single code column)."""
    levels = tuple(Column(key=str(i), path=p) for i, p in enumerate(layout.stub)
                   if p[-1] in ("类", "款", "项"))
    found = cols.locate(levels, tuple(header)) if len(levels) >= 2 else []
    return sorted(loc.center for loc in found) if len(found) >= 2 else []


def lead_digits(cells: list[Cell]) -> list[Cell]:
    """The pure-digit cells a row starts with (code pieces, or integer amounts)."""
    out: list[Cell] = []
    for c in cells:
        if not (c.label.isdigit() and len(c.label) <= 7):
            break
        out.append(c)
    return out
