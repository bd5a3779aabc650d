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
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from yusuan.model.disclosure import Disclosure, Sentence, Table
from yusuan.narrative.numbers import chinese_date, chinese_number
from yusuan.narrative.part1 import organisation_paragraphs
from yusuan.render.docx_parts import (
    add_field,
    page_setup,
    set_core_properties,
    setup_styles,
    text_width,
    update_fields_on_open,
)
from yusuan.render.docx_tables import budget_table, perf_table
from yusuan.render.grid import Grid
from yusuan.render.html import grids
from yusuan.render.layout import PerfGrid, overall_grid, project_grid

DRAFT_RED = RGBColor(0xCC, 0x00, 0x00)


@dataclass(frozen=True)
class DocxOptions:
    draft: str = ""  # the 草稿 note while errors remain: on the cover and in every header


class Writer:
    """Appends blocks to a document, starting landscape/portrait sections as tables need."""

    def __init__(self, disclosure: Disclosure, draft: str = "") -> None:
        self.d = disclosure
        self.draft = draft
        self.doc: Document = docx.Document()
        setup_styles(self.doc)
        update_fields_on_open(self.doc)
        section = self.doc.sections[0]
        page_setup(section, landscape=False)
        self.landscape = False
        self._page_furniture()

    def _page_furniture(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True  # the cover has none
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.draft:
            mark = header.add_run("【草稿】")
            mark.font.size, mark.font.bold, mark.font.color.rgb = Pt(9), True, DRAFT_RED
        header.add_run(self.d.title).font.size = Pt(9)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("- ")
        add_field(footer, "PAGE", "1")
        footer.add_run(" -")

    def new_page(self, landscape: bool = False) -> Paragraph | None:
        """Start a new page; a new section when the orientation changes. Returns a paragraph
        to carry the page break when no section break was needed."""
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

    # -- parts -------------------------------------------------------------------------
    def cover(self) -> None:
        d = self.d
        blank = 8
        if self.draft:
            for text, size in (("草  稿", 28), (self.draft, 12)):
                run = self.para(text, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER).runs[0]
                run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, DRAFT_RED
            blank -= 2
        for _ in range(blank):
            self.doc.add_paragraph()
        self.para(d.department, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=26,
                  bold=True)
        self.para(f"{d.year}年{d.edition}公开", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER,
                  size=22)
        if d.published_on:
            for _ in range(10):
                self.doc.add_paragraph()
            self.para(chinese_date(d.published_on), indent=False,
                      align=WD_ALIGN_PARAGRAPH.CENTER, size=15)

    def toc(self) -> None:
        p = self.new_page()
        assert p is not None
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run("目  录")
        run.font.size, run.font.bold = Pt(16), True
        add_field(self.doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u',
                  "（打开文件时更新域即生成目录）")

    def part1(self) -> None:
        d = self.d
        self.heading(f"第一部分 {d.year}年{d.department}部门概况", 1, self.new_page())
        self.heading("一、主要职能", 2)
        for i, f in enumerate(d.overview.functions, 1):
            self.para(f"（{chinese_number(i)}）{f}")
        self.heading("二、机构设置及人员情况", 2)
        for text in organisation_paragraphs(d.department, d.year, d.edition, d.overview):
            self.para(text)

    def part2(self) -> None:
        d = self.d
        for i, (table, grid) in enumerate(grids(d)):
            start = self.new_page(grid.is_wide)
            if i == 0:
                self.heading(f"第二部分 {d.year}年{d.edition}公开表", 1, start)
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
        meta.add_run(f"编制部门：{table.department or ''}\t单位：{table.unit.value}").font.size = (
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
        """A performance table on a page of its own, except a first portrait one: it follows
        the text introducing it (a page break there left a nearly blank page)."""
        same_page = follows_text and not pg.is_wide and not self.landscape
        start = None if same_page else self.new_page(pg.is_wide)
        title = self.heading(pg.title, 3, start)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        year = self.para(f"（{pg.year}年）", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        title.paragraph_format.keep_with_next = year.paragraph_format.keep_with_next = True
        perf_table(self.doc, pg, self.width)

    def part3(self) -> None:
        d = self.d
        perf_done = False
        if d.narrative:
            self.heading(f"第三部分 {d.year}年{d.edition}情况说明", 1, self.new_page())
            for section in d.narrative:
                if self.landscape:
                    self.new_page(False)
                self.heading(f"{section.number}、{section.title}" if section.number else section.title, 2)
                for paragraph in section.paragraphs:
                    perf_done = self.narrative_paragraph(paragraph) or perf_done
        if not perf_done and (d.overall_performance or d.project_performance):
            if d.narrative:
                self.heading("预算绩效目标表", 2)
            else:
                self.heading("预算绩效目标表", 1, self.new_page())
            self.performance()

    def narrative_paragraph(self, paragraph: tuple[Sentence, ...]) -> bool:
        """Write one paragraph; True when it is where the performance tables go."""
        if not paragraph:
            return False
        text = "".join(s.text for s in paragraph)
        kind = paragraph[0].kind
        if kind == "performance_tables":
            self.performance()
            return True
        if self.landscape:  # text after a landscape table goes back to portrait pages
            self.new_page(False)
        if kind == "heading":
            self.heading(text, 3)
        else:
            self.para(text)
        return False

    def part4(self) -> None:
        d = self.d
        if not d.glossary:
            return
        self.heading("第四部分 名词解释", 1, self.new_page(False))
        for i, term in enumerate(d.glossary, 1):
            p = self.para(f"{chinese_number(i)}、{term.term}：", bold=True)
            p.add_run(term.definition)

    def signature(self) -> None:
        self.doc.add_paragraph()
        self.para(self.d.department, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if self.d.published_on:
            self.para(chinese_date(self.d.published_on), indent=False,
                      align=WD_ALIGN_PARAGRAPH.RIGHT)


def render_docx(disclosure: Disclosure, options: DocxOptions | None = None) -> bytes:
    options = options or DocxOptions()
    w = Writer(disclosure, options.draft)
    set_core_properties(w.doc, disclosure, options.draft)
    w.cover()
    w.toc()
    w.part1()
    w.part2()
    w.part3()
    w.part4()
    w.signature()
    out = io.BytesIO()
    w.doc.save(out)
    return out.getvalue()
