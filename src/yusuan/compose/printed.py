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
from typing import Any

from yusuan.model.budget import Assets, Procurement, Project, Vehicles
from yusuan.model.disclosure import Disclosure, ProjectPerformance, Section
from yusuan.model.money import Unit, convert, printed_number
from yusuan.narrative import forms
from yusuan.narrative.align import normal
from yusuan.reference.numerals import strip_numbering

_AMOUNT = r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元)"


def _text(sections: Sequence[Section], *words: str) -> str:
    """The text of the first section whose title has one of ``words``, else of the paragraphs
    under the first heading in a section that has one (（二）政府采购情况)."""
    for s in sections:
        if any(w in s.title for w in words):
            return "".join(normal(x.text) for x in s.sentences())
    for s in sections:
        out: list[str] = []
        for p in s.paragraphs:
            heading = len(p) == 1 and p[0].kind == "heading"
            if heading and out:
                break
            if heading and any(w in p[0].text for w in words):
                out.append("")
            elif out:
                out += [normal(x.text) for x in p]
        if out:
            return "".join(out)
    return ""


def _money(m: re.Match[str] | None, nu: Unit, bu: Unit, group: int = 1) -> Decimal | None:
    if m is None:
        return None
    return convert(printed_number(m.group(group)), Unit.parse(m.group(group + 1)), bu)


def procurement_of(sections: Sequence[Section], nu: Unit, bu: Unit) -> Procurement:
    """政府采购预算: the total and its 货物/工程/服务 parts, as printed."""
    text = _text(sections, "政府采购")
    if not text:
        return Procurement()

    def after(*words: str) -> Decimal | None:
        for w in words:
            m = re.search(w + r"[^0-9，。；、]{0,16}?" + _AMOUNT, text)
            if m:
                return _money(m, nu, bu)
        return None

    total = after("采购预算总额", "采购支出预算总额", "政府采购预算", "采购预算", "预算总额")
    if total is None and re.search(r"无政府采购|没有政府采购|未安排政府采购", text):
        return Procurement()
    return Procurement(total=total, goods=after("货物"), works=after("工程"),
                       services=after("服务"),
                       sme_reserved=after("中小企业"),
                       micro_reserved=after("小型和微型企业", "小微企业"))


def _count(text: str, pattern: str) -> int | None:
    m = re.search(pattern, text)
    return int(m.group(1)) if m else None


def _vehicles(text: str, words: str, nu: Unit, bu: Unit) -> Vehicles:
    m = re.search(words + r"(\d+)辆(?:，价值" + _AMOUNT + ")?", text)
    if m is None:
        return Vehicles()
    return Vehicles(int(m.group(1)), _money(m, nu, bu, 2) if m.group(2) else None)


def _valued(text: str, words: str, nu: Unit, bu: Unit) -> Decimal | None:
    return _money(re.search(words + r"价值" + _AMOUNT, text), nu, bu)


def assets_of(sections: Sequence[Section], nu: Unit, bu: Unit) -> Assets:
    """国有资产占有使用情况: when, houses, vehicles, furniture, other assets and large
    equipment held, and what the budget buys."""
    text = _text(sections, "国有资产", "资产占用", "资产占有")
    if not text:
        return Assets()
    held, _, planned = re.sub(r"预算(?:未)?安排购置", "预算安排购置", text).partition("预算安排")
    as_of = re.search(r"截[至止](\d{4}年底|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?)", held)
    house = re.search(r"房屋(\d[\d,]*(?:\.\d+)?)平方米，价值" + _AMOUNT, held)
    return Assets(
        as_of=as_of.group(1) if as_of else "",
        house_area=printed_number(house.group(1)) if house else None,
        house_value=_money(house, nu, bu, 2) if house else None,
        furniture_value=_valued(held, "办公家具", nu, bu),
        other_value=_valued(held, "其他资产", nu, bu),
        vehicles=_vehicles(held, r"(?:共有|有)?车辆", nu, bu),
        vehicles_official=_vehicles(held, r"一般公务用车", nu, bu),
        vehicles_enforcement=_vehicles(held, r"执法执勤用车", nu, bu),
        vehicles_other=_vehicles(held, r"其他(?:用)?车(?:辆)?", nu, bu),
        equipment_over_50=_count(held, r"50万元?(?:（含）)?以上[^0-9]{0,20}?(\d+)台"),
        equipment_over_100=_count(held, r"100万元?(?:（含）)?以上[^0-9]{0,20}?(\d+)台"),
        planned_vehicles=_count(planned, r"购置车辆(\d+)辆") or (
            0 if "未安排购置车辆" in text else None),
        planned_equipment_over_50=_count(planned, r"50万元?以上[^0-9]{0,20}?(\d+)台"),
        planned_equipment_over_100=_count(planned,
                                          r"100万元?(?:（含）)?以上[^0-9]{0,20}?(\d+)台"),
    )


