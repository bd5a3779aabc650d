"""Rules for final accounts (部门决算): the narrative against itself and the tables, the
three_public 决算 against the basic expenditure, and completeness.

Applied only to a ``Disclosure`` of kind ``final`` (see ``final.py``). The 完成率 sentence
shape is the template's: “年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 X%”; X must be
B ÷ A at the printed precision of X, and “决算数大于（小于）预算数” must agree with A and B.
Sources: 预算法 §14 and 财政部《部门决算公开》 requirements as printed in the 上海 2024 template.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from yusuan.checks.context import Context
from yusuan.checks.located import paragraphs, said_in
from yusuan.checks.rule import FINAL_ONLY, Rule, compare, loc
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location
from yusuan.model.kinds import TableId
from yusuan.model.money import printed_number

FINAL = FINAL_ONLY
_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_COMPLETION = re.compile(
    rf"(?:年初)?预算(?:数)?为{_NUM}万元[，,]\s*(?:支出)?决算(?:数)?为{_NUM}万元[，,]\s*"
    rf"完成(?:年初)?预算的{_NUM}%")
_DIRECTION = re.compile(r"决算数(大于|小于|等于)(?:年初)?预算数")


def sentences(d: Disclosure) -> Iterator[tuple[str, str]]:
    """(section title, paragraph text) of Part 3."""
    for s, _sentences, text in paragraphs(d):  # without spaces: 1,000.00 万元
        yield s.title, text


def step(printed: Decimal) -> Decimal:
    """One unit of the last printed digit (0.01 for 1,000.00)."""
    return Decimal(1).scaleb(min(printed.as_tuple().exponent, 0))  # type: ignore[arg-type]


def possible(rate: Decimal, budget: Decimal, actual: Decimal,
             slack: Decimal = Decimal(0)) -> bool:
    """Whether figures that print as ``budget`` and ``actual`` (each rounded to its last
    digit) can give a rate that prints as ``rate`` (± ``slack``, e.g. a share adjusted so
    that the shares add up to 100): the rate was computed before rounding."""
    hb, ha, hr = step(budget) / 2, step(actual) / 2, step(rate) / 2 + slack
    if budget - hb <= 0:
        return False
    low = (actual - ha) / (budget + hb) * 100
    high = (actual + ha) / (budget - hb) * 100
    return low - hr <= rate <= high + hr


def _completion(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for section, paragraph, text in paragraphs(d):
        for m in _COMPLETION.finditer(text):
            budget, actual, rate = (printed_number(g) for g in m.groups())
            if budget == 0:
                continue
            expected = (actual / budget * 100).quantize(step(rate), rounding=ROUND_HALF_UP)
            where = said_in(d, section, paragraph, m.start(), name=section.title)
            what = f"“{m.group(0)}”：完成率应为决算数 ÷ 年初预算数"
            if expected != rate and possible(rate, budget, actual):
                yield COMPLETION.finding(
                    f"{what}（{expected}%），印制 {rate}% 在印制金额的四舍五入范围之内",
                    where, severity="info", expected=expected, actual=rate)
                continue
            yield from compare(COMPLETION, expected=expected, actual=rate, n=1, exact=True,
                               unit="%", location=where, what=what)
            said = _DIRECTION.search(text, m.end())
            if said is not None:
                truth = "大于" if actual > budget else "小于" if actual < budget else "等于"
                if said.group(1) != truth:
                    yield COMPLETION.finding(
                        f"“{m.group(0)}”之后写“决算数{said.group(1)}预算数”，"
                        f"但决算数 {actual} 万元{truth}预算数 {budget} 万元", where,
                        expected=truth, actual=said.group(1))


COMPLETION = Rule(
    "final.narrative-completion", "error", "narrative",
    "情况说明中“完成年初预算的 X%”= 决算数 ÷ 年初预算数，“决算数大于/小于预算数”与两数一致",
    "预算法 §14；部门决算公开模板第三部分", _completion, (), FINAL)

# 三公 决算 items include project spending: never below the same basic-expenditure 款
THREE_PUBLIC_BASIC = (("abroad", "30212", "因公出国（境）费"), ("reception", "30217", "公务接待费"),
                      ("vehicle.operation", "30231", "公务用车运行维护费"),
                      ("vehicle.purchase", "31013", "公务用车购置费"))


def _three_public(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t7, t6 = ix["three_public"], ix["gpb_basic"]
    data = next((r for r in t7.table.rows if r.values), None)
    if data is None:
        return
    for prefix in ("", "budget."):
        which = "预算数" if prefix else "决算数"
        for total, parts in (("total", ("abroad", "vehicle", "reception")),
                             ("vehicle", ("vehicle.purchase", "vehicle.operation"))):
            values = [data.value(prefix + p) for p in parts]
            if data.value(prefix + total) is None and all(v is None for v in values):
                continue
            yield from compare(
                THREE_PUBLIC, expected=sum((v or Decimal(0) for v in values), Decimal(0)),
                actual=data.value(prefix + total), n=len(parts), unit=t7.table.unit,
                location=loc(d, t7.table, data, prefix + total),
                what=f"“三公”经费决算表{which}：{'合计' if total == 'total' else '公务用车小计'}"
                     "应等于其各项之和")
    rows6 = {r.code: r for r in t6.table.rows if r.code}
    for key, code, name in THREE_PUBLIC_BASIC:
        row6 = rows6.get(code)
        basic, printed = (row6.value("amount") if row6 else None), data.value(key)
        if basic is None or printed is None or printed + Decimal("0.01") >= basic:
            continue
        yield THREE_PUBLIC.finding(
            f"“三公”经费决算表{name}决算数 {printed}万元 小于基本支出决算表“{code}”{basic}万元："
            "三公经费决算应包含基本支出中的该项", loc(d, t7.table, data, key),
            expected=basic, actual=printed)


THREE_PUBLIC = Rule(
    "final.three-public", "error", "cross-table",
    "“三公”经费决算表：合计 = 各项之和（预算数、决算数）；各项决算数不小于基本支出决算表对应款",
    "财政部《部门决算报表》平衡关系", _three_public, ("three_public", "gpb_basic"), FINAL)

NINE: tuple[TableId, ...] = ("summary", "income", "expenditure", "appropriation", "gpb", "gpb_basic", "three_public",
        "gov_fund", "state_capital")
TOPICS = (("机关运行经费", "机关运行经费支出情况"), ("政府采购", "政府采购支出情况"),
          ("国有资产", "国有资产占有使用情况（车辆）"), ("绩效", "预算绩效管理情况（绩效自评）"))


def _completeness(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    where = Location(file=d.source.file if d.source else None)
    for table_id in NINE:
        if d.table(table_id) is None:
            yield COMPLETENESS.finding(f"缺少决算表“{table_id}”：九张决算表均应公开，无数据的"
                                       "保留表格式并说明", Location(file=where.file,
                                                                table=table_id))
    text = "".join(t for _, t in sentences(d))
    if not d.narrative:
        return
    for word, topic in TOPICS:
        if word not in text:
            yield COMPLETENESS.finding(f"情况说明未说明{topic}", where, expected=word)


COMPLETENESS = Rule(
    "final.completeness", "warning", "completeness",
    "部门决算公开完整：九张决算表（空表附说明），说明机关运行经费、政府采购、国有资产占用（车辆）、绩效自评",
    "预算法 §14；部门决算公开模板", _completeness, (), FINAL)

RULES = (COMPLETION, THREE_PUBLIC, COMPLETENESS)
