"""Rules D1–D3: Part 1 organisation and staff (编制与人员, 预算单位) — counts add up and agree
with the unit blocks of the project table."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.checks.context import Context
from yusuan.checks.facts import full_text
from yusuan.checks.located import printed_at, printing
from yusuan.checks.rule import Rule
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location


def _where(d: Disclosure, name: str, key: str | None = None) -> Location:
    """Part 1's words ``name``, where the count ``key`` is printed (parsed documents)."""
    p = d.overview.places.get(key) if key else None
    return printed_at(d, p, "第一部分" if p else None, name=name)


def _staff_sum(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    s = d.overview.staffing
    if s.actual is None or s.in_service is None or s.retired is None:
        return
    parts = s.in_service + s.retired + (s.lixiu or 0)
    if parts != s.actual:
        yield STAFF_SUM.finding(
            f"实有人数 {s.actual} 人，在职 {s.in_service} + 退休 {s.retired} + 离休 {s.lixiu or 0} = {parts} 人",
            _where(d, "实有人数", "actual"), expected=parts, actual=s.actual)


STAFF_SUM = Rule("overview.actual-eq-staff-parts", "error", "organisation",
                 "实有人数 = 在职 + 退休 + 离休", "docs/identities.md D1", _staff_sum)


def _authorized(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    s = d.overview.staffing
    if s.authorized is not None and s.in_service is not None and s.in_service > s.authorized:
        yield AUTHORIZED.finding(f"在职 {s.in_service} 人，超过编制数 {s.authorized}",
                                 _where(d, "编制数", "authorized"), expected=s.authorized, actual=s.in_service)
    if s.in_service_change is not None and s.in_service_change < 0:
        stated = [int(m.group(1)) for m in re.finditer(r"人员减少(\d{1,9})人", full_text(ctx.index))]
        for n in stated:
            if n != -s.in_service_change:
                yield AUTHORIZED.finding(
                    f"说明中“人员减少{n}人”，第一部分在职人数减少 {-s.in_service_change} 人",
                    printing(d, f"人员减少{n}人", name="在职人数变化")
                    or _where(d, "在职人数变化"), expected=-s.in_service_change, actual=n)


AUTHORIZED = Rule("overview.in-service-within-authorized", "warning", "organisation",
                  "在职人数不超过编制数；说明中的人员增减与第一部分一致", "docs/identities.md D2、D2b",
                  _authorized)


def _units(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    o = d.overview
    if o.admin_unit_count is None and o.institution_unit_count is None:
        return
    counted = (o.admin_unit_count or 0) + (o.institution_unit_count or 0)
    listed = len(o.units)
    t7 = ctx.index.get("gpb_project")
    blocks = [r.name for r in t7.table.rows if r.kind == "unit"
              and any(v for v in r.values.values())] if t7 is not None else []
    where = _where(d, "预算单位", "units")
    if listed and counted != listed:
        yield UNITS.finding(
            f"行政单位 {o.admin_unit_count or 0} 家 + 事业单位 {o.institution_unit_count or 0} 家 = "
            f"{counted} 家，列出的预算单位却有 {listed} 家（{'、'.join(o.units)}）", where,
            expected=listed, actual=counted)
    if blocks and listed and len(blocks) > listed:
        yield UNITS.finding(f"项目支出表有 {len(blocks)} 个单位，第一部分只列出 {listed} 家预算单位",
                            where, expected=len(blocks), actual=listed)


UNITS = Rule("overview.unit-count-eq-units", "warning", "organisation",
             "行政单位数 + 事业单位数 = 列出的预算单位数（≥ 项目支出表中的单位数）", "docs/identities.md D3",
             _units)

RULES: tuple[Rule, ...] = (STAFF_SUM, AUTHORIZED, UNITS)
