"""Part 4 (名词解释) → glossary terms.

Where it sits: ``document.assemble`` hands the lines no table claimed. The glossary starts at
its heading (``第四部分 名词解释`` or ``名词解释``, the last one that is followed by entries,
so a table of contents is skipped) and holds numbered entries ``一、术语：释义`` /
``（一）术语：释义``; wrapped PDF lines are joined to their entry.
"""

from __future__ import annotations

import re

from yusuan.model.disclosure import GlossaryTerm, label
from yusuan.parse.lines import Line

_HEADING = re.compile(r"^(第[一二三四五六七八九十]部分)?名词解释$")
_ENTRY = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.．])"
                    r"\**([^:：*]{1,30}?)\**[:：](.+)$")
_STOP = re.compile(r"(^第[一二三四五六七八九十]部分|^附件|^附表|说明$|预算表$|总表$)")
MAX_ENTRIES = 80
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_PUNCTUATION = re.compile(r"[，,。；;：:、（）()“”]")


def _ends_part(terms: list[list[str]], text: str) -> bool:
    """The signature after the last entry (the department, a date) is not a wrapped line: after
    a finished sentence, a line without any punctuation, or a date, ends Part 4."""
    t = label(text)
    return bool(_DATE.match(t)) or (terms[-1][1].endswith("。") and not _PUNCTUATION.search(t))


def read_glossary(lines: tuple[Line, ...]) -> tuple[GlossaryTerm, ...]:
    starts = [i for i, line in enumerate(lines) if _HEADING.match(line.label)
              and any(_ENTRY.match(x.label) for x in lines[i + 1:i + 4])]
    if not starts:
        return ()
    terms: list[list[str]] = []
    for line in lines[starts[-1] + 1:]:
        text = line.text.strip()
        if _STOP.search(label(text)) or len(terms) >= MAX_ENTRIES:
            break
        m = _ENTRY.match(label(text))
        if m:
            terms.append([m.group(1).strip("*"), m.group(2)])
        elif terms and line.line is None and not text.isdigit() and not _ends_part(terms, text):
            terms[-1][1] += label(text)  # a wrapped PDF line
        elif terms:
            break
    return tuple(GlossaryTerm(term=t, definition=d.replace("**", "")) for t, d in terms)
