"""决算 narrative against the tables: every figure the template's sentences state about a
table (本年收入合计, 本年支出合计, 收入支出总计, 一般公共预算财政拨款支出, 基本支出, 人员经费,
公用经费, “三公”经费 年初预算 and 决算, each 三公 item) equals that table's cell, and every
share (“…X 万元，占 Y%”) is X over the total the sentence opened with.

Applied only to kind ``final``. Amounts are compared in 万元 at the printed precision (half a
unit of the last printed digit, plus the table's own rounding); a share is an error only
when no figures that print as X and the total could give Y (see ``final_text._possible``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from yusuan.checks.context import Context
from yusuan.checks.final_text import FINAL, possible, step
from yusuan.checks.located import paragraphs, said_in
from yusuan.checks.rule import Rule, compare
from yusuan.model import kinds
from yusuan.model.disclosure import Table
from yusuan.model.finding import Finding, Severity
from yusuan.model.money import Unit, convert, printed_number

_NUM = r"(\d[\d,]*(?:\.\d+)?)万元"
# (what the sentence says, table, row key or None for the one data row, section, column)
STATED: tuple[tuple[str, str, str | None, str | None, str], ...] = (
    (rf"(?<!财政拨款)收入支出总计{_NUM}", "summary", "income.total", "income", "amount"),
    (rf"本年收入合计{_NUM}", "summary", "income.year", "income", "amount"),
    (rf"本年支出合计{_NUM}", "summary", "expenditure.year", "expenditure", "amount"),
    (rf"财政拨款收入支出总计{_NUM}", "appropriation", "income.total", "income", "total"),
    (rf"一般公共预算财政拨款支出{_NUM}", "gpb", "total", None, "total"),
    (rf"一般公共预算财政拨款支出年初预算为{_NUM}，支出决算为{_NUM}", "gpb", "total", None,
     "total"),
    (rf"一般公共预算财政拨款基本支出{_NUM}", "gpb", "total", None, "basic"),
    (rf"人员经费{_NUM}", "gpb_basic", "personnel", "personnel", "amount"),
    (rf"公用经费{_NUM}", "gpb_basic", "public_funds", "public_funds", "amount"),
    (rf"“三公”经费财政拨款支出年初预算为{_NUM}", "three_public", None, None, "budget.total"),
    (rf"“三公”经费财政拨款支出年初预算为{_NUM}，支出决算为{_NUM}", "three_public", None, None,
     "total"),
    (rf"因公出国（境）费(?:支出)?决算为{_NUM}", "three_public", None, None, "abroad"),
    (rf"公务用车购置及运行维护费(?:支出)?决算为{_NUM}", "three_public", None, None, "vehicle"),
    (rf"公务接待费(?:支出)?决算为{_NUM}", "three_public", None, None, "reception"),
)
_PATTERNS = tuple((re.compile(p), t, k, s, c) for p, t, k, s, c in STATED)
_OPEN = re.compile(rf"(?:合计|支出){_NUM}(?:，|,)(?:其中|主要用于以下方面)[：:]")
_SHARE = re.compile(rf"([^；;：:，,。]{{2,40}}?){_NUM}，占(\d+(?:\.\d+)?)%")


def _cell(table: Table, key: str | None, section: str | None, column: str) -> Decimal | None:
    row = next((r for r in table.rows if r.values), None) if key is None else \
        table.row(key=key, section=section)
    value = row.value(column) if row is not None else None
    return None if value is None else convert(value, table.unit, Unit.WAN)


def _figures(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for part, paragraph, text in paragraphs(d):
        for pattern, table_id, key, section, column in _PATTERNS:
            table = d.table(kinds.table_id(table_id))
            if table is None:
                continue
            for m in pattern.finditer(text):
                stated = printed_number(m.group(m.lastindex or 1))
                printed = _cell(table, key, section, column)
                if printed is None:
                    continue
                n = 1 if table.unit is Unit.WAN else 0
                where = said_in(d, part, paragraph, m.start(m.lastindex or 1), name=part.title)
                yield from compare(FIGURES, expected=printed.quantize(step(stated),
                                                                       rounding=ROUND_HALF_UP),
                                   actual=stated, n=n, unit="万元", location=where,
                                   what=f"“{m.group(0)}”：应等于表“{table.title}”")


FIGURES = Rule(
    "final.narrative-eq-table", "error", "narrative",
    "决算情况说明所述决算数（收支总计、本年收支合计、一般公共预算财政拨款支出、基本支出、人员/公用经费、"
    "“三公”经费预算与决算）等于决算表", "预算法 §14；部门决算公开模板第三部分", _figures, (), FINAL)


def _shares(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for section, paragraph, text in paragraphs(d):
        opened = _OPEN.search(text)
        if opened is None:
            continue
        total = printed_number(opened.group(1))
        for m in _SHARE.finditer(text, opened.end()):
            where = said_in(d, section, paragraph, m.start(2), name=section.title)
            amount, share = (printed_number(g) for g in m.groups()[1:])
            if total == 0:
                continue
            exact = (amount / total * 100).quantize(step(share), rounding=ROUND_HALF_UP)
            if exact == share:
                continue
            severity: Severity | None = "info" if possible(share, total, amount,
                                                           slack=step(share)) else None
            yield SHARES.finding(
                f"“{m.group(0)}”：占比应为 {exact}%（{m.group(1)} ÷ {opened.group(1)}万元）",
                where, severity=severity, expected=exact, actual=share)


SHARES = Rule(
    "final.narrative-shares", "error", "narrative",
    "决算情况说明中“X 万元，占 Y%”：Y = X ÷ 句首合计（四舍五入及尾差调整在 0.01 个百分点之内为提示）",
    "部门决算公开模板第三部分", _shares, (), FINAL)

_CURRENT = re.compile(rf"(?:总计|合计|支出|经费支出){_NUM}")
_CHANGE = re.compile(rf"(增加|减少){_NUM}[，,](增长|下降)(\d+(?:\.\d+)?)%")


def _changes(ctx: Context) -> Iterator[Finding]:
    """“总计 A 万元…增加 X 万元，增长 Y%”: Y = X ÷ (A − X), the previous year being A − X."""
    d = ctx.disclosure
    for section, paragraph, text in paragraphs(d):
        for m in _CHANGE.finditer(text):
            where = said_in(d, section, paragraph, m.start(), name=section.title)
            said = f"“{m.group(0)}”"
            if (m.group(1) == "增加") != (m.group(3) == "增长"):
                yield CHANGES.finding(f"{said}：增减额与增减率的方向不一致", where,
                                      expected=m.group(1), actual=m.group(3))
                continue
            current = list(_CURRENT.finditer(text, 0, m.start()))
            between = text[current[-1].end():m.start()] if current else ""
            if not current or "比" not in between or "万元" in between:
                continue  # the change is not said of the figure just stated
            amount = printed_number(current[-1].group(1))
            delta = printed_number(m.group(2)) * (1 if m.group(1) == "增加" else -1)
            rate = printed_number(m.group(4)) * (1 if m.group(3) == "增长" else -1)
            prior = amount - delta
            if prior <= 0:
                continue
            exact = (delta / prior * 100).quantize(step(rate), rounding=ROUND_HALF_UP)
            if exact == rate:
                continue
            yield CHANGES.finding(
                f"{said}：{current[-1].group(0)} 比上年增减 {delta}万元，增减率应为 {exact}%",
                where, severity="info" if _rounding(amount, delta, rate) else None,
                expected=exact, actual=rate)


def _rounding(amount: Decimal, delta: Decimal, rate: Decimal) -> bool:
    """Whether amounts that print as ``amount`` and ``delta`` can give the printed ``rate``."""
    ha, hd, hr = step(amount) / 2, step(delta) / 2, step(rate) / 2
    rates = [(delta + e) / (amount + a - delta - e) * 100
             for a in (-ha, ha) for e in (-hd, hd) if amount + a - delta - e > 0]
    return bool(rates) and min(rates) - hr <= rate <= max(rates) + hr


CHANGES = Rule(
    "final.narrative-change", "error", "narrative",
    "决算情况说明“与上年相比增加（减少）X 万元，增长（下降）Y%”：方向一致，Y = X ÷ 上年数（本年数 − X）",
    "部门决算公开模板第三部分（比上年决算增减）", _changes, (), FINAL)

RULES = (FIGURES, SHARES, CHANGES)
