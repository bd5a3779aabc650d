"""``check --annotate`` boxes the figure of each narrative finding in its sentence, on the
page the sentence is printed on — in real documents with verified errors of the text (see
tests/parse/test_corpus_documents.py). Read back with pdfplumber, independently of the PDFium
words the boxes were placed with: the sentence's beginning is searched on the page, and the
box must hold the first printing of the figure after it (a figure printed twice on a page —
the 2019 document's 10.15 % — is boxed where the finding's sentence says it)."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from yusuan.checks.run import check_disclosure
from yusuan.model.finding import Finding
from yusuan.parse import parse_file
from yusuan.render.annotate import annotate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# (document, rule, page, figure as printed) of every error about a figure of its text
KNOWN = {
    "shanghai-putuo-finance-bureau-2025-dept-budget": {
        ("narrative.amount-eq-table", 7, "887.36")},
    "jiangsu-provincial-procuratorate-2017-dept-budget": {
        ("narrative.amount-eq-table", 19, "12323.46"),
        ("narrative.yoy-rate-eq-computed", 22, "129.97"),
        ("narrative.share-eq-computed", 22, "18.85"),
        ("narrative.share-eq-computed", 22, "54.43"),
        ("narrative.share-eq-computed", 22, "26.72")},
    "jiangsu-provincial-procuratorate-2018-dept-budget": {
        ("narrative.yoy-rate-eq-computed", 23, "21.95"),
        ("narrative.yoy-rate-eq-computed", 26, "0.06"),
        ("narrative.yoy-rate-eq-computed", 26, "0.66")},
    "shanghai-putuo-wanli-subdistrict-2023-dept-budget": {
        ("narrative.rate-eq-stated-base", 6, "314.82"),
        ("narrative.prior-not-negative", 6, "1421.25"),
        ("narrative.item-amount-eq-heading", 7, "441.25")},
}


def _pattern(text: str) -> str:
    """``text`` as printed, white space allowed between any two characters."""
    return r"\s*".join(re.escape(c) for c in "".join(text.split()))


def _first_after(page: pdfplumber.page.Page, sentence: str, figure: str) -> dict:
    """pdfplumber's box of the first printing of ``figure`` after the sentence begins."""
    start = page.search(_pattern(sentence[:30]), regex=True)
    assert len(start) == 1, f"the sentence “{sentence[:30]}” is not once on page {page.page_number}"
    top, x0 = start[0]["top"], start[0]["x0"]
    hits = [h for h in page.search(r"(?<![\d.])" + _pattern(figure) + r"(?![\d])", regex=True)
            if h["top"] > top + 2 or (abs(h["top"] - top) <= 2 and h["x0"] >= x0)]
    assert hits, f"{figure} is not printed after its sentence on page {page.page_number}"
    return min(hits, key=lambda h: (round(h["top"]), h["x0"]))


def _holds(annot: dict, box: dict) -> bool:
    return (annot["x0"] <= box["x0"] + 1 and annot["x1"] >= box["x1"] - 1
            and annot["top"] <= box["top"] + 1 and annot["bottom"] >= box["bottom"] - 1)


def _printed(f: Finding) -> str:
    return str(abs(Decimal(str(f.actual))))


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_each_narrative_error_is_boxed_around_its_figure_in_its_sentence(name: str) -> None:
    path = FIXTURES / f"{name}.pdf"
    d, _ = parse_file(path)
    found = [f for f in check_disclosure(d) if f.severity == "error" and f.location.sentence]
    assert {(f.rule_id, f.location.page, _printed(f)) for f in found} == KNOWN[name]
    data, placed = annotate(path.read_bytes(), found)
    assert {(p.finding.rule_id, p.page, p.how) for p in placed} == {
        (rule, page, "figure") for rule, page, _ in KNOWN[name]}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for p in placed:
            assert p.page is not None and p.finding.location.sentence
            page = pdf.pages[p.page - 1]
            figure = _first_after(page, p.finding.location.sentence, _printed(p.finding))
            boxes = [a for a in page.annots if p.finding.rule_id in (a.get("contents") or "")
                     and _holds(a, figure)]
            assert len(boxes) == 1, (p.finding.rule_id, _printed(p.finding), p.page)
            width = figure["x1"] - figure["x0"]
            assert boxes[0]["x1"] - boxes[0]["x0"] < 2.5 * width  # the figure, not the line


def test_a_figure_printed_twice_on_a_page_is_boxed_in_the_findings_sentence() -> None:
    """2019, page 27: 10.15 % is printed in 说明四 and again in 说明五 (each carried over from
    the comparison sentence after its figure); each finding is boxed in its own section."""
    path = FIXTURES / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf"
    d, _ = parse_file(path)
    found = [f for f in check_disclosure(d) if f.location.page == 27 and
             f.location.sentence and f.actual is not None and str(f.actual) == "10.15"]
    assert sorted(f.location.section or "" for f in found) == ["第三部分“五”", "第三部分“四”"]
    data, placed = annotate(path.read_bytes(), found)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[26]
        twice = page.search(r"10\.15", regex=True)
        assert len(twice) == 2
        tops = sorted(p.box[1] for p in placed if p.box is not None)
        assert [p.how for p in placed] == ["figure", "figure"]
        for top, printed in zip(tops, sorted(twice, key=lambda h: h["top"]), strict=True):
            assert abs(top - printed["top"]) < 4
