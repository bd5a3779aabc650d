"""Where a finding about the text points: the sentence that states the figure, where it was
printed (``Sentence.origin``: page, text line, DOCX paragraph, sheet and cell), its section.

Where it sits: every rule about a figure of Part 3 (``narrative*``, ``final_*``, the cross-year
rules) builds its ``Location`` here, so the report, the review page and ``--annotate`` can say
and show where the sentence is (“第 5 页 第三部分“四””). Rules that read a paragraph as one
string (the 决算 template's sentences, the text patterns) find the sentence of a match by its
offset (``sentence_at``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yusuan.model.disclosure import Disclosure, Place, Section, Sentence
from yusuan.model.finding import Location


def section_label(section: Section) -> str:
    """``第三部分“四”`` for a numbered section, else its title."""
    return f"第三部分“{section.number}”" if section.number else section.title


def said_at(d: Disclosure, section: Section | None, sentence: Sentence | None,
            **where: Any) -> Location:
    """A finding's location in the text: the file, where the sentence was printed, its
    section and words, and whatever the rule adds (``table``, ``code``, ``name``,
    ``column``)."""
    return printed_at(d, sentence.origin if sentence is not None else None,
                      section_label(section) if section is not None else None,
                      sentence.text if sentence is not None else None, **where)


def printed_at(d: Disclosure, p: Place | None, section: str | None,
               sentence: str | None = None, **where: Any) -> Location:
    """A location at the place ``p`` of the document (a sentence's, a Part 1 count's)."""
    return Location(
        file=d.source.file if d.source else None,
        page=p.page if p else None, line=p.line if p else None,
        paragraph=p.paragraph if p else None, sheet=p.sheet if p else None,
        cell=p.cell if p else None, section=section, sentence=sentence, **where)


def squeezed(text: str) -> str:
    """Text without any white space, as the paragraph rules read it (``1,000.00 万元``)."""
    return "".join(text.split())


Paragraph = tuple[Sentence, ...]


def paragraphs(d: Disclosure) -> Iterator[tuple[Section, Paragraph, str]]:
    """(section, its sentences, their text joined without white space) of Part 3."""
    for section in d.narrative:
        for p in section.paragraphs:
            yield section, p, "".join(squeezed(s.text) for s in p)


def sentence_at(paragraph: Paragraph, offset: int) -> Sentence | None:
    """The sentence of ``paragraph`` holding character ``offset`` of its squeezed text."""
    end = 0
    for s in paragraph:
        end += len(squeezed(s.text))
        if offset < end:
            return s
    return paragraph[-1] if paragraph else None


def said_in(d: Disclosure, section: Section, paragraph: Paragraph, offset: int,
            **where: Any) -> Location:
    """``said_at`` for the sentence holding ``offset`` of the paragraph's squeezed text."""
    return said_at(d, section, sentence_at(paragraph, offset), **where)


def printing(d: Disclosure, words: str, **where: Any) -> Location | None:
    """``said_at`` the first sentence of Part 3 printing ``words`` (None: none does)."""
    found = find_sentence(d, words)
    return said_at(d, *found, **where) if found else None


def find_sentence(d: Disclosure, words: str) -> tuple[Section, Sentence] | None:
    """The first sentence of Part 3 whose text (squeezed) contains ``words`` (squeezed)."""
    wanted = squeezed(words)
    if not wanted:
        return None
    for section in d.narrative:
        for s in section.sentences():
            if wanted in squeezed(s.text):
                return section, s
    return None
