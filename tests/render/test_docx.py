"""The DOCX, read back with python-docx: tables equal their grids, merged and repeated header
cells, East Asian fonts, landscape sections for wide tables, page numbers, the text parts."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from tests.render.reading import compact
from yusuan.render.html import grids
from yusuan.render.layout import overall_grid, place, project_grid


def all_grids(d):
    return ([g for _, g in grids(d)] + [overall_grid(p) for p in d.overall_performance]
            + [project_grid(p) for p in d.project_performance])


def test_tables_equal_their_grids(narrated_docx, narrated):
    laid = grids(narrated)
    tables = narrated_docx.tables
    assert len(tables) == len(laid) + 5
    for (table, grid), doc_table in zip(laid, tables, strict=False):
        head = len(grid.header) + (1 if grid.numbers else 0)
        assert len(doc_table.rows) == head + len(grid.body), table.title
        for p in place(grid.header):
            cell = doc_table.cell(p.row, p.col)
            assert cell.text == p.cell.text
            far = doc_table.cell(p.row + p.cell.rowspan - 1, p.col + p.cell.colspan - 1)
            assert far._tc is cell._tc, "merged across the span"
            if p.cell.colspan > 1:
                assert cell._tc.grid_span == p.cell.colspan
        if grid.numbers:
            assert [c.text for c in doc_table.rows[len(grid.header)].cells] == list(grid.numbers)
        for row, body_row in zip(doc_table.rows[head:], grid.body, strict=True):
            assert [c.text for c in row.cells] == [c.text for c in body_row.cells]
            for cell, body_cell in zip(row.cells, body_row.cells, strict=True):
                if body_cell.kind == "amount":
                    assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
        for i, row in enumerate(doc_table.rows):
            tr_pr = row._tr.trPr
            repeated = tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
            assert repeated == (i < head), (table.title, i)


def test_performance_tables_equal_their_layout(narrated_docx, narrated):
    perf = [overall_grid(p) for p in narrated.overall_performance] + [
        project_grid(p) for p in narrated.project_performance]
    for pg, doc_table in zip(perf, narrated_docx.tables[-5:], strict=True):
        assert len(doc_table.rows) == len(pg.rows)
        for p in place(pg.rows):
            cell = doc_table.cell(p.row, p.col)
            assert cell.text == p.cell.text
            far = doc_table.cell(p.row + p.cell.rowspan - 1, p.col + p.cell.colspan - 1)
            assert far._tc is cell._tc


def sections_of_tables(document):
    """For each table in body order, the orientation of the section it sits in."""
    pending, out = 0, []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            pending += 1
        sect = child if child.tag == qn("w:sectPr") else child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect is not None:
            orient = sect.find(qn("w:pgSz")).get(qn("w:orient"))
            out += [orient == "landscape"] * pending
            pending = 0
    return out


def test_wide_tables_in_landscape_sections(narrated_docx, narrated):
    assert sections_of_tables(narrated_docx) == [g.is_wide for g in all_grids(narrated)]
    for section in narrated_docx.sections:
        assert {round(section.page_width.mm), round(section.page_height.mm)} == {210, 297}


def test_east_asian_fonts(narrated_docx):
    for name, font in (("Normal", "宋体"), ("Heading 1", "黑体"), ("Heading 2", "黑体"),
                       ("Heading 3", "黑体")):
        fonts = narrated_docx.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None


def test_page_number_field_and_running_title(narrated_docx, narrated):
    section = narrated_docx.sections[0]
    footer_xml = section.footer._element.xml
    assert "PAGE" in "".join(t.text for t in section.footer._element.iter(qn("w:instrText")))
    assert 'fldCharType="begin"' in footer_xml
    assert section.header.paragraphs[0].text == narrated.title
    assert section.different_first_page_header_footer  # no number on the cover
    for later in narrated_docx.sections[1:]:  # but on the first page of every later section
        assert not later.different_first_page_header_footer
        assert later.footer.is_linked_to_previous and later.header.is_linked_to_previous


def test_text_parts(narrated_docx, narrated):
    paragraphs = list(narrated_docx.paragraphs)
    text = [compact(p.text) for p in paragraphs]
    d = narrated
    for f in d.overview.functions:
        assert any(compact(f) in t for t in text), f
    for p in d.organisation_paragraphs:
        assert compact(p) in text
    for term in d.glossary:
        assert any(t.endswith(compact(term.definition)) and compact(term.term) in t
                   for t in text), term.term
    headings = {p.text: p.style.name for p in paragraphs}
    assert headings[f"第二部分 {d.year}年{d.edition}公开表"] == "Heading 1"
    for table in d.tables:
        assert headings[table.title] == "Heading 2"


def test_narrative_in_order_with_performance_tables(narrated_docx, narrated):
    body = list(narrated_docx.element.body.iterchildren())
    texts = ["<table>" if el.tag == qn("w:tbl") else "".join(t.text or "" for t in el.iter(qn("w:t")))
             for el in body]
    heading = texts.index("（一）基本支出")
    assert body[heading].find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Heading3"
    for s in (s for sec in narrated.narrative for s in sec.sentences() if s.text):
        assert s.text in texts, s.text
    intro = texts.index("本部门 2024 年实行绩效目标管理的项目 4 个，涉及资金 410.00 万元。")
    after = texts.index("绩效目标表之后的说明文字，金额 0.00 万元。")
    assert texts[intro:after].count("<table>") == 5
    assert texts.count("<table>") == 16
    # the first (portrait) table follows its introduction: no page break between them
    first = texts.index("部门整体绩效目标表", intro)
    assert all(not el.findall(f".//{qn('w:br')}") and el.find(f".//{qn('w:pageBreakBefore')}")
               is None and el.find(f".//{qn('w:sectPr')}") is None for el in body[intro:first + 1])


def test_generated_narrative_in_docx(korla_disclosure):
    """Every paragraph of the generated Part 3, in order, so every figure in its sentence."""
    import io

    import docx

    from yusuan.render.docx import render_docx

    document = docx.Document(io.BytesIO(render_docx(korla_disclosure)))
    text = [p.text for p in document.paragraphs]
    assert len(korla_disclosure.narrative) == 12
    position = 0
    for section in korla_disclosure.narrative:
        position = text.index(f"{section.number}、{section.title}", position)
        for paragraph in section.paragraphs:
            if paragraph and paragraph[0].kind != "performance_tables":
                position = text.index("".join(s.text for s in paragraph), position)
