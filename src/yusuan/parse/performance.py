"""Performance-target tables (部门整体绩效目标表, 项目支出绩效目标表) → model records.

Where it sits: ``document.assemble`` hands the lines no budget table claimed. Each table is
found by its title; its head is read as label → value pairs (预算单位, 项目名称, 年度预算总额,
其中：财政拨款 …, the amount unit from ``（万元）``/``（元）``), its indicator rows by the
columns of the ``一级指标 | 二级指标 | 三级指标 | 指标值 …`` header, with the 一级/二级 labels
carried down where a merged cell prints them once.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from yusuan.model.disclosure import Indicator, OverallPerformance, ProjectPerformance, label
from yusuan.model.money import Unit
from yusuan.parse.lines import Cell, Line, to_amount

_OVERALL = re.compile(r"^(部门|单位)整体(支出)?绩效目标(表|申报表)$")
_PROJECT = re.compile(r"^(财政)?项目支出绩效目标(表|填报表|申报表)$")
_HTML = re.compile(r"<[^>]+>")
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "level3"),
    ("指标值设置依据", "basis"), ("指标设定依据", "basis"), ("上年完成值", "prior_value"),
    ("指标分值权重", "weight"), ("分值权重", "weight"), ("指标赋分规则", "scoring_rule"),
    ("佐证资料", "evidence"), ("年度(/项目)指标值", "value"), ("年度指标值", "value"),
    ("指标值", "value"),
)
MAX_LINES = 60


def _clean(text: str) -> str:
    return _HTML.sub("", text).strip()


def _value_after(lines: list[Line], *labels: str) -> str | None:
    """The first cell printed after a cell whose label starts with one of ``labels``."""
    for line in lines:
        cells = line.cells
        for i, c in enumerate(cells):
            if any(c.label.startswith(label(x)) for x in labels) and i + 1 < len(cells):
                return cells[i + 1].text.strip()
    return None


def _number_after(lines: list[Line], *labels: str) -> Decimal | None:
    for line in lines:
        cells = line.cells
        for i, c in enumerate(cells):
            if any(c.label.startswith(label(x)) for x in labels):
                nxt = next((d for d in cells[i + 1:] if d.is_number or not d.label), None)
                if nxt is not None and nxt.is_number:
                    return to_amount(nxt.text)
    return None


def _unit(lines: list[Line]) -> Unit:
    text = "".join(line.label for line in lines)
    return Unit.YUAN if "(元)" in text and "(万元)" not in text else Unit.WAN


def _indicators(lines: list[Line]) -> tuple[Indicator, ...]:
    start = next((i for i, line in enumerate(lines)
                  if any(c.label == "一级指标" for c in line.cells)), None)
    if start is None:
        return ()
    columns: list[tuple[Cell, str]] = []
    for c in lines[start].cells:
        key = next((k for name, k in INDICATOR_COLUMNS if c.label == label(name)), None)
        if key:
            columns.append((c, key))
    out: list[Indicator] = []
    carried = {"level1": "", "level2": ""}
    for line in lines[start + 1:]:
        if _OVERALL.match(line.label) or _PROJECT.match(line.label):
            break
        values: dict[str, str] = {}
        for cell in line.cells:
            if cell.label in ("绩效指标", "项目绩效目标", "绩效目标"):
                continue  # the row header left of the indicator block (merged cell)
            col = min(columns, key=lambda kc: abs(kc[0].center - cell.center))[1]
            values[col] = (values.get(col, "") + cell.text.strip()).strip()
        if "level3" not in values:
            if values.get("level1") or values.get("level2"):
                carried.update({k: v for k, v in values.items() if k in carried})
            continue
        for k in carried:
            if values.get(k):
                if not carried[k]:  # a merged cell printed mid-group (PDF): fill upwards too
                    out = [i if getattr(i, k) else
                           replace(i, level1=values[k]) if k == "level1" else
                           replace(i, level2=values[k]) for i in out]
                carried[k] = values[k]
        weight = values.get("weight", "")
        out.append(Indicator(
            level1=carried["level1"], level2=carried["level2"], level3=values["level3"],
            value=values.get("value", ""), basis=values.get("basis"),
            weight=Decimal(weight) if re.fullmatch(r"\d+(\.\d+)?", weight) else None,
            prior_value=values.get("prior_value"), scoring_rule=values.get("scoring_rule"),
            evidence=values.get("evidence")))
    return tuple(out)


def read_performance(lines: tuple[Line, ...], department: str, year: int) -> tuple[
        tuple[OverallPerformance, ...], tuple[ProjectPerformance, ...]]:
    starts = [i for i, line in enumerate(lines)
              if _OVERALL.match(line.label) or _PROJECT.match(line.label)]
    overall: list[OverallPerformance] = []
    projects: list[ProjectPerformance] = []
    for n, start in enumerate(starts):
        stop = min(starts[n + 1] if n + 1 < len(starts) else len(lines), start + MAX_LINES)
        body = list(lines[start + 1:stop])
        unit = _unit(body[:12])
        if _OVERALL.match(lines[start].label):
            overall.append(OverallPerformance(
                department=_value_after(body, "部门名称", "单位名称") or department, year=year,
                goals=_clean(_value_after(body, "年度绩效目标", "年度总体目标") or ""),
                total=_number_after(body, "资金总额"),
                fiscal_superior=_number_after(body, "上级安排"),
                fiscal_local=_number_after(body, "本级安排"),
                other=_number_after(body, "其他资金", "其他"),
                contact=_value_after(body, "部门联系人", "联系人"),
                phone=_value_after(body, "联系电话"), indicators=_indicators(body), unit=unit))
        else:
            project = _value_after(body, "项目名称")
            if not project:
                continue
            projects.append(ProjectPerformance(
                unit_name=_value_after(body, "预算单位", "实施单位") or department,
                project=project, year=year,
                total=_number_after(body, "年度预算总额", "年度资金申请总额"),
                fiscal=_number_after(body, "其中：财政拨款", "其中：当年财政拨款"),
                other=_number_after(body, "其他资金"),
                manager=_value_after(body, "项目负责人"),
                goals=_clean(_value_after(body, "项目总体目标", "年度总体目标") or ""),
                indicators=_indicators(body), unit=unit))
    return tuple(overall), tuple(projects)
