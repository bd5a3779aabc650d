"""Rules B01–B09: identities across tables (收支总表 ↔ 收入/支出总表 ↔ 财政拨款总表 ↔
一般公共预算表 ↔ 基本支出表 ↔ 项目支出表; B10–B12, the 基本支出表 against the 三公表 and
表5's functional subjects, are in ``cross_basic``). Each compares printed cells located by
canonical table id, row code or key and column key; when tables are printed in different
units the comparison is made in 元 with the tolerance of the coarser unit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from yusuan.checks.arithmetic import side_total
from yusuan.checks.context import Context
from yusuan.checks.index import TableIndex, coarsest
from yusuan.checks.rule import Rule, compare, loc
from yusuan.checks.sums import sum_of
from yusuan.model.disclosure import Disclosure, Row
from yusuan.model.finding import Finding
from yusuan.model.money import Unit, convert, round_half_up


def cell_eq(rule: Rule, d: Disclosure, expected_t: TableIndex, expected: Decimal | None,
            actual_t: TableIndex, actual_row: Row | None, actual_column: str, what: str,
            n: int = 1, actual_value: Decimal | None = None) -> Iterator[Finding]:
    """A printed cell of ``actual_t`` equals a figure of ``expected_t`` (``n`` printed items).

    ``actual_value``, where given, is the figure compared (e.g. a sum of several rows, located
    at ``actual_row``); otherwise the cell itself.
    """
    actual = actual_value
    if actual is None and actual_row is not None:
        actual = actual_row.value(actual_column)
    if expected_t.table.unit != actual_t.table.unit:
        # different units: compare at the coarser unit (万元), to its cent or coarser digit
        def wan(v: Decimal | None, unit: Unit) -> Decimal | None:
            return None if v is None else round_half_up(convert(v, unit, Unit.WAN))

        yield from compare(
            rule, n=n, what=what, unit=Unit.WAN,
            quantum=coarsest(expected_t, actual_t, unit=Unit.WAN),
            expected=wan(expected, expected_t.table.unit),
            actual=wan(actual, actual_t.table.unit),
            location=loc(d, actual_t.table, actual_row, actual_column))
        return
    yield from compare(rule, expected=expected, actual=actual, n=n, what=what,
                       unit=actual_t.table.unit, quantum=coarsest(expected_t, actual_t),
                       location=loc(d, actual_t.table, actual_row, actual_column))


def _v(t: TableIndex, key: str, column: str, section: str | None = None) -> Decimal | None:
    return t.value(key, column, section)


def _side(t: TableIndex, section: str) -> str | None:
    cols = t.table.columns_of(section)
    return cols[0].key if cols else None


def _own_carryover_rows(t4: TableIndex) -> bool:
    """Whether 表4 prints 上年结转 rows of its own; where it does not, a fiscal carry-over is
    counted in its budget's rows (docs/identities.md B04) and the comparisons add it there."""
    return any(k.startswith("income.carryover") for (_s, k) in t4.by_key)


# ------------------------------------------------------------------ B01 表2 ↔ 表1 / 表4

_TRANSFER = {"gpb": "gpb_transfer", "gov_fund": "gov_fund_transfer",
             "state_capital": "state_capital_transfer"}


