"""Where the figure of a finding about the text is printed: its sentence found among the
page's words, and the figure inside that sentence.

Where it sits: ``annotate`` asks here for a finding that names its sentence
(``Location.sentence``, from ``Sentence.origin``). The page's words (PDFium, ``pdf_words``) are
read as one string of characters in reading order, white space left out; the sentence is
found in it by its beginning (a sentence cut by a page break, or whose end the reader joined
differently, still starts as printed), and the figure is the first number after that start,
and before the sentence ends (or the comparison said in the sentence after it ends), that
equals the finding's printed figure — so a figure printed twice on a page is boxed in the
sentence the finding is about. A sentence running over onto
the next page is followed there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from yusuan.parse.pdf_words import Word

Box = tuple[float, float, float, float]
Part = Callable[[Word, int, int], Box]  # the box of characters start–end of a word
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
BEGINNINGS = (48, 24, 12, 8)  # characters of the sentence's start looked for, longest first


def _char(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


@dataclass(frozen=True)
class _Stream:
    """A page's characters in reading order without white space, and where each stands
    (word index, character index in the word)."""

    text: str
    at: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, words: Sequence[Word]) -> _Stream:
        chars: list[str] = []
        at: list[tuple[int, int]] = []
        for i, w in enumerate(words):
            for j, c in enumerate(w.text):
                if not c.isspace():
                    chars.append(_char(c))
                    at.append((i, j))
        return cls("".join(chars), tuple(at))


def squeezed(text: str) -> str:
    return "".join(_char(c) for c in text if not c.isspace())


def _start(stream: _Stream, sentence: str) -> int | None:
    """Where the sentence begins on the page: the longest of its beginnings the page prints
    (once: a beginning printed twice says nothing)."""
    for n in BEGINNINGS:
        if len(sentence) < n and n != BEGINNINGS[-1]:
            continue
        head = sentence[:n]
        i = stream.text.find(head)
        if i >= 0 and stream.text.find(head, i + 1) < 0:
            return i
    return None


def _figure(stream: _Stream, wanted: set[Decimal], start: int, end: int) -> re.Match[str] | None:
    for m in _NUMBER.finditer(stream.text, start, min(end, len(stream.text))):
        try:
            value = Decimal(m.group().replace(",", ""))
        except ArithmeticError:
            continue
        if value in wanted:
            return m
    return None


def _box(words: Sequence[Word], stream: _Stream, start: int, end: int, part: Part) -> Box:
    """The union of the boxes of stream characters ``start``–``end`` (a number may be cut
    into words, or wrap at the end of a line: then the box of its first line's part)."""
    spans: dict[int, list[int]] = {}
    for word, j in stream.at[start:end]:
        spans.setdefault(word, []).append(j)
    first = min(spans)
    line = [(w, js) for w, js in spans.items() if abs(words[w].top - words[first].top) < 3]
    boxes = [part(words[w], min(js), max(js) + 1) for w, js in line]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def sentence_figure(sentence: str, wanted: set[Decimal], pages: Sequence[Sequence[Word]],
                    page_no: int, part: Part) -> tuple[int, Box] | None:
    """(page, box) of the figure ``wanted`` in ``sentence``, which begins on ``page_no``;
    None where the sentence or the figure in it cannot be found there."""
    text = squeezed(sentence)
    words = pages[page_no - 1]
    stream = _Stream.of(words)
    start = _start(stream, text)
    if start is None:
        return None
    end = start + len(text)
    # a sentence that only compares (“与上年相比增加 X 万元，增长 Y%。”) gives its change and
    # rate to the figure of the sentence before it (``parse.fact_shapes``): then the figure
    # is in the sentence after
    m = _figure(stream, wanted, start, end) or _figure(
        stream, wanted, end, stream.text.find("。", end) + 1 or len(stream.text))
    if m is not None:
        return page_no, _box(words, stream, m.start(), m.end(), part)
    if end <= len(stream.text) or page_no >= len(pages):
        return None
    after = pages[page_no]  # the sentence runs over onto the next page
    rest = _Stream.of(after)
    m = _figure(rest, wanted, 0, end - len(stream.text) + len(text) // 4)
    return None if m is None else (page_no + 1, _box(after, rest, m.start(), m.end(), part))
