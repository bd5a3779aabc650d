"""Tables printed as column pairs: ``经济分类科目编码 | 科目名称 | 决算数`` two or three times
side by side (一般公共预算财政拨款基本支出决算表).

Where it sits: ``document.py`` sends a block whose layout is ``pairs`` here instead of to
``tables.read_table``. The header shows where each pair starts (the cells naming the side's
stub, e.g. ``经济分类``); every line is cut at those x positions, and each side is read as an
ordinary coded grid with ``tables.read_table``, its rows tagged with the side's section and
its total (``人员经费合计``) marked as the side's total. A header with more pairs than the
profile has sides (the national layout: 人员经费 over one pair, 公用经费 over two) continues
the last side in the extra pairs.
"""

from __future__ import annotations

from dataclasses import replace

from yusuan.model.disclosure import Row, Table, label
from yusuan.model.finding import Finding, Location
from yusuan.model.money import Unit
from yusuan.model.profiles import Side
from yusuan.parse.blocks import Block
from yusuan.parse.lines import Line
from yusuan.parse.tables import read_table

HEADER_LINES = 6  # the pair starts are looked for in this many lines under the title


def pair_starts(lines: tuple[Line, ...], side: Side) -> list[float]:
    """x positions where a pair starts: header cells that begin the side's stub label."""
    stub = label(side.stub)
    xs = sorted(c.x0 for line in lines[:HEADER_LINES] for c in line.cells
                if len(c.label) >= 2 and stub.startswith(c.label))
    out: list[float] = []
    for x in xs:
        width = max((c.x1 - c.x0 for line in lines[:HEADER_LINES] for c in line.cells), default=1)
        if not out or x - out[-1] > width:
            out.append(x)
    return out


def _cut(line: Line, starts: list[float], i: int) -> Line:
    lo = starts[i] if i else float("-inf")
    hi = starts[i + 1] if i + 1 < len(starts) else float("inf")
    return replace(line, cells=tuple(c for c in line.cells if lo <= c.center < hi))


def read_pairs(block: Block, file: str | None, default_unit: Unit) -> tuple[Table, list[Finding]]:
    """The block read side by side (see the module docstring)."""
    layout = block.layout
    starts = pair_starts(block.lines, layout.sides[0])
    findings: list[Finding] = []
    if len(starts) < len(layout.sides):
        findings.append(Finding(
            "parse.header-unrecognised", "warning", "parse",
            f"表“{label(block.title)}”应有 {len(layout.sides)} 组“{layout.sides[0].stub}”列，"
            f"表头中找到 {len(starts)} 组", Location(file=file, table=layout.id)))
        starts = starts[:1] or [float("-inf")]
    # more pairs than sides (人员经费 | 公用经费 over two pairs): the last side continues
    sides = [layout.sides[min(i, len(layout.sides) - 1)] for i in range(len(starts))]
    rows: list[Row] = []
    first: Table | None = None
    for i, side in enumerate(sides):
        grid = replace(layout.side_grid(side.section), fixed_rows=(side.total,))
        part = replace(block, layout=grid,
                       lines=tuple(_cut(line, starts, i) for line in block.lines))
        table, found = read_table(part, file, default_unit)
        findings.extend(f for f in found if first is None or f.rule_id != "parse.unit-missing")
        first = first or table
        rows.extend(replace(r, section=side.section, key=side.total.key, kind="total")
                    if r.key == side.total.key else replace(r, section=side.section)
                    for r in table.rows)
    assert first is not None
    return replace(first, columns=layout.all_columns, rows=tuple(rows)), findings
