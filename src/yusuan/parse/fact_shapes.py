"""Comparison clauses of Part 3 sentences, as each region words them: what a figure is
compared with, and the base figure where the sentence prints it.

Where it sits: ``narrative.facts`` reads a clause's amount, share, change and rate; this module
adds what the comparison is against — the year named (``比2024年预算``, ``较上年``), whether it
is last year's budget or last year's execution (``预算执行数``, 上海's item sentences), and the
base figure itself where it is printed:

- ``2022年当年预算执行数为A万元，2023年预算安排B万元，比2022年预算执行数增加C%`` (上海): two
  figures labelled with years — the later is this year's, the earlier the base;
- ``比2023年预算1690.69万元减少255.80万元`` (the base printed right after the year named).

Patterns work on clauses, not whole sentences, so other wordings of the same parts are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from yusuan.model.disclosure import Sentence, label
from yusuan.model.money import Unit, convert

AMOUNT = r"(-?\d[\d,]*(?:\.\d+)?)\s*(万元|元|万)"
# 比/较/与/同 + a year (or 上年) + an optional note in brackets + what is compared with
VERSUS = re.compile(r"(?:比|较|与|同)\s*(?:(\d{4})\s*年度?|上(?:一)?年度?)"
                    r"(?:[（(][^）)]{0,16}[)）])?\s*(?:当年)?(?:年初)?(预算执行数|执行数|决算数|决算|预算数|预算)?")
# a figure labelled with a year: ``2022年当年预算执行数为1.48万元``, ``2023年预算安排2.63万元``
_YEAR_FIGURE = re.compile(r"(?<![比较与同\d])(\d{4})\s*年度?([^，,。；;：:\d]{0,12}?)(?:为|是)?\s*"
                          + AMOUNT)
_BASE_FIGURE = re.compile(r"(?:比|较)\s*(?:\d{4}\s*年度?|上(?:一)?年度?)(?:[（(][^）)]{0,16}[)）])?"
                          r"\s*(?:当年)?(?:年初)?(?:预算执行数|执行数|决算数|预算数|预算)?(?:为|的)?\s*"
                          + AMOUNT)
RATE = re.compile(r"((?:增长|下降|降低|减少|上升)(?:率|幅度)(?:为|达)?|(?:增|降|减)幅(?:为|达)?|"
                  r"增长|下降|减少|增加|降低|提高|上升)了?\s*(-?\d+(?:\.\d+)?)\s*%")
# a change stated as an amount: ``增加 2,247.84 万元``, ``减少了1237.7万元``, ``增长120.5万元``
CHANGE = re.compile(r"(增加|减少|增长|下降|降低|上升)了?\s*" + AMOUNT)
FALLS = ("下降", "减少", "降低", "降幅", "减幅")  # the words of a fall: a negative change
# the base printed as an aside in brackets: ``（上年财政仅安排…预留机动140.2 万元）``
_ASIDE_PRIOR = re.compile(r"[（(][^（）()]{0,40}?(?:上(?:一)?年|去年|\d{4}\s*年)[^（）()]{0,40}?"
                          + AMOUNT + r"[^（）()]{0,10}[)）]")


@dataclass(frozen=True)
class Comparison:
    """What a clause compares with: the year named, the basis (``预算`` or ``执行数``) and the
    base figure where it is printed (with its unit), or the year-labelled figure of this year."""

    base_year: int | None = None
    basis: str | None = None  # ``预算`` | ``执行数`` | ``决算``
    prior: tuple[str, str] | None = None  # (number, unit) as printed
    current: tuple[str, str] | None = None  # this year's figure where the clause labels it


def _basis(word: str | None) -> str:
    if word and "执行" in word:
        return "执行数"
    if word and "决算" in word:
        return "决算"
    return "预算"


def comparison(text: str) -> Comparison | None:
    """The comparison a clause makes, or None where it makes none."""
    v = VERSUS.search(text)
    # year-labelled figures of a budget or its execution (not 2024年结转 … within 2025's)
    pair = [m for m in _YEAR_FIGURE.finditer(text)
            if re.search(r"预算|执行|决算", m.group(2)) and not re.search(r"结转|结余", m.group(2))]
    years = {int(m.group(1)) for m in pair}
    prior = current = None
    if len(years) >= 2:
        first = min(pair, key=lambda m: int(m.group(1)))
        last = max(pair, key=lambda m: int(m.group(1)))
        prior, current = (first.group(3), first.group(4)), (last.group(3), last.group(4))
        if v is None:
            return Comparison(base_year=int(first.group(1)), basis=_basis(first.group(2)),
                              prior=prior, current=current)
    if v is None:
        return None
    if prior is None:
        b = _BASE_FIGURE.search(text)
        if b is not None and b.start() == v.start():
            prior = (b.group(1), b.group(2))
        elif (a := aside_prior(text)) is not None:
            prior = (a.group(1), a.group(2))
    basis = _basis(v.group(2))
    if v.group(2) is None and prior is not None and len(years) >= 2:
        basis = _basis(min(pair, key=lambda m: int(m.group(1))).group(2))
    return Comparison(base_year=int(v.group(1)) if v.group(1) else None, basis=basis,
                      prior=prior, current=current)


def aside_prior(text: str) -> re.Match[str] | None:
    """The base figure printed as an aside in brackets after the change (江苏: “与上年相比增加
    2,247.84 万元（上年财政仅安排…预留机动140.2 万元）”): it is last year's figure, not this
    year's (groups 1 and 2: number and unit)."""
    return _ASIDE_PRIOR.search(text)


