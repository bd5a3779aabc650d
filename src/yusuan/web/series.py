"""A department's disclosures over the years, 预算 and 决算: headline figures, classes, each
year's stated change beside the change computed from the stored documents, and each 决算
beside the 预算 it closes.

Where it sits: the department page and ``/api/v1/departments/{id}/series`` read it; it is
computed from ``Disclosure``s (the portal caches them), amounts in 元 as exact decimals.
A stated change is the one the year's own narrative gives for its whole: a budget's 收支总预算
or 支出预算, a 决算's 收入支出总计 (“与2023年度相比…增加”). The computed change is this year's
total less the stored previous year's of the same kind and edition (a 决算 less last year's
决算). A 决算 whose year's 预算 is stored carries the 一般公共预算财政拨款支出 and “三公”经费 of
both and the completion rates (``versus``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.checks.cross_year_final import final_facts
from yusuan.checks.final_budget import stated_initial
from yusuan.model.disclosure import Disclosure
from yusuan.model.money import Unit, to_yuan
from yusuan.web.charts import KeyFigures, key_figures
from yusuan.web.versus import VersusRow, VersusYear, class_totals, department_versus

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
    kind: str = "budget"  # ``budget`` 预算 | ``final`` 决算
    closes: VersusYear | None = None  # a 决算: its year's stored 预算 beside it
    # a 决算 whose 预算 the platform lacks: 一般公共预算财政拨款支出 against the 年初预算 it states
    own_initial: VersusRow | None = None

    @property
    def change_agrees(self) -> bool | None:
        if self.stated_change is None or self.computed_change is None:
            return None
        return abs(self.stated_change - self.computed_change) <= Decimal(100)  # 0.01 万元

    def to_data(self) -> dict[str, Any]:
        def s(v: Decimal | None) -> str | None:
            return None if v is None else str(v)

        def row(r: VersusRow | None) -> dict[str, Any] | None:
            return None if r is None else {"budget_yuan": s(r.budget), "final_yuan": s(r.actual),
                                           "completion_rate": s(r.rate)}

        f, c = self.figures, self.closes
        closing = None if c is None else {
            "budget_disclosure_id": c.budget_id, "gpb": row(c.gpb),
            "three_public": row(c.three_public_total), "gpb_reason": c.gpb_reason or None,
            "three_public_reason": c.three_public_reason or None}
        return {"disclosure_id": self.disclosure_id, "year": self.year, "kind": self.kind,
                "edition": self.edition,
                "total_yuan": s(f.total), "basic_yuan": s(f.basic), "project_yuan": s(f.project),
                "three_public_yuan": s(f.three_public),
                "operating_cost_yuan": s(f.operating_cost),
                "classes": [{"code": c, "name": n, "amount_yuan": str(v)}
                            for c, (n, v) in sorted(self.classes.items())],
                "stated_change_yuan": s(self.stated_change),
                "computed_change_yuan": s(self.computed_change),
                "change_agrees": self.change_agrees, "against_budget": closing,
                "against_stated_initial_budget": row(self.own_initial)}


def _classes(d: Disclosure) -> dict[str, tuple[str, Decimal]]:
    for table_id in ("expenditure", "gpb"):
        out = {c: (n, v) for c, (n, v) in class_totals(d.table(table_id)).items() if v is not None}
        if out:
            return out
    return {}


def _stated_change(d: Disclosure) -> Decimal | None:
    if d.kind == "final":
        return next((to_yuan(f.change, f.unit) for _, _, f in final_facts(d)
                     if f.change is not None and f.ref_table == "summary"), None)
    for section in d.narrative:
        for sentence in section.sentences():
            for fact in sentence.facts:
                if fact.change is not None and (fact.ref_table, fact.ref_row) in TOTAL_CELLS:
                    return to_yuan(fact.change, fact.unit)
    return None


def _own_initial(d: Disclosure) -> VersusRow | None:
    initial = stated_initial(d) if d.kind == "final" else None
    gpb = d.table("gpb")
    total = None if gpb is None else next((r for r in gpb.rows if r.is_total), None)
    actual = None if total is None else total.value("total")
    if initial is None or gpb is None or actual is None:
        return None
    return VersusRow("gpb", "一般公共预算财政拨款支出合计", to_yuan(initial, Unit.WAN),
                     to_yuan(actual, gpb.unit))


def department_series(items: Sequence[tuple[int, Disclosure]]) -> list[SeriesYear]:
    """One entry per (year, edition), oldest first, a 决算 after its year's 预算; ``items`` are
    (disclosure id, Disclosure)."""
    ordered = sorted(items, key=lambda item: (item[1].edition, item[1].year))
    closing = {v.final_id: v for v in department_versus(items)}
    out: list[SeriesYear] = []
    previous: dict[str, SeriesYear] = {}
    for disclosure_id, d in ordered:
        figures = key_figures(d)
        before = previous.get(d.edition)
        computed = None
        if before is not None and before.year == d.year - 1 and figures.total is not None \
                and before.figures.total is not None:
            computed = figures.total - before.figures.total
        closes = closing.get(disclosure_id)
        entry = SeriesYear(disclosure_id, d.year, d.edition, figures, _classes(d),
                           _stated_change(d), computed, d.kind, closes,
                           _own_initial(d) if closes is None else None)
        previous[d.edition] = entry
        out.append(entry)
    return sorted(out, key=lambda e: (e.year, e.edition.removesuffix("预算").removesuffix("决算"),
                                      e.kind == "final"))


def class_rows(series: Sequence[SeriesYear]) -> list[tuple[str, str, list[Decimal | None]]]:
    """The 类 over the years: (code, name, each entry's amount in 元 or None), by code; the
    name as the latest entry printing the 类 gives it."""
    names: dict[str, str] = {}
    for entry in series:
        names.update({code: name for code, (name, _) in entry.classes.items()})
    return [(code, names[code], [e.classes[code][1] if code in e.classes else None
                                 for e in series]) for code in sorted(names)]
