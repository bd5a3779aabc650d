"""``Disclosure`` → DOCX (Word): the whole document, editable, as departments hand it in.

A renderer of ``yusuan build``, parallel to the HTML/PDF one and fed by the same layouts
(``grid.table_grid`` for Part 2, ``layout.py`` for the performance tables). Cover, TOC field,
Part 1 text, every table (merged header cells, header rows repeated on each page, amounts
right-aligned; wide tables in landscape sections), Part 3 narrative with the performance
tables where it says, Part 4 glossary; page numbers in the footer. Building blocks are in
``docx_parts.py``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from yusuan.model.dates import build_time, chinese_date
from yusuan.model.disclosure import Disclosure, Sentence, Table
from yusuan.render.docx_parts import (
    BODY_FONT,
    add_field,
    page_setup,
    set_core_properties,
    set_fonts,
    setup_styles,
    text_width,
    update_fields_on_open,
)
from yusuan.render.docx_tables import budget_table, perf_table
from yusuan.render.frame import DocumentFrame, PlacedBlock, PlacedPart, document_frame
from yusuan.render.grid import Grid
from yusuan.render.html import grids
from yusuan.render.layout import PerfGrid, overall_grid, project_grid
from yusuan.render.properties import stamped

DRAFT_RED = RGBColor(0xCC, 0x00, 0x00)


@dataclass(frozen=True)
class DocxOptions:
    draft: str = ""  # the 草稿 note while errors remain: on the cover and in every header


COVER_SIZES = {"dept": (26, True), "doc": (22, False), "date": (15, False),
               "title": (26, True), "owner": (16, False)}
COVER_GAPS = {"date": 10, "owner": 3}  # empty lines above such a cover line
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT}


def length(text: str, size: float) -> Length:
    """A frame length (``2em``, ``15mm``) in a paragraph of ``size`` points."""
    number = float(text[:-2])
    return Pt(number * size) if text.endswith("em") else Mm(number)


class Writer:
    """Appends blocks to a document, starting landscape/portrait sections as tables need."""

    def __init__(self, disclosure: Disclosure, frame: DocumentFrame, draft: str = "") -> None:
        self.d = disclosure
        self.frame = frame
        self.page = frame.frame.page
        self.text_landscape = self.page.text == "landscape"
        self.draft = draft
        self.doc: Document = docx.Document()
        setup_styles(self.doc)
        self._region_type()
        update_fields_on_open(self.doc)
        section = self.doc.sections[0]
        page_setup(section, landscape=self.text_landscape)
        self.landscape = self.text_landscape
        self._page_furniture()

    def _region_type(self) -> None:
        """The frame's type on Word's styles: 上海 headings in 宋体, not bold; 江苏's text
        size (the same as the HTML's, ``frame.style_css``)."""
        style = dict(self.frame.frame.style)
        if style.get("headings") == "serif":
            for name in ("Heading 1", "Heading 2", "Heading 3"):
                set_fonts(self.doc.styles[name].element, BODY_FONT)
                self.doc.styles[name].font.bold = False
        if "text_size" in style:
            self.doc.styles["Normal"].font.size = Pt(float(style["text_size"][:-2]))

    def _page_furniture(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True  # the cover has none
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.draft:
            mark = header.add_run("【草稿】")
            mark.font.size, mark.font.bold, mark.font.color.rgb = Pt(9), True, DRAFT_RED
        if self.page.running_title:
            header.add_run(self.d.title).font.size = Pt(9)
        if self.page.page_number:
            footer = section.footer.paragraphs[0]
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            before, _, after = self.page.page_number.partition("{page}")
            if before:
                footer.add_run(before)
            add_field(footer, "PAGE", "1")
            if after:
                footer.add_run(after)

    def new_page(self, landscape: bool | None = None) -> Paragraph | None:
        """Start a new page (text pages' orientation unless told); a new section when the
        orientation changes. Returns a paragraph to carry the page break when no section
        break was needed."""
        if landscape is None:
            landscape = self.text_landscape
        if landscape != self.landscape:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            section.different_first_page_header_footer = False  # only the cover's is blank
            page_setup(section, landscape)
            self.landscape = landscape
            return None
        p = self.doc.add_paragraph()
        p.paragraph_format.page_break_before = True
        return p

    @property
    def width(self) -> int:
        return text_width(self.doc.sections[-1])

    def heading(self, text: str, level: int, paragraph: Paragraph | None = None) -> Paragraph:
        if paragraph is None:
            return self.doc.add_heading(text, level)
        paragraph.style = self.doc.styles[f"Heading {level}"]
        paragraph.add_run(text)
        return paragraph

    def para(self, text: str, *, indent: bool = True, align: Any = None,
             size: float | None = None, bold: bool = False) -> Paragraph:
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing = 1.5
        if indent:
            fmt.first_line_indent = Pt(24)
        if align is not None:
            p.alignment = align
        run = p.add_run(text)
        if size:
            run.font.size = Pt(size)
        run.font.bold = bold or None
        return p

    # -- the frame ---------------------------------------------------------------------
    def cover(self) -> None:
        if not self.frame.cover and not self.draft:  # printed without one: 目录 on page 1
            self.doc.sections[0].different_first_page_header_footer = False
            return
        top = self.frame.frame.cover_top  # an empty 16 pt line is about 8.5 mm
        blank = (round(float(top[:-2]) / 8.5) if top.endswith("mm") else
                 5 if self.text_landscape else 8)
        if self.draft:
            for text, size in (("草  稿", 28), (self.draft, 12)):
                run = self.para(text, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER).runs[0]
                run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, DRAFT_RED
            blank -= 2
        for line in self.frame.cover:
            gap = COVER_GAPS.get(line.style, 0)
            for _ in range(blank + (gap // 2 if self.text_landscape else gap)):
                self.doc.add_paragraph()
            blank = 0
            size, bold = COVER_SIZES.get(line.style, (16, False))
            p = self.para(line.text, indent=False, align=ALIGN[line.align], size=size,
                          bold=bold)
            if line.indent:
                edge = length(line.indent, size)
                if line.align == "right":
                    p.paragraph_format.right_indent = edge
                else:
                    p.paragraph_format.left_indent = edge

    def toc(self) -> None:
        p = self.new_page() if self.doc.paragraphs else self.doc.add_paragraph()
        assert p is not None
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(self.frame.frame.toc_title.replace(" ", "  "))
        run.font.size, run.font.bold = Pt(16), True
        if self.frame.frame.toc_page_numbers:
            add_field(self.doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u',
                      "（打开文件时更新域即生成目录）")
            return
        indent = self.frame.frame.toc_indent
        for line in self.frame.toc:  # the 目录 as the region prints it: lines, no numbers
            self.para(line.text, indent=False, bold=not indent)
            for child in line.children:
                self.para(child.text, indent=indent)

    def part(self, part: PlacedPart) -> None:
        blocks = part.blocks
        start: Paragraph | None = None
        if blocks[0].block.kind != "tables":
            start = self.new_page()
            if part.heading:
                self.heading(part.heading, 1, start)
                start = None
        for b in blocks:
            self.block(b, part, start)
            start = None

    def block(self, b: PlacedBlock, part: PlacedPart, start: Paragraph | None) -> None:
        d = self.d
        level = 2 if part.heading else 1
        kind = b.block.kind
        if kind == "tables":
            self.tables(part)
            return
        if kind == "narrative":
            self.narrative(b, part, start)
            return
        if self.landscape != self.text_landscape:  # text after a landscape table
            start = self.new_page()
        if b.heading:
            self.heading(b.heading, level, start)
        if kind == "functions":
            for text in d.overview.functions_intro:
                self.para(text)
            for i, f in enumerate(d.overview.functions, 1):
                self.para(self.frame.item(b.block, i, text=f))
        elif kind == "organisation":
            for text in d.organisation_paragraphs:
                self.para(text)
        elif kind in ("tasks", "basis"):
            for text in getattr(d.overview, kind):
                self.para(text)
        elif kind == "performance":
            self.performance()
        elif kind == "glossary":
            for i, term in enumerate(d.glossary, 1):
                p = self.para(f"{self.frame.item(b.block, i)}{term.term}：", bold=True)
                p.add_run(term.definition)

    def tables(self, part: PlacedPart) -> None:
        flow = self.page.table_break == "flow"
        for i, (table, grid) in enumerate(grids(self.d)):
            landscape = (self.page.tables == "landscape"
                         or (grid.is_wide and self.page.tables == "by-width"))
            if i and flow and landscape == self.landscape:
                start: Paragraph | None = self.doc.add_paragraph()
            else:
                start = self.new_page(landscape)
            if i == 0 and part.heading:
                self.heading(part.heading, 1, start)
                start = None
            self.budget_table(table, grid, start)

    def budget_table(self, table: Table, grid: Grid, start: Paragraph | None) -> None:
        if table.number and grid.show_number:
            p = start or self.doc.add_paragraph()
            p.add_run(table.number).font.size = Pt(10.5)
            start = None
        self.heading(table.title, 2, start).alignment = WD_ALIGN_PARAGRAPH.CENTER
        meta = self.doc.add_paragraph()
        meta.paragraph_format.tab_stops.add_tab_stop(self.width, WD_TAB_ALIGNMENT.RIGHT)
        owner = self.frame.table_owner
        meta.add_run(f"{owner}：{table.department or ''}\t单位：{table.unit.value}").font.size = (
            Pt(10.5))
        budget_table(self.doc, grid, self.width)
        if table.empty_statement:
            self.para(table.empty_statement)

    def performance(self) -> None:
        grids_ = [overall_grid(p) for p in self.d.overall_performance] + [
            project_grid(p) for p in self.d.project_performance]
        for i, pg in enumerate(grids_):
            self.perf_table(pg, follows_text=i == 0)

    def perf_table(self, pg: PerfGrid, follows_text: bool = False) -> None:
        """A performance table on a page of its own, except a first one on a text page: it
        follows the text introducing it (a page break there left a nearly blank page)."""
        fits = not pg.is_wide or self.text_landscape  # on the text's pages as they are
        same_page = follows_text and fits and self.landscape == self.text_landscape
        start = None if same_page else self.new_page(pg.is_wide or self.text_landscape)
        title = self.heading(pg.title, 3, start)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        year = self.para(f"（{pg.year}年）", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        title.paragraph_format.keep_with_next = year.paragraph_format.keep_with_next = True
        perf_table(self.doc, pg, self.width)

    def narrative(self, b: PlacedBlock, part: PlacedPart, start: Paragraph | None) -> None:
        for _, section in b.sections:
            if self.landscape != self.text_landscape:
                start = self.new_page()
            title = f"{section.number}、{section.title}" if section.number else section.title
            self.heading(title, 2 if section.number or part.heading else 1, start)
            start = None
            for paragraph in section.paragraphs:
                self.narrative_paragraph(paragraph)

    def narrative_paragraph(self, paragraph: tuple[Sentence, ...]) -> None:
        if not paragraph:
            return
        text = "".join(s.text for s in paragraph)
        kind = paragraph[0].kind
        if kind == "performance_tables":
            self.performance()
            return
        if self.landscape != self.text_landscape:  # text after a landscape table
            self.new_page()
        if kind == "heading":
            self.heading(text, 3)
        else:
            self.para(text)

    def signature(self) -> None:
        self.doc.add_paragraph()
        self.para(self.d.department, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if self.d.published_on:
            self.para(chinese_date(self.d.published_on), indent=False,
                      align=WD_ALIGN_PARAGRAPH.RIGHT)


def render_docx(disclosure: Disclosure, options: DocxOptions | None = None) -> bytes:
    options = options or DocxOptions()
    w = Writer(disclosure, document_frame(disclosure), options.draft)
    set_core_properties(w.doc, disclosure, options.draft)
    w.cover()
    w.toc()
    for part in w.frame.parts:
        w.part(part)
    if w.frame.frame.signature:
        w.signature()
    out = io.BytesIO()
    w.doc.save(out)
    return stamped(out.getvalue(), build_time())
