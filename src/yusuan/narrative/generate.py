"""Part 3 (预算情况说明): generated sentence by sentence from the tables and the context.

Called by ``yusuan.build`` once the budget's tables are filled in. Sections 一 to 十二 come
from ``sections_funds`` (一–四), ``sections_gpb`` (五–七) and ``sections_other`` (八–十二);
the wording from ``templates/<profile>.yaml``. Every sentence carries the ``Fact`` records
of the figures it states, pointing at the table cells they come from.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from yusuan.model.budget import Budget
from yusuan.model.disclosure import Section, Sentence
from yusuan.narrative import sections_funds, sections_gpb, sections_other
from yusuan.narrative.final import final_narrative
from yusuan.narrative.numbers import chinese_number
from yusuan.narrative.regional import regional_narrative
from yusuan.narrative.wording import Writer

Paragraphs = tuple[tuple[Sentence, ...], ...]

SECTIONS: tuple[tuple[str, Callable[[Writer], Paragraphs]], ...] = (
    ("overview", sections_funds.overview),
    ("income", sections_funds.income),
    ("expenditure", sections_funds.expenditure),
    ("appropriation", sections_funds.appropriation),
    ("gpb", sections_gpb.gpb),
    ("gpb_basic", sections_gpb.gpb_basic),
    ("gpb_project", sections_gpb.gpb_project),
    ("gov_fund", lambda w: sections_other.fund(w, "gov_fund")),
    ("state_capital", lambda w: sections_other.fund(w, "state_capital")),
    ("three_public", sections_other.three_public),
    ("carryover", sections_other.carryover),
    ("other", sections_other.other),
)


def narrative(budget: Budget, only: str | None = None) -> tuple[Section, ...]:
    """The Part 3 sections in the profile's wording: 一 to 十二 (新疆), the sections the wording
    file's ``structure`` lists (上海, 江苏), or 一 to 十一 of a 决算. ``only``: the sections of
    that key alone (to try a wording of one section)."""
    return _narrative(Writer.of(budget), only)


def compared_figures(budget: Budget) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Each figure the narrative compares with the year before, by its ``prior_year`` key,
    in the budget's unit (next year's prior-year figures), and each key the narrative looks a
    reason up by → the key of the place that says it: a draft's list of changes that need a
    reason (``yusuan.compose.draft``)."""
    w = Writer.of(budget)
    _narrative(w)
    return dict(w.compared), dict(w.reason_keys)


def _narrative(w: Writer, only: str | None = None) -> tuple[Section, ...]:
    if w.budget.is_final:
        return final_narrative(w)
    if "structure" in w.templates:  # a region with its own sections (上海, 江苏)
        return regional_narrative(w, only)
    return tuple(
        Section(number=chinese_number(i), title=w.say(f"sections/{key}"),
                paragraphs=write(w.within(key)), key=key)
        for i, (key, write) in enumerate(SECTIONS, 1) if only in (None, key)
    )
