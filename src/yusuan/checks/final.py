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
from decimal import Decimal

from yusuan.checks.index import TableIndex, index
from yusuan.checks.rule import Rule, compare, loc
from yusuan.checks.sums import column_title, columns_eq_sum, row_title, sum_of
from yusuan.model.disclosure import Disclosure, Row
from yusuan.model.finding import Finding

FINAL = ("final",)
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

def _balance(d: Disclosure) -> Iterator[Finding]:
    t = index(d)["summary"]
    i, e = _column(t, "income"), _column(t, "expenditure")
    left, n_left = sum_of([_value(t, k, "income", i) for k in
                           ("income.carryover", "income.year", "income.non_fiscal_balance")])
    right_rows = [t.key(k, "expenditure") for k in
                  ("expenditure.year", "expenditure.distribution", "expenditure.carryover")]
    right, n_right = sum_of([r.value(e) if r else None for r in right_rows])
    if left is None or right is None:
        return
    yield from compare(
        BALANCE, expected=left, actual=right, n=n_left + n_right, unit=t.table.unit,
        what="收入支出决算总表：本年支出合计 + 结余分配 + 年末结转和结余 应等于 "
             "年初结转和结余 + 本年收入合计 + 使用非财政拨款结余",
        location=loc(d, t.table, right_rows[2] or right_rows[0], e))


BALANCE = Rule(
    "final.summary-balance", "error", "arithmetic",
    "决算总表平衡：年初结转和结余 + 本年收入 + 使用非财政拨款结余 = 本年支出 + 结余分配 + 年末结转和结余",
    SOURCE, _balance, ("summary",), FINAL)

_INCOME_ITEMS = ("income.gpb", "income.gov_fund", "income.state_capital", "income.superior",
                 "income.business", "income.operating", "income.affiliated", "income.other")


def _summary_totals(d: Disclosure) -> Iterator[Finding]:
    t = index(d)["summary"]
    i, e = _column(t, "income"), _column(t, "expenditure")
    year_in = t.key("income.year", "income")
    if year_in is not None:
        yield from _equal(SUMMARY_TOTALS, d, t, year_in, i,
                          [_value(t, k, "income", i) for k in _INCOME_ITEMS],
                          year_in.value(i), "本年收入合计应等于各项收入之和")
    year_out = t.key("expenditure.year", "expenditure")
    classes = [r for r in t.table.rows_of("expenditure") if r.key is None and not r.is_total]
    if year_out is not None and classes:
        yield from _equal(SUMMARY_TOTALS, d, t, year_out, e, [r.value(e) for r in classes],
                          year_out.value(e), "本年支出合计应等于各类支出之和")
    for side, col, parts in (("income", i, ("income.year", "income.non_fiscal_balance",
                                             "income.carryover")),
                             ("expenditure", e, ("expenditure.year", "expenditure.distribution",
                                                 "expenditure.carryover"))):
        total = t.total(side)
        if total is not None:
            yield from _equal(SUMMARY_TOTALS, d, t, total, col,
                              [_value(t, k, side, col) for k in parts], total.value(col),
                              f"{'收入' if side == 'income' else '支出'}方总计应等于其各项之和")
    t_in, t_out = t.total("income"), t.total("expenditure")
    if t_in is not None and t_out is not None:
        yield from _equal(SUMMARY_TOTALS, d, t, t_out, e, [t_in.value(i)], t_out.value(e),
                          "支出方总计应等于收入方总计")


SUMMARY_TOTALS = Rule(
    "final.summary-totals", "error", "arithmetic",
    "决算总表各合计：本年收入/支出合计 = 各项之和，总计 = 本年合计 + 结余项，收入总计 = 支出总计",
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


def _row_parts(d: Disclosure) -> Iterator[Finding]:
    ix = index(d)
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


def _fund_balance(d: Disclosure) -> Iterator[Finding]:
    ix = index(d)
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


def _appropriation_chain(d: Disclosure) -> Iterator[Finding]:
    ix = index(d)
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


def _basic_pairs(d: Disclosure) -> Iterator[Finding]:
    t = index(d)["gpb_basic"]
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