def performance_figures(sections: Sequence[Section], nu: Unit, bu: Unit
                        ) -> dict[str, Decimal]:
    """How many projects have performance targets and their budget, as the text states
    them (``项目共25个，涉及项目预算资金11381.60万元``, ``共5个项目实行绩效目标管理，涉及财政性资金
    合计5,086万元``; the projects may not be listed)."""
    text = _text(sections, "绩效目标")
    m = re.search(r"项目(?:共)?(\d+)个[^。；]{0,12}?" + _AMOUNT, text) or re.search(
        r"共(\d+)个项目[^。；]{0,24}?" + _AMOUNT, text)  # 共5个项目实行绩效目标管理，涉及…
    if m is None:
        return {}
    amount = _money(m, nu, bu, 2)
    return {"performance.count": printed_number(m.group(1))} | (
        {"performance.total": amount} if amount is not None else {})


def vehicle_kinds(sections: Sequence[Section]) -> dict[str, Decimal]:
    """The vehicles by kind the assets section lists (``其中：部级领导干部用车0辆、…``), held
    (``assets.vehicles.<kind>``) and to be bought (``assets.planned.<kind>``)."""
    text = _text(sections, "国有资产", "资产占用", "资产占有")
    held, _, planned = text.partition("预算安排购置车辆")
    out: dict[str, Decimal] = {}
    for prefix, part in (("assets.vehicles.", held), ("assets.planned.", planned)):
        listed = re.search(r"其中[：:，,]([^；。]+)", part)
        for name, count in re.findall(r"([\u4e00-\u9fff]+?车)(\d+)辆",
                                      listed.group(1) if listed else ""):
            out[prefix + name] = printed_number(count)
    return out


def equipment_values(sections: Sequence[Section]) -> dict[str, Decimal]:
    """The equipment held at or over the unit value the assets section prints (``单价20万元
    （含）以上的设备63台（套）``): ``assets.equipment.<万元>`` → how many."""
    held = _text(sections, "国有资产", "资产占用", "资产占有").partition("预算安排")[0]
    return {f"assets.equipment.{value}": Decimal(count) for value, count in re.findall(
        r"单价(\d+)万元(?:（含）|\(含\))?以上的?(?:大型)?设备(\d+)台", held)}


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


FIELDS = {"policy_basis": "policy_basis", "basis": "policy_basis", "unit": "unit",
          "allocation": "allocation", "period": "period"}


def _prefix(template: object, field: str) -> str:
    """The words a template prints before its ``{field}`` (``设立的政策依据：``)."""
    text = str(template)
    return text.split("{" + field + "}")[0] if "{" + field + "}" in text else ""


