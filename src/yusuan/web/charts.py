"""Chart data for the portal, computed in Python from a ``Disclosure`` (frozen dataclasses).

The page embeds these as JSON and ``static/portal.js`` draws them with the vendored ECharts.
Amounts travel as decimal strings in 万元 (exact, rounded half-up for display), so no float
ever holds an amount on the server; the browser turns them into numbers only to draw.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yusuan.checks.budget_scope import operating_cost_stated
from yusuan.checks.cross_year_final import stated_amount
from yusuan.model.disclosure import Disclosure, Table
from yusuan.model.kinds import TableId
from yusuan.model.money import Unit, convert, round_half_up, to_yuan
from yusuan.reference.three_public import three_public_names


def wan(yuan: Decimal | None) -> Decimal | None:
    """元 → 万元, exact to the cent of a 万元 (half-up), for display and charts."""
    return None if yuan is None else round_half_up(convert(yuan, Unit.YUAN, Unit.WAN))


def wan_text(yuan: Decimal | None) -> str | None:
    """`wan` as the decimal string a chart carries; blank stays ``None``."""
    w = wan(yuan)
    return None if w is None else str(w)


@dataclass(frozen=True)
class Slice:
    name: str
    value: str  # 万元, a decimal string


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[str | None, ...]


@dataclass(frozen=True)
class Chart:
    """One chart: ``pie`` (slices; ``inner`` for a nested ring), ``bar`` (categories × series)."""

    id: str
    title: str
    kind: str
    slices: tuple[Slice, ...] = ()
    inner: tuple[Slice, ...] = ()
    categories: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    unit: str = "万元"
    note: str = ""

    def to_data(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _yuan(table: Table, value: Decimal | None) -> Decimal | None:
    return None if value is None else to_yuan(value, table.unit)


def _wan_text(table: Table, value: Decimal | None) -> str | None:
    return wan_text(_yuan(table, value))


def _class_slices(table: Table, column: str, digits: int) -> tuple[Slice, ...]:
    out = []
    for row in table.rows:
        if row.project is not None or not row.code or len(row.code) != digits:
            continue
        if row.kind not in ("class", "item"):
            continue
        value = _wan_text(table, row.value(column))
        if value is not None and Decimal(value) != 0:
            out.append(Slice(f"{row.name}", value))
    return tuple(out)


def functional_chart(d: Disclosure) -> Chart | None:
    """功能分类 类 shares (表5 一般公共预算支出, else 表3 部门支出)."""
    for table_id in ("gpb", "expenditure"):
        table = d.table(table_id)
        if table is None:
            continue
        slices = _class_slices(table, "total", 3)
        if slices:
            return Chart("functional", f"支出功能分类结构（{table.number or table.title}，按类）",
                         "pie", slices=slices)
    return None


def basic_project_chart(d: Disclosure) -> Chart | None:
    for table_id in ("expenditure", "gpb"):
        table = d.table(table_id)
        total = table.total if table else None
        if table is None or total is None:
            continue
        slices = tuple(Slice(name, v) for name, key in (("基本支出", "basic"),
                                                       ("项目支出", "project"))
                       if (v := _wan_text(table, total.value(key))) is not None)
        if slices:
            return Chart("basic-project", "基本支出与项目支出", "pie", slices=slices)
    return None


def economic_chart(d: Disclosure) -> Chart | None:
    """表6 基本支出 by 经济分类: 类 inside, 款 outside."""
    table = d.table("gpb_basic")
    if table is None:
        return None
    classes = _class_slices(table, "total", 3)
    items = _class_slices(table, "total", 5)
    if not classes:
        return None
    return Chart("economic", "一般公共预算基本支出经济分类结构（类/款）", "pie",
                 slices=items or classes, inner=classes if items else ())


THREE_PUBLIC_ROWS = three_public_names(("abroad", "reception", "vehicle.purchase", "vehicle.operation"))


def three_public_items(table: Table) -> dict[str, Decimal | None] | None:
    """The 三公 amounts in 元 by key, whichever way the profile prints them.

    Xinjiang prints one row per item (amounts in the ``total`` column); Shanghai and Jiangsu
    print one row with a column per item. ``None`` when the table has neither shape.
    """
    keys = [k for k, _n in THREE_PUBLIC_ROWS]
    if any(table.row(key=k) is not None for k in keys):
        rows = {k: table.row(key=k) for k in keys}
        return {k: _yuan(table, r.value("total")) if r else None for k, r in rows.items()}
    if any(table.column(k) is not None for k in keys):
        row = next((r for r in table.rows if any(v is not None for v in r.values.values())),
                   None)
        return {k: _yuan(table, row.value(k)) if row else None for k in keys}
    return None


def three_public_total(table: Table) -> Decimal | None:
    """合计 of the three items: the table's own 三公 total where it prints one."""
    if table.row(key="abroad") is not None or table.column("abroad") is None:
        total = table.total
        return _yuan(table, total.value("total")) if total else None
    row = next((r for r in table.rows if any(v is not None for v in r.values.values())), None)
    if row is None:
        return None
    key = "three_public" if table.column("three_public") is not None else "total"
    return _yuan(table, row.value(key))


def three_public_chart(d: Disclosure) -> Chart | None:
    table = d.table("three_public")
    items = three_public_items(table) if table is not None else None
    if items is None:
        return None
    names = tuple(n for _k, n in THREE_PUBLIC_ROWS)
    values = tuple(wan_text(items[k]) for k, _n in THREE_PUBLIC_ROWS)
    note = "本年“三公”经费预算均为空或零。" if all(v is None or Decimal(v) == 0
                                                for v in values) else ""
    return Chart("three-public", "“三公”经费", "bar", categories=names,
                 series=(Series("本年预算", tuple(v or "0" for v in values)),), note=note)


