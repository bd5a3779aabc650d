"""Rules C11–C14 and D4: the performance-target tables (部门整体 / 项目支出绩效目标表) against
the tables: amounts, fund sources, project names, weights, and the staff count the goals state."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.facts import number, paragraphs, project_row, same_name_key
from yusuan.checks.index import TableIndex
from yusuan.checks.rule import Rule, compare, fmt
from yusuan.checks.sums import sum_of
from yusuan.model.disclosure import Disclosure, ProjectPerformance
from yusuan.model.finding import Finding, Location
from yusuan.model.money import convert


def _where(d: Disclosure, name: str) -> Location:
    return Location(file=d.source.file if d.source else None, table="performance", name=name)


def _overall(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    t1 = ix.get("summary")
    for p in d.overall_performance:
        where = _where(d, f"部门整体绩效目标表（{p.department}）")
        if t1 is not None and p.total is not None:
            total = t1.total("income")
            col = t1.table.columns_of("income")
            if total is not None and col:
                yield from compare(AMOUNTS, expected=total.value(col[0].key),
                                   actual=convert(p.total, p.unit, t1.table.unit), n=1,
                                   unit=t1.table.unit, location=where,
                                   what="部门整体绩效目标表年度预算与收支总表收入总计")
        parts, n = sum_of([p.fiscal_superior, p.fiscal_local, p.other])
        if parts is not None and p.total is not None:
            yield from compare(AMOUNTS, expected=parts, actual=p.total, n=n, unit=p.unit,
                               location=where, what="部门整体绩效目标表资金总额 = 上级安排 + 本级安排 + 其他资金")
    t7 = ix.get("gpb_project")
    if t7 is not None:
        yield from _project_count(ctx, t7)
    for pp in d.project_performance:
        where = _where(d, pp.project)
        parts, n = sum_of([pp.fiscal, pp.other])
        if parts is not None and pp.total is not None:
            yield from compare(AMOUNTS, expected=parts, actual=pp.total, n=n, unit=pp.unit,
                               location=where,
                               what=f"项目绩效目标表“{pp.project}”年度预算总额 = 财政拨款 + 其他资金")
        row = project_row(t7, pp.project) if t7 is not None else None
        if t7 is not None and row is not None and pp.total is not None:
            yield from compare(AMOUNTS, expected=row.value("total"),
                               actual=convert(pp.total, pp.unit, t7.table.unit), n=1,
                               unit=t7.table.unit, location=where,
                               what=f"项目绩效目标表“{pp.project}”年度预算总额与项目支出表")


_PROJECT_COUNT = re.compile(r"当年财政拨款项目(\d{1,9})个")


def _project_count(ctx: Context, t7: TableIndex) -> Iterator[Finding]:
    """十二(四): “当年财政拨款项目 N 个” = 表7's projects funded by this year's 拨款 (not a
    project 表11 shows as carried over whole, 上年财政拨款结转), plus the 政府性基金 and 国有资本
    经营预算 projects: at least one for each of 表8/表9 with 项目支出 (they list no projects)."""
    d = ctx.disclosure
    ix = ctx.index
    carried: dict[str, Decimal] = {}
    t11 = ix.get("carryover")
    for r in t11.table.rows if t11 is not None else ():
        if r.project:
            key = same_name_key(r.project)
            carried[key] = carried.get(key, Decimal(0)) + (r.value("fiscal") or Decimal(0))
    projects = sum(1 for r in t7.table.rows
                   if (r.kind == "project" or (r.project and r.kind != "total"))
                   and (r.value("total") or Decimal(0))
                   > carried.get(same_name_key(r.project or r.name), Decimal(0)))
    funds = 0
    for table_id in ("gov_fund", "state_capital"):
        t = ix.get(table_id)
        total = t.total() if t is not None else None
        if total is not None and total.value("project") not in (None, Decimal(0)):
            funds += 1
    for _section, text in paragraphs(ix):
        for m in _PROJECT_COUNT.finditer(text):
            said = int(m.group(1))
            if said == projects or (funds and said >= projects + funds):
                continue
            expected = f"{projects}" if not funds else f"至少 {projects + funds}"
            yield AMOUNTS.finding(
                f"说明十二（四）称当年财政拨款项目 {said} 个，项目支出表的当年拨款项目"
                + (f"与政府性基金、国有资本经营预算项目共{expected} 个" if funds
                   else f"有 {projects} 个（上年结转项目不计）"),
                _where(d, "当年财政拨款项目"), expected=projects + funds, actual=said)


AMOUNTS = Rule("performance.amount-eq-tables", "error", "performance",
               "绩效目标表金额：整体 = 收支总表收入总计，资金来源之和 = 总额，项目年度预算总额 = 项目支出表；项目个数 = 项目支出表",
               "docs/identities.md C11", _overall)


def _table_projects(ctx: Context) -> list[tuple[str, str | None]]:
    t7 = ctx.index.get("gpb_project")
    if t7 is None:
        return []
    return [(r.project or r.name, r.unit) for r in t7.table.rows
            if r.kind == "project" or (r.project and r.kind != "total")]


def _names(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    projects = _table_projects(ctx)
    if not projects:
        return
    exact = {p for p, _u in projects}
    loose = {same_name_key(p): p for p, _u in projects}
    for pp in d.project_performance:
        if pp.project in exact or (not pp.fiscal and pp.other):
            continue  # a project of 单位资金 only is no project of the 一般公共预算 table
        where = _where(d, pp.project)
        if same_name_key(pp.project) in loose:
            yield NAMES.finding(
                f"项目绩效目标表项目名称“{pp.project}”与项目支出表“{loose[same_name_key(pp.project)]}”"
                f"仅标点（破折号、全半角）不同", where, severity="info",
                expected=loose[same_name_key(pp.project)], actual=pp.project)
            continue
        candidates = [p for p, u in projects if u == pp.unit_name] or [p for p, _u in projects]
        yield NAMES.finding(
            f"项目绩效目标表项目名称“{pp.project}”在项目支出表中没有"
            f"（{pp.unit_name}的项目：{'、'.join(candidates)}）", where,
            expected="、".join(candidates), actual=pp.project)
    named = {same_name_key(pp.project) for pp in d.project_performance}
    if d.project_performance:
        for p, _u in projects:
            if same_name_key(p) not in named and not _similar_listed(p, d.project_performance):
                yield NAMES.finding(f"项目支出表的项目“{p}”没有项目绩效目标表",
                                    _where(d, p), expected=p, actual=None)


def _similar_listed(project: str, tables: tuple[ProjectPerformance, ...]) -> bool:
    """A performance table whose name ends with this project's name after its prefix."""
    key = same_name_key(project)
    tail = key.split("-", 1)[-1]
    return any(same_name_key(t.project).endswith(tail) for t in tables)


