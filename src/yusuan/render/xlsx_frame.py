"""The XLSX's 封面 and 目录 sheets, as the region's frame names them (上海's budget workbook
opens with both): the cover lines as the frame sets them, and a 目录 of the sheets that
follow — the tables under their part's line, the performance tables — each a link to its
sheet. A frame without ``sheets`` (新疆) gives a workbook that starts with the tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from xlsxwriter.workbook import Workbook

from yusuan.render.frame import DocumentFrame

# the budget workbook's cover: 36 pt 楷体 title on row 3, the owner in 18 pt on row 9
COVER_TYPE = {"title": (36, True, "楷体_GB2312"), "dept": (28, True, "黑体"),
              "doc": (22, False, "黑体"), "owner": (18, False, "楷体_GB2312"),
              "date": (15, False, "宋体")}
COVER_GAP = {"doc": 1, "title": 1, "owner": 5, "date": 8}  # rows above a line of that style
COVER_WIDTH = 13  # A:M merged, as in the budget workbook
TOC_FONT = "仿宋_GB2312"


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


INDENT_MM = 6  # about one indent level of a cell (three characters of the default font)


def _indent(length: str) -> int:
    """A cover line's indent (``2em``, ``17mm``) as the cell's indent level."""
    if not length:
        return 0
    number = float(length[:-2])
    return int(number) if length.endswith("em") else round(number / INDENT_MM)


def cover_sheet(book: Workbook, frame: DocumentFrame) -> None:
    sheet = book.add_worksheet(frame.frame.cover_sheet)
    r = 2
    for i, line in enumerate(frame.cover):
        size, bold, font = COVER_TYPE.get(line.style, (16, False, "宋体"))
        if i:
            r += COVER_GAP.get(line.style, 1)
        indent = _indent(line.indent)
        fmt = book.add_format({"font_name": font, "font_size": size, "bold": bold,
                               "align": line.align, "valign": "vcenter", "indent": indent})
        sheet.merge_range(r, 0, r, COVER_WIDTH - 1, line.text, fmt)
        sheet.set_row(r, size * 1.3)
        r += 1
    sheet.set_paper(9)
    sheet.hide_gridlines(2)


def toc_sheet(book: Workbook, frame: DocumentFrame, tables: Sequence[tuple[str, str]],
              performance: Sequence[tuple[str, str]],
              texts: Mapping[str, str] | None = None) -> None:
    """``tables``: (table id, its sheet) in print order; ``performance``: (sheet, what it
    holds) of the performance tables; ``texts``: part id → the sheet of its text. A part is
    listed when it has sheets in this workbook (its own line links to its text sheet), and
    under it each of its table and performance sheets."""
    sheet = book.add_worksheet(frame.frame.toc_sheet)
    sheet.set_column(0, 0, 118)
    title = book.add_format({"font_name": "宋体", "font_size": 20, "align": "center"})
    plain = book.add_format({"font_name": TOC_FONT, "font_size": 14})
    link = book.add_format({"font_name": TOC_FONT, "font_size": 14, "font_color": "#000000"})
    sheet.write_string(0, 0, frame.frame.toc_title.replace(" ", "  "), title)
    of_table = dict(tables)
    rows: list[tuple[str, str]] = []  # (text, sheet it links to or "")
    for part in frame.parts:
        kinds = {b.block.kind for b in part.blocks}
        lines: list[tuple[str, str]] = []
        if "tables" in kinds and part.toc is not None:
            lines += [("    " + c.text, of_table.get(c.target.removeprefix("table-"), ""))
                      for c in part.toc.children if c.target.startswith("table-")]
        if "performance" in kinds and performance:
            if kinds == {"performance"}:
                lines.append(("", performance[0][0]))  # the part's own line links to them
            else:
                heading = next(b.heading for b in part.blocks if b.block.kind == "performance")
                lines.append(("    " + (heading or "绩效目标"), performance[0][0]))
            lines += [("        " + what, name) for name, what in performance]
        text_sheet = (texts or {}).get(part.part.id, "")
        if not lines and not text_sheet:
            continue
        own = text_sheet or next((s for text, s in lines if not text), "")
        rows.append((part.toc.text if part.toc else part.heading, own))
        rows += [(text, s) for text, s in lines if text]
    for r, (text, target) in enumerate(rows, 3):
        _line(sheet, r, text, target, plain, link)
        sheet.set_row(r, 21)
    sheet.set_paper(9)


def _line(sheet: Any, r: int, text: str, target: str, plain: Any, link: Any) -> None:
    if target:
        sheet.write_url(r, 0, f"internal:{_quoted(target)}!A1", link, string=text)
    else:
        sheet.write_string(r, 0, text, plain)
