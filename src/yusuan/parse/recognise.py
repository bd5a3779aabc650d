"""Which table of a profile a printed title is: a score, not a list of exact aliases.

Where it sits: ``blocks.py`` asks, for each short line with a unit line below it, how well
it matches every table of the profile. A title is first reduced to its core: the numbering
(``公开01表：``, ``表3``, ``附表一``, ``二、``), the year (``2017年度``), the edition words and
whatever precedes them (``江苏省高级人民法院部门…``, ``预算单位…``) and punctuation are
dropped; the core is compared with each table's title and aliases (reduced the same way) by
shared character pairs (F2: a name's pairs missing from the title weigh more than pairs
the title adds), so word order, an added ``（一般公共预算）`` or department name, or a
missing ``预算`` lower the score a little instead of failing. Where two tables score nearly the
same (or one table id has layouts for both editions), the header printed under the title
decides: the share of the layout's column labels it shows, less the labels it does not know.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from yusuan.model.disclosure import label
from yusuan.model.kinds import TableId
from yusuan.model.profiles import Profile, TableLayout
from yusuan.parse.lines import Line
from yusuan.reference.numerals import ITEM_NUMBER, TABLE_NUMBER

_NUMBERING = re.compile(rf"^(?:{TABLE_NUMBER}|{ITEM_NUMBER}|第[\d一二三四五六七八九十]+[表部分]*)[:：]?")
_YEAR = re.compile(r"\d{4}年度?")
_EDITION = re.compile(r"预算单位|部门|单位")
_NOT_WORD = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")
_CONTINUED = re.compile(r"[(（]?续表?[)）]?$")
EDITION_REACH = 24  # edition words this far into a title start the table name after them
THRESHOLD = 0.72  # a title scoring below this is not the table
COULD_BE = 0.45  # an unread title scoring at least this could be the table
SHAPE_MARGIN = 0.1  # titles scoring within this of the best are told apart by their header


@cache
def cores(title: str) -> tuple[str, ...]:
    """The part of a printed title that names the table (see the module docstring): the text
    after the first edition word (what precedes it is a department or region name), and the
    whole text without edition words in case that word belongs to the table's name."""
    text = label(unicodedata.normalize("NFKC", title))
    text = _CONTINUED.sub("", text)
    while True:
        stripped = _YEAR.sub("", _NUMBERING.sub("", text))
        if stripped == text:
            break
        text = stripped
    out = [_words(text)]
    m = _EDITION.search(text[:EDITION_REACH])
    if m and len(text) - m.end() >= 4:
        out.insert(0, _words(text[m.end():]))
    return tuple(dict.fromkeys(c for c in out if c))


def _words(text: str) -> str:
    """Edition words, ``预算`` (in nearly every title: ``收入预算总表`` is the 标准目录's
    ``收入总表``) and punctuation dropped."""
    return _NOT_WORD.sub("", _EDITION.sub("", text).replace("预算", ""))


@lru_cache(maxsize=8192)
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1)) or frozenset((text,))


def similarity(seen: str, name: str) -> float:
    """F2 score of a table name's character pairs found in a printed title core (1.0: the
    same words). Recall counts four times precision: words the title adds (a department
    name, ``（按功能科目）``) cost less than words of the name it lacks (another table)."""
    if not seen or not name:
        return 0.0
    ps, pn = _pairs(seen), _pairs(name)
    shared = len(ps & pn)
    if not shared:
        return 0.0
    recall, precision = shared / len(pn), shared / len(ps)
    return 5 * recall * precision / (4 * precision + recall)


@cache
def _names(layout: TableLayout) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for n in (layout.title, *layout.aliases) for c in cores(n)))


@lru_cache(maxsize=8192)
def title_score(title: str, layout: TableLayout) -> float:
    """How well a printed title names this table (0–1); a final-accounts (决算) title is no
    budget table, whatever its other words. Kept per title and table: a document's lines are
    scored against every profile's tables, and titles repeat from document to document."""
    if ("决算" in title) != any("决算" in n for n in _names(layout)):
        return 0.0
    return max((similarity(seen, n) for seen in cores(title) for n in _names(layout)),
               default=0.0)


@cache
def _header_words(layout: TableLayout) -> frozenset[str]:
    words: set[str] = set()
    for col in layout.all_columns:
        words.update(_NOT_WORD.sub("", label(p)) for p in col.path)
    for path in layout.stub:
        words.update(_NOT_WORD.sub("", label(p)) for p in path)
    for side in layout.sides:
        words.update(_NOT_WORD.sub("", label(w)) for w in (side.header, side.stub))
    return frozenset(w for w in words if w)


def shape_score(header: tuple[Line, ...], layout: TableLayout) -> float:
    """Share of the layout's header words printed, less the share of printed words it lacks."""
    words = _header_words(layout)
    printed = [w for line in header for c in line.cells if not c.is_number
               if (w := _NOT_WORD.sub("", c.label))]
    if not words or not printed:
        return 0.0
    text = "".join(printed)
    shown = sum(1 for w in words if w in text) / len(words)
    unknown = sum(1 for w in printed if not any(w in k or k in w for k in words)) / len(printed)
    return shown - unknown


@dataclass(frozen=True)
class Match:
    layout: TableLayout
    score: float


def rank(title: str, profile: Profile) -> list[Match]:
    """Every table of the profile with its title score, best first."""
    return sorted((Match(t, title_score(title, t)) for t in profile.layouts),
                  key=lambda m: -m.score)


def recognise(title: str, header: tuple[Line, ...], profile: Profile) -> Match | None:
    """The table this title (and the header printed under it) is, or None below the threshold.

    Tables scoring within ``SHAPE_MARGIN`` of the best title score are told apart by their
    header shape; layouts of one table id for both editions always tie on the title.
    """
    ranked = rank(title, profile)
    if not ranked or ranked[0].score < THRESHOLD:
        return None
    close = [m for m in ranked if m.score >= ranked[0].score - SHAPE_MARGIN]
    if len(close) == 1:
        return close[0]
    return max(close, key=lambda m: (shape_score(header, m.layout), m.score))


def could_be(title: str, profile: Profile) -> tuple[TableId, ...]:
    """Table ids an unread title might be (its score is above ``COULD_BE``)."""
    return tuple(dict.fromkeys(m.layout.id for m in rank(title, profile) if m.score >= COULD_BE))
