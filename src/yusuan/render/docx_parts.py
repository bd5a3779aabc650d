"""Building blocks of the DOCX renderer: fonts and styles, fields, page setup, tables.

Used by ``docx.py`` only. python-docx covers paragraphs and tables; what it lacks (East
Asian fonts on styles, repeated header rows, PAGE/TOC fields) is set here on the XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from yusuan.render.grid import Grid
from yusuan.render.layout import PerfGrid, column_widths, place

BODY_FONT = "宋体"  # SimSun
HEADING_FONT = "黑体"  # SimHei
LATIN_FONT = "Times New Roman"
A4 = (Mm(210), Mm(297))


def set_fonts(element: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Explicit fonts on a style's or run's ``rPr`` (theme fonts removed: they would win)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def setup_styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    set_fonts(normal.element, BODY_FONT)
    normal.font.size = Pt(12)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name, size, align in (("Heading 1", 16, WD_ALIGN_PARAGRAPH.CENTER),
                              ("Heading 2", 14, None), ("Heading 3", 12, None),
                              ("Title", 22, WD_ALIGN_PARAGRAPH.CENTER)):
        style = doc.styles[name]
        set_fonts(style.element, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.space_before = Pt(12)
        fmt.space_after = Pt(6)
        if align is not None:
            fmt.alignment = align
    title = doc.styles["Title"].element.get_or_add_pPr()
    for border in title.findall(qn("w:pBdr")):
        title.remove(border)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (``PAGE``, ``TOC …``); Word computes its result when it lays out."""
    def char(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = paragraph.add_run()
    run._r.append(char("begin"))
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


def update_fields_on_open(doc: Document) -> None:
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    doc.settings.element.append(el)


def page_setup(section: Section, landscape: bool) -> None:
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(18)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        section.left_margin, section.right_margin = Mm(25), Mm(22)


def text_width(section: Section) -> int:
    width, left, right = section.page_width, section.left_margin, section.right_margin
    assert width is not None and left is not None and right is not None  # set by page_setup
    return int(width - left - right)


def mark_header_row(row: Any) -> None:
    """``w:tblHeader``: Word repeats the row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
    cant = OxmlElement("w:cantSplit")
    tr_pr.append(cant)


def write_cell(cell: _Cell, text: str, size: float, *, bold: bool = False,
               align: Any = WD_ALIGN_PARAGRAPH.LEFT) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold or None
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _new_table(doc: Document, rows: int, cols: int,
               widths: Sequence[int]) -> tuple[DocxTable, list[list[_Cell]]]:
    """A bordered table and its cells by (row, column), taken before any merge (python-docx's
    ``table.cell`` rescans the whole table on every call)."""
    table = doc.add_table(rows=rows, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    cells = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            tc.width = width
            row.append(_Cell(tc, table))
        cells.append(row)
    return table, cells


def _merged(cells: list[list[_Cell]], r: int, c: int, rowspan: int, colspan: int) -> _Cell:
    """The cell at (r, c) merged over its span (spans never overlap, so the corners of a later
    merge are still in place after the earlier ones)."""
    cell = cells[r][c]
    if rowspan > 1 or colspan > 1:
        cell = cell.merge(cells[r + rowspan - 1][c + colspan - 1])
    return cell


def _widths(weights: Sequence[float], total: int) -> list[int]:
    scale = total / sum(weights)
    return [int(w * scale) for w in weights]


def budget_table(doc: Document, grid: Grid, width: int) -> DocxTable:
    """A Part 2 table from its grid: merged header cells, repeated header rows, amounts right."""
    size = 8.0 if grid.is_wide else 9.0
    head_rows = len(grid.header) + (1 if grid.numbers else 0)
    table, cells = _new_table(doc, head_rows + len(grid.body), grid.width,
                              _widths(column_widths(grid), width))
    for p in place(grid.header):
        cell = _merged(cells, p.row, p.col, p.cell.rowspan, p.cell.colspan)
        write_cell(cell, p.cell.text, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if grid.numbers:
        for cell, n in zip(cells[len(grid.header)], grid.numbers, strict=True):
            write_cell(cell, n, size, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i in range(head_rows):
        mark_header_row(table.rows[i])
    for row, body_row in zip(cells[head_rows:], grid.body, strict=True):
        bold = body_row.kind in ("total", "unit")
        for cell, body_cell in zip(row, body_row.cells, strict=True):
            align = {"amount": WD_ALIGN_PARAGRAPH.RIGHT,
                     "code": WD_ALIGN_PARAGRAPH.CENTER}.get(body_cell.kind,
                                                             WD_ALIGN_PARAGRAPH.LEFT)
            write_cell(cell, body_cell.text, size, bold=bold, align=align)
    return table


def perf_table(doc: Document, pg: PerfGrid, width: int) -> DocxTable:
    """A performance-target table from its layout (``layout.py``)."""
    table, cells = _new_table(doc, len(pg.rows), pg.width, _widths(pg.widths, width))
    for p in place(pg.rows):
        cell = _merged(cells, p.row, p.col, p.cell.rowspan, p.cell.colspan)
        align = {"label": WD_ALIGN_PARAGRAPH.CENTER, "amount": WD_ALIGN_PARAGRAPH.RIGHT,
                 "weight": WD_ALIGN_PARAGRAPH.CENTER}.get(p.cell.kind, WD_ALIGN_PARAGRAPH.LEFT)
        write_cell(cell, p.cell.text, 9.0, bold=p.cell.kind == "label", align=align)
    return table
