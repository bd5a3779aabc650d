"""Budget against actual: a 部门决算 held against the same department's 部门预算 of that year.

Where it sits: like the cross-year rules (``cross_year.PairRule``), these read two documents,
so they are not in the single-document catalogue; ``yusuan rules`` lists them with it. Every
年初预算数 the 决算 states must be what the budget published: the 三公 table's 预算数 columns
(``budget.*``) against the budget's “三公” table, and the narrative's “一般公共预算财政拨款支出
年初预算为 A 万元” and each “…（项）。…年初预算为 A 万元” against the 项 row of the same name
in the budget's table of that fund: the 一般公共预算支出表 (and its 合计), or, in the 政府性基金
and 国有资本经营 sections, the budget's 政府性基金 / 国有资本经营预算支出表. Amounts compared in 万元 at the precision
printed (half a unit of the last printed digit either way).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.cross_year import PairRule
from yusuan.checks.index import TableIndex
from yusuan.checks.located import said_in
from yusuan.model.disclosure import Disclosure, Table
from yusuan.model.finding import Finding, Location
from yusuan.model.kinds import TableId
from yusuan.model.money import Unit, convert, format_amount, printed_number
from yusuan.reference.classification import names_equal
from yusuan.reference.three_public import three_public_names

SOURCE = "预算法 §14；部门决算公开模板第三部分（年初预算数）"
THREE_PUBLIC = three_public_names(("total", "abroad", "reception", "vehicle", "vehicle.purchase",
                                   "vehicle.operation"), final=True, in_table=True)
OTHER_FUNDS: tuple[tuple[str, TableId], ...] = (("政府性基金", "gov_fund"), ("国有资本经营", "state_capital"))  # own tables
_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_GPB = re.compile(rf"一般公共预算财政拨款支出年初预算为{_NUM}万元")
_ITEM = re.compile(rf"（款）(.+?)（项）。[^。]*?(?:。[^。]*?)?年初预算为{_NUM}万元")


def _where(d: Disclosure, table: TableId | None = None, name: str | None = None) -> Location:
    return Location(file=d.source.file if d.source else None, table=table, name=name)


def _series(ctx: Context, budget: Disclosure) -> Iterator[Finding]:
    final = ctx.disclosure
    problem = None
    if final.kind != "final" or budget.kind != "budget":
        problem = f"应为一份决算与一份预算，却是{final.edition}与{budget.edition}"
    elif not names_equal(final.department, budget.department):
        problem = f"预算文件的部门“{budget.department}”与决算“{final.department}”不同"
    elif final.year != budget.year:
        problem = f"预算是 {budget.year} 年的，决算是 {final.year} 年的"
    if problem:
        yield SAME_DOCUMENT.finding(problem + "，未做预决算核对", _where(final))


SAME_DOCUMENT = PairRule(
    "final.budget-same-series", "warning", "cross-year",
    "对照的预算文件是同一部门、同一年度的部门预算", SOURCE, _series, against="budget")


def _wan(value: Decimal | None, table: Table) -> Decimal | None:
    return None if value is None else convert(value, table.unit, Unit.WAN)


def _off(stated: Decimal, printed: Decimal, places: int) -> bool:
    return abs(stated - printed) > Decimal(5).scaleb(-(places + 1)) + Decimal("0.005")


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _initial(ctx: Context, budget: Disclosure) -> Iterator[Finding]:
    final = ctx.disclosure
    if any(True for _ in _series(ctx, budget)):
        return
    t7, b7 = final.table("three_public"), budget.table("three_public")
    if t7 is not None and b7 is not None:
        row = next((r for r in t7.rows if r.values), None)
        ix = TableIndex.of(b7)
        for key, name in THREE_PUBLIC:
            item = ix.item(key, "gpb" if ix.has_column("gpb") else "total")
            stated = _wan(row.value(f"budget.{key}"), t7) if row else None
            if stated is None or item is None:
                continue
            printed = _wan(item[0].value(item[1]), b7) or Decimal(0)
            if _off(stated, printed, 2):
                yield INITIAL.finding(
                    f"“三公”经费决算表{name}预算数 {format_amount(stated)}万元，{budget.year}年预算"
                    f"公开的“三公”经费表为 {format_amount(printed)}万元", _where(
                        final, "three_public", name), expected=printed, actual=stated)
    for section in final.narrative:
        fund: TableId = next((t for w, t in OTHER_FUNDS if w in section.title), "gpb")
        table = budget.table(fund)
        if table is None:
            continue
        total = next((r for r in table.rows if r.is_total), None)
        items = {r.name: r for r in table.rows if r.code and len(r.code) == 7 and r.project is None}
        for paragraph in section.paragraphs:
            text = "".join("".join(s.text for s in paragraph).split())
            found = [(m, "一般公共预算财政拨款支出合计", total) for m in _GPB.finditer(text)
                     if fund == "gpb"]
            found += [(m, m.group(1), items.get(m.group(1))) for m in _ITEM.finditer(text)]
            for m, name, row in found:
                if row is None:
                    continue
                stated = printed_number(m.group(m.lastindex or 1))
                printed = _wan(row.value("total"), table) or Decimal(0)
                if _off(stated, printed, _places(m.group(m.lastindex or 1))):
                    yield INITIAL.finding(
                        f"第三部分“{section.called}”：{name}年初预算为 {format_amount(stated)}万元，"
                        f"{budget.year}年预算公开的表“{table.title}”为 {format_amount(printed)}万元",
                        said_in(final, section, paragraph, m.start(m.lastindex or 1),
                                table=fund, name=name), expected=printed, actual=stated)


INITIAL = PairRule(
    "final.budget-initial-eq-budget", "error", "cross-year",
    "决算所述年初预算数（“三公”预算数、一般公共预算财政拨款支出及各项的年初预算）等于同年公开的部门预算",
    SOURCE, _initial, against="budget")

RULES: tuple[PairRule, ...] = (SAME_DOCUMENT, INITIAL)


def stated_initial(final: Disclosure) -> Decimal | None:
    """The 一般公共预算财政拨款支出 年初预算 a 决算's text states (万元), if it does."""
    for section in final.narrative:
        for paragraph in section.paragraphs:
            m = _GPB.search("".join("".join(s.text for s in paragraph).split()))
            if m:
                return printed_number(m.group(1))
    return None


def check_against_budget(final: Disclosure, budget: Disclosure) -> list[Finding]:
    """Every budget-against-actual finding of ``final`` held against ``budget``."""
    ctx = Context.of(final, budget=budget)
    return [f for rule in RULES for f in rule.run(ctx)]
