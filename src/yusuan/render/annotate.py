"""The original PDF with each located finding's figure boxed in red and a note, plus a summary
page — what a finance bureau sends back to a department (``yusuan check --annotate``).

Where it sits: the findings come from ``checks`` (and the readers), located by page, table,
code, name and column. On the finding's page the printed figure is found among the page's
words (the amount the finding names as printed, ``actual``, on the line of its row's code or
name where there are several); a finding whose figure cannot be found is boxed at its row
label, or noted at the top of its page. The boxes are PDF Square annotations whose contents
are the finding, so any viewer shows them and their notes; the summary (every finding, with
the original page number) is appended as the last pages, so page numbers stay those of the
original.
"""

from __future__ import annotations

import ctypes
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from yusuan.checks.report import Checked, html_report, visible
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import SEVERITY_TITLES, Finding
from yusuan.model.money import AmountError, printed_number
from yusuan.parse.pdf_words import Word, displayed_size, page_words
from yusuan.render.annotate_text import Box, sentence_figure
from yusuan.render.pdf import html_to_pdf

COLOURS = {"error": (220, 0, 0), "warning": (230, 140, 0), "info": (0, 90, 200)}
PAD = 1.5


@dataclass(frozen=True)
class Placed:
    finding: Finding
    page: int | None  # 1-based page of the original, None when not on a page
    box: Box | None  # displayed x0, top, x1, bottom
    how: str  # ``figure`` | ``row`` | ``page`` | ``none``


_NUMBERS = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _numbers_in(text: str) -> list[Decimal]:
    """Every number printed inside a word (a narrative word may read 增长10.06%)."""
    out = []
    for m in _NUMBERS.finditer(unicodedata.normalize("NFKC", text)):
        value = _number(m.group())
        if value is not None:
            out.append(value)
    return out


def _number(text: str) -> Decimal | None:
    t = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    if not t or not any(ch.isdigit() for ch in t):
        return None
    try:
        return printed_number(t)
    except AmountError:
        return None


def _printed(f: Finding) -> Decimal | None:
    for value in (f.actual,):
        if value is None:
            continue
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    return None


def _row_words(words: Sequence[Word], f: Finding) -> list[Word]:
    loc = f.location
    hits: list[Word] = []
    if loc.code:
        hits = [w for w in words if w.text.replace(" ", "") == loc.code]
        if not hits:  # codes printed in segments: 201 | 03 | 01
            hits = [w for w in words if len(w.text) >= 3 and w.text.isdigit()
                    and loc.code.startswith(w.text)]
    if not hits and loc.name:
        name = loc.name.replace(" ", "")
        hits = [w for w in words if len(w.text) >= 2 and (w.text in name or name in w.text)]
    return hits


def _width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


def _narrowed(w: Word, wanted: set[Decimal]) -> tuple[float, float, float, float]:
    """The part of a word where the figure is printed (a narrative word holds a sentence)."""
    text = unicodedata.normalize("NFKC", w.text)
    for m in _NUMBERS.finditer(text):
        if _number(m.group()) in wanted and (m.start(), m.end()) != (0, len(text)):
            return _part(w, m.start(), m.end())
    return w.x0, w.top, w.x1, w.bottom


def _part(w: Word, start: int, end: int) -> tuple[float, float, float, float]:
    """The box of characters ``start``–``end`` of a word: characters weighed full width for
    CJK, about half for digits and Latin."""
    total = sum(_width(c) for c in w.text) or 1.0
    before = sum(_width(c) for c in w.text[:start])
    inside = sum(_width(c) for c in w.text[start:end])
    scale = (w.x1 - w.x0) / total
    return (w.x0 + before * scale, w.top, w.x0 + (before + inside) * scale, w.bottom)


def _same_line(a: Word, b: Word) -> bool:
    return abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) <= max(
        a.bottom - a.top, b.bottom - b.top) * 0.6


def place(f: Finding, words: Sequence[Word]) -> tuple[tuple[float, float, float, float] | None,
                                                       str]:
    """Where on its page a finding's figure is printed: a displayed box and how it was found."""
    rows = _row_words(words, f)
    printed = _printed(f)
    if printed is not None:
        wanted = {printed, abs(printed)}  # a decrease is printed as 减少 35.77
        figures = [w for w in words if _number(w.text) in wanted] or [
            w for w in words if wanted & set(_numbers_in(w.text))]
        on_row = [w for w in figures if any(_same_line(w, r) for r in rows)]
        chosen = on_row or (figures if len(figures) == 1 or not rows else [])
        if chosen:
            return _narrowed(chosen[0], wanted), "figure"
    if rows:
        w = rows[0]
        return (w.x0, w.top, w.x1, w.bottom), "row"
    return None, "page"


def _find_page(f: Finding, pages: Sequence[Sequence[Word]]) -> int | None:
    """The page of a finding its reader did not locate (a narrative sentence): the one page
    that prints its figure beside its subject's words, else the one page printing the figure."""
    printed = _printed(f)
    if printed is None:
        return None
    wanted = {printed, abs(printed)}
    with_figure = [n for n, words in enumerate(pages, 1)
                   if any(wanted & set(_numbers_in(w.text)) for w in words)]
    subject = (f.location.name or "").replace(" ", "")
    if subject and len(with_figure) > 1:
        near = [n for n in with_figure if subject[:4] in "".join(w.text for w in pages[n - 1])]
        with_figure = near or with_figure
    return with_figure[0] if len(with_figure) == 1 else None


