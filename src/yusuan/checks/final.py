"""Rules for final accounts (部门决算): the identities of the nine 决算 tables.

Where it sits: in the catalogue beside the budget rules, applied only to a ``Disclosure`` of
kind ``final`` (``Rule.kinds``); the budget rules do not run on 决算. The tables keep their
budget counterparts' ids (``summary`` 收入支出决算总表, ``appropriation`` 财政拨款收入支出决算总表,
``gpb``, ``gpb_basic`` in column pairs, ``three_public`` with 预算数 ``budget.*`` beside 决算数).
Sources: 财政部《部门决算报表》 (the tables' balance relations) and the 上海 2024 部门决算公开
template; tolerances as for budgets (``rule.compare``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.index import TableIndex
from yusuan.checks.rule import FINAL_ONLY, Rule, compare, loc
from yusuan.checks.sums import column_title, columns_eq_sum, row_title, sum_of
from yusuan.model.disclosure import Disclosure, Row
from yusuan.model.finding import Finding

FINAL = FINAL_ONLY
SOURCE = "财政部《部门决算报表》平衡关系"


def _value(t: TableIndex, key: str, section: str, column: str) -> Decimal | None:
    return t.value(key, column, section)


def _column(t: TableIndex, section: str) -> str:
    return t.table.columns_of(section)[0].key


def _equal(rule: Rule, d: Disclosure, t: TableIndex, row: Row | None, column: str,
           expected: Sequence[Decimal | None], actual: Decimal | None,
           what: str) -> Iterator[Finding]:
    total, n = sum_of(list(expected))
    yield from compare(rule, expected=total, actual=actual, n=n, what=what,
                       location=loc(d, t.table, row, column), unit=t.table.unit)


# ------------------------------------------------------------------ 收支平衡

@dataclass(frozen=True)
class _Side:
    """One side of a 决算 总表 as printed: the items above 本年收入/支出合计, that row, the
    rows between it and 总计 (结余 rows), and 总计 — by position, so a row whose label the
    profile does not know (用事业基金弥补收支差额) still counts where it is printed."""

    items: list[Row]
    year: Row
    extras: list[Row]
    total: Row | None
    column: str


def _side(t: TableIndex, section: str) -> _Side | None:
    rows = [r for r in t.table.rows_of(section) if r.values or r.key]
    year = next((i for i, r in enumerate(rows) if r.key == f"{section}.year"), None)
    if year is None:
        return None
    total = next((r for r in rows if r.is_total), None)
    below = [r for r in rows[year + 1:] if not r.is_total]
    # a part of a row below (年初结转和结余's 一般公共预算财政拨款, 其中：…) is not added again
    extras = [r for r in below if not r.name.startswith("其中") and not any(
        r.key and e.key and r.key.startswith(e.key + ".") for e in below)]
    return _Side(items=[r for r in rows[:year] if not r.is_total and not
                        r.name.startswith("其中")], year=rows[year], extras=extras, total=total,
                 column=_column(t, section))


def _sum(rows: Sequence[Row], column: str) -> tuple[Decimal | None, int]:
    return sum_of([r.value(column) for r in rows])


def _balance(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index["summary"]
    left, right = _side(t, "income"), _side(t, "expenditure")
    if left is None or right is None:
        return
    have, n_left = _sum([left.year, *left.extras], left.column)
    owe, n_right = _sum([right.year, *right.extras], right.column)
    if have is None or owe is None:
        return
    yield from compare(
        BALANCE, expected=have, actual=owe, n=n_left + n_right, unit=t.table.unit,
        what="收入支出决算总表：本年支出合计 + 结余分配 + 年末结转和结余 应等于 "
             "本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
        location=loc(d, t.table, right.extras[-1] if right.extras else right.year,
                     right.column))


BALANCE = Rule(
    "final.summary-balance", "error", "arithmetic",
    "决算总表平衡：年初结转和结余 + 本年收入 + 使用非财政拨款结余 = 本年支出 + 结余分配 + 年末结转和结余",
    SOURCE, _balance, ("summary",), FINAL)

_WORDS = {"income": "收入", "expenditure": "支出"}


def _side_totals(rule: Rule, d: Disclosure, t: TableIndex) -> Iterator[Finding]:
    """Per side: 本年合计 = the items above it; 总计 = 本年合计 + the rows below it."""
    sides = {s: side for s in ("income", "expenditure") if (side := _side(t, s)) is not None}
    for section, side in sides.items():
        word = _WORDS[section]
        if side.items:
            yield from _equal(rule, d, t, side.year, side.column,
                              [r.value(side.column) for r in side.items],
                              side.year.value(side.column),
                              f"{t.table.title}：本年{word}合计应等于其上各项之和")
        if side.total is not None:
            yield from _equal(rule, d, t, side.total, side.column,
                              [r.value(side.column) for r in (side.year, *side.extras)],
                              side.total.value(side.column),
                              f"{t.table.title}：{word}方总计应等于本年{word}合计与其下各项之和")
    if len(sides) == 2 and all(s.total is not None for s in sides.values()):
        i, e = sides["income"], sides["expenditure"]
        assert i.total is not None and e.total is not None
        yield from _equal(rule, d, t, e.total, e.column, [i.total.value(i.column)],
                          e.total.value(e.column), f"{t.table.title}：支出方总计应等于收入方总计")


def _summary_totals(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    yield from _side_totals(SUMMARY_TOTALS, d, ctx.index["summary"])
    t4 = ctx.index.get("appropriation")
    if t4 is None:
        return
    yield from _side_totals(SUMMARY_TOTALS, d, t4)
    for section in ("income", "expenditure"):  # 年初/年末财政拨款结转和结余 = its three funds
        rows = t4.table.rows_of(section)
        head = next((i for i, r in enumerate(rows) if r.key == f"{section}.carryover"), None)
        if head is None:
            continue
        parts = [r for r in rows[head + 1:] if (r.key or "").startswith(f"{section}.carryover.")]
        column = _column(t4, section)
        if parts:
            yield from _equal(SUMMARY_TOTALS, d, t4, rows[head], column,
                              [r.value(column) for r in parts], rows[head].value(column),
                              f"{t4.table.title}：{rows[head].name}应等于其下各项之和")


SUMMARY_TOTALS = Rule(
    "final.summary-totals", "error", "arithmetic",
    "决算总表与财政拨款决算总表各合计：本年收入/支出合计 = 其上各项之和，总计 = 本年合计 + 其下各项，"
    "收入总计 = 支出总计，结转和结余 = 其下各项",
    SOURCE, _summary_totals, ("summary",), FINAL)

# ------------------------------------------------------------------ 合计 = 各列 (每行)

ROW_PARTS = {
    "income": ("total", ("fiscal", "superior", "business", "operating", "affiliated", "other")),
    "expenditure": ("total", ("basic", "project", "to_superior", "operating", "affiliated")),
    "gpb": ("total", ("basic", "project")),
    "gov_fund": ("total", ("basic", "project")),
    "state_capital": ("total", ("basic", "project")),
}


def _parts_text(t: TableIndex, row: Row, total: str, parts: Sequence[str]) -> Callable[[], str]:
    return lambda: (f"{t.table.title}“{row_title(row)}”：{column_title(t, total)}应等于"
                    f"{'+'.join(column_title(t, p) for p in parts)}")


def _row_parts(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    for table_id, (total, parts) in ROW_PARTS.items():
        t = ix.get(table_id)
        if t is None:
            continue
        for row in t.table.rows:
            if row.value(total) is None and not any(row.value(p) for p in parts):
                continue
            yield from columns_eq_sum(ROW_PARTS_RULE, d, t, row, total, parts,
                                      _parts_text(t, row, total, parts))


ROW_PARTS_RULE = Rule(
    "final.row-parts", "error", "arithmetic",
    "决算表每行：合计 = 基本支出 + 项目支出（+ 上缴上级、经营、对附属单位补助）；本年收入合计 = 各项收入",
    SOURCE, _row_parts, (), FINAL)


def _fund_balance(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    for table_id in ("gov_fund", "state_capital"):
        t = ix.get(table_id)
        if t is None:
            continue
        for row in t.table.rows:
            start, income, spent = (row.value(k) for k in ("carryover", "income", "total"))
            if row.value("balance") is None and start is None and income is None:
                continue
            expected = (start or 0) + (income or 0) - (spent or 0)
            n = sum(v is not None for v in (start, income, spent))
            yield from compare(
                FUND_BALANCE, expected=Decimal(expected), actual=row.value("balance"), n=n,
                unit=t.table.unit, location=loc(d, t.table, row, "balance"),
                what=f"{t.table.title}“{row_title(row)}”：年末结转和结余应等于"
                     "年初结转和结余 + 本年收入 − 本年支出")


FUND_BALANCE = Rule(
    "final.fund-balance", "error", "arithmetic",
    "政府性基金/国有资本经营决算表每行：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
    SOURCE, _fund_balance, (), FINAL)

# ------------------------------------------------------------------ 表间：财政拨款 ↔ 一般公共预算 ↔ 基本支出


def _appropriation_chain(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t4, t5, t6 = ix.get("appropriation"), ix.get("gpb"), ix.get("gpb_basic")
    if t4 is not None and t5 is not None:
        spent = t4.key("expenditure.year", "expenditure")
        total5 = t5.total()
        if spent is not None and total5 is not None:
            yield from _equal(APPROPRIATION_CHAIN, d, t4, spent, "gpb", [total5.value("total")],
                              spent.value("gpb"), "财政拨款收入支出决算总表本年支出合计的一般公共预算"
                              "财政拨款应等于一般公共预算财政拨款支出决算表合计")
    if t4 is not None:
        spent = t4.key("expenditure.year", "expenditure")
        if spent is not None:
            yield from columns_eq_sum(APPROPRIATION_CHAIN, d, t4, spent, "total",
                                      ("gpb", "gov_fund", "state_capital"),
                                      "财政拨款收入支出决算总表本年支出合计：合计应等于三类财政拨款之和")
    if t5 is not None and t6 is not None:
        total5 = t5.total()
        parts = [t6.key("personnel", "personnel"), t6.key("public_funds", "public_funds")]
        if total5 is not None and all(parts):
            yield from _equal(APPROPRIATION_CHAIN, d, t5, total5, "basic",
                              [p.value("amount") for p in parts if p], total5.value("basic"),
                              "一般公共预算财政拨款支出决算表基本支出合计应等于基本支出决算表"
                              "人员经费合计 + 公用经费合计")
    summary = ix.get("summary")
    if t4 is not None and summary is not None:
        for key in ("income.gpb", "income.gov_fund", "income.state_capital"):
            row = t4.key(key, "income")
            printed = _value(summary, key, "income", _column(summary, "income"))
            if row is not None and printed is not None:
                yield from _equal(APPROPRIATION_CHAIN, d, t4, row, "total", [printed],
                                  row.value("total"), f"财政拨款收入支出决算总表“{row.name}”"
                                  "应等于收入支出决算总表同项")


APPROPRIATION_CHAIN = Rule(
    "final.appropriation-chain", "error", "cross-table",
    "财政拨款决算总表 ↔ 收入支出决算总表 ↔ 一般公共预算财政拨款支出决算表 ↔ 基本支出决算表（人员经费 + 公用经费）",
    SOURCE, _appropriation_chain, ("appropriation",), FINAL)


def _basic_pairs(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index["gpb_basic"]
    for section in ("personnel", "public_funds"):
        total = t.key(section, section)
        if total is None:
            continue
        classes = [r for r in t.table.rows_of(section) if r.code and len(r.code) == 3]
        yield from _equal(BASIC_PAIRS, d, t, total, "amount",
                          [r.value("amount") for r in classes], total.value("amount"),
                          f"基本支出决算表{total.name}应等于其各类之和")
        for cls in classes:
            kids = [r for r in t.table.rows_of(section)
                    if r.code and len(r.code) == 5 and r.code.startswith(cls.code or "")]
            if kids:
                yield from _equal(BASIC_PAIRS, d, t, cls, "amount",
                                  [r.value("amount") for r in kids], cls.value("amount"),
                                  f"基本支出决算表“{row_title(cls)}”应等于其各款之和")


BASIC_PAIRS = Rule(
    "final.basic-sums", "error", "arithmetic",
    "基本支出决算表：类 = 其各款之和，人员经费合计/公用经费合计 = 各类之和",
    SOURCE, _basic_pairs, ("gpb_basic",), FINAL)

RULES = (BALANCE, SUMMARY_TOTALS, ROW_PARTS_RULE, FUND_BALANCE, APPROPRIATION_CHAIN, BASIC_PAIRS)
