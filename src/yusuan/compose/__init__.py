"""``compose``: a department's own data → ``Disclosure``: a source folder (``budget.yaml`` +
tables or line items) or a filled 上海 budget workbook, with the narrative generated.

Where it sits: above ``derive`` (the source read), ``narrative`` (the prose) and ``checks``
(the workbook's placeholder test), below ``intake`` (which reads source folders like any other
input) and ``build`` (which writes the outputs).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from yusuan.derive.line_tables import tables_from_lines
from yusuan.derive.source import load_budget
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Disclosure, Origin
from yusuan.narrative.generate import narrative as generate_narrative
from yusuan.narrative.glossary import glossary

__all__ = ["budget_tables", "build_disclosure", "disclosure_from_budget"]


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


def build_disclosure(source_dir: Path) -> Disclosure:
    """From a source folder, or from a filled 上海 budget workbook (``.xlsx``)."""
    if source_dir.is_file() and source_dir.suffix.lower() == ".xlsx":
        # imported here, not above: ``compose.workbook`` builds on ``disclosure_from_budget``
        # of this module (a workbook is read, then composed like a source folder)
        from yusuan.compose.workbook import disclosure_from_workbook

        return disclosure_from_workbook(source_dir)
    return disclosure_from_budget(load_budget(source_dir))
