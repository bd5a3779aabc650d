"""Narrative helpers for the checker: the stated facts of Part 3 with the table cell each one
refers to, and the figures that can be read from sentence text (procurement, vehicles, counts).

Facts carry ``ref_table`` / ``ref_code`` / ``ref_row`` / ``ref_column`` (set by the narrative
generator and by the parser); text patterns cover what no fact records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.checks.index import Index, TableIndex, compact
from yusuan.checks.rule import Rule
from yusuan.model.disclosure import Fact, Row, Section, Sentence
from yusuan.model.finding import Finding, Location
from yusuan.model.money import AmountError, Unit, convert, printed_number
from yusuan.reference.classification import normalize_name

NUMBER = r"(\d[\d,]*(?:\.\d+)?)"


@dataclass(frozen=True)
class Stated:
    """A fact together with the section and sentence that state it."""

    fact: Fact
    sentence: Sentence
    section: Section


def stated_facts(ix: Index) -> Iterator[Stated]:
    for section in ix.disclosure.narrative:
        for sentence in section.sentences():
            for fact in sentence.facts:
                yield Stated(fact, sentence, section)


def number(text: str) -> Decimal | None:
    """A figure matched by ``NUMBER``; ``None`` when out of range (``money.parse_amount``)."""
    try:
        return printed_number(text)
    except AmountError:
        return None


def paragraphs(ix: Index) -> Iterator[tuple[Section, str]]:
    for section in ix.disclosure.narrative:
        for p in section.paragraphs:
            yield section, compact("".join(s.text for s in p))


def full_text(ix: Index) -> str:
    """All of Part 3 as one string: section titles and every paragraph (``Index.text``)."""
    return ix.text


def amount_after(text: str, label: str) -> tuple[Decimal, Unit] | None:
    """The first amount (with its unit) printed shortly after ``label`` in ``text``."""
    m = re.search(re.escape(label) + r"[^0-9。；;]{0,12}?" + NUMBER + r"(万元|元|万)", text)
    if m is None:
        return None
    unit = Unit.YUAN if m.group(2) == "元" else Unit.WAN
    value = number(m.group(1))
    return None if value is None else (value, unit)


def in_unit(value: tuple[Decimal, Unit], unit: Unit) -> Decimal:
    return convert(value[0], value[1], unit)


def project_row(t: TableIndex, name: str) -> Row | None:
    wanted = same_name_key(name)
    return next((r for r in t.table.rows if (r.kind == "project" or r.project)
                 and same_name_key(r.project or r.name) == wanted), None)


_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "─": "-", "―": "-"})


def same_name_key(name: str) -> str:
    """Names compared for "the same project": width, quotes, spaces and dash forms ignored."""
    return normalize_name(name).translate(_DASHES)


def referenced_row(ix: Index, fact: Fact) -> tuple[TableIndex, Row | None] | None:
    """The table and row a fact refers to; None when the fact names no table or the table is
    absent from this disclosure."""
    if fact.ref_table is None:
        return None
    t = ix.get(fact.ref_table)
    if t is None:
        return None
    if fact.ref_table == "gpb_project" and fact.ref_row is None and fact.ref_code:
        row = project_row(t, fact.subject)
        return (t, row) if row is not None else None  # name differs: C14 reports it
    section = fact.ref_row.split(".")[0] if fact.ref_row and "." in fact.ref_row else None
    if section not in ("income", "expenditure"):
        section = None
    if fact.ref_row is not None:
        return t, t.key(fact.ref_row, section)
    if fact.ref_code is not None:
        two_sided = any(c.section for c in t.table.columns)
        return t, t.code(fact.ref_code, "expenditure" if two_sided else None)
    return None


def printed_places(value: Decimal, most: int = 2) -> int:
    """The decimals a percentage is printed with (2 as a rule, fewer where it prints fewer:
    江苏's ``56.7%``), at most ``most``."""
    exponent = value.as_tuple().exponent
    return min(most, -exponent) if isinstance(exponent, int) and exponent <= 0 else most


def rate_verdict(rule: Rule, text: str, where: Location, stated: Decimal, computed: Decimal,
                 bounds: tuple[Decimal, Decimal] | None) -> Iterator[Finding]:
    """The finding on a stated rate against the one ``computed`` at its printed decimals:
    ``info`` where the rounding of the printed amounts (``bounds``) allows it, ``warning``
    within one last digit (truncated rather than rounded), else the rule's severity."""
    step = Decimal(1).scaleb(-printed_places(stated))
    if bounds is not None and bounds[0] - step / 2 <= stated <= bounds[1] + step / 2:
        yield rule.finding(text + "，在金额四舍五入的误差之内", where, severity="info",
                           expected=computed, actual=stated, unit="%")
    elif abs(stated - computed) <= step:
        yield rule.finding(text + f"，相差 {stated - computed:+} 个百分点（舍入方式不同，如截尾）",
                           where, severity="warning", expected=computed, actual=stated, unit="%")
    else:
        yield rule.finding(text + f"，相差 {stated - computed:+} 个百分点", where,
                           expected=computed, actual=stated, unit="%")
