"""The rule catalogue: every rule of the checker, in one tuple (never changed at run time).

``yusuan rules`` lists it and ``docs/rules.md`` is generated from it. Each family of rules
lives in its own module; this module only puts them in order.
"""

from __future__ import annotations

from functools import cache

from yusuan.checks import (
    arithmetic,
    budget_scope,
    classification,
    completeness,
    cross_basic,
    cross_table,
    final,
    final_narrative,
    final_text,
    narrative,
    narrative_basic,
    narrative_figures,
    narrative_years,
    organisation,
    performance,
    source_units,
    table_sums,
    text_quality,
)
from yusuan.checks.rule import Rule

CATALOGUE: tuple[Rule, ...] = (
    *arithmetic.RULES,
    *table_sums.RULES,
    *cross_table.RULES,
    *cross_basic.RULES,
    *narrative.RULES,
    *narrative_basic.RULES,
    *narrative_figures.RULES,
    *budget_scope.RULES,
    *narrative_years.RULES,
    *performance.RULES,
    *organisation.RULES,
    *completeness.RULES,
    *classification.RULES,
    *text_quality.RULES,
    *source_units.RULES,
    *final.RULES,
    *final_text.RULES,
    *final_narrative.RULES,
)


@cache
def rule_by_id() -> dict[str, Rule]:
    return {r.id: r for r in CATALOGUE}


def rule(rule_id: str) -> Rule:
    return rule_by_id()[rule_id]
