"""The rows of a table body being read, and a regrouping done on them before they become
``Row``s: a label printed on its own line with the row's figures on the line just below
(procurement stubs are regrouped in ``procurement.py``).

Where it sits: ``tables._Reader.read`` splits each body line into a ``BodyRow`` (codes, label
texts, amount cells), glues wrapped label fragments, then calls these before building rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
