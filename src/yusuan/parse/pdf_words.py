"""A PDF page's words with their boxes, read with PDFium (``pypdfium2``).

Where it sits: ``pdf.py`` clusters words into lines and cells. This module gives it the words
the way pdfplumber's ``extract_words`` (defaults) does — characters clustered into lines by
their top (3 pt), sorted left to right, a new word at a space, a gap wider than 3 pt or a jump
back — but from PDFium's character boxes, which is many times faster than pdfminer's layout.

Coordinates are points from the top left of the page as displayed: the page's ``/Rotate`` and
the origin of its media box are applied, so landscape pages printed rotated read like the rest.
PDFium is not thread-safe: read one PDF at a time per process (the web upload reads in a
worker process).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(slots=True)  # not frozen: a page makes thousands, and a frozen one costs 3× to make
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def displayed_size(page: pdfium.PdfPage) -> tuple[float, float]:
    """Width and height of the page as displayed (its rotation applied)."""
    _, _, width, height, rotation = _transform(page)
    return (height, width) if rotation in (90, 270) else (width, height)


def _transform(page: pdfium.PdfPage) -> tuple[float, float, float, float, int]:
    """The page's media-box origin and displayed size, and its rotation in degrees."""
    left, bottom, right, top = page.get_mediabox()
    return left, bottom, right - left, top - bottom, page.get_rotation() % 360


def _chars(page: pdfium.PdfPage) -> Iterator[_Char]:
    """Every character of the page with its displayed box (spaces too; PDFium's generated
    line breaks and spaces, which are not in the page, left out)."""
    ox, oy, width, height, rotation = _transform(page)
    textpage = page.get_textpage()
    # the C functions bound once: a page has thousands of characters, five calls each
    unicode_of, generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    loose_box, matrix_of = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetMatrix
    font_size, hypot = pdfium_c.FPDFText_GetFontSize, math.hypot
    try:
        raw = textpage.raw
        rect = pdfium_c.FS_RECTF()
        matrix = pdfium_c.FS_MATRIX()
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            code = unicode_of(raw, i)
            # PDFium generates only spaces and line breaks: ask it about spaces alone
            if code < 32 or code in (0xFFFE, 0xFFFF) or (code == 32 and generated(raw, i)):
                continue
            if loose_box(raw, i, rect):
                left, right, low, high = rect.left, rect.right, rect.bottom, rect.top
            else:
                left, low, right, high = textpage.get_charbox(i)
            x0, x1, _, bottom = _displayed(left - ox, right - ox, low - oy, high - oy,
                                             width, height, rotation)
            # pdfminer's box, which the layout thresholds were tuned on, reaches from the
            # descent up by the font size (as scaled by the text matrix), not to the ascent
            matrix_of(raw, i, matrix)
            size = font_size(raw, i) * hypot(matrix.c, matrix.d)
            yield _Char(chr(code), x0, x1, bottom - size, bottom)
    finally:
        textpage.close()


def _displayed(x0: float, x1: float, y0: float, y1: float, width: float, height: float,
               rotation: int) -> tuple[float, float, float, float]:
    """A box in page space (origin bottom left) as displayed: x0, x1, top, bottom."""
    if rotation == 90:
        return y0, y1, x0, x1
    if rotation == 180:
        return width - x1, width - x0, y0, y1
    if rotation == 270:
        return height - y1, height - y0, width - x1, width - x0
    return x0, x1, height - y1, height - y0


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters clustered by their top (chained within ``Y_TOLERANCE``), each line by x."""
    ordered = sorted(chars, key=lambda c: c.top)
    groups: list[list[_Char]] = []
    last = None
    for c in ordered:
        if last is not None and c.top <= last + Y_TOLERANCE:
            groups[-1].append(c)
        else:
            groups.append([c])
        last = c.top
    return [sorted(g, key=lambda c: c.x0) for g in groups]


def _word(chars: list[_Char]) -> Word:
    return Word("".join(c.text for c in chars), min(c.x0 for c in chars),
                max(c.x1 for c in chars), min(c.top for c in chars),
                max(c.bottom for c in chars))


def page_words(page: pdfium.PdfPage) -> list[Word]:
    """The page's words, as pdfplumber's ``extract_words()`` would give them."""
    words: list[Word] = []
    for line in _lines(list(_chars(page))):
        current: list[_Char] = []
        for c in line:
            if c.text.isspace():
                if current:
                    words.append(_word(current))
                current = []
                continue
            if current:
                prev = current[-1]
                if c.x0 < prev.x0 or c.x0 > prev.x1 + X_TOLERANCE \
                        or abs(c.top - prev.top) > Y_TOLERANCE:
                    words.append(_word(current))
                    current = []
            current.append(c)
        if current:
            words.append(_word(current))
    return words
