"""The cover of a published document as printed: its lines in order, each with where it stands
(centred, set left or right, and how far in) and whether it is set large (the department or
the title) or smaller.

Which lines are the cover: a PDF's first page; a text or DOCX file's lines before the 目录;
an XLSX's 封面 sheet. A first page that holds the 目录 itself is a document printed without a
cover (``()``); a first page with no readable text (a cover set as a picture), a table or a
page of prose is no cover that can be read (``None``: the region's cover is printed).

Where a line stands is read from its extent on the page (PDF; the page width comes with the
line). A file without positions (text, DOCX, XLSX) gives its lines centred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from yusuan.model.cover import CoverLine
from yusuan.parse.lines import Line

MOST_LINES = 10  # more lines than a cover prints: a page of text, not a cover
CENTRE = 0.05  # a line whose middle is this share of the page width off the page's middle
INDENTED = 4  # a line starting at most this many of its characters right of one set left
MM_PER_POINT = 25.4 / 72
BIG = 0.65  # a line set this share of the largest cover line's size or larger: large type
_PAGE_NUMBER = re.compile(r"^[-—–]?\d{1,3}[-—–]?$|^第\d{1,3}页(共\d{1,4}页)?$")
_DATE = re.compile(r"^(\d{4}|[〇○零一二三四五六七八九]{4})年.{1,3}月(.{1,3}日)?$")
_TABLE = re.compile(r"^(公开)?\d{1,2}表$|^表[一二三四五六七八九十\d]{1,3}$")
_AMOUNT = re.compile(r"^-?[\d,]*\d[.,]\d+$")  # a figure with separators or decimals: a table
_DRAFT = ("草稿", "草 稿")


def _is_toc(line: Line) -> bool:
    return line.label == "目录"


def _candidates(lines: Sequence[Line]) -> tuple[Line, ...] | None:
    """The lines that could be the cover; ``()`` where the document starts with its 目录."""
    # an XLSX: its first sheet (the document's title from its properties stands before it)
    first = next((x for x in lines[:2] if x.sheet is not None), lines[0])
    if first.sheet is not None:
        return tuple(x for x in lines if x.sheet == first.sheet) if "封面" in first.sheet else None
    if first.page is not None:
        if first.page != 1:
            return None  # page 1 holds no text that can be read
        return tuple(x for x in lines if x.page == 1)
    head = list(lines[:MOST_LINES + 1])
    at = next((i for i, x in enumerate(head) if _is_toc(x)), None)
    return tuple(head[:at]) if at is not None else None


def _align(line: Line, anchor: float | None, em: float) -> tuple[str, str]:
    """Centred, or set left (with how far in from the leftmost line set left, in mm), or
    set right."""
    width = line.page_width
    if not width:
        return "center", ""
    x0, x1 = line.cells[0].x0, line.cells[-1].x1
    if abs((x0 + x1) / 2 - width / 2) <= CENTRE * width:
        return "center", ""
    if anchor is not None and x0 - anchor <= INDENTED * em:
        mm = round((x0 - anchor) * MM_PER_POINT)
        return "left", f"{mm}mm" if mm >= 2 else ""
    return ("right", "") if (x0 + x1) / 2 > width / 2 else ("left", "")


def read_cover(lines: Sequence[Line]) -> tuple[CoverLine, ...] | None:
    """The cover's lines as printed, ``()`` for a document printed without one, ``None`` where
    no cover can be read."""
    if not lines:
        return None
    found = _candidates(lines)
    if found is None:
        return None
    if any(_is_toc(x) for x in found) or (not found and lines[0].page is None):
        return ()
    kept = [x for x in found if x.cells and not _PAGE_NUMBER.match(x.label)
            and not x.label.startswith(_DRAFT) and not x.label.startswith("生成的文件")]
    if not kept or len(kept) > MOST_LINES or any(
            _TABLE.match(x.label) or any(_AMOUNT.match(c.label) for c in x.cells) for x in kept):
        return None
    sizes = [x.height for x in kept]
    even = max(sizes) - min(sizes) <= 0.1 * max(sizes)
    lefts = [x.cells[0].x0 for x in kept if x.page_width
             and (x.cells[0].x0 + x.cells[-1].x1) / 2 < x.page_width * (0.5 - CENTRE)]
    anchor = min(lefts) if lefts else None
    out = []
    for i, x in enumerate(kept):
        text = " ".join(c.text.strip() for c in x.cells)
        big = i == 0 if even else x.height >= BIG * max(sizes)
        style = "date" if _DATE.match(x.label) else "dept" if big else "doc"
        align, indent = _align(x, anchor, x.height)
        out.append(CoverLine(text, style, align, indent))
    return tuple(out)
