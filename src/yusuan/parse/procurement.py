"""Procurement tables (采购品目大类 / 专项名称 / 经济科目 / 采购物品名称 / 采购组织形式 / 总计):
every printed row carries a figure, and its label cells are wrapped over as many lines as
their column is narrow, each cell centred on its row. Reading them:

1. **Column geometry**: each label fragment goes to the stub column it is printed under; a
   cell that the reader merged across a column boundary (``打印设备（20万以上）`` touching
   ``政府集中采购``) is split again between its printed words.
2. **Row bands**: in each stub column the fragments are partitioned, top to bottom, into the
   cells of the figure rows so that every cell is centred on its row (a dynamic programme,
   ``_partition``); a cell centred between two rows is a merged cell and names both. A
   fragment far from every row stays a line of its own.
3. The most specific stub printed is the row's name; 专项名称 is its project and holds for
   the rows below it until the next 专项 or 品目大类; the organisation form is no name.

Where it sits: ``tables._Reader.read`` calls ``procurement`` with a segment's lines (figure
rows and label-only lines, unglued) and the stub columns located from the header.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.parse import columns as cols
from yusuan.parse.body_rows import BodyRow
from yusuan.parse.lines import Cell

PAIR_PENALTY = 0.25  # share of a line height a merged (two-row) cell must win by
FAR = 4.0  # line heights beyond which a fragment is no part of any row's cell
SPAN = 16.0  # line heights: the tallest cell considered (six lines at a double pitch)


@dataclass
class _Piece:
    y: float
    cell: Cell
    row: int  # index in the body of the line it was printed on


def _lanes(stubs: list[cols.Located], body: list[BodyRow]) -> list[tuple[float, float]]:
    """The x-ranges printed on in the stub columns (header labels and every word of the body):
    a column's figures, left-aligned in a wide column, may stand far from its centred label,
    but never across the gap between two columns that nothing is printed on."""
    spans = sorted([(s.x0, s.x1) for s in stubs]
                   + [(x0, x1) for row in body for cell in row.texts
                      for _, x0, x1 in cell.words or ((cell.text, cell.x0, cell.x1),)])
    out: list[list[float]] = []
    for x0, x1 in spans:
        if out and x0 <= out[-1][1]:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return [(a, b) for a, b in out]


def _nearest(stubs: list[cols.Located], x0: float, x1: float,
             printed: list[tuple[float, float]]) -> int:
    """The stub column of a piece: of the columns labelled in the lane it is printed in (all
    columns when none is), the one whose label's centre is nearest."""
    centre = (x0 + x1) / 2
    lane = next(((a, b) for a, b in printed if a <= centre <= b), None)
    mine = [s for s in stubs if lane and lane[0] <= s.center <= lane[1]] or stubs
    return int(min(mine, key=lambda s: abs(s.center - centre)).column.key)


def _pieces(cell: Cell, stubs: list[cols.Located],
            printed: list[tuple[float, float]]) -> list[tuple[int, Cell]]:
    """A label cell as (stub column, cell) pieces, split between its words where the reader
    merged words printed under different stub columns."""
    words = cell.words or ((cell.text, cell.x0, cell.x1),)
    out: list[tuple[int, Cell]] = []
    for text, x0, x1 in words:
        i = _nearest(stubs, x0, x1, printed)
        if out and out[-1][0] == i:
            last = out[-1][1]
            out[-1] = (i, Cell(last.text + text, last.x0, x1, cell.top))
        else:
            out.append((i, Cell(text, x0, x1, cell.top)))
    return out


def _y(row: BodyRow) -> float:
    return (row.line.page or 0) * 100000.0 + row.line.top


