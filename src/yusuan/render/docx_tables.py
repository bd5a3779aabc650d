"""DOCX tables written as WordprocessingML directly (used by ``docx.py``).

The layouts come from ``grid.table_grid`` (Part 2) and ``layout.py`` (performance tables);
this module only turns rows of spanning cells into ``w:tbl``: merged cells as ``gridSpan``
and ``vMerge``, header rows marked ``tblHeader`` so Word repeats them on every page, fixed
column widths. python-docx's cell API rescans the table on every access, which made the DOCX
the slowest format; one XML string per table is linear and as readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from yusuan.render.grid import Grid
from yusuan.render.layout import PerfGrid, column_widths, place

EMU_PER_TWIP = 635


@dataclass(frozen=True)
class TCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    align: str = "left"  # ``left`` | ``center`` | ``right`` (w:jc)
    bold: bool = False


def _paragraph(cell: TCell | None, size: int) -> str:
    if cell is None or not cell.text:
        align = cell.align if cell else "left"
        return f'<w:p><w:pPr><w:jc w:val="{align}"/></w:pPr></w:p>'
    bold = "<w:b/><w:bCs/>" if cell.bold else ""
    return (f'<w:p><w:pPr><w:jc w:val="{cell.align}"/></w:pPr><w:r><w:rPr>{bold}'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(cell.text)}</w:t></w:r></w:p>')


def table_xml(rows: Sequence[Sequence[TCell]], widths: Sequence[int], *, size_pt: float,
              header_rows: int = 0) -> str:
    """``w:tbl`` for rows of cells with HTML-style spans; ``widths`` in twips."""
    size = round(size_pt * 2)  # half-points
    slots: dict[tuple[int, int], tuple[bool, TCell]] = {}
    for p in place(rows):
        slots[(p.row, p.col)] = (True, p.cell)
        for dr in range(1, p.cell.rowspan):
            slots[(p.row + dr, p.col)] = (False, p.cell)
    parts = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
             f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
             '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>']
    parts += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    parts.append("</w:tblGrid>")
    for r in range(len(rows)):
        header = "<w:tblHeader/>" if r < header_rows else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        c = 0
        while c < len(widths):
            origin, cell = slots.get((r, c), (True, TCell("")))
            span = min(cell.colspan, len(widths) - c)
            props = f'<w:tcW w:w="{sum(widths[c:c + span])}" w:type="dxa"/>'
            if span > 1:
                props += f'<w:gridSpan w:val="{span}"/>'
            if not origin:
                props += "<w:vMerge/>"
            elif cell.rowspan > 1:
                props += '<w:vMerge w:val="restart"/>'
            props += '<w:vAlign w:val="center"/>'
            parts.append(f"<w:tc><w:tcPr>{props}</w:tcPr>"
                         f"{_paragraph(cell if origin else None, size)}</w:tc>")
            c += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _twips(weights: Sequence[float], total_emu: int) -> list[int]:
    scale = total_emu / EMU_PER_TWIP / sum(weights)
    return [int(w * scale) for w in weights]


def _append(doc: Document, xml: str) -> None:
    doc.element.body._insert_tbl(parse_xml(xml))


ALIGN = {"amount": "right", "code": "center", "label": "center", "weight": "center"}


def budget_table(doc: Document, grid: Grid, width_emu: int) -> None:
    """A Part 2 table: merged header cells, header rows repeated, amounts right-aligned."""
    rows: list[list[TCell]] = [[TCell(h.text, h.colspan, h.rowspan, "center", True)
                                for h in header] for header in grid.header]
    if grid.numbers:
        rows.append([TCell(n, align="center") for n in grid.numbers])
    head = len(rows)
    for body in grid.body:
        bold = body.kind in ("total", "unit")
        rows.append([TCell(c.text, align=ALIGN.get(c.kind, "left"), bold=bold)
                     for c in body.cells])
    _append(doc, table_xml(rows, _twips(column_widths(grid), width_emu),
                           size_pt=8.0 if grid.is_wide else 9.0, header_rows=head))


def perf_table(doc: Document, pg: PerfGrid, width_emu: int) -> None:
    """A performance-target table from its layout (``layout.py``)."""
    rows = [[TCell(c.text, c.colspan, c.rowspan, ALIGN.get(c.kind, "left"), c.kind == "label")
             for c in row] for row in pg.rows]
    _append(doc, table_xml(rows, _twips(pg.widths, width_emu), size_pt=9.0))
