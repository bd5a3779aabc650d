"""The rows of a table body being read, and the regroupings done on them before they become
``Row``s: procurement stubs (采购品目大类 / 专项名称 / …), and a label printed on its own line
with the row's figures on the line just below.

Where it sits: ``tables._Reader.read`` splits each body line into a ``BodyRow`` (codes, label
texts, amount cells), glues wrapped label fragments, then calls these before building rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.parse import columns as cols
from yusuan.parse.lines import Cell, Line


@dataclass
class BodyRow:
    """One body line being read: its code, label and amount cells."""

    line: Line
    codes: list[Cell] = field(default_factory=list)
    texts: list[Cell] = field(default_factory=list)
    amounts: list[Cell] = field(default_factory=list)
    bad_code: str | None = None  # digits printed in the code columns that make no code


def _stub_texts(row: BodyRow, stubs: list[cols.Located]) -> dict[int, str]:
    by_index: dict[int, str] = {}
    for t in sorted(row.texts, key=lambda t: (t.top, t.x0)):
        i = int(min(stubs, key=lambda s: abs(s.center - t.center)).column.key)
        by_index[i] = by_index.get(i, "") + t.text
    return by_index


def procurement(body: list[BodyRow], stubs: list[cols.Located],
                 project: str | None) -> tuple[list[BodyRow], str | None]:
    """Procurement rows: the most specific stub printed is the name, 专项名称 the project.

    Stub columns (采购品目大类, 专项名称, 经济科目, 采购物品名称, 采购组织形式) are located
    from the header; each label goes to the nearest one. A long 专项名称 is printed over
    several lines around its row (label-only lines): they are joined, each line to the
    nearer of the rows of figures around it where both print a 专项 (a name centred on its row
    wraps above and below it, so the lines between two such rows are the lower half of one
    and the upper half of the next). A 专项名称 holds for the
    rows below it until the next 专项 or 品目大类. The organisation form is not a name.
    """
    last = max(int(s.column.key) for s in stubs)
    texts = [_stub_texts(r, stubs) for r in body]
    only_project = [not r.amounts and set(t) == {1} for r, t in zip(body, texts, strict=True)]
    used: set[int] = set()
    figures = [n for n, r in enumerate(body) if r.amounts]
    for n, (row, t) in enumerate(zip(body, texts, strict=True)):
        if row.amounts and 1 in t:
            after = next((m for m in figures if m > n), None)
            if after is not None and 1 not in texts[after] and not (
                    after + 1 < len(body) and only_project[after + 1]):
                after = None  # the next row prints no 专项 of its own to wrap above it
            lo, hi = n, n
            while lo > 0 and only_project[lo - 1] and lo - 1 not in used:
                lo -= 1
            while hi + 1 < len(body) and only_project[hi + 1] and (
                    after is None or not _nearer(body, hi + 1, after, n)):
                hi += 1
            t[1] = "".join(texts[i][1] for i in range(lo, hi + 1))
            used.update(i for i in range(lo, hi + 1) if i != n)
    out: list[BodyRow] = []
    for n, (row, by_index) in enumerate(zip(body, texts, strict=True)):
        if n in used:
            continue
        names = [i for i in sorted(by_index) if i < last]
        if not names:
            out.append(row)
            continue
        if 0 in by_index:
            project = None
        project = by_index.get(1, project)
        first = row.texts[0]
        cells = [Cell(by_index[names[-1]], first.x0, first.x1, first.top)]
        if project and (names[-1] > 1 or row.amounts):
            # a 专项 row printed in 专项名称 alone (its name is its project, as the grid
            # prints a row whose name equals its project) is a row of that project
            cells.append(Cell(project, first.x1, first.x1, first.top))
        out.append(BodyRow(row.line, row.codes, cells, row.amounts))
    return out, project




def _nearer(body: list[BodyRow], n: int, a: int, b: int) -> bool:
    """Line ``n`` is printed nearer to row ``a`` than to row ``b`` (same page; else not)."""
    line, la, lb = body[n].line, body[a].line, body[b].line
    if not line.page == la.page == lb.page:
        return False
    return abs(la.top - line.top) < abs(lb.top - line.top)


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
