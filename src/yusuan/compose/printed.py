"""What a printed Part 3 says that no table holds: 政府采购, 国有资产 and the projects with
performance targets, read from the text of their sections (found by their titles) into the
builder's input (``Budget.procurement``, ``.assets``, ``.project_performance``).

The patterns are the words of the figure, not of one document: ``货物…X万元``, ``共有车辆N辆``,
``项目共N个…其中：名称X万元，…``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from yusuan.model.budget import Assets, Procurement, Vehicles
from yusuan.model.disclosure import Disclosure, ProjectPerformance, Section
from yusuan.model.money import Unit, convert
from yusuan.narrative.align import normal

_AMOUNT = r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元)"


def _text(sections: Sequence[Section], *words: str) -> str:
    """The text of the first section whose title has one of ``words``."""
    for s in sections:
        if any(w in s.title for w in words):
            return "".join(normal(x.text) for x in s.sentences())
    return ""


def _money(m: re.Match[str] | None, nu: Unit, bu: Unit, group: int = 1) -> Decimal | None:
    if m is None:
        return None
    return convert(Decimal(m.group(group).replace(",", "")), Unit.parse(m.group(group + 1)), bu)


def procurement_of(sections: Sequence[Section], nu: Unit, bu: Unit) -> Procurement:
    """政府采购预算: the total and its 货物/工程/服务 parts, as printed."""
    text = _text(sections, "政府采购")
    if not text:
        return Procurement()

    def after(*words: str) -> Decimal | None:
        for w in words:
            m = re.search(w + r"[^0-9，。；、]{0,12}?" + _AMOUNT, text)
            if m:
                return _money(m, nu, bu)
        return None

    total = after("采购预算总额", "采购支出预算总额", "政府采购预算", "采购预算", "预算总额")
    if total is None and re.search(r"无政府采购|没有政府采购|未安排政府采购", text):
        return Procurement()
    return Procurement(total=total, goods=after("货物"), works=after("工程"),
                       services=after("服务"),
                       sme_reserved=after("中小企业"), micro_reserved=after("小微企业"))


def _count(text: str, pattern: str) -> int | None:
    m = re.search(pattern, text)
    return int(m.group(1)) if m else None


def assets_of(sections: Sequence[Section]) -> Assets:
    """国有资产占有使用情况: when, vehicles and large equipment held and planned."""
    text = _text(sections, "国有资产", "资产占用", "资产占有")
    if not text:
        return Assets()
    held, _, planned = text.partition("预算安排")
    as_of = re.search(r"截[至止](\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{4}年底)", held)
    return Assets(
        as_of=as_of.group(1) if as_of else "",
        vehicles=Vehicles(count=_count(held, r"(?:共有|有)车辆(\d+)辆")),
        vehicles_official=Vehicles(count=_count(held, r"一般公务用车(\d+)辆")),
        vehicles_enforcement=Vehicles(count=_count(held, r"执法执勤用车(\d+)辆")),
        vehicles_other=Vehicles(count=_count(held, r"其他(?:用)?车(?:辆)?(\d+)辆")),
        equipment_over_50=_count(held, r"50万元?（含）以上[^0-9]{0,20}?(\d+)台"),
        equipment_over_100=_count(held, r"100万元?（含）以上[^0-9]{0,20}?(\d+)台"),
        planned_vehicles=_count(planned, r"购置车辆(\d+)辆"),
        planned_equipment_over_100=_count(planned, r"100万元?（含）以上[^0-9]{0,20}?(\d+)台"),
    )


def performance_of(sections: Sequence[Section], d: Disclosure, nu: Unit
                   ) -> tuple[ProjectPerformance, ...]:
    """The projects with performance targets the text lists (``其中：名称X万元，…``) when no
    performance table was read."""
    text = _text(sections, "绩效目标")
    m = re.search(r"其中[：:](.+?)(?:。|$)", text)
    if not m:
        return ()
    out = []
    for item in re.split(r"[，,；;、]", m.group(1)):
        hit = re.fullmatch(r"(.+?)" + _AMOUNT, item)
        if hit:
            amount = _money(hit, nu, d.unit, 2)
            out.append(ProjectPerformance(unit_name=d.department, project=hit.group(1),
                                          year=d.year, total=amount))
    return tuple(out)