def projects_of(sections: Sequence[Section], templates: dict[str, Any], nu: Unit, bu: Unit
                ) -> tuple[Project, ...]:
    """The projects Part 3 describes (名称, 政策依据, 承担单位, 资金分配, 执行时间), read with the
    words of the region's own project templates (``gpb_project`` / ``projects``): a paragraph
    starting with a field's words gives that field of the project named last."""
    group = next((templates[k] for k in ("gpb_project", "projects")
                  if isinstance(templates.get(k), dict)), None)
    if group is None:
        return ()
    if "parts" in group:
        return _by_parts(sections, group)
    name_words = normal(_prefix(group.get("name", ""), "name"))
    if "{" in name_words:  # 上海 "{n}、{name}": the project is named by its heading
        name_words = ""
    words = {FIELDS[k]: normal(_prefix(v, "text")) for k, v in group.items() if k in FIELDS}
    amount_words = normal(_prefix(group.get("amount", ""), "name"))
    out: list[dict[str, str]] = []
    for s in sections:
        if not name_words and "项目" not in s.title:
            continue
        for p in s.paragraphs:
            text = "".join(normal(x.text) for x in p)
            at = text.find(name_words) if name_words else -1
            if 0 <= at <= 6:  # after an enumerator: （一）项目名称：…
                out.append({"name": text[at + len(name_words):]})
            elif not name_words and len(p) == 1 and p[0].kind == "heading":
                out.append({"name": strip_numbering(text)})
            elif out and amount_words and "{" not in amount_words \
                    and text.startswith(amount_words):
                out[-1]["amount"] = text
            else:
                for field, prefix in words.items():
                    if out and prefix and text.startswith(prefix):
                        out[-1][field] = text[len(prefix):]
    return tuple(Project(name=p["name"], unit=p.get("unit", ""),
                         policy_basis=p.get("policy_basis", ""),
                         allocation=p.get("allocation", ""), period=p.get("period", ""),
                         amount=_money(re.search(_AMOUNT + r"。?$", p.get("amount", "")), nu, bu))
                 for p in out)


def form_figures(sections: Sequence[Section], templates: dict[str, Any], nu: Unit, bu: Unit
                 ) -> dict[str, Decimal]:
    """The figures of each section's ``figures`` (``narrative.forms``) as printed, read with
    the region's own templates of that section: ``<section>.<field>`` (amounts in ``bu``)."""
    sentences = [normal(x.text) for s in sections for x in s.sentences()]
    out: dict[str, Decimal] = {}
    for entry in templates.get("structure", ()):
        key = entry["key"]
        names = forms.declared(templates, key)
        if not names:
            continue
        for template in forms.strings(templates[key]):
            wanted = tuple(n for n in names if "{" + n + "}" in template)
            if not wanted:
                continue
            regex = forms.pattern(template, nu.value, wanted)
            m = next((m for text in sentences if (m := regex.fullmatch(text))), None)
            if m is None:
                continue
            for name in wanted:
                amount = Decimal(m.group(name).replace(",", "").replace("，", ""))
                out.setdefault(f"{key}.{name}", convert(amount, nu, bu)
                               if forms.is_amount(templates, key, name) else amount)
    return out


_TITLE_END = "经费情况说明"


def _by_parts(sections: Sequence[Section], group: dict[str, Any]) -> tuple[Project, ...]:
    """The projects of a 项目经费情况说明 printed part by part (上海): a heading ending
    ``经费情况说明`` names a project (``科技创新专项经费情况说明``; ``XX项目经费情况说明``), a
    numbered heading (``六、年度预算安排``) opens the part of that number in ``parts``, and the
    text under it is that part's field, paragraph by paragraph."""
    fields = [part["field"] for part in group["parts"]]
    out: list[dict[str, str]] = []
    field, at = "", 0
    for s in sections:
        if s.key != "projects":
            continue
        for p in s.paragraphs:
            text = "".join(normal(x.text) for x in p)
            heading = len(p) == 1 and p[0].kind == "heading"
            number = re.match(r"^([一二三四五六七八九十]+)、", text) if heading else None
            n = _CN_NUMBERS.find(number.group(1)) + 1 if number is not None else 0
            if heading and number is None and text.endswith(_TITLE_END):
                name = text.removesuffix(_TITLE_END)  # as titled: XX项目, 科技创新专项
                out.append({"name": "" if name == "项目" else name})
                field, at = "", 0
            elif n == 1 and not out:  # a project not named: the section's title is its own
                out.append({"name": ""})
                field, at = fields[0], 1
            elif out and at < n <= len(fields):  # the parts in order (一、 within a part's
                field, at = fields[n - 1], n  # text is its own)
            elif out and field:
                out[-1][field] = "\n".join(x for x in (out[-1].get(field, ""), text) if x)
    return tuple(Project(name=p["name"], unit=p.get("unit", ""),
                         policy_basis=p.get("policy_basis", ""),
                         allocation=p.get("allocation", ""), period=p.get("period", ""),
                         summary=p.get("summary", ""), arrangement=p.get("arrangement", ""),
                         targets=p.get("targets", "")) for p in out)


_CN_NUMBERS = "一二三四五六七八九十"