def _in_sentence(f: Finding, pages: Sequence[Sequence[Word]], page_no: int
                 ) -> tuple[int, Box] | None:
    """(page, box) of a finding's figure in the sentence it names, where it names one."""
    printed = _printed(f)
    if not f.location.sentence or printed is None:
        return None
    return sentence_figure(f.location.sentence, {printed, abs(printed)}, pages, page_no, _part)


def _to_page_space(page: pdfium.PdfPage, box: tuple[float, float, float, float]
                   ) -> tuple[float, float, float, float]:
    """A displayed box (top-left origin) in the page's own space: left, bottom, right, top."""
    left, bottom, right, top = page.get_mediabox()
    width, height = right - left, top - bottom
    x0, t, x1, b = box
    rotation = page.get_rotation() % 360
    if rotation == 90:
        lo, hi, y0, y1 = t, b, x0, x1  # displayed x = page y, displayed top = page x
    elif rotation == 180:
        lo, hi, y0, y1 = width - x1, width - x0, t, b
    elif rotation == 270:
        lo, hi, y0, y1 = width - b, width - t, height - x1, height - x0
    else:
        lo, hi, y0, y1 = x0, x1, height - b, height - t
    return left + lo - PAD, bottom + y0 - PAD, left + hi + PAD, bottom + y1 + PAD


def _wide(text: str) -> Any:
    """A UTF-16LE, zero-terminated string as PDFium's FPDF_WIDESTRING."""
    data = (text + "\0").encode("utf-16-le")
    buffer = ctypes.create_string_buffer(data, len(data))
    return ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))


def _annotate(page: pdfium.PdfPage, rect: tuple[float, float, float, float],
              f: Finding) -> None:
    annot = pdfium_c.FPDFPage_CreateAnnot(page.raw, pdfium_c.FPDF_ANNOT_SQUARE)
    try:
        r, g, b = COLOURS.get(f.severity, COLOURS["error"])
        pdfium_c.FPDFAnnot_SetColor(annot, pdfium_c.FPDFANNOT_COLORTYPE_Color, r, g, b, 255)
        pdfium_c.FPDFAnnot_SetBorder(annot, 0, 0, 1.5)
        pdfium_c.FPDFAnnot_SetRect(annot, pdfium_c.FS_RECTF(rect[0], rect[3], rect[2], rect[1]))
        pdfium_c.FPDFAnnot_SetFlags(annot, pdfium_c.FPDF_ANNOT_FLAG_PRINT)
        note = f"{SEVERITY_TITLES.get(f.severity, f.severity)} {f.rule_id}：{f.message}"
        pdfium_c.FPDFAnnot_SetStringValue(annot, b"Contents", _wide(note))
        pdfium_c.FPDFAnnot_SetStringValue(annot, b"T", _wide("yusuan 检查"))
    finally:
        pdfium_c.FPDFPage_CloseAnnot(annot)


def annotated_report(original: bytes, label: str, disclosure: Disclosure,
                     findings: Sequence[Finding], level: str = "warning"
                     ) -> tuple[bytes, list[Placed]]:
    """The original annotated with the findings at ``level`` and above, and the checker's
    report (the same as ``check --format html``) appended as the summary."""
    shown = visible(findings, level)
    summary = html_to_pdf(html_report([Checked(label, disclosure, tuple(shown))], level)
                          .decode("utf-8"))
    return annotate(original, shown, summary)


def annotate(original: bytes, findings: Sequence[Finding], summary: bytes | None = None
             ) -> tuple[bytes, list[Placed]]:
    """The original with each finding of a page boxed (or noted), and ``summary`` (a PDF of
    the findings list) appended; also where each finding was placed."""
    pdf = pdfium.PdfDocument(original)
    placed: list[Placed] = []
    try:
        count = len(pdf)
        words = [page_words(pdf[n]) for n in range(count)]
        by_page: dict[int, list[tuple[Finding, Box | None, str]]] = {}
        for f in findings:
            page_no = f.location.page
            if page_no is None or not 1 <= page_no <= count:
                page_no = _find_page(f, words)
            if page_no is None:
                placed.append(Placed(f, None, None, "none"))
                continue
            said = _in_sentence(f, words, page_no)
            if said is not None:  # the figure in its sentence (which may run onto the next page)
                page_no = said[0]
                by_page.setdefault(page_no, []).append((f, said[1], "figure"))
            else:
                by_page.setdefault(page_no, []).append((f, *place(f, words[page_no - 1])))
        for page_no, here in sorted(by_page.items()):
            page = pdf[page_no - 1]
            width = displayed_size(page)[0]
            for n, (f, found, how) in enumerate(here):
                # a note at the top right of the page, one under another, where no box is
                box = found or (width - 60, 20 + 14 * n, width - 20, 32 + 14 * n)
                _annotate(page, _to_page_space(page, box), f)
                placed.append(Placed(f, page_no, box, how))
            page.close()
        if summary:
            extra = pdfium.PdfDocument(summary)
            pdf.import_pages(extra)
            extra.close()
        out = _save(pdf)
    finally:
        pdf.close()
    return out, placed


def _save(pdf: pdfium.PdfDocument) -> bytes:
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()
