"""Locate a table's amount columns from its printed header, and send amounts to them.

Where it sits: ``tables.py`` gives the header lines of a block and the profile's columns;
this module finds, for each column, the x-range of its printed leaf label (wrapped labels
are stacked: ``事业单位`` over ``经营收入``), then groups the amount cells of the body into
vertical bands and gives each band the nearest located column. Works the same for PDF
points and for text/spreadsheet column indexes.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from yusuan.model.disclosure import Column, label
from yusuan.parse.lines import Cell, Line

_YEAR = re.compile(r"^\d{4}年度?")
_BRACKETS = str.maketrans({"(": "", ")": "", "（": "", "）": "", "“": "", "”": "", '"': ""})


def _norm(text: str) -> str:
    return _YEAR.sub("", label(unicodedata.normalize("NFKC", text))).translate(_BRACKETS)


@dataclass(frozen=True)
class Located:
    column: Column
    x0: float
    x1: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def _overlap(a: Cell, b: Cell) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _likeness(a: Cell, b: Cell) -> float:
    """Overlap over union of two cells' x-ranges."""
    return _overlap(a, b) / max(max(a.x1, b.x1) - min(a.x0, b.x0), 0.1)


def _candidates(header: list[tuple[Line, Cell]]) -> list[tuple[str, float, float, float]]:
    """(text, x0, x1, top) for every header cell and every vertical stack starting at it. On
    each later line the stack takes the cell most like its last one: of a cell the reader
    merged (``家庭的补及费用支``) and its words (``家庭的补``), the word under ``对个人和``."""
    lines: list[tuple[Line, list[Cell]]] = []
    for line, cell in header:
        if lines and lines[-1][0] is line:
            lines[-1][1].append(cell)
        else:
            lines.append((line, [cell]))
    out: list[tuple[str, float, float, float]] = []
    for n, (line, cells) in enumerate(lines):
        for cell in cells:
            text, x0, x1 = _norm(cell.text), cell.x0, cell.x1
            out.append((text, x0, x1, line.top))
            last_line, last = line, cell
            for later_line, later_cells in lines[n + 1:]:
                if later_line.top <= last_line.top \
                        or later_line.top - last_line.top > 2.5 * line.height:
                    continue
                under = [c for c in later_cells if _overlap(last, c) > 0.4 * max(
                    min(last.x1 - last.x0, c.x1 - c.x0), 0.1)]
                if not under:
                    continue
                later = max(under, key=lambda c: _likeness(last, c))
                text += _norm(later.text)
                x0, x1 = min(x0, later.x0), max(x1, later.x1)
                out.append((text, x0, x1, line.top))
                last_line, last = later_line, later
    return out


def locate(columns: tuple[Column, ...], header: tuple[Line, ...]) -> list[Located]:
    """Columns whose leaf label is printed in the header, with its x-range.

    Several columns with the same leaf (``合计`` under two parents) take the matching header
    cells left to right in profile order.
    """
    # words the reader merged into one cell may be labels of neighbouring columns
    # (``公务用车`` ``公务用车运`` over ``购置费`` ``行维护费``): they are candidates too
    cells = [(line, part) for line in header for c in line.cells if not c.is_number
             for part in (c, *(Cell(t, x0, x1, c.top) for t, x0, x1 in c.words))]
    cands = _candidates(cells)
    taken: set[tuple[float, float]] = set()
    out: list[Located] = []
    by_leaf: dict[str, list[Column]] = {}
    for col in columns:
        by_leaf.setdefault(_norm(col.leaf), []).append(col)
    for leaf, cols in by_leaf.items():
        exact = sorted({(x0, x1) for t, x0, x1, _ in cands if t == leaf})
        if len(exact) < len(cols):
            loose = sorted({(x0, x1) for t, x0, x1, _ in cands
                            if t.endswith(leaf) and len(t) - len(leaf) <= 4})
            exact = sorted(set(exact) | set(loose)) if loose else exact
        exact = [e for e in exact if e not in taken]
        exact = _distinct(exact)
        for col, (x0, x1) in zip(cols, exact, strict=False):
            taken.add((x0, x1))
            out.append(Located(col, x0, x1))
    return out


def _distinct(ranges: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop ranges nested in another (a stack and its first cell name the same column)."""
    keep: list[tuple[float, float]] = []
    for r in sorted(ranges, key=lambda r: r[1] - r[0]):
        if not any(min(r[1], k[1]) - max(r[0], k[0]) > 0 for k in keep):
            keep.append(r)
    return sorted(keep)


def bands(cells: list[Cell]) -> list[tuple[float, float]]:
    """Vertical bands of amount cells: x-intervals that overlap are one column of figures."""
    out: list[list[float]] = []
    for c in sorted(cells, key=lambda c: c.x0):
        if out and c.x0 < out[-1][1] - 0.01:
            out[-1][1] = max(out[-1][1], c.x1)
        else:
            out.append([c.x0, c.x1])
    return [(a, b) for a, b in out]


def assign(cells: list[Cell], located: list[Located],
           columns: tuple[Column, ...] = ()) -> dict[tuple[float, float], Column]:
    """Band → column: the located column nearest to the band (each column used once)."""
    result: dict[tuple[float, float], Column] = {}
    if not located:
        return result
    centers = sorted(loc.center for loc in located)
    gaps = sorted(b - a for a, b in itertools.pairwise(centers) if b > a)
    reach = gaps[len(gaps) // 2] / 2 if gaps else float("inf")  # half the column spacing
    pairs = []
    for band in bands(cells):
        center = (band[0] + band[1]) / 2
        for loc in located:
            inside = 0.0 if loc.x0 <= center <= loc.x1 else min(abs(center - loc.x0),
                                                                  abs(center - loc.x1))
            if inside <= reach:
                pairs.append((inside, abs(center - loc.center), band, loc.column))
    used_bands: set[tuple[float, float]] = set()
    used_cols: set[int] = set()
    # a band under a label is its column; else the column whose label centre is nearest
    # (figures are right-aligned under centred labels: the nearest label edge misleads)
    for _, _, band, col in sorted(pairs, key=lambda p: (p[0] > 0, p[1])):
        if band in used_bands or id(col) in used_cols:
            continue
        result[band] = col
        used_bands.add(band)
        used_cols.add(id(col))
    if columns:
        _between(result, [b for b in bands(cells) if b not in result], located, columns)
    return result


def _between(result: dict[tuple[float, float], Column], orphans: list[tuple[float, float]],
             located: list[Located], columns: tuple[Column, ...]) -> None:
    """A band no printed label claims goes to the one unlocated column that, in profile order,
    lies between the located columns left and right of it (a leaf printed differently)."""
    found = {id(loc.column): loc for loc in located}
    order = {id(c): i for i, c in enumerate(columns)}
    taken = {id(c) for c in result.values()}
    for band in orphans:
        center = (band[0] + band[1]) / 2
        left = max((loc for loc in located if loc.center < center), default=None,
                   key=lambda loc: loc.center)
        right = min((loc for loc in located if loc.center > center), default=None,
                    key=lambda loc: loc.center)
        lo = order[id(left.column)] if left else -1
        hi = order[id(right.column)] if right else len(columns)
        free = [c for c in columns[lo + 1:hi] if id(c) not in found and id(c) not in taken]
        if len(free) == 1:
            result[band] = free[0]
            taken.add(id(free[0]))


def band_of(cell: Cell, mapping: dict[tuple[float, float], Column]) -> Column | None:
    for (x0, x1), col in mapping.items():
        if x0 - 0.01 <= cell.x0 and cell.x1 <= x1 + 0.01:
            return col
    return None
