"""The rows of a table body being read, and where the header ends and the body begins: a
label printed on its own line with the row's figures on the line just below is one row; the
first row's label centred over its lines starts above its figures, among the header's lines;
the column numbers under a header are neither (procurement stubs are regrouped in
``procurement.py``).

Where it sits: ``tables._Reader.read`` splits each body line into a ``BodyRow`` (codes, label
texts, amount cells), glues wrapped label fragments, then calls these before building rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.model.disclosure import label
from yusuan.model.profiles import TableLayout
from yusuan.parse.lines import Cell, Line


@dataclass
class BodyRow:
    """One body line being read: its code, label and amount cells."""

    line: Line
    codes: list[Cell] = field(default_factory=list)
    texts: list[Cell] = field(default_factory=list)
    amounts: list[Cell] = field(default_factory=list)
    bad_code: str | None = None  # digits printed in the code columns that make no code


def label_then_figures(body: list[BodyRow]) -> list[BodyRow]:
    """A row whose label stands alone on a line and whose figures (no label, no code) are on
    the next line of the same page is one row: the figures join the label.

    Only a line with neither label nor code takes a label, and only from the line right
    above it; a row of figures with nothing above it (a one-row table) stays as it is.
    """
    out: list[BodyRow] = []
    for row in body:
        prev = out[-1] if out else None
        if prev is not None and row.amounts and not row.texts and not row.codes \
                and not row.bad_code and prev.texts and not prev.amounts \
                and prev.line.page == row.line.page and prev.line.top < row.line.top:
            out[-1] = BodyRow(prev.line, prev.codes, prev.texts, row.amounts, prev.bad_code)
            continue
        out.append(row)
    return out


def centred_above(header: list[Line], rows: list[BodyRow], labels: list[Line],
                  layout: TableLayout) -> bool:
    """Whether the last header line is the first line of the first row's wrapped label: a
    label centred over its lines puts its figures between them, so the label's first line
    stands above the figures like one more line of the header. It is taken for the label's
    only when it names no printed column, stands left of the figures, and a label-only line
    stands below the figures as far as it stands above, at the same left edge (the rest of
    the label) — a header line has neither."""
    if not header or not rows or not rows[0].amounts:
        return False
    known = {label(part) for c in layout.all_columns for part in c.path} \
        | {label(part) for path in layout.stub for part in path}
    top, row = header[-1], rows[0]
    gap = row.line.top - top.top
    reach = 1.6 * max(top.height, row.line.height)
    if top.page != row.line.page or not 0 < gap <= reach \
            or any(c.label in known for c in top.cells) \
            or max(c.x1 for c in top.cells) > min(a.x0 for a in row.amounts):
        return False
    end = rows[1].line.top if len(rows) > 1 and rows[1].line.page == row.line.page else None
    for below in labels:
        apart = below.top - row.line.top
        if below.page == row.line.page and apart > 0 and (end is None or below.top < end) \
                and abs(apart - gap) <= 0.35 * max(top.height, below.height) \
                and any(abs(b.x0 - t.x0) < 2 * top.height
                        for b in below.cells for t in top.cells):
            return True
    return False


def is_numbering(line: Line) -> bool:
    """The column numbers printed under a header (``1 2 3 …``, ``※ ※ 1 2``)."""
    labels = [c.label for c in line.cells if c.label not in ("※", "*", "栏次")]
    if len(labels) < 2 or not all(t.isdigit() for t in labels):
        return len(labels) < len(line.cells) and all(t.isdigit() for t in labels)
    if any(len(t) > 6 for t in labels):
        return False  # column numbers are small; int() refuses a 5,000-digit "number"
    return [int(t) for t in labels] == list(range(int(labels[0]), int(labels[0]) + len(labels)))
