"""A table as a printable grid: merged header cells and body cells, shared by every renderer.

HTML, PDF, DOCX and XLSX all lay a table out the same way: the header from the profile's
stub and column paths (nested headers merged across columns and down rows), the 类/款/项
code columns split as the budget system prints them, amounts formatted in the table's unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yusuan.model.codes import Code
from yusuan.model.disclosure import Column, Row, Table
from yusuan.model.money import format_amount
from yusuan.model.profiles import Side, TableLayout
from yusuan.reference.numerals import chinese_number, numbering


@dataclass(frozen=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class BodyCell:
    text: str
    kind: str = "text"  # ``code`` | ``name`` | ``amount`` | ``text``
    value: Decimal | None = None


@dataclass(frozen=True)
class BodyRow:
    cells: tuple[BodyCell, ...]
    kind: str = "item"  # the row kind (``total`` rows are set in bold)


@dataclass(frozen=True)
class Grid:
    header: tuple[tuple[HeaderCell, ...], ...]
    numbers: tuple[str, ...] | None  # the ※ 1 2 3 … row, where the table prints one
    body: tuple[BodyRow, ...]
    width: int  # number of columns
    amount_columns: tuple[int, ...]  # indexes of amount columns
    landscape: bool = False  # the profile prints it on a landscape page (上海)
    show_number: bool = True  # the table's number printed above its title

    @property
    def is_wide(self) -> bool:
        return self.landscape or self.width > 8


def header_rows(leaves: list[tuple[str, ...]]) -> tuple[tuple[HeaderCell, ...], ...]:
    """Merge leaf header paths (outer → inner) into rows of cells with col/row spans."""
    depth = max(len(p) for p in leaves)
    rows: list[tuple[HeaderCell, ...]] = []
    for level in range(depth):
        cells: list[HeaderCell] = []
        i = 0
        while i < len(leaves):
            path = leaves[i]
            if len(path) <= level:
                i += 1
                continue
            j = i + 1
            while (j < len(leaves) and len(leaves[j]) > level
                   and leaves[j][: level + 1] == path[: level + 1]
                   and len(path) - 1 != level and len(leaves[j]) - 1 != level):
                j += 1
            rowspan = depth - level if level == len(path) - 1 else 1
            cells.append(HeaderCell(path[level], colspan=j - i, rowspan=rowspan))
            i = j
        rows.append(tuple(cells))
    return tuple(rows)


PAIR_NAME = "科目名称"  # the name column of each pair of a ``pairs`` layout


def _amount(value: Decimal | None) -> BodyCell:
    return BodyCell(format_amount(value), "amount", value)


def stub_kinds(layout: TableLayout) -> tuple[str, ...]:
    """What each stub column holds: ``segment`` (类/款/项 of a split code), ``code`` (a whole
    code), ``project`` (项目名称 beside a subject name), ``name``, or for procurement rows
    ``category`` / ``item`` / ``blank``."""
    kinds = []
    for path in layout.stub:
        leaf = path[-1]
        if leaf in ("类", "款", "项"):
            kinds.append("segment")
        elif "编码" in leaf or "代码" in leaf:
            kinds.append("code")
        elif leaf == "项目名称" and layout.rows == "projects":
            kinds.append("project")
        elif layout.rows == "procurement":
            kinds.append(_PROCUREMENT_STUBS.get(leaf, "blank"))
        else:
            kinds.append("name")
    return tuple(kinds)


# 政府采购预算表 (江苏): a row is a 品目大类 (name, no project), a 专项 (name = project) or an
# item of a 专项 (采购物品名称 = name); 经济科目 and 采购组织形式 are not kept in the model.
_PROCUREMENT_STUBS = {"采购品目大类": "category", "专项名称": "project", "采购物品名称": "item"}


def _stub_cells(row: Row, kinds: tuple[str, ...], layout: TableLayout) -> list[BodyCell]:
    segments: tuple[str, ...] = ()
    if row.code and row.code.isdigit() and len(row.code) in (3, 5, 7):
        segments = Code(row.code).segments
    cells = []
    segment = 0
    for kind in kinds:
        if kind == "segment":
            cells.append(BodyCell(segments[segment] if segment < len(segments) else "", "code"))
            segment += 1
        elif kind == "code":
            cells.append(BodyCell(row.code or "", "code"))
        elif kind == "project":
            cells.append(BodyCell(row.project or "", "name"))
        elif kind == "category":
            cells.append(BodyCell("" if row.project else row.name, "name"))
        elif kind == "item":
            item = row.name if row.project and row.name != row.project else ""
            cells.append(BodyCell(item, "name"))
        elif kind == "blank":
            cells.append(BodyCell("", "name"))
        elif layout.rows == "projects-flat":
            cells.append(BodyCell(row.project or row.name, "name"))
        else:
            cells.append(BodyCell(row.name, "name"))
    return cells


def _grid_body(table: Table, layout: TableLayout) -> list[BodyRow]:
    kinds = stub_kinds(layout)
    return [BodyRow(tuple(_stub_cells(row, kinds, layout)
                          + [_amount(row.value(c.key)) for c in table.columns]), row.kind)
            for row in table.rows]


def _side_label(row: Row) -> str:
    return f"{row.code} {row.name}" if row.code else row.name


def _side_stub(row: Row, pairs: bool, side: Side) -> list[BodyCell]:
    """A side's label cells: one (``201 一般公共服务支出``, or ``一、一般公共服务支出`` where the
    side numbers its classes) or, in column pairs, code and name."""
    if pairs:
        return [BodyCell(row.code or "", "code"), BodyCell(row.name, "name")]
    n = side.class_number(row.code) if row.code and side.labels == "enumerated" else None
    return [BodyCell(f"{chinese_number(n)}、{row.name}" if n else _side_label(row), "name")]


def _side_of(table: Table, layout: TableLayout, side: Side) -> tuple[list[Row], list[Column]]:
    """A side's rows and columns; where two sides share a section (江苏 公开01表 功能分类 |
    支出用途) each takes its own columns and the rows of its kind or fixed keys."""
    rows, columns = list(table.rows_of(side.section)), list(table.columns_of(side.section))
    if sum(1 for s in layout.sides if s.section == side.section) == 1:
        return rows, columns
    def keys(s: Side) -> set[str]:
        return {f.key for f in s.fixed_rows} | ({s.total.key} if s.printed_total else set())

    own = keys(side)
    others = set().union(*(keys(s) for s in layout.sides if s is not side))
    mine = {c.key for c in side.columns}
    classes = side.rows == "functional-classes"
    return ([r for r in rows if r.key in own or (r.key not in others and (
                mine & {k for k, v in r.values.items() if v is not None}
                or (classes and r.kind == "class")))],
            [c for c in columns if c in side.columns])


def _two_sided_body(table: Table, layout: TableLayout) -> list[BodyRow]:
    pairs = layout.layout == "pairs"
    sides = []
    for side in layout.sides:
        rows, columns = _side_of(table, layout, side)
        lines = [[*_side_stub(r, pairs, side), *(_amount(r.value(c.key)) for c in columns)]
                 for r in rows]
        width = len(columns) + (2 if pairs else 1)
        if not side.printed_total or not lines:  # its total line left blank (a side that
            lines.append([BodyCell("")] * width)  # printed nothing: a blank line too)
        sides.append((lines, width))
    body_len = max(len(lines) - 1 for lines, _ in sides)
    body = []
    for i in range(body_len + 1):
        cells: list[BodyCell] = []
        for lines, width in sides:
            is_total_line = i == body_len
            index = len(lines) - 1 if is_total_line else i
            if is_total_line or index < len(lines) - 1:
                cells += lines[index]
            else:
                cells += [BodyCell("")] * width
        body.append(BodyRow(tuple(cells), "total" if i == body_len else "item"))
    return body


def table_grid(table: Table, layout: TableLayout) -> Grid:
    """The grid of ``table`` laid out as ``layout`` (the profile's table) prints it."""
    if layout.layout == "pairs":  # 经济分类科目编码 | 科目名称 | 决算数, side by side
        leaves: list[tuple[str, ...]] = []
        for side in layout.sides:
            leaves += [(side.stub,), (PAIR_NAME,)]
            leaves += [c.path for c in table.columns_of(side.section)]
        body = _two_sided_body(table, layout)
        numbers = None
    elif layout.layout == "two-sided":
        leaves = []
        for side in layout.sides:
            leaves.append((side.header, side.stub))
            leaves += [(side.header, *c.path) for c in _side_of(table, layout, side)[1]]
        body = _two_sided_body(table, layout)
        numbers = None
    else:
        leaves = list(layout.stub) + [c.path for c in table.columns]
        body = _grid_body(table, layout) if table.rows else []
        numbers = (tuple(["※"] * len(layout.stub) + [c.number or "" for c in table.columns])
                   if layout.numbered else None)
    width = len(leaves)
    amount_columns = tuple(i for i, leaf in enumerate(leaves)
                           if leaf not in layout.stub and leaf[-1] not in
                           {PAIR_NAME, *(s.stub for s in layout.sides)})
    return Grid(header=header_rows(leaves), numbers=numbers, body=tuple(body), width=width,
                amount_columns=amount_columns, landscape=layout.landscape,
                show_number=layout.number_printed and not _numbered_title(table))


def _numbered_title(table: Table) -> bool:
    """A title that carries the table's number itself (江苏 2017: 一、收支预算总表): the
    number is not printed again above it."""
    mark = numbering(table.title).strip("、.．（）() ")
    return bool(table.number) and mark == table.number
