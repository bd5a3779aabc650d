"""Part 3 of the seed text (tests/fixtures/korla-2024-seed.txt) and of a generated narrative,
split the same way into comparable sentences: NFKC, all white space removed, split after
each 。 and ；, and at paragraph breaks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from yusuan.model.disclosure import Section

_LIST_MARK = re.compile(r"^-\s+")  # the seed text marks some list items with "- "
_HEADING_FIVE = re.compile(r"^[（(]五[)）]")


def normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def sentences(paragraphs: Iterable[str]) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        for s in re.split(r"(?<=[。;])", normalise(p)):
            if s:
                out.append(s)
    return out


def seed_paragraphs(path: Path) -> list[str]:
    """The body of Part 3 (not the table of contents), one entry per printed line, without
    the performance-target tables the document prints inside 十二(四)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("第三部分")]
    ends = [i for i, line in enumerate(lines) if line.startswith("第四部分")]
    body = lines[starts[-1] + 1:ends[-1]]
    out: list[str] = []
    in_tables = False
    for line in body:
        text = _LIST_MARK.sub("", line.strip())
        if in_tables:
            if not _HEADING_FIVE.match(text):
                continue
            in_tables = False
        if text:
            out.append(text)
        if "具体情况见下表" in text:
            in_tables = True
    return out


def generated_paragraphs(sections: Iterable[Section]) -> list[str]:
    """Each section's heading line (“一、…”) and paragraphs, as printed."""
    out: list[str] = []
    for s in sections:
        out.append(f"{s.number}、{s.title}")
        for p in s.paragraphs:
            if p and p[0].kind == "performance_tables":
                continue
            out.append("".join(x.text for x in p))
    return out
