"""A draft's saves side by side: what one earlier save says that the current one does not —
each reason, last year's figure, Part 1 (职能, 机构设置, 内设处室, 工作任务及目标, 编制依据), each
project's texts and performance-target rows, the staffing counts and budget units, the
整体绩效目标, 其他需说明的事项, 名词解释 and 主要用于, 政府采购, 国有资产 and the dates, and the workbook's text parts —
so a filer can see what changed before going back to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from yusuan.compose.draft import TEXT_PARTS, Edits
from yusuan.compose.draft_fields import (
    COUNT_FIELDS,
    FACT_AMOUNTS,
    FACT_COUNTS,
    FINAL_TEXTS,
    INDICATOR_FIELDS,
    PART1_FIELDS,
    PROJECT_FIELDS,
    WORD_FIELDS,
)
from yusuan.model.disclosure import GlossaryTerm, Indicator
from yusuan.model.money import format_amount


@dataclass(frozen=True)
class Change:
    what: str  # 原因：公务接待费 / 部门职能 / 项目“…”：设立的政策依据
    then: str  # as that save has it ("" = not written)
    now: str  # as the current save has it


def _lines(value: tuple[str, ...] | None) -> str:
    return "" if value is None else "\n".join(value)


def _indicators(rows: tuple[Indicator, ...]) -> str:
    """Performance-target rows, one a line: ``一级 / 二级 / 三级：指标值 …`` (blank columns
    left out)."""
    def line(i: Indicator) -> str:
        head = " / ".join(x for x in (i.level1, i.level2, i.level3) if x)
        rest = [f"{INDICATOR_FIELDS[k]} {getattr(i, k)}" for k in INDICATOR_FIELDS
                if k not in ("level1", "level2", "level3", "value") and getattr(i, k) is not None]
        return f"{head}：{i.value}" + (f"（{'，'.join(rest)}）" if rest else "")

    return "\n".join(line(i) for i in rows)


def _amount(value: Decimal | None) -> str:
    return "" if value is None else format_amount(value)


def _counts(e: Edits, keys: Mapping[str, str]) -> dict[str, str]:
    return {k: "（不填）" if v is None else str(v) for k, v in e.counts.items() if k in keys}


def _amounts(given: Mapping[str, Decimal | None]) -> dict[str, str]:
    return {k: "（不填）" if v is None else format_amount(v) for k, v in given.items()}


def _units(units: tuple[tuple[str, str], ...] | None) -> str:
    return "" if units is None else "\n".join(f"{n}（{t}）" if t else n for n, t in units)


def _glossary(terms: tuple[GlossaryTerm, ...] | None) -> str:
    return "" if terms is None else "\n".join(f"{g.term}：{g.definition}" for g in terms)


def _purposes(given: Mapping[str, str] | None) -> str:
    return "" if given is None else "\n".join(f"{k}：{v}" for k, v in given.items())


def _pairs(what: str, then: Mapping[str, str], now: Mapping[str, str],
           labels: Mapping[str, str]) -> list[Change]:
    return [Change(f"{what}：{labels.get(k, k)}", then.get(k, ""), now.get(k, ""))
            for k in sorted(set(then) | set(now))]


def changes(then: Edits, now: Edits, labels: Mapping[str, str]) -> list[Change]:
    """What differs between two saves' writing; ``labels``: the reasons' figure keys (and a
    决算's 年初预算数 keys) in words."""
    def amounts(e: Edits) -> dict[str, str]:
        return {k: "（不填）" if v is None else format_amount(v) for k, v in e.prior_year.items()}

    def project_texts(e: Edits) -> dict[str, str]:
        return {f"{name}\0{field}": text for name, texts in e.projects.items()
                for field, text in texts.items()}

    project_labels = {f"{name}\0{field}": f"“{name}” {PROJECT_FIELDS.get(field, field)}"
                      for e in (then, now) for name, texts in e.projects.items()
                      for field in texts}
    every = [
        *_pairs("原因", then.reasons, now.reasons, labels),
        *_pairs("上年数", amounts(then), amounts(now), labels),
        Change("部门职能", _lines(then.functions), _lines(now.functions)),
        Change("机构设置", _lines(then.organisation), _lines(now.organisation)),
        *_pairs("部门概况", {k: _lines(v) for k, v in then.overview.items()},
                {k: _lines(v) for k, v in now.overview.items()}, PART1_FIELDS),
        *_pairs("项目", project_texts(then), project_texts(now), project_labels),
        *_pairs("说明", then.texts, now.texts, TEXT_PARTS),
        *_pairs("绩效指标", {k: _indicators(v) for k, v in then.indicators.items()},
                {k: _indicators(v) for k, v in now.indicators.items()},
                {k: f"“{k}”" for e in (then, now) for k in e.indicators}),
        *_pairs("人员编制与单位数", _counts(then, COUNT_FIELDS), _counts(now, COUNT_FIELDS),
                COUNT_FIELDS),
        *_pairs("采购与资产", {**_amounts(then.amounts), **_counts(then, FACT_COUNTS)},
                {**_amounts(now.amounts), **_counts(now, FACT_COUNTS)},
                {**FACT_AMOUNTS, **FACT_COUNTS}),
        *_pairs("日期与说明", then.words, now.words, WORD_FIELDS),
        *_pairs("年初预算数", _amounts(then.initial_budget), _amounts(now.initial_budget),
                labels),
        *_pairs("决算说明", then.final_texts, now.final_texts, FINAL_TEXTS),
        Change("预算单位", _units(then.units), _units(now.units)),
        *_pairs("部门整体绩效目标", {str(k): v for k, v in then.overall_goals.items()},
                {str(k): v for k, v in now.overall_goals.items()}, {}),
        *_pairs("部门整体绩效指标", {str(k): _indicators(v) for k, v in then.overall_indicators.items()},
                {str(k): _indicators(v) for k, v in now.overall_indicators.items()}, {}),
        Change("机关运行经费", _amount(then.operating_cost), _amount(now.operating_cost)),
        Change("其他需说明的事项", then.other_matters or "", now.other_matters or ""),
        Change("名词解释", _glossary(then.glossary), _glossary(now.glossary)),
        Change("支出主要用于", _purposes(then.purposes), _purposes(now.purposes)),
    ]
    return [c for c in every if c.then.strip() != c.now.strip()]
