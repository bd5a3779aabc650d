"""Rules B10–B12: the 基本支出表 (表6) against the “三公”经费表 (B10: 三公 items ≥ their 款) and
the functional subjects of the 一般公共预算支出表 (B11/B12, soft). Part of the cross-table
family; ``cross_table`` holds B01–B09 and the shared cell comparison."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.cross_table import cell_eq
from yusuan.checks.index import TableIndex
from yusuan.checks.rule import Rule, diff_text, fmt, loc, tolerance
from yusuan.checks.sums import sum_of
from yusuan.model.disclosure import Row
from yusuan.model.finding import Finding
from yusuan.model.money import convert


def _same_unit(a: TableIndex, b: TableIndex, value: Decimal | None) -> Decimal | None:
    """``value`` (in ``a``'s unit) expressed in ``b``'s unit, exactly."""
    if value is None:
        return None
    return convert(value, a.table.unit, b.table.unit)


# ------------------------------------------------------------------ B10 三公 ≥ 表6 款

THREE_PUBLIC_PAIRS = (("vehicle.operation", "30231", "公务用车运行费", "公务用车运行维护费"),
                      ("reception", "30217", "公务接待费", "公务接待费"),
                      ("abroad", "30212", "因公出国（境）费", "因公出国（境）费用"))


def _three_public_vs_basic(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t10, t6 = ix["three_public"], ix["gpb_basic"]
    row_column = "gpb" if t10.has_column("gpb") else "total"
    for key, code, name10, name6 in THREE_PUBLIC_PAIRS:
        item, row6 = t10.item(key, row_column), t6.code(code)
        if item is None or row6 is None or row6.value("total") is None:
            continue
        row10, column = item
        basic = _same_unit(t6, t10, row6.value("total")) or Decimal(0)
        printed = row10.value(column) or Decimal(0)
        if printed + Decimal("0.01") < basic:
            yield THREE_PUBLIC_VS_BASIC.finding(
                f"“三公”经费表{name10} {fmt(printed)}{t10.table.unit} 小于基本支出表“{code} {name6}”"
                f" {fmt(basic)}{t10.table.unit}（相差 {diff_text(basic, printed)}{t10.table.unit}）："
                "三公经费应包含基本支出中的该项",
                loc(d, t10.table, row10, column), expected=basic, actual=printed)


THREE_PUBLIC_VS_BASIC = Rule(
    "three_public.ge-gpb_basic", "error", "cross-table",
    "“三公”经费不小于基本支出表对应款：公务用车运行费 ≥ 30231，公务接待费 ≥ 30217，因公出国（境）费 ≥ 30212",
    "docs/identities.md B10", _three_public_vs_basic, ("three_public", "gpb_basic"))


# ------------------------------------------------------------------ B11/B12 经济 ↔ 功能 (soft)

ECONOMIC_FUNCTIONAL_B11 = ((("30113",), ("2210201",)), (("30109",), ("2080506",)),
                           (("30111",), ("2101103",)), (("30216",), ("2050803",)))
# 离休费 and 退休费 are paid under the 离退休 项 of 行政事业单位养老支出 (归口管理的行政单位, 事业单位,
# 离退休人员管理机构, 未归口管理的行政单位, 其他); those 项 also pay what else the retired get
# (生活补助, 其他对个人和家庭的补助, …), so the 款 can only be smaller: 上海's documents print
# 2080501+02 above 30301+02 by a fifth, a 江苏 one pays its 离退休费 under 2080504.
RETIREMENT_ECONOMIC = ("30301", "30302")
RETIREMENT_FUNCTIONAL = ("2080501", "2080502", "2080503", "2080504", "2080599")
ECONOMIC_FUNCTIONAL_B12 = ((("30108",), ("2080505",)), (("30110",), ("2101101", "2101102")))


@dataclass(frozen=True)
class _Sides:
    """The 基本支出表 款 (``economic``, 合计) and the 一般公共预算支出表 项 (``functional``,
    基本支出) of one pair, each summed with how many printed figures went into it."""

    rows6: list[Row]
    rows5: list[Row]
    economic: Decimal
    functional: Decimal
    n6: int
    n5: int


def _sides(ctx: Context, econ: tuple[str, ...], func: tuple[str, ...]) -> _Sides | None:
    """Both sides of a pair, or None unless both are printed (and 表5 has 基本支出)."""
    t5, t6 = ctx.index["gpb"], ctx.index["gpb_basic"]
    if not t5.has_column("basic"):
        return None
    rows6 = [r for c in econ if (r := t6.code(c)) is not None]
    rows5 = [r for c in func if (r := t5.code(c)) is not None]
    v6, n6 = sum_of([r.value("total") for r in rows6])
    v5, n5 = sum_of([r.value("basic") for r in rows5])
    if v6 is None or v5 is None:
        return None
    return _Sides(rows6, rows5, v6, v5, n6, n5)


def _economic_functional(rule: Rule, pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
                         ctx: Context) -> Iterator[Finding]:
    t5, t6 = ctx.index["gpb"], ctx.index["gpb_basic"]
    for econ, func in pairs:
        if (s := _sides(ctx, econ, func)) is not None:
            yield from cell_eq(rule, ctx.disclosure, t6, s.economic, t5, s.rows5[0], "basic",
                               f"一般公共预算支出表“{'+'.join(func)}”基本支出与基本支出表“{'+'.join(econ)}”",
                               n=max(s.n5, s.n6), actual_value=s.functional)


def _retirement(ctx: Context) -> Iterator[Finding]:
    s = _sides(ctx, RETIREMENT_ECONOMIC, RETIREMENT_FUNCTIONAL)
    if s is None:
        return
    t5, t6 = ctx.index["gpb"], ctx.index["gpb_basic"]
    under = _same_unit(t5, t6, s.functional)
    assert under is not None
    if s.economic - under > tolerance(s.n5 + s.n6):  # each printed figure rounded
        u = t6.table.unit
        yield RETIREMENT_LE_FUNCTIONAL.finding(
            f"基本支出表离休费、退休费（{'+'.join(RETIREMENT_ECONOMIC)}）{fmt(s.economic)}{u}"
            f"，大于一般公共预算支出表离退休各项（{'+'.join(r.code or '' for r in s.rows5)}）的"
            f"基本支出 {fmt(under)}{u}（相差 {diff_text(under, s.economic)}{u}）",
            loc(ctx.disclosure, t6.table, s.rows6[0], "total"), expected=under,
            actual=s.economic, unit=str(u))


RETIREMENT_LE_FUNCTIONAL: Rule = Rule(
    "gpb_basic.retirement-le-functional", "warning", "cross-table",
    "离休费、退休费（30301+30302）不大于离退休功能科目（2080501–2080504、2080599）的基本支出",
    "docs/identities.md B11", _retirement, ("gpb", "gpb_basic"))
ECONOMIC_FUNCTIONAL: Rule = Rule(
    "gpb_basic.economic-eq-functional", "warning", "cross-table",
    "经济分类款与对应功能科目相等：30113=2210201，30109=2080506，30111=2101103，30216=2050803",
    "docs/identities.md B11", lambda ctx: _economic_functional(ECONOMIC_FUNCTIONAL, ECONOMIC_FUNCTIONAL_B11, ctx),
    ("gpb", "gpb_basic"))
PENSION_FUNCTIONAL: Rule = Rule(
    "gpb_basic.insurance-eq-functional", "warning", "cross-table",
    "养老、医疗保险缴费与功能科目：30108=2080505，30110=2101101(+02)（功能与经济分类不一一对应，仅提示）",
    "docs/identities.md B12", lambda ctx: _economic_functional(PENSION_FUNCTIONAL, ECONOMIC_FUNCTIONAL_B12, ctx),
    ("gpb", "gpb_basic"))

RULES: tuple[Rule, ...] = (THREE_PUBLIC_VS_BASIC, ECONOMIC_FUNCTIONAL, RETIREMENT_LE_FUNCTIONAL,
                           PENSION_FUNCTIONAL)
