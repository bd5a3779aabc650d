"""The performance-target tables of a published document made consistent before it is written
again: a table whose total is not the sum of its fund sources gets the figure the rest of the
document supports, and the correction is listed beside the narrative's differences.

Which figure stands:

- a project's 年度预算总额 against 财政拨款 + 其他资金: the project expenditure table's row
  for the project decides where the document has one (the figure that equals it stands);
  without one, the total stands (it is what the table states first, and what the text's
  项目预算资金 sums) and 财政拨款 becomes the total less 其他资金;
- the 部门整体 table's 资金总额 against 上级安排 + 本级安排 + 其他资金: the total is set to
  the sum only where the sum equals the summary table's 收入总计 and the total does not.

A difference within rounding (half the last printed digit per figure summed) is no error and
is left as printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from yusuan.checks.facts import project_row
from yusuan.checks.index import TableIndex
from yusuan.model.disclosure import Disclosure, OverallPerformance, ProjectPerformance
from yusuan.model.money import Unit, convert, format_amount


@dataclass(frozen=True)
class Correction:
    """A printed figure of a performance table written otherwise, and why."""

    table: str  # ``项目绩效目标表“公共服务设施运行经费”``
    field: str  # ``当年财政拨款`` / ``年度预算总额`` / ``资金总额``
    original: str
    regenerated: str
    reason: str


def _beyond_rounding(a: Decimal, b: Decimal, values: Sequence[Decimal]) -> bool:
    exponent = max(int(v.as_tuple().exponent) for v in values)
    return abs(a - b) > Decimal(len(values)) * Decimal(10) ** exponent / 2


def _project_total(d: Disclosure, name: str, unit: Unit) -> Decimal | None:
    table = d.table("gpb_project")
    if table is None:
        return None
    row = project_row(TableIndex.of(table), name)
    value = row.value("total") if row is not None else None
    return convert(value, table.unit, unit) if value is not None else None


def _project(d: Disclosure, p: ProjectPerformance) -> tuple[ProjectPerformance, Correction | None]:
    if p.total is None or p.fiscal is None:
        return p, None
    other = p.other or Decimal(0)
    parts = p.fiscal + other
    printed = [v for v in (p.fiscal, p.other) if v is not None]
    if not _beyond_rounding(parts, p.total, [*printed, p.total]):
        return p, None
    name = f"项目绩效目标表“{p.project}”"
    unit = f"{p.unit.value}"
    table_total = _project_total(d, p.project, p.unit)
    if table_total is not None and table_total == parts:
        return replace(p, total=parts), Correction(
            name, "年度预算总额", format_amount(p.total), format_amount(parts),
            f"财政拨款与其他资金之和 {format_amount(parts)}{unit}，与项目支出表该项目合计相同")
    fiscal = p.total - other
    if fiscal < 0:
        return p, None
    why = ("与项目支出表该项目合计相同" if table_total == p.total
           else "年度预算总额为准（文中项目预算资金按它合计）")
    return replace(p, fiscal=fiscal), Correction(
        name, "财政拨款", format_amount(p.fiscal), format_amount(fiscal),
        f"年度预算总额 {format_amount(p.total)}{unit} 减其他资金 {format_amount(other)}{unit}，"
        f"{why}")


def _overall(d: Disclosure, p: OverallPerformance) -> tuple[OverallPerformance,
                                                             Correction | None]:
    printed = [v for v in (p.fiscal_superior, p.fiscal_local, p.other) if v is not None]
    summary = d.table("summary")
    if p.total is None or not printed or summary is None:
        return p, None
    row = TableIndex.of(summary).total("income")
    cols = summary.columns_of("income")
    if row is None or not cols:
        return p, None
    income = row.value(cols[0].key)
    parts = sum(printed, Decimal(0))
    if income is None or not _beyond_rounding(parts, p.total, [*printed, p.total]):
        return p, None
    income = convert(income, summary.unit, p.unit)
    if parts != income or p.total == income:
        return p, None
    return replace(p, total=parts), Correction(
        f"部门整体绩效目标表（{p.department}）", "资金总额", format_amount(p.total),
        format_amount(parts), f"各资金来源之和，与收支总表收入总计相同（{p.unit.value}）")


def consistent_performance(d: Disclosure) -> tuple[Disclosure, tuple[Correction, ...]]:
    """``d`` with its performance tables made consistent, and what was corrected."""
    corrections: list[Correction] = []
    projects = []
    for p in d.project_performance:
        fixed, c = _project(d, p)
        projects.append(fixed)
        corrections += [c] if c else []
    overall = []
    for o in d.overall_performance:
        fixed_o, c = _overall(d, o)
        overall.append(fixed_o)
        corrections += [c] if c else []
    if not corrections:
        return d, ()
    return replace(d, project_performance=tuple(projects),
                   overall_performance=tuple(overall)), tuple(corrections)
