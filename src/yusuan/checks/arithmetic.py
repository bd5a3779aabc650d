"""Rules A01–A06, A11–A12: arithmetic inside the two-sided summary tables (表1 收支总表,
表4 财政拨款收支总表), on fixed-row keys of the profile. Rows a profile does not print are
skipped; a blank row counts as nothing in a sum."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.checks.context import Context
from yusuan.checks.index import TableIndex
from yusuan.checks.rule import Rule, compare, loc
from yusuan.checks.sums import column_title, columns_eq_sum, row_eq_sum, row_title
from yusuan.model.disclosure import Row
from yusuan.model.finding import Finding

INCOME = "income"
EXPENDITURE = "expenditure"

# 表1 收入 side: a row = the sum of these rows. ``None`` in a parts list stands for "the 财政拨款
# group": the ``income.fiscal`` row where the profile prints one, else its three funds.
FISCAL = ("income.gpb", "income.gov_fund", "income.state_capital")
TOP_SOURCES = (None, "income.special_account", "income.unit_funds", "income.business",
               "income.operating", "income.other")
SUMMARY_PARTS: tuple[tuple[str, tuple[str | None, ...], str], ...] = (
    ("income.total", ("income.current_year", "income.carryover"), "A01"),
    ("income.current_year", TOP_SOURCES, "A02"),
    ("income.fiscal", FISCAL, "A02"),
    ("income.gpb", ("income.gpb.own", "income.gpb.transfer"), "A03"),
    ("income.gov_fund", ("income.gov_fund.own", "income.gov_fund.transfer"), "A03"),
    ("income.state_capital", ("income.state_capital.own", "income.state_capital.transfer"),
     "A03"),
    ("income.unit_funds", ("income.unit_funds.business", "income.unit_funds.superior_subsidy",
                           "income.unit_funds.affiliated", "income.unit_funds.operating",
                           "income.unit_funds.other"), "A03"),
    ("income.carryover", ("income.carryover.fiscal", "income.carryover.nonfiscal"), "A04"),
    ("income.carryover.fiscal", ("income.carryover.fiscal.gpb", "income.carryover.fiscal.gov_fund",
                                 "income.carryover.fiscal.state_capital"), "A04"),
    ("income.carryover.nonfiscal", ("income.carryover.nonfiscal.special_account",
                                    "income.carryover.nonfiscal.unit_funds"), "A04"),
)
KNOWN_KEYS = frozenset(
    {"income.total", "income.current_year", "income.fiscal", "income.carryover", *FISCAL}
    | {k for _t, parts, _r in SUMMARY_PARTS for k in parts if k is not None})
# The "其中" rows (A03 and the non-fiscal carryover) may be left blank by a region: checked
# only when at least one of them is printed.
_OPTIONAL_BREAKDOWN = {"A03"}


def _side_column(t: TableIndex, section: str) -> str | None:
    cols = t.table.columns_of(section)
    return cols[0].key if cols else None


def _parts(t: TableIndex, total_key: str, keys: tuple[str | None, ...]) -> list[Row]:
    """The part rows the profile prints; for 收入总计 without a 本年收入 row, the sources."""
    if total_key == "income.total" and t.key("income.current_year", INCOME) is None:
        keys = (*TOP_SOURCES, "income.carryover")
    out: list[Row] = []
    for k in keys:
        if k is None:
            fiscal = t.key("income.fiscal", INCOME)
            out.extend([fiscal] if fiscal is not None else
                       [r for f in FISCAL if (r := t.key(f, INCOME)) is not None])
        elif (r := t.key(k, INCOME)) is not None:
            out.append(r)
    return out


def _unknown_rows(t: TableIndex, column: str) -> bool:
    """An income row this catalogue does not know carries an amount: totals may include it."""
    return any(r.value(column) is not None and (r.key is None or r.key not in KNOWN_KEYS)
               for r in t.table.rows_of(INCOME) if r.kind != "total")


def _key_sums(rule: Rule, ctx: Context, table_id: str, total_key: str,
              part_keys: tuple[str | None, ...], optional: bool) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index.get(table_id)
    if t is None:
        return
    column = _side_column(t, INCOME)
    row = t.key(total_key, INCOME)
    parts = _parts(t, total_key, part_keys)
    if column is None or row is None or not parts:
        return
    if optional and all(p.value(column) is None for p in parts):
        return
    if _unknown_rows(t, column):
        return  # a row the profile does not name carries an amount: sums may be incomplete
    names = " + ".join(p.name for p in parts)
    yield from row_eq_sum(rule, d, t, row, column, parts, f"表“{t.table.title}”{row.name} = {names}")


SUMMARY_TITLES = {
    "income.total": ("summary.income-total-eq-parts", "收入总计 = 本年收入 + 上年结转结余"),
    "income.current_year": ("summary.current-income-eq-sources",
                            "本年收入 = 财政拨款（或一般公共预算、基金、国资）+ 财政专户 + 单位资金等"),
    "income.fiscal": ("summary.fiscal-income-eq-funds",
                      "财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算"),
    "income.gpb": ("summary.gpb-income-eq-breakdown", "一般公共预算拨款 = 一般财力 + 上级转移支付"),
    "income.gov_fund": ("summary.gov-fund-income-eq-breakdown", "政府性基金预算拨款 = 本级收入 + 上级转移支付"),
    "income.state_capital": ("summary.state-capital-income-eq-breakdown",
                             "国有资本经营预算拨款 = 本级收入 + 上级转移支付"),
    "income.unit_funds": ("summary.unit-funds-eq-breakdown",
                          "单位资金 = 事业收入 + 上级补助 + 附属单位上缴 + 经营收入 + 其他收入"),
    "income.carryover": ("summary.carryover-eq-parts", "上年结转结余 = 财政拨款结转 + 非财政拨款结转结余"),
    "income.carryover.fiscal": ("summary.carryover-fiscal-eq-funds",
                                "财政拨款结转 = 一般公共预算 + 政府性基金 + 国有资本经营预算"),
    "income.carryover.nonfiscal": ("summary.carryover-nonfiscal-eq-parts",
                                   "非财政拨款结转结余 = 财政专户核拨 + 单位资金"),
}


def _summary_rule(total_key: str, parts: tuple[str | None, ...], ref: str) -> Rule:
    def check(ctx: Context) -> Iterator[Finding]:
        yield from _key_sums(rule, ctx, "summary", total_key, parts, ref in _OPTIONAL_BREAKDOWN)

    rule_id, title = SUMMARY_TITLES[total_key]
    rule = Rule(
        id=rule_id, severity="error", category="arithmetic",
        title=f"收支总表：{title}", source=f"docs/identities.md {ref}", check=check, needs=("summary",))
    return rule


def side_total(t: TableIndex, section: str) -> tuple[Row, str] | None:
    """The printed total of one side: the first total row with an amount, and its column."""
    rows = [r for r in t.table.rows_of(section)
            if r.key == f"{section}.total" or r.kind == "total"]
    for r in rows:
        for c in t.table.columns_of(section):
            if r.value(c.key) is not None:
                return r, c.key
    return None


def _classes_total(rule: Rule, ctx: Context, table_id: str) -> Iterator[Finding]:
    """Two-sided tables: the expenditure total = Σ 类 rows, for every expenditure column whose
    amounts are all on 类 rows (not on 基本/项目 rows of a 支出用途 side)."""
    d = ctx.disclosure
    t = ctx.index.get(table_id)
    if t is None:
        return
    classes = t.classes(EXPENDITURE)
    if not classes:
        return
    for c in t.table.columns_of(EXPENDITURE):
        totals = [r for r in t.table.rows_of(EXPENDITURE)
                  if (r.key == "expenditure.total" or r.kind == "total") and r.value(c.key) is not None]
        others = [r for r in t.table.rows_of(EXPENDITURE) if r.code is None and r not in totals
                  and r.value(c.key) is not None]
        if len(totals) != 1 or others:
            continue
        yield from row_eq_sum(rule, d, t, totals[0], c.key, classes,
                              f"表“{t.table.title}”支出总计（{column_title(t, c.key, EXPENDITURE)}）= 各类支出之和")


def _summary_balanced(ctx: Context) -> Iterator[Finding]:
    yield from _balanced(SUMMARY_BALANCED, ctx, "summary")


def _appropriation_balanced(ctx: Context) -> Iterator[Finding]:
    yield from _balanced(APPROPRIATION_BALANCED, ctx, "appropriation")


def _balanced(rule: Rule, ctx: Context, table_id: str) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index[table_id]
    income, spending = side_total(t, INCOME), side_total(t, EXPENDITURE)
    if income is None or spending is None:
        return
    yield from compare(rule, expected=income[0].value(income[1]),
                       actual=spending[0].value(spending[1]), n=1,
                       what=f"表“{t.table.title}”收入总计与支出总计", unit=t.table.unit,
                       quantum=t.quantum,
                       location=loc(d, t.table, spending[0], spending[1]))


def _summary_classes(ctx: Context) -> Iterator[Finding]:
    yield from _classes_total(SUMMARY_CLASSES, ctx, "summary")


def _appropriation_classes(ctx: Context) -> Iterator[Finding]:
    yield from _classes_total(APPROPRIATION_CLASSES, ctx, "appropriation")


def _appropriation_fiscal(ctx: Context) -> Iterator[Finding]:
    yield from _key_sums(APPROPRIATION_FISCAL, ctx, "appropriation", "income.fiscal",
                         ("income.gpb", "income.gov_fund", "income.state_capital"), False)


FUND_COLUMNS = ("gpb", "gov_fund", "state_capital")


def _appropriation_rows(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index["appropriation"]
    parts = [k for k in FUND_COLUMNS if t.has_column(k, EXPENDITURE)]
    if not t.has_column("total", EXPENDITURE) or not parts:
        return
    extra = [c.key for c in t.table.columns_of(EXPENDITURE) if c.key not in (*parts, "total")]
    if extra:
        return  # a column this rule does not know might be part of the total
    for r in t.table.rows_of(EXPENDITURE):
        total, got = r.value("total"), [r.value(k) for k in parts]
        if total is None and all(v is None for v in got):
            continue
        yield from columns_eq_sum(APPROPRIATION_ROWS, d, t, r, "total", parts,
                                  f"表“{t.table.title}”{row_title(r)}：合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算")


SUMMARY_BALANCED = Rule(
    "summary.income-total-eq-expenditure-total", "error", "arithmetic",
    "收支总表收入总计等于支出总计", "docs/identities.md A05", _summary_balanced, ("summary",))
SUMMARY_CLASSES = Rule(
    "summary.expenditure-total-eq-classes", "error", "arithmetic",
    "收支总表支出总计等于各类（功能分类类级）支出之和", "docs/identities.md A06", _summary_classes,
    ("summary",))
APPROPRIATION_FISCAL = Rule(
    "appropriation.fiscal-eq-funds", "error", "arithmetic",
    "财政拨款收支总表：财政拨款（补助）= 一般公共预算 + 政府性基金预算 + 国有资本经营预算",
    "docs/identities.md A11", _appropriation_fiscal, ("appropriation",))
APPROPRIATION_ROWS = Rule(
    "appropriation.row-total-eq-funds", "error", "arithmetic",
    "财政拨款收支总表每个支出行：合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算",
    "docs/identities.md A11", _appropriation_rows, ("appropriation",))
APPROPRIATION_BALANCED = Rule(
    "appropriation.income-total-eq-expenditure-total", "error", "arithmetic",
    "财政拨款收支总表收入总计等于支出总计", "docs/identities.md A11", _appropriation_balanced,
    ("appropriation",))
APPROPRIATION_CLASSES = Rule(
    "appropriation.expenditure-total-eq-classes", "error", "arithmetic",
    "财政拨款收支总表支出总计（每一栏）等于各类支出之和", "docs/identities.md A12",
    _appropriation_classes, ("appropriation",))

RULES: tuple[Rule, ...] = (
    *(_summary_rule(total, parts, ref) for total, parts, ref in SUMMARY_PARTS),
    SUMMARY_BALANCED, SUMMARY_CLASSES, APPROPRIATION_FISCAL, APPROPRIATION_ROWS,
    APPROPRIATION_BALANCED, APPROPRIATION_CLASSES,
)