def _income_vs_summary(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t2, t1 = ix["income"], ix["summary"]
    total2 = t2.total()
    c1 = _side(t1, "income")
    if total2 is None or c1 is None:
        return
    for fund in ("total", "gpb", "gov_fund", "state_capital", "special_account", "unit_funds",
                 "carryover_fiscal", "carryover_nonfiscal"):
        key = {"total": "income.total", "carryover_fiscal": "income.carryover.fiscal",
               "carryover_nonfiscal": "income.carryover.nonfiscal"}.get(fund, f"income.{fund}")
        row1 = t1.key(key, "income")
        # 江苏's 收入预算总表 prints one column of amounts (金额): its 收入总计 is the total
        column = fund if t2.has_column(fund) else \
            "amount" if fund == "total" and t2.has_column("amount") else None
        if row1 is None or column is None:
            continue
        cols = [column] + ([_TRANSFER[fund]] if fund in _TRANSFER
                           and t2.has_column(_TRANSFER[fund]) else [])
        value2, n = sum_of([total2.value(c) for c in cols])
        yield from cell_eq(INCOME_VS_SUMMARY_RULE, d, t2, value2, t1, row1, c1,
                           f"收支总表“{row1.name}”与收入总表总计行（{'+'.join(cols)}）", n=n)
    t4 = ix.get("appropriation")
    if t4 is not None and t2.has_column("fiscal"):
        row4 = t4.key("income.fiscal", "income")
        c4 = _side(t4, "income")
        if row4 is not None and c4 is not None:
            # where 表4 folds the fiscal carry-over in: 表2 小计 + 财政拨款结转
            cols = ["fiscal"]
            if (not _own_carryover_rows(t4) and t2.has_column("carryover_fiscal")
                    and total2.value("carryover_fiscal") not in (None, Decimal(0))):
                cols.append("carryover_fiscal")
            value2, n = sum_of([total2.value(c) for c in cols])
            yield from cell_eq(INCOME_VS_SUMMARY_RULE, d, t2, value2, t4, row4, c4,
                               "财政拨款收支总表“财政拨款（补助）”与收入总表财政拨款小计"
                               + ("＋财政拨款结转" if len(cols) > 1 else ""), n=n)


INCOME_VS_SUMMARY_RULE = Rule(
    "income.total-eq-summary", "error", "cross-table",
    "收入总表总计行各栏 = 收支总表对应收入行；财政拨款小计 = 财政拨款收支总表财政拨款（补助）",
    "docs/identities.md B01", _income_vs_summary, ("income", "summary"))


# ------------------------------------------------------------------ B02 表3 ↔ 表1

def _expenditure_vs_summary(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t3, t1 = ix["expenditure"], ix["summary"]
    c1 = _side(t1, "expenditure")
    total3, total1 = t3.total(), side_total(t1, "expenditure")
    if c1 is None:
        return
    if total3 is not None and total1 is not None:
        yield from cell_eq(EXPENDITURE_VS_SUMMARY, d, t3, total3.value("total"), t1, total1[0],
                           total1[1], "收支总表支出总计与支出总表总计")
    for row3 in t3.classes():
        row1 = t1.code(row3.code or "", "expenditure")
        if row1 is None:
            continue
        yield from cell_eq(EXPENDITURE_VS_SUMMARY, d, t3, row3.value("total"), t1, row1, c1,
                           f"收支总表“{row1.code} {row1.name}”与支出总表同类合计")
    if not t3.classes():
        return  # 表3 is not laid out by functional class (江苏: by use only)
    for row1 in t1.classes("expenditure"):
        if row1.value(c1) not in (None, Decimal(0)) and t3.code(row1.code or "") is None:
            yield EXPENDITURE_VS_SUMMARY.finding(
                f"收支总表列有“{row1.code} {row1.name}”{row1.value(c1)}{t1.table.unit}，支出总表却没有这一类",
                loc(d, t1.table, row1, c1), expected=None, actual=row1.value(c1))


EXPENDITURE_VS_SUMMARY = Rule(
    "expenditure.total-eq-summary", "error", "cross-table",
    "支出总表总计 = 收支总表支出总计；收支总表每类支出 = 支出总表同类合计", "docs/identities.md B02",
    _expenditure_vs_summary, ("expenditure", "summary"))


# ------------------------------------------------------------------ B03 表2 ↔ 表3 per code

def _codes_pair(rule: Rule, d: Disclosure, a: TableIndex, a_col: str, b: TableIndex,
                b_col: str, what: str, codes: Sequence[str] | None = None) -> Iterator[Finding]:
    """For every code printed in either table: ``b[code][b_col]`` = ``a[code][a_col]``."""
    wanted = codes if codes is not None else list(dict.fromkeys(
        [r.code or "" for r in a.coded] + [r.code or "" for r in b.coded]))
    for code in wanted:
        ra, rb = a.code(code), b.code(code)
        va = ra.value(a_col) if ra is not None else None
        if rb is None:
            if va not in (None, Decimal(0)) and ra is not None:
                yield rule.finding(
                    f"{what}：“{code} {ra.name}”在表“{a.table.title}”为 {va}{a.table.unit}，"
                    f"表“{b.table.title}”却没有这一行",
                    loc(d, b.table, None, b_col), expected=va, actual=None)
            continue
        name = f"{code} {rb.name}"
        yield from cell_eq(rule, d, a, va, b, rb, b_col, f"{what}：“{name}”")


def _income_vs_expenditure(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    yield from _codes_pair(INCOME_VS_EXPENDITURE, d, ix["income"], "total", ix["expenditure"],
                           "total", "收入总表与支出总表同一科目的合计")


INCOME_VS_EXPENDITURE = Rule(
    "income.code-eq-expenditure", "error", "cross-table",
    "收入总表与支出总表：每个功能科目的合计相等（收支平衡到科目）", "docs/identities.md B03",
    _income_vs_expenditure, ("income", "expenditure"))


# ------------------------------------------------------------------ B04–B06 表4

def _appropriation_income(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t4, t1 = ix["appropriation"], ix["summary"]
    c4, c1 = _side(t4, "income"), _side(t1, "income")
    if c4 is None or c1 is None:
        return
    own_carryover = _own_carryover_rows(t4)
    for fund, title in (("gpb", "一般公共预算"), ("gov_fund", "政府性基金预算"),
                        ("state_capital", "国有资本经营预算")):
        row4 = t4.key(f"income.{fund}", "income")
        row1 = t1.key(f"income.{fund}", "income")
        if row4 is None or row1 is None:
            continue
        parts = [row1.value(c1)]
        if not own_carryover:
            carry = t1.key(f"income.carryover.fiscal.{fund}", "income")
            parts.append(carry.value(c1) if carry is not None else None)
        value1, n = sum_of(parts)
        yield from cell_eq(APPROPRIATION_INCOME, d, t1, value1, t4, row4, c4,
                           f"财政拨款收支总表收入“{title}”与收支总表（本年拨款 + 上年结转）", n=n)


APPROPRIATION_INCOME = Rule(
    "appropriation.income-eq-summary", "error", "cross-table",
    "财政拨款收支总表各项拨款收入 = 收支总表同一拨款（含上年财政拨款结转）", "docs/identities.md B04",
    _appropriation_income, ("appropriation", "summary"))


def _appropriation_gpb(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t4, t5 = ix["appropriation"], ix["gpb"]
    if not t4.has_column("gpb", "expenditure"):
        return
    total4, total5 = t4.total("expenditure"), t5.total()
    if total4 is not None and total5 is not None:
        yield from cell_eq(APPROPRIATION_GPB, d, t5, total5.value("total"), t4, total4, "gpb",
                           "财政拨款收支总表一般公共预算支出总计与一般公共预算支出表总计")
    for row5 in t5.classes():
        row4 = t4.code(row5.code or "", "expenditure")
        if row4 is not None:
            yield from cell_eq(APPROPRIATION_GPB, d, t5, row5.value("total"), t4, row4, "gpb",
                               f"财政拨款收支总表“{row4.code} {row4.name}”一般公共预算栏与一般公共预算支出表")


APPROPRIATION_GPB = Rule(
    "appropriation.gpb-eq-gpb", "error", "cross-table",
    "财政拨款收支总表一般公共预算栏（总计与各类）= 一般公共预算支出表", "docs/identities.md B05",
    _appropriation_gpb, ("appropriation", "gpb"))


def _appropriation_funds(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t4 = ix["appropriation"]
    total4 = t4.total("expenditure")
    if total4 is None:
        return
    for column, table_id, title in (("gov_fund", "gov_fund", "政府性基金预算支出表"),
                                    ("state_capital", "state_capital", "国有资本经营预算支出表")):
        t = ix.get(table_id)
        if t is None or not t4.has_column(column, "expenditure"):
            continue
        total = t.total()
        value = total.value("total") if total is not None else None
        yield from cell_eq(APPROPRIATION_FUNDS, d, t, value, t4, total4, column,
                           f"财政拨款收支总表{title.removesuffix('支出表')}支出总计与{title}合计")


APPROPRIATION_FUNDS = Rule(
    "appropriation.funds-eq-fund-tables", "error", "cross-table",
    "财政拨款收支总表政府性基金、国有资本经营预算支出总计 = 基金表、国资表合计（空表为 0）",
    "docs/identities.md B06", _appropriation_funds, ("appropriation",))


# ------------------------------------------------------------------ B07–B09 表5 ↔ 表6/表7/表3

def _basic_vs_gpb(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t5, t6 = ix["gpb"], ix["gpb_basic"]
    total5, total6 = t5.total(), t6.total()
    if total5 is None or total6 is None or not t5.has_column("basic"):
        return
    yield from cell_eq(BASIC_VS_GPB, d, t5, total5.value("basic"), t6, total6, "total",
                       "基本支出表总计与一般公共预算支出表基本支出总计")


BASIC_VS_GPB = Rule(
    "gpb_basic.total-eq-gpb.basic", "error", "cross-table",
    "一般公共预算基本支出表总计 = 一般公共预算支出表基本支出总计", "docs/identities.md B07",
    _basic_vs_gpb, ("gpb", "gpb_basic"))


def _project_vs_gpb(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t5, t7 = ix["gpb"], ix["gpb_project"]
    if not t5.has_column("project"):
        return
    total5, total7 = t5.total(), t7.total()
    if total5 is not None and total7 is not None:
        yield from cell_eq(PROJECT_VS_GPB, d, t5, total5.value("project"), t7, total7, "total",
                           "项目支出表总计与一般公共预算支出表项目支出总计")
    by_code: dict[str, list[Row]] = {}
    for r in t7.table.rows:
        if r.code and len(r.code) == 7 and (r.kind == "project" or r.project):
            by_code.setdefault(r.code, []).append(r)
    if not by_code:
        return
    codes = dict.fromkeys([*by_code, *(r.code or "" for r in t5.coded
                                      if len(r.code or "") == 7 and r.value("project"))])
    for code in codes:
        rows7 = by_code.get(code, [])
        row5 = t5.code(code)
        value7, n = sum_of([r.value("total") for r in rows7])
        if row5 is None:
            yield PROJECT_VS_GPB.finding(
                f"项目支出表的科目 {code}（{'、'.join(r.project or r.name for r in rows7)}）"
                f"在一般公共预算支出表中没有", loc(d, t7.table, rows7[0], "total"),
                expected=None, actual=value7)
            continue
        yield from compare(PROJECT_VS_GPB, expected=value7, actual=row5.value("project"), n=n,
                           quantum=coarsest(t5, t7),
                           what=f"一般公共预算支出表“{code} {row5.name}”项目支出与项目支出表该科目各项目之和",
                           unit=t5.table.unit, location=loc(d, t5.table, row5, "project"))


PROJECT_VS_GPB = Rule(
    "gpb_project.total-eq-gpb.project", "error", "cross-table",
    "项目支出表总计 = 一般公共预算支出表项目支出总计；每个项级科目的项目之和 = 该科目项目支出",
    "docs/identities.md B08", _project_vs_gpb, ("gpb", "gpb_project"))


_NON_GPB_INCOME = ("income.gov_fund", "income.state_capital", "income.special_account",
                   "income.unit_funds", "income.carryover")


def _gpb_only(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t1, t3, t5 = ix["summary"], ix["expenditure"], ix["gpb"]
    c1 = _side(t1, "income")
    if c1 is None or t1.key("income.gpb", "income") is None:
        return
    others = [t1.value(k, c1, "income") for k in _NON_GPB_INCOME]
    if any(v not in (None, Decimal(0)) for v in others):
        return  # other funds exist: 表3 is wider than 表5
    if any(t1.key(k, "income") is None for k in _NON_GPB_INCOME):
        return  # the profile does not show every source: cannot tell
    for column in ("total", "basic", "project"):
        if t3.has_column(column) and t5.has_column(column):
            yield from _codes_pair(GPB_ONLY, d, t5, column, t3, column,
                                   f"只有一般公共预算收入时支出总表应与一般公共预算支出表一致（{column}）")
    total3, total5 = t3.total(), t5.total()
    if total3 is not None and total5 is not None:
        yield from cell_eq(GPB_ONLY, d, t5, total5.value("total"), t3, total3, "total",
                           "只有一般公共预算收入时支出总表总计应等于一般公共预算支出表总计")


GPB_ONLY = Rule(
    "expenditure.eq-gpb-when-gpb-only", "error", "cross-table",
    "收入全部为一般公共预算拨款时，支出总表与一般公共预算支出表逐行相同", "docs/identities.md B09",
    _gpb_only, ("summary", "expenditure", "gpb"))


RULES: tuple[Rule, ...] = (
    INCOME_VS_SUMMARY_RULE, EXPENDITURE_VS_SUMMARY, INCOME_VS_EXPENDITURE, APPROPRIATION_INCOME,
    APPROPRIATION_GPB, APPROPRIATION_FUNDS, BASIC_VS_GPB, PROJECT_VS_GPB, GPB_ONLY,
)
