"""The fields a draft writes beyond reasons and prior-year figures, by what they are called
on the forms, and how the figures no table holds — 政府采购, 国有资产, the dates — are applied
to the budget. ``compose.draft`` keeps them in ``Edits``; ``web`` draws the forms from these
tables, so a field added here is written, saved, compared and built alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from yusuan.model.budget import Assets, Budget, Procurement
from yusuan.model.disclosure import Indicator

PROJECT_FIELDS = {"summary": "项目概述", "unit": "实施主体（项目承担单位）",
                  "policy_basis": "设立的政策依据", "allocation": "资金分配情况（实施方案）",
                  "period": "资金执行时间（实施周期）", "arrangement": "年度预算安排",
                  "targets": "绩效目标（项目经费情况说明）", "goals": "年度绩效目标（绩效目标表）"}
# Part 1 written as paragraphs (one item a paragraph), beyond 主要职能 and 机构设置
PART1_FIELDS = {"functions_intro": "主要职能的概述（编号条目之前的段落）",
                "internal_divisions": "内设处室（每个处室一项）",
                "tasks": "主要工作任务及目标", "basis": "预算编制的相关依据及测算分析情况"}
# a performance-target row (项目支出绩效目标表), in the order budget.yaml lists them
INDICATOR_FIELDS = {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标",
                    "value": "指标值", "basis": "指标设定依据", "prior_value": "上年完成值",
                    "weight": "分值权重", "scoring_rule": "指标赋分规则", "evidence": "佐证资料"}
# Part 1's counts (人员编制, 单位数): Staffing's fields and the Overview's unit counts
COUNT_FIELDS = {"authorized": "编制数", "actual": "实有人数", "in_service": "在职人数",
                "in_service_change": "在职人数比上年增减", "retired": "退休人数",
                "retired_change": "退休人数比上年增减", "lixiu": "离休人数",
                "lixiu_change": "离休人数比上年增减", "admin_unit_count": "行政单位数",
                "institution_unit_count": "事业单位数"}
UNIT_COUNTS = ("admin_unit_count", "institution_unit_count")
# 政府采购预算 (budget.yaml ``procurement``), amounts in the budget's unit
PROCUREMENT_FIELDS = {"total": "政府采购预算合计", "goods": "货物类", "works": "工程类",
                      "services": "服务类", "sme_reserved": "面向中小企业预留",
                      "micro_reserved": "其中：面向小微企业预留"}
# 国有资产占用情况 (budget.yaml ``assets``): amounts (area in 平方米), counts, and the date
ASSET_AMOUNTS = {"house_area": "房屋面积（平方米）", "house_value": "房屋价值",
                 "furniture_value": "家具价值", "other_value": "其他资产价值"}
VEHICLE_KINDS = {"vehicles": "车辆合计", "vehicles_official": "一般公务用车",
                 "vehicles_enforcement": "执法执勤用车", "vehicles_other": "其他车辆"}
ASSET_COUNTS = {"equipment_over_50": "单位价值50万元以上设备（台）",
                "equipment_over_100": "单位价值100万元以上设备（台）",
                "planned_vehicles": "本年拟购置车辆（辆，0 为未安排）",
                "planned_equipment_over_50": "本年拟购置50万元以上设备（台）",
                "planned_equipment_over_100": "本年拟购置100万元以上设备（台）"}
# text and dates no table holds (``published_on``/``approved_on``: YYYY-MM-DD)
WORD_FIELDS = {"assets.as_of": "资产数据截止日期（如 2024年8月31日）",
               "published_on": "公开日期", "approved_on": "预算批复日期"}


def indicator_data(i: Indicator) -> dict[str, str | None]:
    return {k: (None if getattr(i, k) is None else str(getattr(i, k))) for k in INDICATOR_FIELDS}


def indicator_of(data: Mapping[str, Any]) -> Indicator:
    def text(key: str) -> str | None:
        value = data.get(key)
        return None if value is None else str(value)

    weight = text("weight")
    return Indicator(level1=text("level1") or "", level2=text("level2") or "",
                     level3=text("level3") or "", value=text("value") or "",
                     basis=text("basis"), weight=None if weight is None else Decimal(weight),
                     prior_value=text("prior_value"), scoring_rule=text("scoring_rule"),
                     evidence=text("evidence"))


def _given(values: Mapping[str, Any], prefix: str, keys: Any) -> dict[str, Any]:
    """The fields named ``prefix + key`` in ``values``, by key (written: None clears)."""
    return {k: values[prefix + k] for k in keys if prefix + k in values}


def with_facts(b: Budget, amounts: Mapping[str, Decimal | None],
               counts: Mapping[str, int | None], words: Mapping[str, str]) -> Budget:
    """``b`` with the 政府采购 and 国有资产 figures and the dates written in the draft
    (``procurement.goods``, ``assets.house_value``, ``assets.vehicles_official.count`` …)."""
    procurement: Procurement = replace(b.procurement, **_given(
        amounts, "procurement.", PROCUREMENT_FIELDS))
    vehicles = {kind: replace(getattr(b.assets, kind), **{
        **_given(counts, f"assets.{kind}.", ("count",)),
        **_given(amounts, f"assets.{kind}.", ("value",))}) for kind in VEHICLE_KINDS}
    assets: Assets = replace(b.assets, **_given(amounts, "assets.", ASSET_AMOUNTS),
                             **_given(counts, "assets.", ASSET_COUNTS), **vehicles)
    if "assets.as_of" in words:
        assets = replace(assets, as_of=words["assets.as_of"])
    return replace(b, procurement=procurement, assets=assets,
                   published_on=words.get("published_on", b.published_on) or None,
                   approved_on=words.get("approved_on", b.approved_on) or None)



# the figures ``with_facts`` applies, by their keys in ``Edits.amounts`` and ``Edits.counts``
FACT_AMOUNTS = {**{f"procurement.{k}": v for k, v in PROCUREMENT_FIELDS.items()},
                **{f"assets.{k}": v for k, v in ASSET_AMOUNTS.items()},
                **{f"assets.{k}.value": f"{v}价值" for k, v in VEHICLE_KINDS.items()}}
FACT_COUNTS = {**{f"assets.{k}.count": f"{v}（辆）" for k, v in VEHICLE_KINDS.items()},
               **{f"assets.{k}": v for k, v in ASSET_COUNTS.items()}}


def fact_value(b: Budget, key: str) -> object:
    """The value a budget holds under a fact's key (``assets.vehicles.count`` …)."""
    value: object = b
    for part in key.split("."):
        value = getattr(value, part)
    return value


# 决算 only: the texts by topic (budget.yaml ``texts``) and the 年初预算数 the narrative compares
# each figure with (``initial_budget``: ``gpb`` and each 项 of the fund tables)
FINAL_TEXTS = {"performance": "预算绩效管理工作开展情况",
               "three_public.abroad": "因公出国（境）费支出情况",
               "three_public.vehicle": "公务用车购置及运行维护费支出情况",
               "three_public.reception": "公务接待费支出情况"}
INITIAL_TABLES = ("gpb", "gov_fund", "state_capital")


def initial_items(b: Budget) -> dict[str, str]:
    """The figures of a 决算 whose 年初预算数 the narrative states: the 一般公共预算 total and
    each 项 of the fund tables, by their ``initial_budget`` keys."""
    if not b.is_final:
        return {}
    out = {"gpb": "一般公共预算财政拨款支出合计"}
    for t in b.tables:
        if t.id in INITIAL_TABLES:
            out.update({f"{t.id}.{r.code}": f"{r.code} {r.name.strip()}" for r in t.rows
                        if r.code and len(r.code) == 7 and r.project is None})
    return out
