"""Every reader says where each Part 3 sentence was printed (``Sentence.origin``): the PDF
page (and the page it ends on), the text line, the DOCX paragraph, the worksheet and cell. The
origin travels in the Disclosure JSON, JSON without it still loads, and it is no part of what
a sentence says (equality)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pdfplumber
from openpyxl import Workbook

from yusuan.model.disclosure import Disclosure, Place, Sentence
from yusuan.model.serialize import disclosure_from_data, disclosure_to_data
from yusuan.parse import parse_file
from yusuan.parse.docx import docx_lines
from yusuan.parse.narrative import read_narrative
from yusuan.parse.paragraphs import sentence_spans
from yusuan.parse.xlsx import read_lines as xlsx_read_lines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FINANCE = FIXTURES / "shanghai-putuo-finance-bureau-2025-dept-budget.pdf"
KORLA_TEXT = FIXTURES / "korla-2024-seed.txt"
PROCURATORATE_2017 = FIXTURES / "jiangsu-provincial-procuratorate-2017-dept-budget.pdf"

PART3 = ("第三部分 2024年部门预算情况说明",
         "一、关于库尔勒市人民政府办公室 2024 年收支预算情况的总体说明",
         "按照全口径预算的原则，所有收入和支出均纳入部门预算管理。收支总预算 1,491.86 万元。",
         "二、关于库尔勒市人民政府办公室 2024 年收入预算情况说明",
         "部门收入预算 1,491.86 万元，其中：一般公共预算 1,491.86 万元，占 100.00%。")


def _sentences(d: Disclosure) -> list[Sentence]:
    return [s for section in d.narrative for s in section.sentences()]


def test_pdf_sentences_carry_the_page_they_are_printed_on() -> None:
    d = parse_file(FINANCE)[0]
    sentences = _sentences(d)
    assert sentences and all(s.origin is not None and s.origin.page for s in sentences)
    with pdfplumber.open(FINANCE) as pdf:
        for s in sentences:
            assert s.origin is not None and s.origin.page is not None
            page = "".join(pdf.pages[s.origin.page - 1].extract_text().split())
            assert "".join(s.text.split())[:12] in page, (s.origin, s.text)
    wrong = next(s for s in sentences if "887.36" in s.text)
    assert wrong.origin == Place(page=7)


def test_a_sentence_running_over_a_page_says_both_pages() -> None:
    d = parse_file(PROCURATORATE_2017)[0]
    over = [s for s in _sentences(d) if s.origin and s.origin.last_page]
    assert len(over) == 2
    with pdfplumber.open(PROCURATORATE_2017) as pdf:
        for s in over:
            assert s.origin is not None and s.origin.page is not None
            assert s.origin.last_page == s.origin.page + 1
            assert str(s.origin) == f"第 {s.origin.page}–{s.origin.last_page} 页"
            start, end = (" ".join(pdf.pages[n - 1].extract_text().split())
                          for n in (s.origin.page, s.origin.last_page))
            words = s.text.split()
            assert "".join(words)[:8] in start.replace(" ", "")
            assert "".join(words)[-6:] in end.replace(" ", "")
    assert not any(s.origin and s.origin.last_page for s in _sentences(parse_file(FINANCE)[0]))


def test_text_sentences_carry_their_line() -> None:
    d = parse_file(KORLA_TEXT)[0]
    lines = KORLA_TEXT.read_text(encoding="utf-8").splitlines()
    sentences = _sentences(d)
    assert sentences and all(s.origin is not None and s.origin.line for s in sentences)
    for s in sentences:
        assert s.origin is not None and s.origin.line is not None
        assert s.text.strip() in lines[s.origin.line - 1], (s.origin, s.text)
    assert str(sentences[0].origin).startswith("第 ") and str(sentences[0].origin).endswith(" 行")


def test_docx_sentences_carry_their_paragraph(tmp_path: Path, korla_disclosure: Disclosure) -> None:
    doc = docx.Document()
    doc.add_paragraph("封面")
    doc.add_table(rows=1, cols=2).rows[0].cells[0].text = "不是段落"  # table rows are not counted
    for text in PART3:
        doc.add_paragraph(text)
    path = tmp_path / "part3.docx"
    doc.save(str(path))
    sections = read_narrative(docx_lines(path), list(korla_disclosure.tables))
    places = {s.text: s.origin for section in sections for s in section.sentences()}
    assert places["收支总预算 1,491.86 万元。"] == Place(paragraph=4)
    assert places[PART3[4]] == Place(paragraph=6)
    assert str(Place(paragraph=6)) == "第 6 段"


def test_xlsx_sentences_carry_their_sheet_and_cell(tmp_path: Path,
                                                   korla_disclosure: Disclosure) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "情况说明"
    for n, text in enumerate(PART3, 2):
        sheet.cell(row=n, column=2, value=text)
    path = tmp_path / "part3.xlsx"
    book.save(path)
    lines, _findings, _profile = xlsx_read_lines(path)
    sections = read_narrative(lines, list(korla_disclosure.tables))
    places = {s.text: s.origin for section in sections for s in section.sentences()}
    assert places["收支总预算 1,491.86 万元。"] == Place(sheet="情况说明", cell="B4")
    assert str(places[PART3[4]]) == "工作表“情况说明” B6"


def test_sentence_spans_give_where_each_sentence_begins() -> None:
    text = "甲乙。 丙丁比上年增加 1 万元，其中：戊己；"
    spans = sentence_spans(text)
    assert [t for t, _ in spans] == ["甲乙。", "丙丁比上年增加 1 万元，其中：", "戊己；"]
    assert all(text[at:at + len(t)] == t for t, at in spans)


def test_origin_is_in_the_json_old_json_loads_and_equality_ignores_it() -> None:
    d = parse_file(FINANCE)[0]
    data = disclosure_to_data(d)
    first = data["narrative"][0]["paragraphs"][0][0]
    assert first["origin"]["page"] == 7
    back = disclosure_from_data(json.loads(json.dumps(data)))
    assert back == d and _sentences(back)[0].origin == _sentences(d)[0].origin
    for section in data["narrative"]:  # JSON written before sentences had an origin
        for paragraph in section["paragraphs"]:
            for sentence in paragraph:
                del sentence["origin"]
    old = disclosure_from_data(data)
    assert all(s.origin is None for s in _sentences(old))
    assert old == d  # the same document: where a sentence stood is not what it says
    assert Sentence("甲", origin=Place(page=1)) == Sentence("甲", origin=Place(page=2))
    assert hash(Sentence("甲", origin=Place(page=1))) == hash(Sentence("甲"))


def test_part1_counts_carry_where_they_are_printed_and_travel_in_the_json() -> None:
    d = parse_file(KORLA_TEXT)[0]
    lines = KORLA_TEXT.read_text(encoding="utf-8").splitlines()
    places = d.overview.places
    assert set(places) == {"authorized", "actual", "in_service", "units"}
    for key, words in (("authorized", "编制数"), ("actual", "实有人数"), ("in_service", "在职"),
                       ("units", "行政单位")):
        line = places[key].line
        assert line is not None and words in lines[line - 1]
    back = disclosure_from_data(json.loads(json.dumps(disclosure_to_data(d))))
    assert back.overview.places == places