NAMES = Rule("performance.project-names-eq-table", "warning", "performance",
             "项目绩效目标表的项目名称 = 项目支出表的项目名称（每个项目一张表）",
             "docs/identities.md C14；K10", _names, ("gpb_project",))


def _weights(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    tables = [(f"部门整体绩效目标表（{p.department}）", p.indicators) for p in d.overall_performance]
    tables += [(f"项目绩效目标表“{p.project}”", p.indicators) for p in d.project_performance]
    for name, indicators in tables:
        total, _n = sum_of([i.weight for i in indicators])
        if total is not None and total != 100:
            yield WEIGHTS.finding(f"{name}指标分值权重合计 {total}（不是 100）", _where(d, name),
                                  expected=Decimal(100), actual=total)


WEIGHTS = Rule("performance.weights-sum", "info", "performance",
               "每张绩效目标表的指标分值权重合计（通常为 100，或 90 另加预算执行率 10）",
               "docs/identities.md C13", _weights)

_COST = re.compile(r"^[<≤]=?\s*([\d.]+)\s*(万元|元)/(\w+)$")
_QUANTITY = re.compile(r"^[>≥=]=?\s*([\d.]+)\s*(\w+)$")


def _cost_estimate(pp: ProjectPerformance) -> Decimal | None:
    """Σ unit cost × its quantity (万元), when every cost indicator (``<=75万元/次``) has
    exactly one quantity indicator in the same unit (``>=4次``) and no other cost shares it."""
    cost_rows = [i for i in pp.indicators if "成本" in i.level1 + i.level2 + i.level3
                 or "元/" in i.value]
    costs = [m for i in cost_rows if (m := _COST.match(i.value.replace(" ", "")))]
    if len(costs) != len(cost_rows):
        return None  # a cost indicator this rule cannot read: no estimate
    quantities = [m for i in pp.indicators if "数量" in i.level2
                  if (m := _QUANTITY.match(i.value.replace(" ", "")))]
    if not costs:
        return None
    total = Decimal(0)
    for c in costs:
        per = [q for q in quantities if q.group(2) == c.group(3)]
        if len(per) != 1 or sum(1 for x in costs if x.group(3) == c.group(3)) != 1:
            return None  # cannot tell which quantity a cost belongs to
        cost, quantity = number(c.group(1)), number(per[0].group(1))
        if cost is None or quantity is None:
            return None  # not a figure (``1.2.3``) or out of range
        total += cost / (10000 if c.group(2) == "元" else 1) * quantity
    return total.quantize(Decimal("0.01")) if total.adjusted() < 20 else None


def _cost_times_quantity(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for pp in d.project_performance:
        total = _cost_estimate(pp)
        budget = pp.total
        if total is None or budget is None:
            continue
        if abs(total - budget) > max(Decimal("0.01") * budget, Decimal("0.01")):
            yield COST.finding(
                f"项目绩效目标表“{pp.project}”成本指标 × 数量指标 = {fmt(total)}万元，与年度预算总额 "
                f"{fmt(budget)}万元 相差 {total - budget:+.2f}", _where(d, pp.project),
                expected=budget, actual=total)


COST = Rule("performance.cost-times-quantity", "warning", "performance",
            "成本指标（单价）× 数量指标 ≈ 项目年度预算（能一一对应时才比较）", "docs/identities.md C12",
            _cost_times_quantity)

_PEOPLE = re.compile(r"(?<!\d)(\d{1,9})\s*人")  # a count, not a 5,000-digit run


def _staff_count(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    s = d.overview.staffing
    known = {v for v in (s.actual, s.in_service) if v is not None}
    if not known:
        return
    for p in d.overall_performance:
        said = {int(m.group(1)) for m in _PEOPLE.finditer(p.goals)}
        for n in sorted(said - known):
            yield STAFF.finding(
                f"部门整体绩效目标所述 {n} 人，与第一部分实有人数 {s.actual} 人（在职 {s.in_service} 人）不符",
                _where(d, f"部门整体绩效目标表（{p.department}）"), expected=s.actual, actual=n)


STAFF = Rule("performance.staff-count-eq-overview", "warning", "performance",
             "整体绩效目标所述人数 = 第一部分实有人数（或在职人数）", "docs/identities.md D4", _staff_count)

RULES: tuple[Rule, ...] = (AMOUNTS, NAMES, WEIGHTS, COST, STAFF)


