"""PDFium words against pdfplumber's ``extract_words`` (an independent reader) on real pages,
upright and with the page turned by ``/Rotate``: same words, same boxes."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from yusuan.parse.pdf_words import page_words

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = [("shanghai-putuo-finance-bureau-2025-dept-budget.pdf", 9),
         ("jiangsu-provincial-procuratorate-2019-dept-budget.pdf", 12),
         ("jiangsu-cppcc-office-2018-dept-budget.part2-tables.pdf", 3)]


def _plumber(path: Path, n: int) -> list[tuple[str, float, float, float, float]]:
    with pdfplumber.open(path) as pdf:
        return [(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
                for w in pdf.pages[n - 1].extract_words()]


def _pdfium(path: Path, n: int) -> list[tuple[str, float, float, float, float]]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [(w.text, w.x0, w.x1, w.top, w.bottom) for w in page_words(pdf[n - 1])]
    finally:
        pdf.close()


def _same(a: list[tuple[str, float, float, float, float]],
          b: list[tuple[str, float, float, float, float]]) -> None:
    order = sorted(a, key=lambda w: (round(w[3]), w[1])), sorted(b, key=lambda w: (round(w[3]), w[1]))
    assert [w[0] for w in order[0]] == [w[0] for w in order[1]]
    for wa, wb in zip(*order, strict=True):
        assert wa[1:] == pytest.approx(wb[1:], abs=0.6), (wa, wb)


@pytest.mark.parametrize(("name", "page"), PAGES)
def test_words_equal_pdfplumbers(name: str, page: int) -> None:
    path = FIXTURES / name
    _same(_plumber(path, page), _pdfium(path, page))


@pytest.mark.parametrize("rotation", [90, 270])
def test_a_page_drawn_turned_reads_as_displayed(rotation: int, tmp_path: Path) -> None:
    """A landscape table stored as a portrait page whose content is drawn turned and shown
    upright by ``/Rotate`` (how some publishers print wide tables): read as displayed."""
    name, page = PAGES[0]
    src = pdfium.PdfDocument(FIXTURES / name)
    width, height = src[page - 1].get_size()
    dest = pdfium.PdfDocument.new()
    drawn = src.page_as_xobject(page - 1, dest).as_pageobject()
    if rotation == 90:  # content turned a quarter anticlockwise, the page shown clockwise
        drawn.transform(pdfium.PdfMatrix(0, 1, -1, 0, height, 0))
    else:
        drawn.transform(pdfium.PdfMatrix(0, -1, 1, 0, 0, width))
    turned = dest.new_page(height, width)
    turned.insert_obj(drawn)
    turned.gen_content()
    turned.set_rotation(rotation)
    path = tmp_path / "turned.pdf"
    with path.open("wb") as fh:
        dest.save(fh)
    _same(_plumber(FIXTURES / name, page), _pdfium(path, 1))
    _same(_plumber(path, 1), _pdfium(path, 1))
