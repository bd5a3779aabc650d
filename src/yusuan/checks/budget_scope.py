"""Rules on what a figure covers: 表11's 总计 is the sum of its projects, 机关运行经费 is
part of 公用经费.

- ``carryover.total-eq-rows``: 上年结转结余情况明细表 总计 = Σ 项目行 (each column).
- ``narrative.operating-cost-le-public-funds``: 机关运行经费 is the 公用经费 of 行政单位 and
  参照公务员法管理的事业单位 (the glossary of every 部门预算公开: “指行政单位（含参照公务员法管理
  事业单位）的公用经费”), so it cannot exceed the 公用经费 of the 一般公共预算基本支出表.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.facts import NUMBER, compact, number
from yusuan.checks.rule import Rule, compare, fmt, loc
from yusuan.checks.sums import column_title, sum_of
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding
from yusuan.model.money import Unit, convert, round_half_up

# ------------------------------------------------------------------ 表11 总计


def _carryover_total(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index["carryover"]
    total = t.total()
    rows = [r for r in t.table.rows if r.kind != "total" and r.key != "total"]
    if total is None or not rows:
        return
    for column in t.table.columns:
        expected, n = sum_of([r.value(column.key) for r in rows])
        yield from compare(CARRYOVER_TOTAL, expected=expected, actual=total.value(column.key),
                           n=n, unit=t.table.unit, location=loc(d, t.table, total, column.key),
                           what=f"表“{t.table.title}”总计（{column_title(t, column.key)}）= 各项目之和")


CARRYOVER_TOTAL = Rule("carryover.total-eq-rows", "error", "arithmetic",
                       "上年结转结余情况明细表：总计 = 各项目（行）之和", "表内运算：总计 = 各行之和",
                       _carryover_total, ("carryover",))

# ------------------------------------------------------------------ 机关运行经费 ≤ 公用经费

_OPERATING = re.compile(r"机关运行经费[^0-9。；;]{0,16}?" + NUMBER + r"(万元|元|万)")


def operating_cost_stated(d: Disclosure) -> tuple[Decimal, Unit] | None:
    """The 机关运行经费 the narrative states: its fact, or the first amount after the words
    (the checker holds it against 公用经费; the portal shows it among the key figures)."""
    for section in d.narrative:
        for sentence in section.sentences():
            for fact in sentence.facts:
                if "机关运行经费" in fact.subject and fact.amount is not None:
                    return fact.amount, fact.unit
    for section in d.narrative:
        for sentence in section.sentences():
            m = _OPERATING.search(compact(sentence.text))
            value = number(m.group(1)) if m is not None else None
            if m is not None and value is not None:
                return value, Unit.YUAN if m.group(2) == "元" else Unit.WAN
    return None


def _operating_cost(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    t6 = ctx.index["gpb_basic"]
    total = t6.total()
    if total is None or not t6.table.column("public_funds"):
        return
    public = total.value("public_funds")
    stated = operating_cost_stated(d)
    if stated is None or public is None:
        return
    said, unit = stated
    # compared at the precision the text prints (171.01 万元 is 1,710,062 元 rounded)
    exponent = said.as_tuple().exponent
    places = max(-exponent, 0) if isinstance(exponent, int) else 2
    bound = round_half_up(convert(public, t6.table.unit, unit), places)
    if said > bound:
        yield OPERATING_COST.finding(
            f"机关运行经费 {fmt(said)}{unit} 超过一般公共预算基本支出表的公用经费 "
            f"{fmt(bound)}{unit}：机关运行经费只是行政单位和参照公务员法管理的事业单位的公用经费",
            loc(d, t6.table, total, "public_funds"), expected=bound, actual=said)


OPERATING_COST = Rule(
    "narrative.operating-cost-le-public-funds", "error", "narrative",
    "机关运行经费（行政单位和参公事业单位的公用经费）不超过一般公共预算基本支出表的公用经费",
    "名词解释“机关运行经费”", _operating_cost, ("gpb_basic",))

RULES: tuple[Rule, ...] = (CARRYOVER_TOTAL, OPERATING_COST)