def rate(text: str) -> Decimal | None:
    """The stated rate of change, signed (减少/下降/降低 negative), as printed."""
    r = RATE.search(text)
    if r is None:
        return None
    return signed(Decimal(r.group(2)), r.group(1))


def signed(value: Decimal, word: str) -> Decimal:
    """A change or rate stated after ``word``: negative after a word of a fall (``FALLS``)."""
    return -value if word.startswith(FALLS) else value


_FLAT = re.compile(r"持平|无变动|没有变化|未发生变化|相等|一致")
_OPENS_WITH_COMPARISON = re.compile(r"^(与|比|较|同)\s*(上(一)?年|\d{4}\s*年)")


def carry_comparisons(sentences: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    """A sentence that only compares (江苏: “1.一般公共服务（类）支出 10,271.56 万元，主要用于…。
    与上年相比增加 2,444.1 万元，增长 31.22%。”) gives its change and rate to the figure of the
    sentence before it in the paragraph, where that figure states none of its own."""
    out = list(sentences)
    for i in range(1, len(out)):
        s, before = out[i], out[i - 1]
        text = label(s.text)
        if s.facts or not before.facts or not _OPENS_WITH_COMPARISON.match(text):
            continue
        last = before.facts[-1]
        if last.amount is None or last.change is not None or last.rate is not None:
            continue
        c = CHANGE.search(text)
        change = None
        if c is not None:
            unit = Unit.YUAN if c.group(3) == "元" else Unit.WAN
            change = convert(Decimal(c.group(2).replace(",", "")), unit, last.unit)
            change = signed(change, c.group(1))
        elif _FLAT.search(text):
            change = Decimal(0)
        stated = rate(text)
        if change is None and stated is None:
            continue
        versus = comparison(text)
        prior = None
        if versus is not None and versus.prior is not None:
            number, printed = versus.prior
            prior = convert(Decimal(number.replace(",", "")),
                            Unit.YUAN if printed == "元" else Unit.WAN, last.unit)
        fact = replace(last, change=change, rate=stated,
                       base_year=versus.base_year if versus else None,
                       basis=versus.basis if versus else None, prior=prior)
        out[i - 1] = replace(before, facts=(*before.facts[:-1], fact))
    return tuple(out)
