"""Source-unit rules: the unit a department wrote its amounts in (``budget.yaml`` ``unit:``)
against the unit its region prints, and figures that look written in the other unit.

Both are warnings: an amount entered in 元 where 万元 was meant is 10,000× off in every
table and sentence, yet every identity still holds, so no arithmetic rule can see it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.rule import BOTH_KINDS, Rule
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location
from yusuan.model.money import Unit

# A department's largest figure, conservatively: over 100 亿元 written all in whole numbers of
# a 万元 document (i.e. over 1,000,000 万元), or under 1 万元 in a 元 document, is far more likely
# the other unit than a real department.
WHOLE_WAN_ABOVE = Decimal(1_000_000)
YUAN_BELOW = Decimal(10_000)


def _unit_location(d: Disclosure) -> Location:
    s = d.source
    return Location(file=s.file if s else None, line=s.unit_line if s else None, name="unit")


def _differs(ctx: Context) -> Iterator[Finding]:
    d, profile = ctx.disclosure, ctx.profile
    written = d.source.unit if d.source else None
    if profile is None or written is None or written is profile.unit:
        return
    yield UNIT_DIFFERS.finding(
        f"源数据金额单位为“{written.value}”（unit: {written.value}），而 {profile.name} 的公开"
        f"表格以“{profile.unit.value}”印制：请确认金额确是按“{written.value}”填写的——若按"
        f"“{profile.unit.value}”填写，应改为 unit: {profile.unit.value}，否则每个金额相差 1 万倍",
        _unit_location(d), expected=profile.unit.value, actual=written.value)


def _amounts(d: Disclosure) -> list[Decimal]:
    return [v for t in d.tables if t.unit is d.unit for _, _, v in t.cells() if v]


def _other_unit(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    amounts = _amounts(d)
    if not amounts or d.source is None or d.source.unit is None:
        return  # a published document prints its unit; only what a department wrote is guessed at
    largest = max(abs(v) for v in amounts)
    if d.unit is Unit.WAN and largest > WHOLE_WAN_ABOVE and all(v == v.to_integral_value()
                                                                 for v in amounts):
        other, why = Unit.YUAN, f"最大金额 {largest:,} 万元且全部为整数"
    elif d.unit is Unit.YUAN and largest < YUAN_BELOW:
        other, why = Unit.WAN, f"最大金额仅 {largest:,} 元"
    else:
        return
    yield UNIT_SCALE.finding(
        f"金额看起来是按“{other.value}”填写的：{why}，而 unit 为“{d.unit.value}”——"
        f"若确按“{other.value}”填写，请改为 unit: {other.value}",
        _unit_location(d), expected=other.value, actual=d.unit.value)


UNIT_DIFFERS = Rule("source.unit-differs", "warning", "completeness",
                    "源数据的金额单位与本地区公开表格的印制单位一致",
                    "本地区公开体例（表格金额单位）", _differs, kinds=BOTH_KINDS)
UNIT_SCALE = Rule("source.unit-scale", "warning", "completeness",
                  "源数据金额的量级与所写单位相符（元/万元未写反）",
                  "金额单位明确（元/万元）", _other_unit, kinds=BOTH_KINDS)

RULES: tuple[Rule, ...] = (UNIT_DIFFERS, UNIT_SCALE)