def _partition(pieces: list[_Piece], anchors: list[float], height: float) -> list[list[int]]:
    """Each piece's figure rows (index into ``anchors``; two for a merged cell, none for a
    piece far from every row): contiguous groups of pieces, each centred on its row.

    A cell of fragments at ``ys`` on a row at ``t`` costs its centre's distance from the row
    (twice) plus each fragment's distance from it: a cell of one line per row beats one cell
    of all the lines centred on the middle row."""
    n, m = len(pieces), len(anchors)
    inf = float("inf")
    alone = 3 * FAR * height  # a lone fragment this far from its row is no part of it
    # best[i][j]: cost of placing pieces[:i] on anchors[:j]
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, tuple[int, ...]]]] = [
        [(0, 0, ())] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0.0
    ys = [p.y for p in pieces]
    # A cell whose every fragment is more than ``alone`` from its row's line costs more than
    # those fragments alone with the row skipped, so it is never the best and is not tried
    # (the rows are in order: none from j on is near piece i once anchors[j + 1] is above it).
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == inf:
                continue
            if j < m and here < best[i][j + 1]:  # anchor j holds nothing in this column
                best[i][j + 1], back[i][j + 1] = here, (i, j, ())
            if i == n:
                continue
            if here + alone < best[i + 1][j]:  # piece i belongs to no row
                best[i + 1][j], back[i + 1][j] = here + alone, (i, j, ())
            if j == m or anchors[min(j + 1, m - 1)] < ys[i] - alone:
                continue
            one = anchors[j]
            pair = (anchors[j] + anchors[j + 1]) / 2 if j + 1 < m else inf
            off_one = off_pair = 0.0  # _cost's sum, kept as the cell grows down (ys sorted)
            for k in range(i + 1, n + 1):
                if ys[k - 1] - ys[i] > SPAN * height:
                    break  # no cell is printed over that many lines
                low, high, centre = ys[i] - alone, ys[k - 1] + alone, (ys[i] + ys[k - 1]) / 2
                off_one += abs(ys[k - 1] - one)
                off_pair += abs(ys[k - 1] - pair)
                if low <= one <= high:
                    cost = here + (2 * abs(centre - one) + off_one)
                    if cost < best[k][j + 1]:
                        best[k][j + 1], back[k][j + 1] = cost, (i, j, (j,))
                if low <= pair <= high:
                    cost = here + (2 * abs(centre - pair) + off_pair) + PAIR_PENALTY * height
                    if cost < best[k][j + 2]:
                        best[k][j + 2], back[k][j + 2] = cost, (i, j, (j, j + 1))
    out: list[list[int]] = [[] for _ in range(n)]
    i, j = n, m
    while i or j:
        pi, pj, rows = back[i][j]
        for p in range(pi, i):
            out[p] = list(rows)
        i, j = pi, pj
    return out


def procurement(body: list[BodyRow], stubs: list[cols.Located],
                project: str | None) -> tuple[list[BodyRow], str | None]:
    """Figure rows named from their stub cells (see the module docstring); label-only lines
    far from every figure row are kept as rows of their own."""
    anchors = [n for n, r in enumerate(body) if r.amounts]
    if not anchors:
        return body, project
    height = max(min(r.line.height for r in body), 1.0)
    ys = [_y(body[n]) for n in anchors]
    per_column: dict[int, list[_Piece]] = {}
    printed = _lanes(stubs, body)
    for n, row in enumerate(body):
        for cell in row.texts:
            for i, part in _pieces(cell, stubs, printed):
                per_column.setdefault(i, []).append(_Piece(_y(row), part, n))
    slots: list[dict[int, list[_Piece]]] = [{} for _ in anchors]
    loose: dict[int, list[Cell]] = {}
    for i, pieces in per_column.items():
        pieces.sort(key=lambda p: (p.y, p.cell.x0))
        for piece, rows in zip(pieces, _partition(pieces, ys, height), strict=True):
            if not rows:
                loose.setdefault(piece.row, []).append(piece.cell)
            for a in rows:
                slots[a].setdefault(i, []).append(piece)
    last = max(int(s.column.key) for s in stubs)
    out: list[BodyRow] = []
    for a, n in enumerate(anchors):
        for m in sorted(k for k in loose if (anchors[a - 1] if a else -1) < k <= n):
            out.append(BodyRow(body[m].line, texts=loose.pop(m)))
        row = body[n]
        by_index = {i: "".join(p.cell.text for p in parts) for i, parts in slots[a].items()}
        names = [i for i in sorted(by_index) if i < last]
        if not names:
            out.append(row)
            continue
        if 0 in by_index:
            project = None
        project = by_index.get(1, project)
        first = min((p.cell for parts in slots[a].values() for p in parts), key=lambda c: c.x0)
        cells = [Cell(by_index[names[-1]], first.x0, first.x1, first.top)]
        if project and (names[-1] > 1 or row.amounts):
            # a 专项 row printed in 专项名称 alone (its name is its project, as the grid
            # prints a row whose name equals its project) is a row of that project
            cells.append(Cell(project, first.x1, first.x1, first.top))
        out.append(BodyRow(row.line, row.codes, cells, row.amounts))
    out += [BodyRow(body[m].line, texts=cells) for m, cells in sorted(loose.items())]
    return out, project
