"""``Disclosure`` → XLSX: one sheet per table, laid out like the budget system's export.

A renderer of ``yusuan build``. Each Part 2 table becomes a sheet named by its number as the
region's frame says (表1 … 表11, 公开01表 …): the title merged across, the 编制部门/单位 line, the header with its merged
cells from ``grid.table_grid``, the body with codes as text and amounts as numbers
(``#,##0.00``; blank cells stay empty, never 0). The performance-target tables follow
(整体绩效目标, 项目绩效1 …), laid out by ``layout.py``. Frozen header rows, landscape
printing fitted to the page width. Each part of text (Part 1, the narrative, the glossary) is a
sheet of its own in the frame's order (``xlsx_text.py``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from yusuan.model.dates import build_time
from yusuan.model.disclosure import Disclosure, Table
from yusuan.render.frame import DocumentFrame, document_frame
from yusuan.render.grid import BodyCell, Grid
from yusuan.render.html import grids
from yusuan.render.layout import PerfGrid, overall_grid, place, project_grid
from yusuan.render.properties import comments
from yusuan.render.xlsx_frame import cover_sheet, toc_sheet
from yusuan.render.xlsx_text import has_text, sheet_name, text_sheet

FONT = "宋体"
AMOUNT_FORMAT = "#,##0.00"


@dataclass(frozen=True)
class XlsxOptions:
    draft: str = ""  # the 草稿 note while errors remain: a first sheet saying so


class Formats:
    """The cell formats of one workbook (XlsxWriter formats belong to their workbook)."""

    def __init__(self, book: Workbook) -> None:
        def fmt(**props: Any) -> Any:
            return book.add_format({"font_name": FONT, "font_size": 10, **props})

        cell = {"border": 1, "valign": "vcenter", "text_wrap": True}
        self.title = fmt(bold=True, font_size=16, align="center", valign="vcenter",
                         font_name="黑体")
        self.meta_left = fmt(align="left")
        self.meta_right = fmt(align="right")
        self.head = fmt(bold=True, align="center", **cell)
        self.code = fmt(align="center", num_format="@", **cell)
        self.name = fmt(align="left", **cell)
        self.name_bold = fmt(align="left", bold=True, **cell)
        self.amount = fmt(align="right", num_format=AMOUNT_FORMAT, **cell)
        self.amount_bold = fmt(align="right", bold=True, num_format=AMOUNT_FORMAT, **cell)
        self.text = fmt(align="left", **cell)
        self.center = fmt(align="center", **cell)
        self.center_plain = fmt(align="center")
        self.note = fmt(align="left", text_wrap=True, valign="top")


def _number(value: Decimal) -> float:
    """XLSX stores IEEE doubles: the one place a Decimal becomes a float."""
    return float(value)


def _write_body_cell(sheet: Worksheet, r: int, c: int, cell: BodyCell, bold: bool,
                     f: Formats) -> None:
    if cell.kind == "amount":
        if cell.value is None:
            sheet.write_blank(r, c, None, f.amount)
        else:
            sheet.write_number(r, c, _number(cell.value), f.amount_bold if bold else f.amount)
    elif not cell.text:
        sheet.write_blank(r, c, None, f.code if cell.kind == "code" else f.name)
    elif cell.kind == "code":
        sheet.write_string(r, c, cell.text, f.code)
    else:
        sheet.write_string(r, c, cell.text, f.name_bold if bold else f.name)


def _column_widths(sheet: Worksheet, grid: Grid) -> None:
    for c in range(grid.width):
        kinds = {row.cells[c].kind for row in grid.body if c < len(row.cells)}
        longest = max((len(row.cells[c].text) for row in grid.body if c < len(row.cells)),
                      default=0)
        if kinds == {"code"}:
            width = max(5.0, longest * 1.1 + 1.5)  # a 7-digit code in one column too
        elif c in grid.amount_columns:
            width = max(12.0, longest * 1.2 + 2)
        else:
            width = min(max(14.0, longest * 2.0 + 2), 44.0)
        sheet.set_column(c, c, width)


def _merge_or_write(sheet: Worksheet, r: int, c: int, rows: int, cols: int, text: str,
                    fmt: Any) -> None:
    if rows > 1 or cols > 1:
        sheet.merge_range(r, c, r + rows - 1, c + cols - 1, text, fmt)
    else:
        sheet.write_string(r, c, text, fmt)


def _sheet_name(table: Table, frame: DocumentFrame, place: int) -> str:
    """The frame's name for a table's sheet (表1, 公开01表): its printed number, else its
    place in print order (a document read without numbers over its tables)."""
    return frame.frame.sheet_name.format(number=table.number or str(place))[:31]


def _table_sheet(book: Workbook, table: Table, grid: Grid, f: Formats,
                 frame: DocumentFrame, name: str) -> None:
    sheet = book.add_worksheet(name)
    last = grid.width - 1
    sheet.merge_range(0, 0, 0, last, table.title, f.title)
    sheet.set_row(0, 30)
    split = max(1, grid.width - 2)
    _merge_or_write(sheet, 1, 0, 1, split, f"{frame.table_owner}：{table.department or ''}", f.meta_left)
    _merge_or_write(sheet, 1, split, 1, grid.width - split, f"单位：{table.unit.value}",
                    f.meta_right)
    top = 2
    for p in place(grid.header):
        _merge_or_write(sheet, top + p.row, p.col, p.cell.rowspan, p.cell.colspan, p.cell.text,
                        f.head)
    r = top + len(grid.header)
    if grid.numbers:
        for c, n in enumerate(grid.numbers):
            sheet.write_string(r, c, n, f.center)
        r += 1
    header_end = r
    for row in grid.body:
        bold = row.kind in ("total", "unit")
        for c, cell in enumerate(row.cells):
            _write_body_cell(sheet, r, c, cell, bold, f)
        r += 1
    if table.empty_statement:
        sheet.merge_range(r + 1, 0, r + 1, last, table.empty_statement, f.note)
        sheet.set_row(r + 1, 36)
    sheet.freeze_panes(header_end, 0)
    _column_widths(sheet, grid)
    _print_setup(sheet, header_end)


def _print_setup(sheet: Worksheet, header_end: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2, header_end - 1)
    sheet.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    sheet.set_footer("&C第 &P 页")


def _perf_sheet(book: Workbook, name: str, pg: PerfGrid, f: Formats) -> None:
    sheet = book.add_worksheet(name)
    last = pg.width - 1
    sheet.merge_range(0, 0, 0, last, pg.title, f.title)
    sheet.set_row(0, 30)
    sheet.merge_range(1, 0, 1, last, f"（{pg.year}年）", f.center_plain)
    top = 2
    for p in place(pg.rows):
        cell = p.cell
        r, c = top + p.row, p.col
        if cell.kind == "amount":
            if cell.colspan > 1:
                sheet.merge_range(r, c, r, c + cell.colspan - 1, "", f.amount)
            if cell.value is None:
                sheet.write_blank(r, c, None, f.amount)
            else:
                sheet.write_number(r, c, _number(cell.value), f.amount)
        elif cell.kind == "weight" and cell.value is not None:
            sheet.write_number(r, c, _number(cell.value), f.center)
        else:
            fmt = f.head if cell.kind == "label" else f.text
            _merge_or_write(sheet, r, c, cell.rowspan, cell.colspan, cell.text, fmt)
    widths = (12, 14, 22, 14, 16, 12, 10, 16, 12) if pg.kind == "project" else (
        12, 14, 26, 16, 18, 10)
    for c, w in enumerate(widths):
        sheet.set_column(c, c, w)
    _print_setup(sheet, top + 1)


def _draft_sheet(book: Workbook, disclosure: Disclosure, note: str) -> None:
    """The first sheet of a workbook built while errors remain: what it is, in red."""
    sheet = book.add_worksheet("草稿")
    sheet.set_tab_color("#CC0000")
    red = {"font_name": FONT, "font_color": "#CC0000", "bold": True}
    sheet.set_column(0, 0, 100)
    sheet.write_string(0, 0, "草  稿", book.add_format({**red, "font_size": 28}))
    sheet.write_string(1, 0, note, book.add_format({**red, "font_size": 12, "text_wrap": True}))
    sheet.write_string(2, 0, disclosure.title, book.add_format({"font_name": FONT}))
    sheet.set_row(0, 40)
    sheet.set_row(1, 36)


def render_xlsx(disclosure: Disclosure, options: XlsxOptions | None = None) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    options = options or XlsxOptions()
    book.set_properties({"title": disclosure.title, "author": disclosure.department,
                         "comments": comments(options.draft), "created": build_time(),
                         "status": "草稿" if options.draft else ""})
    f = Formats(book)
    if options.draft:
        _draft_sheet(book, disclosure, options.draft)
    tables = grids(disclosure)
    frame = document_frame(disclosure)
    overall = disclosure.overall_performance
    perf = [("整体绩效目标" + (str(i) if len(overall) > 1 else ""), f"{p.department}整体绩效目标",
             overall_grid(p)) for i, p in enumerate(overall, 1)]
    perf += [(f"项目绩效{i}", p.project, project_grid(p))
             for i, p in enumerate(disclosure.project_performance, 1)]
    if frame.frame.cover_sheet:
        cover_sheet(book, frame)
    names = {t.id: _sheet_name(t, frame, i) for i, (t, _) in enumerate(tables, 1)}
    taken = {frame.frame.cover_sheet, frame.frame.toc_sheet, "草稿"} | set(names.values()) | {
        name for name, _, _ in perf}
    texts = {p.part.id: sheet_name(p, taken) for p in frame.parts if has_text(p)}
    if frame.frame.toc_sheet:
        toc_sheet(book, frame, [(t.id, names[t.id]) for t, _ in tables],
                  [(name, what) for name, what, _ in perf], texts)
    # the sheets in the frame's order: a part's text, its tables, the performance tables
    tables_left, perf_left = list(tables), list(perf)
    for part in frame.parts:
        kinds = {b.block.kind for b in part.blocks}
        if part.part.id in texts:
            text_sheet(book, texts[part.part.id], part, frame, disclosure)
        if "tables" in kinds:
            for table, grid in tables_left:
                _table_sheet(book, table, grid, f, frame, names[table.id])
            tables_left = []
        if "performance" in kinds:
            for name, _, pg in perf_left:
                _perf_sheet(book, name, pg, f)
            perf_left = []
    for table, grid in tables_left:  # a frame placing none (a parsed document's parts)
        _table_sheet(book, table, grid, f, frame, names[table.id])
    for name, _, pg in perf_left:
        _perf_sheet(book, name, pg, f)
    book.close()
    return out.getvalue()
