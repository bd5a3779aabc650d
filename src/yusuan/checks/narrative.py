"""Rules C1–C10: the Part 3 narrative against the tables — every stated amount equals its
table cell, shares and year-over-year rates are computed right, shares add to 100, changes
add up (the lists being complete: ``narrative_lists``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.facts import (
    Stated,
    compact,
    printed_places,
    rate_verdict,
    referenced_row,
    stated_facts,
)
from yusuan.checks.index import Index, printed_quantum
from yusuan.checks.located import said_at, section_label
from yusuan.checks.narrative_lists import LISTED, NAME_LISTS
from yusuan.checks.rule import Rule, compare, diff_text, fmt
from yusuan.model.disclosure import Disclosure, Fact, Row
from yusuan.model.finding import Finding, Location
from yusuan.model.money import Unit, convert, round_half_up

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _where(d: Disclosure, st: Stated) -> Location:
    return said_at(d, st.section, st.sentence, table=st.fact.ref_table, code=st.fact.ref_code,
                   name=st.fact.subject, column=st.fact.ref_column)


def _said(st: Stated) -> str:
    return f"{section_label(st.section)}所述“{st.fact.subject}”"


# ------------------------------------------------------------------ C2 amounts = table cells

def _amounts(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    for st in stated_facts(ix):
        f = st.fact
        if f.amount is None or f.ref_column is None:
            continue
        found = referenced_row(ix, f)
        if found is None:
            continue
        t, row = found
        if not any(c.key == f.ref_column for c in t.table.columns):
            continue  # the fact names a column this table does not print
        if row is None:
            if f.ref_code and f.amount:
                yield AMOUNTS.finding(
                    f"{_said(st)} {fmt(f.amount)}{f.unit}，表“{t.table.title}”却没有科目 {f.ref_code}",
                    _where(d, st), severity="warning", expected=None, actual=f.amount)
            continue
        cell = row.value(f.ref_column)
        unit = t.table.unit
        if f.unit != unit:
            # the text rounds to 2 decimals of its own unit: compare at that precision
            unit = f.unit
            cell = round_half_up(convert(cell, t.table.unit, unit)) if cell is not None else None
        other = _same_amount_elsewhere(row, f, t.table.unit) if f.ref_code else None
        if other is not None and (cell is None or cell != f.amount):
            yield AMOUNTS.finding(
                f"{_said(st)} {fmt(f.amount)}{f.unit} 与表“{t.table.title}”该行“{other}”栏相同，"
                f"与所引“{f.ref_column}”栏（{fmt(cell)}）不同：请核对所指栏目", _where(d, st),
                severity="info", expected=cell, actual=f.amount)
            continue
        step = printed_quantum([f.amount])
        if step > CENT and cell is not None and cell != f.amount and \
                abs(f.amount - cell) <= step / 2 + CENT / 2:
            # 上海 states some items in whole 万元 (“科目4,614万元”): the cell rounded to that digit
            yield AMOUNTS.finding(
                f"{_said(st)} {fmt(f.amount)}{unit} 是表“{t.table.title}”{fmt(cell)}{unit} "
                f"按所述位数（{step}{unit}）四舍五入", _where(d, st), severity="info",
                expected=cell, actual=f.amount)
            continue
        yield from compare(AMOUNTS, expected=cell, actual=f.amount, n=1, unit=unit,
                           what=f"{_said(st)}金额与表“{t.table.title}”", location=_where(d, st))


def _same_amount_elsewhere(row: Row, f: Fact, unit: Unit) -> str | None:
    """Another column of the referenced row printing exactly the stated amount.

    Only asked for a fact referring to a classification row (``ref_code``): the sentence
    names the row (a 类, a 项) but not the column, which the reader takes from the section
    (说明四's 类 are read against the 一般公共预算 column), so a sentence about another
    column of that row (its 政府性基金) would be held against the wrong cell — ambiguous,
    hence info. A fact referring to a keyed cell (``ref_row``: a total, a “三公” item, 基本支出)
    names its column itself (``公务接待费``): a stated amount that differs from it is wrong
    whatever another column prints (上海商务委's 公务接待费 and 合计 are both 1.00, so a
    wrong 公务接待费 of 1.00 would otherwise pass as info) — an error."""
    if f.amount is None or f.amount == 0:
        return None
    for key, value in row.values.items():
        if key == f.ref_column or value is None:
            continue
        shown = round_half_up(convert(value, unit, f.unit)) if unit != f.unit else value
        if shown == f.amount:
            return key
    return None


AMOUNTS = Rule("narrative.amount-eq-table", "error", "narrative",
               "说明中引用的每个金额等于表中对应单元格", "docs/identities.md C1、C2", _amounts)


# ------------------------------------------------------------------ C4/C5 shares

# a share of the whole side named in the sentence (江苏: 财政拨款预算支出…占本年支出合计的99.92%)
_OF_WHOLE = re.compile(r"占(?:本年|全年|部门)?(收入|支出)(?:预算)?(?:合计|总计)")


def _denominator(ix: Index, f: Fact, text: str = "") -> Decimal | None:
    whole = _OF_WHOLE.search(compact(text))
    summary = ix.get("summary")
    if whole is not None and summary is not None:
        side = "income" if whole.group(1) == "收入" else "expenditure"
        total = summary.total(side)
        column = next((k for k, v in (total.values.items() if total else ()) if v is not None),
                      None)
        if total is not None and column is not None:
            return total.value(column)
    found = referenced_row(ix, f)
    if found is None or f.ref_column is None:
        return None
    t, _row = found
    if f.ref_row and f.ref_row.startswith(("income.", "expenditure.")):
        side = f.ref_row.split(".")[0]
        total = t.total(side)
        return total.value(f.ref_column) if total is not None else None
    total = t.total()
    if total is None:
        return None
    if t.table.id == "three_public" and f.ref_column in THREE_PUBLIC_ITEMS and \
            any(c.key == "three_public" for c in t.table.columns):
        # a “三公” item's share is of the “三公” total: 江苏's 合计 adds 会议费 and 培训费
        return total.value("three_public")
    if f.ref_row == "total" and f.ref_column == "total" and t.table.id != "expenditure":
        # a table's own total stated as a share (江苏 说明五 “财政拨款预算支出…占本年支出合计的
        # 98.83%”) is a share of 本年支出合计, the 支出预算总表's total
        spending = ix.get("expenditure")
        spent = spending.total() if spending is not None else None
        if spent is not None and spent.value("total"):
            return spent.value("total")
    if f.ref_row == "total":
        return total.value("total")
    return total.value(f.ref_column)


# the “三公” items, as columns of the one row of the “三公” table (上海, 江苏)
THREE_PUBLIC_ITEMS = ("abroad", "vehicle", "vehicle.purchase", "vehicle.operation", "reception")


def _share_groups(ix: Index) -> dict[tuple[str, str | None, str | None], list[Stated]]:
    groups: dict[tuple[str, str | None, str | None], list[Stated]] = {}
    for st in stated_facts(ix):
        if st.fact.share is not None and st.fact.amount is not None:
            # shares of one whole: 类 rows of one table, the 基本/项目 columns of a total
            # row, or the income rows of one side (income.gpb, income.gov_fund, …)
            row = st.fact.ref_row
            side = row.split(".")[0] if row and "." in row else (row or "code")
            groups.setdefault((st.section.number, st.fact.ref_table, side), []).append(st)
    return groups


def _shares(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    for group in _share_groups(ix).values():
        stated_sum = sum((st.fact.share or Decimal(0) for st in group), Decimal(0))
        for st in group:
            f = st.fact
            den = _denominator(ix, f, st.sentence.text)
            if not den or f.amount is None or f.share is None:
                continue
            places = printed_places(f.share)
            step = Decimal(1).scaleb(-places)  # one unit of the printed last decimal
            computed = round_half_up(f.amount / den * HUNDRED, places)
            gap = f.share - computed
            if gap == 0:
                continue
            plug = abs(gap) <= step and stated_sum == HUNDRED and f.share == max(
                (s.fact.share or Decimal(0)) for s in group)
            low, high = _share_bounds(_cell(ix, f) or f.amount, den)
            if low - step / 2 <= f.share <= high + step / 2:
                yield SHARES.finding(
                    f"{_said(st)}占比 {f.share}%，按 {fmt(f.amount)} ÷ {fmt(den)} 计算为 "
                    f"{computed}%，在金额四舍五入的误差之内", _where(d, st), severity="info",
                    expected=computed, actual=f.share, unit="%")
            elif abs(gap) <= step:
                note = "（各项占比之和凑成 100.00%，差额计入最大项）" if plug else ""
                yield SHARES.finding(
                    f"{_said(st)}占比 {f.share}%，按 {fmt(f.amount)} ÷ {fmt(den)} 计算应为 "
                    f"{computed}%，相差 {gap:+} 个百分点{note}", _where(d, st),
                    severity="warning", expected=computed, actual=f.share, unit="%")
            else:
                yield SHARES.finding(
                    f"{_said(st)}占比 {f.share}%，按 {fmt(f.amount)} ÷ {fmt(den)} 计算应为 "
                    f"{computed}%，相差 {gap:+} 个百分点", _where(d, st),
                    expected=computed, actual=f.share, unit="%")


def _cell(ix: Index, f: Fact) -> Decimal | None:
    """The table cell a fact refers to, as printed (its figure in the sentence may be
    printed coarser: 江苏 ``110 万元`` for 110.00)."""
    found = referenced_row(ix, f)
    row = found[1] if found is not None else None
    return row.value(f.ref_column) if row is not None and f.ref_column else None


def _share_bounds(amount: Decimal, whole: Decimal) -> tuple[Decimal, Decimal]:
    """The range of amount ÷ whole × 100 over the rounding of the two printed figures (half
    a cent each where printed to the cent): builders compute shares from exact amounts."""
    ha, hw = (printed_quantum([v]) / 2 for v in (amount, whole))
    low = (amount - ha) / (whole + hw) * HUNDRED
    return low, (amount + ha) / (whole - hw) * HUNDRED if whole > hw else low


SHARES = Rule("narrative.share-eq-computed", "error", "narrative",
              "所述占比 = 金额 ÷ 合计（“三公”各项为“三公”合计）× 100，四舍五入到所述的小数位"
              "（通常两位；尾差调整 ±1 个末位为警告）",
              "docs/identities.md C4", _shares)


def _shares_sum(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    for group in _share_groups(ix).values():
        den = _denominator(ix, group[0].fact)
        if not den or len(group) < 2:
            continue
        amounts = sum((st.fact.amount or Decimal(0) for st in group), Decimal(0))
        if abs(amounts - den) > Decimal("0.005") * (len(group) + 1):
            continue  # the listed items are not the whole: their shares need not add to 100
        stated = sum((st.fact.share or Decimal(0) for st in group), Decimal(0))
        rounded = sum((round_half_up((st.fact.amount or Decimal(0)) / den * HUNDRED,
                                     printed_places(st.fact.share or Decimal("0.00")))
                       for st in group), Decimal(0))
        step = Decimal(1).scaleb(-min(printed_places(st.fact.share or Decimal("0.00")) for st in group))
        where = _where(d, group[0])
        if stated == HUNDRED and rounded != HUNDRED:
            yield SHARES_SUM.finding(
                f"第三部分“{group[0].section.called}”各项占比之和为 100.00%；逐项四舍五入之和为 "
                f"{rounded}%，差额 {HUNDRED - rounded:+} 个百分点计入了最大项（尾差调整）",
                where, severity="info", expected=rounded, actual=stated, unit="%")
        elif stated != HUNDRED and stated != rounded and abs(stated - HUNDRED) > step * len(group):
            yield SHARES_SUM.finding(
                f"第三部分“{group[0].section.called}”各项占比之和为 {stated}%，应为 100.00%"
                f"（相差 {stated - HUNDRED:+} 个百分点）", where, expected=HUNDRED, actual=stated, unit="%")


SHARES_SUM = Rule("narrative.shares-sum-100", "error", "narrative",
                  "构成全部的各项占比之和为 100.00%（逐项四舍五入或尾差计入最大项均可）",
                  "docs/identities.md C5", _shares_sum)


# ------------------------------------------------------------------ C6/C7 year over year

def _rate_bounds(amount: Decimal, change: Decimal) -> tuple[Decimal, Decimal] | None:
    """The range of change ÷ prior × 100 over the rounding of the two printed figures, each
    off by up to half its last printed digit (江苏 prints ``增加1657万元`` in whole 万元)."""
    ha, hc = (printed_quantum([v]) / 2 for v in (amount, change))
    rates = []
    for da in (-ha, ha):
        for dc in (-hc, hc):
            prior = amount + da - (change + dc)
            if prior <= 0:
                return None
            rates.append((change + dc) / prior * HUNDRED)
    return min(rates), max(rates)


def _rates(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for st in stated_facts(ctx.index):
        f = st.fact
        if f.rate is None or f.change is None or f.amount is None:
            continue
        prior = f.amount - f.change
        if prior == 0:
            if f.change == 0 and f.rate != 0:
                yield RATES.finding(f"{_said(st)}金额无变化，增减率却为 {f.rate}%", _where(d, st),
                                    expected=Decimal("0.00"), actual=f.rate, unit="%")
            continue
        if prior < 0:
            continue  # impossible whatever the rate: narrative.prior-not-negative reports it
        # the precision the rate is printed to (江苏: 10.2%)
        computed = round_half_up(f.change / prior * HUNDRED, printed_places(f.rate))
        if computed == f.rate:
            continue
        yield from rate_verdict(
            RATES, f"{_said(st)}增减率 {f.rate}%，按增减额 {diff_text(Decimal(0), f.change)}{f.unit} ÷ "
                   f"上年数 {fmt(prior)}{f.unit} "
                   f"计算应为 {computed}%", _where(d, st), f.rate, computed,
            _rate_bounds(f.amount, f.change))


RATES = Rule("narrative.yoy-rate-eq-computed", "error", "narrative",
             "增减率 = 增减额 ÷（本年数 − 增减额）× 100，符号与“增加/减少”一致", "docs/identities.md C6",
             _rates)


def _changes(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    items: dict[str, Decimal] = {}
    basic = project = total = None
    total_from_summary = False
    said: Stated | None = None  # the sentence stating the whole change
    for st in stated_facts(ix):
        f = st.fact
        if f.change is None or f.basis in ("执行数", "决算"):
            continue  # a change against last year's execution does not add to budget changes
        if f.ref_table == "gpb" and f.ref_code and len(f.ref_code) == 7:
            items.setdefault(f.ref_code, f.change)
        elif f.ref_table == "gpb" and f.ref_row == "total" and f.ref_column == "basic":
            basic = f.change
        elif f.ref_table == "gpb" and f.ref_row == "total" and f.ref_column == "project":
            project = f.change
        elif (f.ref_table, f.ref_row) in (("summary", "income.gpb"), ("gpb", "total")) and \
                f.ref_column in ("amount", "total"):
            total, total_from_summary, said = f.change, f.ref_table == "summary", st
    where = said_at(d, said.section if said else None, said.sentence if said else None,
                    table="gpb")
    if total is not None and total_from_summary and _carryover_in_gpb(ix):
        total = None  # 表1's 一般公共预算拨款 is this year's only: not 表5's whole
    if basic is not None and project is not None and total is not None:
        yield from compare(CHANGES, expected=basic + project, actual=total, n=2, unit=d.unit,
                           what="一般公共预算增减额与基本支出、项目支出增减额之和", location=where)
    if items and (total is not None or (basic is not None and project is not None)):
        whole = total if total is not None else (basic or Decimal(0)) + (project or Decimal(0))
        gpb = ix.get("gpb")
        listed = {r.code for r in gpb.coded if len(r.code or "") == 7} if gpb else set()
        if gpb is not None and listed and listed <= set(items):
            yield from compare(CHANGES, expected=sum(items.values(), Decimal(0)), actual=whole,
                               n=len(items), location=where, unit=d.unit,
                               what="一般公共预算增减额与各项级科目增减额之和")


def _carryover_in_gpb(ix: Index) -> bool:
    """表5 holds a 上年财政拨款结转 besides this year's 拨款: its 总计 differs from 表1's
    一般公共预算拨款 (本年收入) while 表1 prints a 一般公共预算 carry-over."""
    t1, t5 = ix.get("summary"), ix.get("gpb")
    if t1 is None or t5 is None:
        return False
    carry = t1.key("income.carryover.fiscal.gpb", "income")
    current = t1.key("income.gpb", "income")
    total5 = t5.total()
    if carry is None or current is None or total5 is None:
        return False
    column = next((c.key for c in t1.table.columns_of("income")), "amount")
    return carry.value(column) not in (None, Decimal(0)) and \
        current.value(column) != total5.value("total")


CHANGES = Rule("narrative.yoy-changes-add-up", "error", "narrative",
               "增减额相加：各项级科目增减额之和 = 一般公共预算增减额 = 基本支出增减额 + 项目支出增减额",
               "docs/identities.md C7", _changes)


RULES: tuple[Rule, ...] = (AMOUNTS, LISTED, NAME_LISTS, SHARES, SHARES_SUM, RATES, CHANGES)
