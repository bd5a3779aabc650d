"""``check --annotate``: the original PDF with each located finding's figure boxed and noted,
read back with pdfplumber (an independent reader): the box is on the right page, around the
right figure, and carries the finding; the checker's report follows as the last pages."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pdfplumber

from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location
from yusuan.render.annotate import annotate, annotated_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHANGHAI = FIXTURES / "shanghai-putuo-finance-bureau-2025-dept-budget.pdf"
JIANGSU = FIXTURES / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf"


def _box_of(pdf: pdfplumber.PDF, page: int, text: str) -> tuple[float, float, float, float]:
    word = next(w for w in pdf.pages[page - 1].extract_words() if text in w["text"])
    return word["x0"], word["top"], word["x1"], word["bottom"]


def _annots(data: bytes, page: int) -> list[dict]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return list(pdf.pages[page - 1].annots)


def _inside(inner: tuple[float, float, float, float], annot: dict) -> bool:
    x0, top, x1, bottom = inner
    return (annot["x0"] <= x0 + 1 and annot["x1"] >= x1 - 1 and annot["top"] <= top + 1
            and annot["bottom"] >= bottom - 1)


def test_a_table_figure_is_boxed_on_its_page_with_the_finding_as_note() -> None:
    finding = Finding("summary.income-total-eq-parts", "error", "arithmetic",
                      "收入总计不等于各项之和", Location(page=9, name="一、财政拨款收入"),
                      expected=Decimal("31214205.00"), actual=Decimal("31214205.80"))
    data, placed = annotate(SHANGHAI.read_bytes(), [finding])
    assert [(p.page, p.how) for p in placed] == [(9, "figure")]
    [annot] = _annots(data, 9)
    with pdfplumber.open(SHANGHAI) as pdf:
        figure = _box_of(pdf, 9, "31,214,205.80")
    assert _inside(figure, annot)
    assert annot["x1"] - annot["x0"] < 3 * (figure[2] - figure[0])  # the figure, not the line
    assert "summary.income-total-eq-parts" in annot["contents"]
    assert _annots(data, 10) == []


def test_a_narrative_figure_without_a_page_is_found_and_narrowed_to_the_figure() -> None:
    finding = Finding("narrative.share-eq-computed", "warning", "narrative",
                      "占比印作 65.56%，应为 65.55%", Location(name="基本支出"),
                      expected=Decimal("65.55"), actual=Decimal("65.56"))
    data, placed = annotate(JIANGSU.read_bytes(), [finding])
    assert [(p.page, p.how) for p in placed] == [(26, "figure")]
    [annot] = _annots(data, 26)
    with pdfplumber.open(JIANGSU) as pdf:
        line = _box_of(pdf, 26, "65.56")
    assert line[0] < annot["x0"] and annot["x1"] <= line[2] + 3  # inside the sentence's word
    assert annot["x1"] - annot["x0"] < 60


def test_the_report_follows_the_original_pages() -> None:
    d = Disclosure(department="江苏省人民检察院", year=2019, profile="jiangsu-12", unit="万元")
    finding = Finding("narrative.share-eq-computed", "error", "narrative", "占比不对",
                      Location(page=26), actual=Decimal("65.56"))
    data, _ = annotated_report(JIANGSU.read_bytes(), JIANGSU.name, d, [finding])
    with pdfplumber.open(io.BytesIO(data)) as pdf, pdfplumber.open(JIANGSU) as original:
        assert len(pdf.pages) > len(original.pages)
        summary = "".join(p.extract_text() for p in pdf.pages[len(original.pages):])
    assert "检查报告" in summary and "占比不对" in summary and "江苏省人民检察院" in summary
