"""Cell placement and the performance-target tables as grids, shared by the renderers.

``grid.py`` lays out the Part 2 budget tables; this module adds what the HTML, DOCX and XLSX
renderers need besides: ``place`` turns rows of spanning cells (HTML ``colspan``/``rowspan``
semantics) into absolute (row, column) positions, and ``overall_grid``/``project_grid`` lay
out the 部门整体绩效目标表 and 项目支出绩效目标表 once for every format.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from yusuan.model.disclosure import Indicator, OverallPerformance, ProjectPerformance
from yusuan.model.money import format_amount
from yusuan.render.grid import BodyCell, BodyRow, Grid


class Spanning(Protocol):
    @property
    def colspan(self) -> int: ...

    @property
    def rowspan(self) -> int: ...


C = TypeVar("C", bound=Spanning)


@dataclass(frozen=True)
class Placed(Generic[C]):
    row: int
    col: int
    cell: C


def place(rows: Sequence[Sequence[C]]) -> Iterator[Placed[C]]:
    """Each cell at its (row, column), skipping slots covered by row spans from above."""
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            yield Placed(r, c, cell)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan


def column_kinds(grid: Grid) -> tuple[str, ...]:
    """``code`` (类/款/项), ``amount`` or ``name`` for each column of a budget table."""
    leaves = [""] * grid.width
    for p in place(grid.header):
        if p.cell.colspan == 1:
            leaves[p.col] = p.cell.text
    return tuple("amount" if c in grid.amount_columns else
                 "code" if text in ("类", "款", "项") else "name"
                 for c, text in enumerate(leaves))


# widths in em of the table's type (Noto Sans CJK Bold, as totals are set): a digit 0.59 em,
# a comma, point or sign 0.33 em, a CJK character 1 em; a cell's padding and rules 0.8 em in
# the PDF, Word's default cell margins 1.28 em at 9 pt, and some to spare
DIGIT_EM, MARK_EM, PAD_EM = 0.6, 0.34, 1.4
NAME_EM = 6.0  # the least a name column is given: it wraps within it
# the width of a table in em of its type: a portrait page at 9 pt, a landscape one at 8 pt
ROOM_EM = {False: 52.0, True: 92.0}


def text_em(text: str) -> float:
    """The printed width of ``text`` in em (an estimate on the safe side)."""
    return sum(DIGIT_EM if ch.isdigit() else MARK_EM if ch in ",.-%" else
               1.0 if ord(ch) > 0x2E7F else 0.6 for ch in text)


def column_widths(grid: Grid) -> tuple[float, ...]:
    """Each column's share of the table width in percent. Amount and code columns (whatever
    their heading: 类/款/项 or 功能分类科目编码) are as wide as their longest figure, which is
    never wrapped. Name columns take their longest name where the page has room for it, else
    share what is left in proportion to it (at least ``NAME_EM``) and wrap."""
    fixed: dict[int, float] = {}
    natural: dict[int, float] = {}
    for c, kind in enumerate(column_kinds(grid)):
        cells = [r.cells[c] for r in grid.body if c < len(r.cells) and r.cells[c].text]
        longest = max((text_em(cell.text) for cell in cells), default=0.0) + PAD_EM
        if kind == "amount":
            fixed[c] = max(4.0, longest)
        elif kind == "code" or (cells and all(cell.kind == "code" for cell in cells)):
            fixed[c] = max(2.4, longest)
        else:
            natural[c] = max(NAME_EM, longest)
    left = ROOM_EM[grid.is_wide] - sum(fixed.values())
    scale = min(1.0, left / sum(natural.values())) if natural else 1.0
    weights = [fixed[c] if c in fixed else max(NAME_EM, natural[c] * scale)
               for c in range(grid.width)]
    total = sum(weights) or 1.0
    return tuple(round(100 * w / total, 2) for w in weights)


def blank_rows(grid: Grid, count: int, total: str) -> Grid:
    """An empty table as some regions print it (上海 表6/表7): ``count`` blank rows and the
    total row, its label under the name column, the amounts blank."""
    kinds = column_kinds(grid)
    blank = BodyRow(tuple(BodyCell("", kind) for kind in kinds), "blank")
    name = kinds.index("name") if "name" in kinds else 0
    total_row = BodyRow(tuple(BodyCell(total if c == name else "", kind)
                              for c, kind in enumerate(kinds)), "total")
    return replace(grid, body=(blank,) * count + (total_row,))


@dataclass(frozen=True)
class Cell:
    """A cell of a performance-target table: ``label`` (printed heading), ``text``, ``amount``
    (an amount in the table's unit, ``value`` set) or ``weight`` (分值权重)."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    kind: str = "text"
    value: Decimal | None = None


@dataclass(frozen=True)
class PerfGrid:
    kind: str  # ``overall`` | ``project``
    title: str
    year: int
    width: int
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...] = ()  # each column's share of the table width, percent
    subject: str = ""  # the department or the project the table is about (outline label)

    @property
    def is_wide(self) -> bool:
        return self.width > 8


