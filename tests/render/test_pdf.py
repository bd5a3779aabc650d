"""The PDF, read back with pdfplumber: every amount on its table's pages, in its row; fonts,
page furniture, landscape pages, outline, TOC page numbers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from tests.render.reading import amount_lines, amount_words, compact, numbers_in
from yusuan.render.grid import Grid
from yusuan.render.html import grids
from yusuan.render.layout import PerfGrid, overall_grid, project_grid

TITLE_SIZE = 15  # table titles are set at 16pt; nothing else in the body is that large


def title_pages(pdf, title: str) -> list[int]:
    """Pages where ``title`` is printed as a table title (large type)."""
    out = []
    for i, page in enumerate(pdf.pages):
        words = page.extract_words(extra_attrs=["size"])
        if any(w["size"] >= TITLE_SIZE and w["text"] == title for w in words):
            out.append(i)
    return out


def body_text(pdf, pages) -> str:
    """Compact text of ``pages`` without the running header and the page number."""
    parts = []
    for i in pages:
        page = pdf.pages[i]
        parts.append(page.crop((0, 58, page.width, page.height - 40)).extract_text() or "")
    return compact("".join(parts))


def grid_amount_lines(grid: Grid) -> Counter[tuple[str, ...]]:
    lines: Counter[tuple[str, ...]] = Counter()
    for row in grid.body:
        amounts = tuple(c.text for c in row.cells if c.kind == "amount" and c.text)
        if amounts:
            lines[amounts] += 1
    return lines


def perf_amount_lines(pg: PerfGrid) -> Counter[tuple[str, ...]]:
    lines: Counter[tuple[str, ...]] = Counter()
    for row in pg.rows:
        amounts = tuple(c.text for c in row if c.kind == "amount" and c.text)
        if amounts:
            lines[amounts] += 1
    return lines


def table_pages(pdf, disclosure) -> list[tuple[object, Grid, range]]:
    """Each table with the pages it is printed on (from its title to the next title)."""
    laid = grids(disclosure)
    starts = []
    for table, _ in laid:
        pages = title_pages(pdf, table.title)
        assert len(pages) == 1, (table.title, pages)
        starts.append(pages[0])
    assert starts == sorted(starts)
    after = [i for i in range(starts[-1] + 1, len(pdf.pages))
             if re.search(r"第三部分|第四部分|绩效目标表", pdf.pages[i].extract_text() or "")]
    ends = [*starts[1:], after[0] if after else len(pdf.pages)]
    return [(t, g, range(s, e)) for (t, g), s, e in zip(laid, starts, ends, strict=True)]


def test_every_table_amount_in_its_row_on_its_pages(korla_pdf, korla_disclosure):
    for table, grid, pages in table_pages(korla_pdf, korla_disclosure):
        expected = grid_amount_lines(grid)
        assert amount_lines(korla_pdf.pages[i] for i in pages) == expected, table.title
    total = sum(len(list(t.cells())) for t in korla_disclosure.tables)
    assert total > 250


def test_wide_tables_on_landscape_pages(korla_pdf, korla_disclosure):
    wide = set()
    for table, grid, pages in table_pages(korla_pdf, korla_disclosure):
        for i in pages:
            page = korla_pdf.pages[i]
            assert (page.width > page.height) == grid.is_wide, (table.title, i + 1)
        if grid.is_wide:
            wide.add(table.id)
    assert {"income", "gpb_project"} <= wide


def test_header_rows_repeat_on_continued_pages(korla_disclosure):
    """A table made long enough to run over several pages prints its header on each."""
    import io

    import pdfplumber

    from yusuan.render.pdf import render_pdf

    for table_id in ("expenditure", "income"):  # a portrait and a wide (landscape) table
        table = korla_disclosure.table(table_id)
        long = replace(table, rows=table.rows * 4)
        d = replace(korla_disclosure, tables=(long,), narrative=(), overall_performance=(),
                    project_performance=(), glossary=())
        (grid,) = [g for _, g in grids(d)]
        short_cells = [compact(c.text) for row in grid.header for c in row if len(c.text) <= 2]
        with pdfplumber.open(io.BytesIO(render_pdf(d))) as pdf:
            (start,) = title_pages(pdf, table.title)
            pages = [p for p in pdf.pages[start + 1:] if amount_words(p)]
            assert len(pages) >= 1
            for page in pages:
                top = compact(page.crop((0, 0, page.width, 200)).extract_text() or "")
                assert compact("".join(grid.numbers)) in top
                for text in short_cells:  # cells too short to wrap read back whole
                    assert text in top, (table.title, text)
            assert amount_lines(pdf.pages[start:]) == grid_amount_lines(grid)


def test_performance_tables(korla_pdf, korla_disclosure):
    grids_ = ([overall_grid(p) for p in korla_disclosure.overall_performance]
              + [project_grid(p) for p in korla_disclosure.project_performance])
    assert len(grids_) == 5
    for title in ("部门整体绩效目标表", "项目支出绩效目标表"):
        pages = title_pages(korla_pdf, title)
        mine = [g for g in grids_ if g.title == title]
        assert len(pages) == len(mine)
        for i, pg in zip(pages, mine, strict=True):
            page = korla_pdf.pages[i]
            # the first table may follow its introduction on the same page: read from its title
            top = min(w["top"] for w in page.extract_words(extra_attrs=["size"])
                      if w["size"] >= TITLE_SIZE and w["text"] == title)
            table = page.crop((0, top, page.width, page.height))
            assert amount_lines([table]) == perf_amount_lines(pg)
            assert (page.width > page.height) == pg.is_wide
            text = body_text(korla_pdf, [i])
            for row in pg.rows:
                for cell in row:
                    short = compact(cell.text)
                    if short and len(short) <= 12 and re.search(r"\d", short):
                        assert short in text, (pg.title, short)


def test_cjk_fonts_embedded(korla_pdf):
    names = {c["fontname"] for page in korla_pdf.pages for c in page.chars}
    assert names
    for name in names:
        assert re.match(r"^[A-Z]{6}\+Noto-(Serif|Sans)-CJK-SC", name), name  # embedded subset
    assert "库尔勒市人民政府办公室" in (korla_pdf.pages[0].extract_text() or "")


def test_cover_alone_then_running_title_and_page_numbers(korla_pdf, korla_disclosure):
    d = korla_disclosure
    cover = (korla_pdf.pages[0].extract_text() or "").split("\n")
    assert [compact(line) for line in cover] == [d.department, f"{d.year}年{d.edition}公开",
                                                 "2024年2月23日"]
    for i, page in enumerate(korla_pdf.pages[1:], start=2):
        head = page.crop((0, 0, page.width, 58)).extract_text() or ""
        foot = page.crop((0, page.height - 40, page.width, page.height)).extract_text() or ""
        assert compact(head) == d.title, i
        assert compact(foot) == f"-{i}-", i


def test_outline_and_toc_page_numbers(korla_pdf, korla_disclosure):
    outline = [(level, title) for level, title, *_ in korla_pdf.doc.get_outlines()]
    assert (1, f"第二部分 {korla_disclosure.year}年部门预算公开表") in outline
    toc_text = "\n".join(korla_pdf.pages[i].extract_text() or "" for i in (1, 2))
    toc = {}
    for line in toc_text.split("\n"):
        m = re.match(r"^(.*?、)?(.+?)[ .…]*?(\d+)$", line.strip())
        if m:
            toc[compact(m.group(2)).rstrip(".")] = int(m.group(3))
    titles = {title for _, title in outline}
    for perf in korla_disclosure.project_performance:
        assert f"项目支出绩效目标表（{perf.project}）" in titles
    assert korla_pdf.metadata["Title"] == korla_disclosure.title
    for table in korla_disclosure.tables:
        assert (2, table.title) in outline
        (page,) = title_pages(korla_pdf, table.title)
        assert toc[compact(table.title)] == page + 1, table.title


def test_narrative_sentences_printed_whole(narrated_pdf, narrated):
    text = body_text(narrated_pdf, range(len(narrated_pdf.pages)))
    sentences = [s for sec in narrated.narrative for s in sec.sentences() if s.text]
    assert len(sentences) == 5
    for s in sentences:
        assert compact(s.text) in text, s.text


def test_no_nearly_blank_page_before_the_performance_tables(korla_pdf):
    """The introduction of 预算绩效情况 and the first (portrait) table share a page."""
    first = title_pages(korla_pdf, "部门整体绩效目标表")[0]
    text = body_text(korla_pdf, [first])
    assert "预算绩效情况" in text and text.index("预算绩效情况") < text.index("部门整体绩效目标表")


def test_performance_tables_where_the_narrative_puts_them(narrated_pdf):
    before = title_pages(narrated_pdf, "部门整体绩效目标表")[0]
    intro = [i for i, p in enumerate(narrated_pdf.pages)
             if "实行绩效目标管理的项目" in compact(p.extract_text() or "")]
    after = [i for i, p in enumerate(narrated_pdf.pages)
             if "绩效目标表之后的说明文字" in compact(p.extract_text() or "")]
    last_project = title_pages(narrated_pdf, "项目支出绩效目标表")[-1]
    assert intro[-1] <= before and last_project < after[0]


def test_generated_narrative_numbers_in_pdf(korla_pdf, korla_disclosure):
    """Every sentence of the generated Part 3 printed whole, so every figure in its sentence."""
    text = body_text(korla_pdf, range(len(korla_pdf.pages)))
    assert len(korla_disclosure.narrative) == 12
    figures = 0
    for section in korla_disclosure.narrative:
        assert compact(f"{section.number}、{section.title}") in text
        for s in section.sentences():
            if s.text:
                assert compact(s.text) in text, s.text
                figures += len(numbers_in(s.text))
    assert figures > 100


def test_no_text_crosses_a_rule_or_the_page_edge(korla_pdf):
    """Nothing overflows: no character is cut by a table's vertical rule or runs off the page."""
    for number, page in enumerate(korla_pdf.pages, start=1):
        rules = [e for e in page.edges if e["orientation"] == "v"]
        for ch in page.chars:
            assert ch["x0"] >= 30 and ch["x1"] <= page.width - 30, (number, ch["text"])
            assert ch["top"] >= 12 and ch["bottom"] <= page.height - 12, (number, ch["text"])
            for rule in rules:
                crosses = ch["x0"] + 0.5 < rule["x0"] < ch["x1"] - 0.5
                beside = rule["top"] < ch["bottom"] - 1 and ch["top"] + 1 < rule["bottom"]
                assert not (crosses and beside), (number, ch["text"], rule["x0"])


def test_chinese_line_breaking(korla_pdf):
    """No line starts with closing punctuation or ends with an opening one (禁则)."""
    for number, page in enumerate(korla_pdf.pages, start=1):
        for line in (page.extract_text() or "").split("\n"):
            line = line.strip()
            if line:
                assert line[0] not in "，。、；：？！）》」』％", (number, line)
                assert line[-1] not in "（《「『“", (number, line)


def test_synthetic_example_tables_and_no_overflow():
    """The synthetic example (tables from line items, 表8 and 表11 with data, amounts in the
    hundreds of 万元): every amount in its row on its table's pages, nothing cut by a rule."""
    import io

    import pdfplumber

    from tests.conftest import EXAMPLES
    from yusuan.compose import build_disclosure
    from yusuan.render.pdf import render_pdf

    d = build_disclosure(EXAMPLES / "synthetic-2024")
    with pdfplumber.open(io.BytesIO(render_pdf(d))) as pdf:
        for table, grid, pages in table_pages(pdf, d):
            assert amount_lines(pdf.pages[i] for i in pages) == grid_amount_lines(grid), table.id
        test_no_text_crosses_a_rule_or_the_page_edge(pdf)
