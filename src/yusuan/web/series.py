"""A department's disclosures over the years: headline figures, classes, and each year's
stated change beside the change computed from the stored documents.

Where it sits: the department page and ``/api/v1/departments/{id}/series`` read it; it is
computed from ``Disclosure``s (the portal caches them), amounts in 元 as exact decimals.
A stated change is the one the year's own narrative gives for its whole budget (收支总预算,
支出预算); the computed change is this year's total less the stored previous year's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.model.disclosure import Disclosure
from yusuan.model.money import to_yuan
from yusuan.web.charts import KeyFigures, key_figures
from yusuan.web.versus import class_totals

# Part 3 statements about the whole budget, as the narrative reader references them.
TOTAL_CELLS = (("summary", "income.total"), ("summary", "expenditure.total"),
               ("expenditure", "total"))


@dataclass(frozen=True)
class SeriesYear:
    disclosure_id: int
    year: int
    edition: str
    figures: KeyFigures
    classes: dict[str, tuple[str, Decimal]] = field(default_factory=dict)  # 类 → (name, 元)
    stated_change: Decimal | None = None  # 元, as the year's narrative states it
    computed_change: Decimal | None = None  # 元, this year's total less the previous year's

    @property
    def change_agrees(self) -> bool | None:
        if self.stated_change is None or self.computed_change is None:
            return None
        return abs(self.stated_change - self.computed_change) <= Decimal(100)  # 0.01 万元

    def to_data(self) -> dict[str, Any]:
        def s(v: Decimal | None) -> str | None:
            return None if v is None else str(v)

        f = self.figures
        return {"disclosure_id": self.disclosure_id, "year": self.year, "edition": self.edition,
                "total_yuan": s(f.total), "basic_yuan": s(f.basic), "project_yuan": s(f.project),
                "three_public_yuan": s(f.three_public),
                "operating_cost_yuan": s(f.operating_cost),
                "classes": [{"code": c, "name": n, "amount_yuan": str(v)}
                            for c, (n, v) in sorted(self.classes.items())],
                "stated_change_yuan": s(self.stated_change),
                "computed_change_yuan": s(self.computed_change),
                "change_agrees": self.change_agrees}


def _classes(d: Disclosure) -> dict[str, tuple[str, Decimal]]:
    for table_id in ("expenditure", "gpb"):
        out = {c: (n, v) for c, (n, v) in class_totals(d.table(table_id)).items() if v is not None}
        if out:
            return out
    return {}


def _stated_change(d: Disclosure) -> Decimal | None:
    for section in d.narrative:
        for sentence in section.sentences():
            for fact in sentence.facts:
                if fact.change is not None and (fact.ref_table, fact.ref_row) in TOTAL_CELLS:
                    return to_yuan(fact.change, fact.unit)
    return None


def department_series(items: Sequence[tuple[int, Disclosure]]) -> list[SeriesYear]:
    """One entry per (year, edition), oldest first; ``items`` are (disclosure id, Disclosure)."""
    ordered = sorted(items, key=lambda item: (item[1].edition, item[1].year))
    out: list[SeriesYear] = []
    previous: dict[str, SeriesYear] = {}
    for disclosure_id, d in ordered:
        figures = key_figures(d)
        before = previous.get(d.edition)
        computed = None
        if before is not None and before.year == d.year - 1 and figures.total is not None \
                and before.figures.total is not None:
            computed = figures.total - before.figures.total
        entry = SeriesYear(disclosure_id, d.year, d.edition, figures, _classes(d),
                           _stated_change(d), computed)
        previous[d.edition] = entry
        out.append(entry)
    return sorted(out, key=lambda e: (e.year, e.edition))
