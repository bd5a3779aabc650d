"""The XLSX's text sheets: a sheet for each part of the frame that prints text (上海's budget
workbook: 职能, 机构设置, 名词解释, 编制说明, 其他相关情况说明, 项目经费情况说明; 江苏 and
新疆: 部门概况, 情况说明, 名词解释), in the frame's order among the table sheets, each named
after its 目录 line without the numbering. A sheet holds the part's heading, each block's
heading and its paragraphs, one a row, wrapped in one wide column, each row as high as its
wrapped lines — the same text the PDF and DOCX print.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator

from xlsxwriter.workbook import Workbook

from yusuan.model.disclosure import Disclosure
from yusuan.reference.numerals import strip_numbering
from yusuan.render.frame import DocumentFrame, PlacedBlock, PlacedPart

TEXT_KINDS = ("functions", "organisation", "tasks", "basis", "narrative", "glossary")
WIDTH = 110  # column A, in characters of the default font: about 52 CJK characters at 12 pt
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分\s*")
_NOT_IN_NAME = re.compile(r"[\[\]:*?/\\：]")
MAX_NAME = 31  # Excel's limit on a sheet's name


def has_text(part: PlacedPart) -> bool:
    return any(b.block.kind in TEXT_KINDS for b in part.blocks)


def sheet_name(part: PlacedPart, taken: set[str]) -> str:
    """``二、部门机构设置`` → ``部门机构设置``; ``第三部分 2019年度部门预算情况说明`` →
    ``2019年度部门预算情况说明``; unique among ``taken`` (which it joins)."""
    text = part.toc.text if part.toc else part.heading or part.part.id
    base = _NOT_IN_NAME.sub("", strip_numbering(_PART.sub("", text)).strip())[:MAX_NAME]
    name, n = base or part.part.id, 1
    while name in taken:
        n += 1
        name = f"{base[:MAX_NAME - len(str(n)) - 1]}_{n}"
    taken.add(name)
    return name


def _block_rows(b: PlacedBlock, frame: DocumentFrame, d: Disclosure,
                level: str) -> Iterator[tuple[str, str]]:
    kind = b.block.kind
    if kind == "narrative":
        for _, s in b.sections:
            yield (f"{s.number}、{s.title}" if s.number else s.title), level
            for paragraph in s.paragraphs:
                if paragraph and paragraph[0].kind != "performance_tables":
                    kind_ = "heading" if paragraph[0].kind == "heading" else "text"
                    yield "".join(x.text for x in paragraph), kind_
        return
    if b.heading:
        yield b.heading, level
    if kind == "functions":
        yield from ((t, "text") for t in d.overview.functions_intro)
        yield from ((frame.item(b.block, i, text=f), "text")
                    for i, f in enumerate(d.overview.functions, 1))
    elif kind == "organisation":
        yield from ((t, "text") for t in d.organisation_paragraphs)
    elif kind in ("tasks", "basis"):
        yield from ((t, "text") for t in getattr(d.overview, kind))
    elif kind == "glossary":
        yield from ((f"{frame.item(b.block, i)}{t.term}：{t.definition}", "text")
                    for i, t in enumerate(d.glossary, 1))


def part_rows(part: PlacedPart, frame: DocumentFrame, d: Disclosure) -> list[tuple[str, str]]:
    """(text, ``title`` / ``heading`` / ``text``) of a part's text, in print order."""
    rows = [(part.heading, "title")] if part.heading else []
    level = "heading" if part.heading else "title"
    for b in part.blocks:
        if b.block.kind in TEXT_KINDS:
            rows += _block_rows(b, frame, d, level)
    return rows


def _lines(text: str) -> int:
    wide = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return max(1, math.ceil(wide / (WIDTH * 0.95)))


def text_sheet(book: Workbook, name: str, part: PlacedPart, frame: DocumentFrame,
               d: Disclosure) -> None:
    sheet = book.add_worksheet(name)
    sheet.set_column(0, 0, WIDTH)
    base = {"font_name": "宋体", "text_wrap": True, "valign": "top"}
    formats = {"title": book.add_format({**base, "font_size": 16, "bold": True, "align": "center",
                                         "font_name": "黑体"}),
               "heading": book.add_format({**base, "font_size": 12, "bold": True}),
               "text": book.add_format({**base, "font_size": 12})}
    for r, (text, style) in enumerate(part_rows(part, frame, d)):
        sheet.write_string(r, 0, text, formats[style])
        size = 16 if style == "title" else 12
        sheet.set_row(r, _lines(text) * size * 1.45 + 4)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.6, right=0.6, top=0.7, bottom=0.7)
    sheet.set_footer("&C第 &P 页")