def _label(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan, rowspan, "label")


def _text(text: str | None, colspan: int = 1) -> Cell:
    return Cell(text or "", colspan)


def _amount(value: Decimal | None, colspan: int = 1) -> Cell:
    return Cell(format_amount(value), colspan, 1, "amount", value)


def _run(items: tuple[Indicator, ...], i: int, key: tuple[str, ...]) -> int:
    """Rows from ``i`` on sharing ``key``'s levels (0 when row ``i`` continues the run above)."""
    def levels(ind: Indicator) -> tuple[str, ...]:
        return tuple(getattr(ind, k) for k in key)

    if i > 0 and levels(items[i - 1]) == levels(items[i]):
        return 0
    j = i + 1
    while j < len(items) and levels(items[j]) == levels(items[i]):
        j += 1
    return j - i


def _indicator_rows(indicators: tuple[Indicator, ...],
                    project: bool) -> list[tuple[Cell, ...]]:
    rows = []
    for i, ind in enumerate(indicators):
        cells: list[Cell] = []
        span1 = _run(indicators, i, ("level1",))
        span2 = _run(indicators, i, ("level1", "level2"))
        if span1:
            cells.append(Cell(ind.level1, 1, span1))
        if span2:
            cells.append(Cell(ind.level2, 1, span2))
        cells += [_text(ind.level3), _text(ind.value), _text(ind.basis)]
        if project:
            cells.append(_text(ind.prior_value))
        cells.append(Cell("" if ind.weight is None else str(ind.weight), kind="weight",
                          value=ind.weight))
        if project:
            cells += [_text(ind.scoring_rule), _text(ind.evidence)]
        rows.append(tuple(cells))
    return rows


def overall_grid(perf: OverallPerformance) -> PerfGrid:
    """部门整体绩效目标表, six columns, as the budget system prints it."""
    rows: list[tuple[Cell, ...]] = [
        (_label("部门名称（盖章）", 2), _text(perf.department, 4)),
        (_label("部门联系人", 2), _text(perf.contact), _label("联系电话"), _text(perf.phone, 2)),
        (_label("年度绩效目标", 2), _text(perf.goals, 4)),
        (_label(f"年度预算（{perf.unit.value}）", 2, 4), _label("资金总额", 3),
         _amount(perf.total)),
        (_label("财政资金", 1, 2), _label("上级安排", 2), _amount(perf.fiscal_superior)),
        (_label("本级安排", 2), _amount(perf.fiscal_local)),
        (_label("其他资金", 3), _amount(perf.other)),
        tuple(_label(t) for t in ("一级指标", "二级指标", "三级指标", "指标值", "指标设定依据",
                                  "分值权重")),
    ]
    rows += _indicator_rows(perf.indicators, project=False)
    return PerfGrid("overall", "部门整体绩效目标表", perf.year, 6, tuple(rows),
                    (12, 13, 25, 16, 22, 12), perf.department)


def project_grid(perf: ProjectPerformance) -> PerfGrid:
    """项目支出绩效目标表 of one project, nine columns."""
    rows: list[tuple[Cell, ...]] = [
        (_label("预算单位", 2), _text(perf.unit_name, 7)),
        (_label("项目名称", 2), _text(perf.project, 4), _label("项目负责人"),
         _text(perf.manager, 2)),
        (_label(f"项目资金（{perf.unit.value}）", 2), _label("年度预算总额"), _amount(perf.total),
         _label("其中：财政拨款"), _amount(perf.fiscal), _label("其他资金"),
         _amount(perf.other, 2)),
        (_label("项目总体目标", 2), _text(perf.goals, 7)),
        tuple(_label(t) for t in ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据",
                                  "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料")),
    ]
    rows += _indicator_rows(perf.indicators, project=True)
    return PerfGrid("project", "项目支出绩效目标表", perf.year, 9, tuple(rows),
                    (9, 10, 17, 11, 12, 10, 8, 13, 10), perf.project)
