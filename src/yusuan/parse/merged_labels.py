"""Merged 一级/二级 indicator labels of a performance table → the label of each row.

Where it sits: ``performance._indicators`` collects the rows and the label fragments of a
table. A merged cell is printed once: in a text/grid source on the first row of its group
(``carried``: carried down), on a PDF page centred on its group (``spans``: the partition of
the rows into contiguous groups whose middles fit the printed labels best).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IndicatorRow:
    """One indicator row being read (mutable while wrapped lines are added to it): its
    column texts and where it was printed."""

    values: dict[str, str] = field(default_factory=dict)
    page: int = 0
    top: float = 0.0
    bottom: float = 0.0


@dataclass
class Label:
    """A printed 一级/二级 label (``key``), joined from the fragments of a wrapped cell;
    ``top``/``bottom`` are points on ``page`` (PDF) or the row index (grid sources)."""

    key: str
    text: str
    page: int
    top: float
    bottom: float
    last: float = 0.0  # top of the last printed fragment


def _y(page: int, top: float) -> float:
    return page * 10000.0 + top


def spans(rows: list[IndicatorRow], labels: list[Label]) -> list[str]:
    """Each row's label: contiguous groups whose middles best fit the centred labels."""
    n, m = len(rows), len(labels)
    if m == 0 or m > n:
        return [""] * n
    centre = [(_y(lb.page, lb.top) + _y(lb.page, lb.bottom)) / 2 for lb in labels]

    def cost(k: int, a: int, b: int) -> float:
        return abs((_y(rows[a].page, rows[a].top) + _y(rows[b].page, rows[b].bottom)) / 2
                   - centre[k])

    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for k in range(1, m + 1):
        for b in range(k, n + 1):
            for a in range(k - 1, b):
                if best[k - 1][a] < inf:
                    c = best[k - 1][a] + cost(k - 1, a, b - 1)
                    if c < best[k][b]:
                        best[k][b], back[k][b] = c, a
    out = [""] * n
    b = n
    for k in range(m, 0, -1):
        a = back[k][b]
        for i in range(a, b):
            out[i] = labels[k - 1].text
        b = a
    return out


def carried(rows: list[IndicatorRow], labels: list[Label]) -> list[str]:
    """Grid sources: a merged label is printed on the first row of its group; carry it down
    (and up to the rows above it when the first label comes after the first row)."""
    out: list[str] = []
    for n in range(len(rows)):
        printed = [lb.text for lb in labels if lb.top <= n]
        out.append(printed[-1] if printed else (labels[0].text if labels else ""))
    return out
