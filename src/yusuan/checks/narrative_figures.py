"""Rules C8–C10: figures of the Part 3 narrative that no table holds, checked against each
other — project allocations add up to the project's size (七), procurement = 货物 + 工程 + 服务
(十二(二)), vehicles and large equipment add up (十二(三))."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.facts import NUMBER, amount_after, compact, in_unit, number
from yusuan.checks.located import paragraphs, said_in
from yusuan.checks.rule import Rule, compare, diff_text, fmt
from yusuan.model.finding import Finding
from yusuan.model.money import Unit, convert

# ------------------------------------------------------------------ C8 project allocation

_ALLOC_NUMBER = re.compile(NUMBER + r"(万元|万|元)")
_PROJECT_BLOCK = re.compile(r"预算安排规模[:：]?" + NUMBER + r"(万元|万|元)(.*?)(?=预算安排规模|$)", re.S)
_ALLOCATION = re.compile(r"资金分配情况[:：]?(.*?)(?=资金执行时间|项目承担单位|设立的政策依据|$)", re.S)


def _in_unit(figure: str, unit: str, target: Unit) -> Decimal | None:
    value = number(figure)
    return None if value is None else convert(
        value, Unit.YUAN if unit == "元" else Unit.WAN, target)


def _allocations(ctx: Context) -> Iterator[Finding]:
    """说明七: the amounts listed under 资金分配情况 add up to 预算安排规模 (or one of them,
    a stated 共计, equals it)."""
    d = ctx.disclosure
    section = d.section("gpb_project")
    if section is None:
        return
    text = "".join(compact(s.text) for s in section.sentences())
    for block in _PROJECT_BLOCK.finditer(text):
        scale = _in_unit(block.group(1), block.group(2), d.unit)
        alloc = _ALLOCATION.search(block.group(3))
        if alloc is None or scale is None:
            continue
        found = [_in_unit(m.group(1), m.group(2), d.unit)
                 for m in _ALLOC_NUMBER.finditer(alloc.group(1))]
        amounts = [a for a in found if a is not None]
        if not amounts or len(amounts) < len(found):
            continue
        total = sum(amounts, Decimal(0))
        others = sum((a for a in amounts if a != scale), Decimal(0))
        tol = Decimal("0.005") * (len(amounts) + 1)
        if abs(total - scale) <= tol or abs(others - scale) <= tol or scale in amounts:
            continue
        yield ALLOCATIONS.finding(
            f"说明七资金分配情况所列金额之和 {fmt(total)}{d.unit} 与预算安排规模 "
            f"{fmt(scale)}{d.unit} 不符（相差 {diff_text(scale, total)}{d.unit}）",
            said_in(d, section, tuple(section.sentences()), block.start(3) + alloc.start(),
                    table="gpb_project"),
            expected=scale, actual=total)


ALLOCATIONS = Rule("narrative.project-allocation-sum", "warning", "narrative",
                   "说明七每个项目：资金分配情况所列金额之和 = 预算安排规模", "docs/identities.md C8",
                   _allocations)


# ------------------------------------------------------------------ C9/C10 procurement, assets

def _parts_rule(rule: Rule, ctx: Context, whole: str, parts: tuple[str, ...],
                limits: tuple[tuple[str, str], ...]) -> Iterator[Finding]:
    d = ctx.disclosure
    for section, paragraph, text in paragraphs(d):
        if whole not in text:
            continue
        w = amount_after(text, whole)
        got = [amount_after(text, p) for p in parts]
        where = said_in(d, section, paragraph, text.index(whole), name=whole)
        if parts and w is not None and all(g is not None for g in got):
            values = [in_unit(g, d.unit) for g in got if g is not None]
            yield from compare(rule, expected=sum(values, Decimal(0)), actual=in_unit(w, d.unit),
                               n=len(values), unit=d.unit, location=where,
                               what=f"{whole} = " + " + ".join(parts))
        for small, big in limits:
            a, b = amount_after(text, small), amount_after(text, big)
            if a is not None and b is not None and in_unit(a, d.unit) > in_unit(b, d.unit):
                yield rule.finding(f"{small} {fmt(in_unit(a, d.unit))}{d.unit} 超过 {big} "
                                   f"{fmt(in_unit(b, d.unit))}{d.unit}", where,
                                   expected=in_unit(b, d.unit), actual=in_unit(a, d.unit))


def _procurement(ctx: Context) -> Iterator[Finding]:
    yield from _parts_rule(PROCUREMENT, ctx, "政府采购预算",
                           ("政府采购货物预算", "政府采购工程预算", "政府采购服务预算"), ())
    yield from _parts_rule(PROCUREMENT, ctx, "面向中小企业预留", (),
                           (("小微企业预留", "面向中小企业预留"),))


PROCUREMENT = Rule("narrative.procurement-eq-parts", "error", "narrative",
                   "政府采购预算 = 货物 + 工程 + 服务；小微企业预留 ≤ 中小企业预留", "docs/identities.md C9",
                   _procurement)

_VEHICLES = re.compile(r"车辆(\d{1,9})辆.*?一般公务用车(\d{1,9})辆.*?执法执勤用车(\d{1,9})辆.*?"
                       r"其他车辆(\d{1,9})辆")  # counts: a longer digit run is none
_EQUIPMENT = re.compile(r"50万元以上大型设备(\d{1,9})台.*?100万元以上大型设备(\d{1,9})台")


def _assets(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    yield from _parts_rule(ASSETS, ctx, "车辆", ("一般公务用车", "执法执勤用车", "其他车辆"), ())
    for section, paragraph, text in paragraphs(d):
        m = _VEHICLES.search(text)
        if m is not None:
            where = said_in(d, section, paragraph, m.start(), name="车辆")
            total, *parts = (int(g) for g in m.groups())
            if total != sum(parts):
                yield ASSETS.finding(f"车辆 {total} 辆，分类之和为 {sum(parts)} 辆", where,
                                     expected=sum(parts), actual=total)
        e = _EQUIPMENT.search(text)
        if e is not None and "安排购置" not in text[: e.start()]:
            over50, over100 = int(e.group(1)), int(e.group(2))
            if over100 > over50:
                yield ASSETS.finding(
                    f"单位价值100万元以上大型设备 {over100} 台，多于50万元以上的 {over50} 台",
                    said_in(d, section, paragraph, e.start(), name="大型设备"),
                    expected=over50, actual=over100)


ASSETS = Rule("narrative.assets-eq-parts", "error", "narrative",
              "国有资产：车辆数量与价值 = 一般公务用车 + 执法执勤用车 + 其他车辆；100万元以上设备 ≤ 50万元以上设备",
              "docs/identities.md C10", _assets)

RULES: tuple[Rule, ...] = (ALLOCATIONS, PROCUREMENT, ASSETS)
