"""What a draft takes from the department's stored document of the year before: its figures
by the narrative's keys (this year's prior-year figures), the reasons it printed for its
changes (pre-filled on the reasons page), or the whole document carried over as next year's
starting point.

The printed reasons are found by the figures, not by wording: for each figure the narrative
compares, the paragraph of last year's Part 3 that states that amount with a change, and
the text after its “原因” up to the end of the paragraph. A region's phrasing of the reason
(主要原因是…, 增加原因，一是…) does not matter beyond the word 原因.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from yusuan.compose.draft import Base
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Disclosure, Fact
from yusuan.model.errors import InputError
from yusuan.model.money import Unit, convert, round_half_up
from yusuan.narrative.generate import compared_figures

MAX_REASON = 300
_REASON = re.compile(r"原因(?:一是|是|为|在于)?[：:，,]?\s*")
_TRAILER = re.compile(r"[，,；;]?\s*其中[：:]\s*$")


def budget_of(d: Disclosure) -> Budget:
    """A stored disclosure as a budget (tables, Part 1, performance, glossary)."""
    return Budget(department=d.department, year=d.year, profile=d.profile, unit=d.unit,
                  edition=d.edition, overview=d.overview, tables=d.tables,
                  overall_performance=d.overall_performance,
                  project_performance=d.project_performance, glossary=d.glossary)


def carried_base(previous: Disclosure) -> Base:
    """Next year's draft from last year's stored disclosure: Part 1, the projects, the
    glossary and the tables' structure carried over (its figures to be replaced by this
    year's workbook or source folder)."""
    budget = budget_of(previous)
    return Base(replace(budget, year=previous.year + 1, project_performance=tuple(
        replace(p, year=previous.year + 1) for p in budget.project_performance)), carried=True)


def _figures(previous: Disclosure) -> dict[str, Decimal]:
    try:
        figures, _ = compared_figures(budget_of(previous))
    except InputError:  # a region without narrative wording: nothing to compare
        return {}
    return figures


def prior_figures(previous: Disclosure, unit: Unit) -> dict[str, Decimal]:
    """Last year's figures by the narrative's keys, in ``unit``: this year's prior-year
    figures. Empty when the stored document's region has no narrative wording."""
    return {k: convert(v, previous.unit, unit) for k, v in _figures(previous).items()}


def _as_printed(value: Decimal, source: Unit, fact: Fact) -> Decimal | None:
    if fact.amount is None:
        return None
    places = max(0, -int(fact.amount.as_tuple().exponent))
    return round_half_up(convert(value, source, fact.unit), places)


def _reason(text: str, start: int) -> str:
    """The reason printed after ``start`` in a paragraph, up to its end."""
    m = _REASON.search(text, start)
    if m is None:
        return ""
    reason = _TRAILER.sub("", text[m.end():].strip())
    return reason[:MAX_REASON].rstrip("。") if reason else ""


def printed_reasons(previous: Disclosure) -> dict[str, str]:
    """The reason last year's document printed for each figure it compared, by key."""
    figures = _figures(previous)
    paragraphs: list[tuple[str, list[tuple[int, Fact]]]] = []
    for section in previous.narrative:
        for paragraph in section.paragraphs:
            text, facts = "", []
            for sentence in paragraph:
                facts += [(len(text), f) for f in sentence.facts if f.change is not None]
                text += sentence.text
            if facts and "原因" in text:
                paragraphs.append((text, facts))
    found: dict[str, str] = {}
    for key, value in figures.items():
        for text, facts in paragraphs:
            at = next((pos for pos, f in facts
                       if _as_printed(value, previous.unit, f) == f.amount), None)
            reason = _reason(text, at) if at is not None else ""
            if reason:
                found[key] = reason
                break
    return found
