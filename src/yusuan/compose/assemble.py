"""A budget (source folder or workbook, already read) → ``Disclosure``: its tables filled in
(given, or derived from line items), the narrative and glossary generated.

``compose.workbook``, ``compose.published`` and ``compose.draft`` build on it; the package's
``__init__`` re-exports it beside ``build_disclosure``.
"""

from __future__ import annotations

from dataclasses import replace

from yusuan.derive.line_tables import tables_from_lines
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Disclosure, Origin
from yusuan.narrative.generate import narrative as generate_narrative
from yusuan.narrative.glossary import glossary


def budget_tables(budget: Budget) -> Budget:
    """The budget with its tables filled in: given directly, or derived from line items."""
    if budget.tables or not budget.lines:
        return budget
    return replace(budget, tables=tables_from_lines(budget))


def disclosure_from_budget(budget: Budget) -> Disclosure:
    """Assemble the ``Disclosure`` (all four parts) from a budget."""
    budget = budget_tables(budget)
    narrative = generate_narrative(budget)
    return Disclosure(
        department=budget.department, year=budget.year, profile=budget.profile,
        unit=budget.unit, edition=budget.edition, overview=budget.overview,
        tables=budget.tables, narrative=narrative,
        overall_performance=budget.overall_performance,
        project_performance=budget.project_performance,
        glossary=glossary(budget.glossary, budget.is_final),
        published_on=budget.published_on, approved_on=budget.approved_on, source=budget.source or Origin(),
    )
