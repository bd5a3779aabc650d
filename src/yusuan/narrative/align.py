"""Part 3 clause by clause: split into the clauses that state figures, and pair the clauses of
two versions of a document (the printed one and one written again) by what they talk about.

A clause is the text between ``。`` / ``；`` (and ``;``); white space is not part of it (the
PDF text layer spaces justified lines). Two clauses are paired by their *skeleton* — the text
with every figure, year, enumerator and change word taken out, and cut before the reason or
purpose it gives — first where the skeletons are equal, then by likeness: never by position,
so a missing or extra sentence does not shift the rest. Sections pair by their titles.

A list bullet that opens a sentence (``- 1、…``, ``• …``: a mark followed by white space, as a
text or Markdown copy of a document marks its list items) is the file format's, not printed
wording, and is not part of the clause; a sign stuck to a figure (``-1.5``) is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from yusuan.model.disclosure import Fact, Section
from yusuan.reference.numerals import numbering, strip_numbering

_SPLIT = re.compile(r"(?<=[。；;])")
_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^\s*[-*+•·▪]\s+")  # a list item's mark, followed by white space
# a figure as printed: 1,623.18 / 0.95 / 87 / 18.85% (years and enumerators go first)
_FIGURE = re.compile(r"\d[\d,，]*(?:\.\d+)?")
_YEAR = re.compile(r"\d{4}\s*年度?")
_CHANGE_WORDS = re.compile(r"增加了?|减少了?|增长|下降|降低|持平|一致|增幅|降幅|上升")
# where a clause stops naming its subject and starts giving a reason or a use
CUES = ("主要原因", "原因是", "主要用于", "主要是", "主要系", "用于")
MIN_LIKENESS = 0.55


def normal(text: str) -> str:
    """The text without white space (what two versions are compared by)."""
    return _SPACE.sub("", text)


# numbers that are names, not figures: 公开01表, （表5）, 苏财预〔2019〕7号, 国办发[2022]8号
# (〔〕 read from some PDFs as „‟)
_REFERENCE = re.compile(r"公开\d+表|表\s*\d+|[〔\[(（„]\d{4}[〕\])）‟]\s*\d+\s*号")


def has_figure(text: str) -> bool:
    """Whether a clause states a figure (an amount, share, count): a digit once years,
    enumerators and document or table numbers are taken out."""
    rest = strip_numbering(_YEAR.sub("", _REFERENCE.sub("", normal(text))))
    return bool(re.search(r"\d", rest))


def figures(text: str) -> list[str]:
    """The figures a clause prints, in order (years and the enumerator left out)."""
    rest = strip_numbering(_YEAR.sub("", normal(text)))
    return [m.group(0).replace("，", ",") for m in _FIGURE.finditer(rest)]


def starts_item(text: str) -> bool:
    """Whether a clause opens an enumerated item or heading (（二）…, 2．…, 三、…)."""
    return bool(numbering(normal(text)))


def skeleton(text: str) -> str:
    """What a clause talks about: no figures, years, enumerators or change words, cut before
    its reason or use."""
    t = strip_numbering(normal(text))
    cut = min((i for i in (t.find(c) for c in CUES) if i > 0), default=len(t))
    t = _YEAR.sub("年", t[:cut])
    t = _FIGURE.sub("", t)
    return _CHANGE_WORDS.sub("", t).strip("，,。；;：:、")


@dataclass(frozen=True)
class Clause:
    """One clause of Part 3 with where it is: the section (its index, number and title), the
    paragraph and sentence, and the facts of the sentence it belongs to."""

    text: str
    section: int
    number: str
    title: str
    paragraph: int
    sentence: int
    facts: tuple[Fact, ...] = ()

    @property
    def key(self) -> str:
        return skeleton(self.text)

    @property
    def generic(self) -> bool:
        """A clause that names nothing (``与上年相比增加…``): it belongs to the statement
        before it and is paired only within that statement."""
        return is_generic(self.key)


GENERIC = re.compile(r"^(?:与|比|较|同比)(?:上年|年|上一年)|^(?:增|减|下降|主要)")


def is_generic(key: str) -> bool:
    return not key or bool(GENERIC.match(key))


def clauses(sections: Sequence[Section]) -> list[Clause]:
    """Every clause of Part 3, in order (headings included: they may state figures)."""
    out: list[Clause] = []
    for si, s in enumerate(sections):
        for pi, paragraph in enumerate(s.paragraphs):
            for ti, sentence in enumerate(paragraph):
                for part in _SPLIT.split(normal(_BULLET.sub("", sentence.text))):
                    if part.strip("。；;"):
                        out.append(Clause(part, si, s.number, s.title, pi, ti, sentence.facts))
    return out


def _title_key(title: str) -> str:
    return _FIGURE.sub("", _YEAR.sub("", normal(title)))


NEAR_TITLE = 0.85  # titles this alike are the same section, whatever key it was read with


def section_pairs(a: Sequence[Section], b: Sequence[Section]) -> dict[int, int]:
    """Sections of ``a`` → sections of ``b`` with the same title (years aside), else the same
    key, else the likest title."""
    out: dict[int, int] = {}
    taken: set[int] = set()
    for i, s in enumerate(a):
        candidates = [j for j in range(len(b)) if j not in taken]
        exact = [j for j in candidates if _title_key(b[j].title) == _title_key(s.title)]
        keyed = [j for j in candidates if s.key and b[j].key == s.key]
        liked = sorted(candidates, key=lambda j: -likeness(_title_key(b[j].title),
                                                            _title_key(s.title)))
        near = [j for j in liked[:1]  # 国有资产占有情况 ~ 国有资产占有使用情况 (a read
                if likeness(_title_key(b[j].title), _title_key(s.title)) >= NEAR_TITLE]
        best = (exact or near or keyed or [j for j in liked[:1]  # section's key may be "other")
                                           if likeness(_title_key(b[j].title),
                                                       _title_key(s.title)) >= MIN_LIKENESS]
                # a section printed as a part of another, under its heading (其他重要事项说明:
                # （一）预算绩效目标设置情况说明 …)
                or [j for j in candidates if _title_key(b[j].title) in _headings(s)
                    or _title_key(s.title) in _headings(b[j])][:1])
        if best:
            out[i] = best[0]
            taken.add(best[0])
    return out


def _headings(s: Section) -> set[str]:
    """The headings inside a section (a paragraph of one numbered clause with no figure), as
    titles are compared."""
    return {_title_key(strip_numbering(normal(p[0].text))) for p in s.paragraphs
            if len(p) == 1 and starts_item(p[0].text) and not has_figure(p[0].text)}


def likeness(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def pair(a: Sequence[Clause], b: Sequence[Clause], sections: dict[int, int] | None = None,
         minimum: float = MIN_LIKENESS, by_figures: bool = False) -> list[tuple[int, int]]:
    """Pairs (index in ``a``, index in ``b``), one to one: equal skeletons first (in the
    paired section where ``sections`` pairs them, then anywhere), then the likest skeletons
    above ``minimum`` (a clause of the paired section preferred; with ``by_figures``, one
    stating an amount of the same value preferred too: the probe of a printed text)."""
    sections = sections or {}
    keys_a = [c.key for c in a]
    keys_b = [c.key for c in b]
    # a clause that names nothing — by its words, or printed alike more than once in its
    # section (2022年当年预算执行数为…) — is paired after the others, within its statement;
    # one printed alike in two sections (a 款 list under 财政拨款 and again under 一般公共预算)
    # is told apart by its section
    twice = {k for (_, k), n in Counter((c.section, c.key) for c in a).items() if n > 1} | {
        k for (_, k), n in Counter((c.section, c.key) for c in b).items() if n > 1}
    used_a: set[int] = {i for i, k in enumerate(keys_a) if is_generic(k) or k in twice}
    used_b: set[int] = {j for j, k in enumerate(keys_b) if is_generic(k) or k in twice}
    generic_a, generic_b = set(used_a), set(used_b)
    out: list[tuple[int, int]] = []

    def same_section(i: int, j: int) -> bool:
        return sections.get(a[i].section) == b[j].section

    if by_figures:  # a name printed alike more than once (一般行政管理事务（项）under two 款):
        # paired by its amount where the other side states the same one
        _pair_alike(a, b, keys_a, keys_b, twice, (used_a, used_b, generic_a, generic_b), out)
    for require_section in (True, False):
        for i in range(len(a)):
            if i in used_a:
                continue
            for j in range(len(b)):
                if j in used_b or keys_b[j] != keys_a[i]:
                    continue
                if require_section and not same_section(i, j):
                    continue
                out.append((i, j))
                used_a.add(i)
                used_b.add(j)
                break
    scored = []
    values_a = [_values(c.text) for c in a] if by_figures else []
    values_b = [_values(c.text) for c in b] if by_figures else []
    # a 项 printed without its 类 and 款 (行政运行（项）) is as like the probe's 项 with them
    leaves_a = [_LEVELS.sub("", k) for k in keys_a] if by_figures else keys_a
    leaves_b = [_LEVELS.sub("", k) for k in keys_b] if by_figures else keys_b
    for i in range(len(a)):
        if i in used_a:
            continue
        for j in range(len(b)):
            if j in used_b:
                continue
            score = likeness(keys_a[i], keys_b[j])
            if (leaves_a[i], leaves_b[j]) != (keys_a[i], keys_b[j]) \
                    and "（项）" in leaves_a[i] and "（项）" in leaves_b[j]:
                score = max(score, likeness(leaves_a[i], leaves_b[j]))
            score += 0.1 if same_section(i, j) else 0.0
            if by_figures and values_a[i] & values_b[j]:
                score += SAME_FIGURE
            if score >= minimum:
                scored.append((score, i, j))
    for _score, i, j in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if i in used_a or j in used_b:
            continue
        out.append((i, j))
        used_a.add(i)
        used_b.add(j)
    return sorted(out + _pair_generic(a, b, sorted(out), generic_a, generic_b))


SAME_FIGURE = 0.3
# the 类 and 款 a 项 is named under (一般公共服务支出（类）…事务（款）行政运行（项）)
_LEVELS = re.compile(r"(?:[^（），。；：]+?（[类款]）)+(?=[^（），。；：]+（项）)")


def _pair_alike(a: Sequence[Clause], b: Sequence[Clause], keys_a: list[str], keys_b: list[str],
                twice: set[str], sets: tuple[set[int], set[int], set[int], set[int]],
                out: list[tuple[int, int]]) -> None:
    """Clauses of a name printed more than once (not generic by their words) on either side,
    each paired with the one of that name — or one like it — stating an amount of the same
    value, where only one does; those are then not paired again, nor as generic (``sets``:
    used in ``a``, in ``b``, generic in ``a``, in ``b``)."""
    used_a, used_b, generic_a, generic_b = sets
    taken: set[int] = set()
    values_b = [_values(c.text) for c in b]
    for i, key in enumerate(keys_a):
        if is_generic(key) or (i in used_a and key not in twice) \
                or not (values := _values(a[i].text)):
            continue
        found = [j for j, k in enumerate(keys_b) if j not in taken and (key in twice or k in twice)
                 and (j not in used_b or k in twice) and values & values_b[j]
                 and not is_generic(k) and (k == key or likeness(k, key) >= MIN_LIKENESS)]
        if len(found) == 1:
            out.append((i, found[0]))
            taken.add(found[0])
            used_a.add(i)
            used_b.add(found[0])
            generic_a.discard(i)
            generic_b.discard(found[0])


def _values(text: str) -> set[Decimal]:
    """The amounts a clause states, by value (630 and 630.00 alike)."""
    out = set()
    for f in figures(text):
        try:
            out.add(Decimal(f.replace(",", "")).normalize())
        except InvalidOperation:
            continue
    return out


def _pair_generic(a: Sequence[Clause], b: Sequence[Clause], anchors: list[tuple[int, int]],
                  generic_a: set[int], generic_b: set[int]) -> list[tuple[int, int]]:
    """The clauses that name nothing, each paired with the likest one of the statement its
    counterpart statement holds (the clauses after the paired clause before it)."""
    out: list[tuple[int, int]] = []
    taken: set[int] = set()
    for i in sorted(generic_a):
        before = [(x, y) for x, y in anchors if x < i and a[x].section == a[i].section]
        if not before:
            continue
        _, y = before[-1]
        later = [p for p in anchors if p[1] > y]
        end = min((p[1] for p in later), default=len(b))
        options = [j for j in range(y + 1, end) if j in generic_b and j not in taken
                   and b[j].section == b[y].section]
        if options:
            j = max(options, key=lambda j: (likeness(a[i].key, b[j].key), -j))
            out.append((i, j))
            taken.add(j)
    return out
