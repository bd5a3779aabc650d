"""Test-side readers for the rendered files: amount tokens and row lines of PDF pages."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})*\.\d{2}$")
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")


def compact(text: str) -> str:
    return "".join(text.split())


def amount_words(page) -> list[dict]:
    return [w for w in page.extract_words(keep_blank_chars=False) if AMOUNT.match(w["text"])]


def amount_lines(pages: Iterable) -> Counter[tuple[str, ...]]:
    """Amounts grouped by printed line (same top, left to right), counted over ``pages``."""
    lines: Counter[tuple[str, ...]] = Counter()
    for page in pages:
        rows: list[tuple[float, list[dict]]] = []
        for w in sorted(amount_words(page), key=lambda w: (round(w["top"]), w["x0"])):
            if rows and abs(rows[-1][0] - w["top"]) < 1.5:
                rows[-1][1].append(w)
            else:
                rows.append((w["top"], [w]))
        for _, words in rows:
            lines[tuple(w["text"] for w in sorted(words, key=lambda w: w["x0"]))] += 1
    return lines


def page_of(pdf, text: str, start: int = 0) -> int:
    """Index of the first page from ``start`` whose text contains ``text`` (spaces ignored)."""
    needle = compact(text)
    for i in range(start, len(pdf.pages)):
        if needle in compact(pdf.pages[i].extract_text() or ""):
            return i
    raise AssertionError(f"{text!r} not found in the PDF from page {start + 1}")


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)