YOY_DETAIL_SECTIONS = ("gpb",)  # item-by-item changes: too many bars for one chart


def yoy_chart(d: Disclosure, prior: Disclosure | None = None) -> Chart | None:
    """Year-over-year: figures the narrative states with their change, or last year's tables."""
    categories: list[str] = []
    before: list[str | None] = []
    now: list[str | None] = []
    seen = set()
    for section in d.narrative:
        if section.key in YOY_DETAIL_SECTIONS:
            continue
        for sentence in section.sentences():
            for fact in sentence.facts:
                if fact.amount is None or fact.change is None or fact.subject in seen:
                    continue
                if fact.amount == 0 and fact.change == 0:
                    continue
                seen.add(fact.subject)
                current = to_yuan(fact.amount, fact.unit)
                previous = to_yuan(fact.amount - fact.change, fact.unit)
                categories.append(fact.subject)
                now.append(str(wan(current)))
                before.append(str(wan(previous)))
    note = "上年数据来自情况说明中的增减额（本年数减增减额）。"
    if not categories and prior is not None:
        figures_now, figures_before = key_figures(d), key_figures(prior)
        for label_, a, b in zip(FIGURE_LABELS, figures_now.values(), figures_before.values(),
                                strict=True):
            if a is not None or b is not None:
                categories.append(label_)
                now.append(wan_text(a))
                before.append(wan_text(b))
        note = f"上年数据来自已公开的 {prior.year} 年预算。"
    if not categories:
        return None
    return Chart("yoy", "与上年比较", "bar", categories=tuple(categories),
                 series=(Series(f"{d.year - 1} 年", tuple(before)),
                         Series(f"{d.year} 年", tuple(now))), note=note)


def disclosure_charts(d: Disclosure, prior: Disclosure | None = None) -> tuple[Chart, ...]:
    charts = (functional_chart(d), basic_project_chart(d), economic_chart(d),
              three_public_chart(d), yoy_chart(d, prior))
    return tuple(c for c in charts if c is not None)


# ---- key figures (comparison and department pages) ------------------------------------------

FIGURE_LABELS = ("支出总计", "基本支出", "项目支出", "“三公”经费", "机关运行经费")


@dataclass(frozen=True)
class KeyFigures:
    """A document's headline amounts in 元 (``None``: not stated)."""

    total: Decimal | None = None
    basic: Decimal | None = None
    project: Decimal | None = None
    three_public: Decimal | None = None
    operating_cost: Decimal | None = None

    def values(self) -> tuple[Decimal | None, ...]:
        return (self.total, self.basic, self.project, self.three_public, self.operating_cost)


def _total_value(d: Disclosure, table_ids: Iterable[TableId], column: str) -> Decimal | None:
    for table_id in table_ids:
        table = d.table(table_id)
        total = table.total if table else None
        if table is not None and total is not None and total.value(column) is not None:
            return _yuan(table, total.value(column))
    return None


def _operating_cost(d: Disclosure) -> Decimal | None:
    """机关运行经费: its own table, a column of the 三公 table (Shanghai), or Part 3."""
    table = d.table("operating_cost")
    if table is not None and table.total is not None:
        value = next((v for v in table.total.values.values() if v is not None), None)
        if value is not None:
            return to_yuan(value, table.unit)
    three = d.table("three_public")
    if three is not None and three.column("operating_cost") is not None:
        row = next((r for r in three.rows if r.value("operating_cost") is not None), None)
        if row is not None:
            return _yuan(three, row.value("operating_cost"))
    stated = operating_cost_stated(d)
    if stated is not None:
        return to_yuan(*stated)
    final = stated_amount(d, "机关运行经费") if d.kind == "final" else None  # 决算: its text
    return None if final is None else to_yuan(final, Unit.WAN)


def key_figures(d: Disclosure) -> KeyFigures:
    summary = d.table("summary")
    total = None
    if summary is not None:
        row = summary.row(key="expenditure.total") or summary.total
        if row is not None:
            total = _yuan(summary, next((v for v in row.values.values() if v is not None), None))
    return KeyFigures(
        total=total if total is not None else _total_value(d, ("expenditure", "gpb"), "total"),
        basic=_total_value(d, ("expenditure", "gpb"), "basic"),
        project=_total_value(d, ("expenditure", "gpb"), "project"),
        three_public=three_public_total(three) if (three := d.table("three_public")) else None,
        operating_cost=_operating_cost(d),
    )


def project_share(f: KeyFigures) -> Decimal | None:
    """项目支出占比 in percent (half-up, 2 decimals); None when a figure is missing."""
    if f.project is None or not f.total:
        return None
    return round_half_up(f.project * 100 / f.total)


def comparison_chart(names: tuple[str, ...], figures: tuple[KeyFigures, ...]) -> Chart:
    def col(get: Any) -> tuple[str | None, ...]:
        return tuple(wan_text(get(f)) for f in figures)

    return Chart("compare", "部门对比", "bar", categories=names, series=(
        Series("基本支出", col(lambda f: f.basic)), Series("项目支出", col(lambda f: f.project)),
        Series("“三公”经费", col(lambda f: f.three_public))))


def years_chart(labels: tuple[str, ...], figures: tuple[KeyFigures, ...],
                title: str = "历年预算") -> Chart:
    series = tuple(Series(name, tuple(wan_text(f.values()[i]) for f in figures))
                   for i, name in enumerate(FIGURE_LABELS[:4]))
    return Chart("years", title, "bar", categories=labels, series=series)


