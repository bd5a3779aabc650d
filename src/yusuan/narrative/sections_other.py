"""Part 3 sections 八 to 十二: government funds, state capital, 三公 (表10), carry-over (表11)
and the other matters (机关运行经费, 政府采购, 国有资产, 预算绩效, 其他事项)."""

from __future__ import annotations

from decimal import Decimal

from yusuan.derive.lines import fund_family
from yusuan.model.budget import Assets, Vehicles
from yusuan.model.disclosure import Fact, Sentence, label
from yusuan.model.errors import InputError
from yusuan.model.money import round_half_up
from yusuan.narrative.sections_funds import FUNDS, carried_in, current_appropriation
from yusuan.narrative.wording import ZERO, Writer, amount_text, class_rows, value

Paragraphs = tuple[tuple[Sentence, ...], ...]
THREE_PUBLIC_ITEMS = ("abroad", "vehicle.purchase", "vehicle.operation", "reception")


def fund(w: Writer, table_id: str) -> Paragraphs:
    """八 / 九: the 空表 statement, or the fund's spending and its 类."""
    t = w.table(table_id)
    if t is None or t.is_empty:
        text = t.empty_statement if t is not None and t.empty_statement else None
        return ((Sentence(text or w.say(f"{table_id}/empty")),),)
    total_row = t.row(key="total")
    total = value(total_row, "total")
    basic = value(total_row, "personnel") + value(total_row, "public_funds")
    project = value(total_row, "project")
    facts: tuple[Fact, ...] = (
        w.fact(w.subject("fund_total"), total, table=table_id, row="total", column="total"),
        w.fact(w.subject("project"), project, table=table_id, row="total", column="project"))
    carry = carried_in(w, table_id, total)
    split = ""
    if carry:  # this year's 拨款 and the 上年财政拨款结转 the table also holds, apart
        current = current_appropriation(w, table_id)
        split = w.say("fund_carryover", current=amount_text(current), carryover=amount_text(carry))
        facts += (w.fact(w.name("fund_current_names", table_id), current, table="summary",
                         row=f"income.{table_id}", column="amount"),
                  w.fact(w.name("fund_carryover_names", table_id), carry, table="summary",
                         row=f"income.carryover.fiscal.{table_id}", column="amount"))
    out: list[tuple[Sentence, ...]] = [(Sentence(
        w.say(f"{table_id}/total", amount=amount_text(total), carryover=split,
              basic=amount_text(basic), project=amount_text(project)), facts),)]
    classes = class_rows(t)
    if classes:
        items = [w.say(f"{table_id}/class_item", name=r.name, amount=amount_text(value(r, "total")))
                 for r in classes]
        out.append((Sentence(
            w.say(f"{table_id}/classes", items=w.say(f"{table_id}/separator").join(items)),
            tuple(w.fact(r.name, value(r, "total"), table=table_id, code=r.code, column="total")
                  for r in classes)),))
    return tuple(out)


def three_public(w: Writer) -> Paragraphs:
    """十: the 三公 amounts (表10) and each item's change with its reason."""
    t = w.table("three_public")

    def amount(key: str) -> Decimal:
        return value(t.row(key=key) if t is not None else None, "total")

    names = {k: w.name("three_public_names", k) for k in ("total", *THREE_PUBLIC_ITEMS)}
    total = amount("total")
    items = [w.say("three_public/amount_item", name=names[k], amount=amount_text(amount(k)))
             for k in THREE_PUBLIC_ITEMS]
    facts = tuple(w.fact(names[k], amount(k), table="three_public", row=k, column="total")
                  for k in ("total", *THREE_PUBLIC_ITEMS))
    out: list[tuple[Sentence, ...]] = [(Sentence(
        w.say("three_public/amounts", amount=amount_text(total),
              items=w.say("three_public/item_separator").join(items)), facts),)]
    c_total = w.change("three_public.total", total)
    if c_total is None:
        return tuple(out)
    lead = w.led(w.say("three_public/change_lead", change=w.change_text(c_total), reason="⟨⟩"))
    sentences = [Sentence(  # compared as printed (led), the printed reason left as it is
        lead.replace("⟨⟩", w.reason_inline(w.reason("three_public.total"))),
        (w.fact(names["total"], total, c=c_total, table="three_public", row="total",
                column="total"),))]
    changes = [(k, w.change(f"three_public.{k}", amount(k))) for k in THREE_PUBLIC_ITEMS]
    stated = [(k, c) for k, c in changes if c is not None]
    for i, (k, c) in enumerate(stated):
        assert c is not None
        end = w.say("three_public/end" if i == len(stated) - 1
                    else "three_public/change_separator")
        text = w.say("three_public/change_item", name=names[k], change=w.change_text(c),
                     reason=w.reason_inline(w.reason(f"three_public.{k}"))) + end
        sentences.append(Sentence(text, (w.fact(names[k], amount(k), c=c, table="three_public",
                                                row=k, column="total"),)))
    out.append(tuple(sentences))
    return tuple(out)


def carryover(w: Writer) -> Paragraphs:
    """十一: the 空表 statement, or the carry-over spending split fiscal / non-fiscal."""
    t = w.table("carryover")
    if t is None or t.is_empty:
        text = t.empty_statement if t is not None and t.empty_statement else None
        return ((Sentence(text or w.say("carryover/empty")),),)
    total_row = t.row(key="total")
    total, fiscal, nonfiscal = (value(total_row, k) for k in ("total", "fiscal", "nonfiscal"))
    return ((Sentence(
        w.say("carryover/total", amount=amount_text(total), fiscal=amount_text(fiscal),
              nonfiscal=amount_text(nonfiscal)),
        (w.fact(w.subject("carryover_total"), total, table="carryover", row="total",
                column="total"),
         w.fact(w.subject("carryover_fiscal"), fiscal, table="carryover", row="total",
                column="fiscal"),
         w.fact(w.subject("carryover_nonfiscal"), nonfiscal, table="carryover", row="total",
                column="nonfiscal"))),),)


def other(w: Writer) -> Paragraphs:
    """十二: (一) 机关运行经费 … (五) 其他需说明的事项."""
    return (*_operating(w), *_procurement(w), *_assets(w), *_performance(w),
            w.heading(5, "other/heading_matters"),
            (Sentence(w.budget.other_matters.strip() or w.say("other/no_matters")),))


ADMIN_TYPES = ("行政单位", "参公事业单位")


def operating_cost(w: Writer) -> Decimal:
    """机关运行经费: the 公用经费 (一般公共预算 基本支出, as 表6) of the 行政单位 and 参照公务员法
    管理的事业单位 — a 事业单位's is not.

    The figure given in budget.yaml (``operating_cost``) wins. Otherwise, where no unit is
    typed 事业单位 in ``overview.units``, it is 表6's 公用经费 total (untyped units count as
    行政单位); where some are, it is summed from the line items of the other units. Tables
    given whole (tables.yaml) cannot be split by unit: the figure must be given then.
    """
    b = w.budget
    t = w.table("gpb_basic")
    public = value(t.row(key="total") if t is not None else None, "public_funds")
    institutions = sorted(u for u, kind in b.unit_types.items() if kind not in ADMIN_TYPES)
    if b.lines and institutions:
        public = sum((x.amount for x in b.lines if x.kind == "public_funds"
                      and fund_family(x.fund_source) == "gpb" and x.unit not in institutions),
                     ZERO)
    file = b.source.file if b.source else None
    if b.operating_cost is not None:
        if (b.lines or not institutions) and b.operating_cost > round_half_up(public):
            raise InputError(
                f"机关运行经费 {amount_text(b.operating_cost)}{b.unit.value} 超过行政单位和参公事业单位"
                f"的公用经费 {amount_text(public)}{b.unit.value}：机关运行经费只是这些单位的公用经费",
                file=file, field="operating_cost")
        return b.operating_cost
    if institutions and not b.lines:
        raise InputError(
            f"预算单位中有事业单位（{'、'.join(institutions)}），其公用经费不属于机关运行经费；"
            "按表给出的数据不能按单位拆分公用经费：请在 budget.yaml 填写 operating_cost（机关运行经费）",
            file=file, field="operating_cost")
    return public


def _operating(w: Writer) -> Paragraphs:
    """机关运行经费 (``operating_cost``), against ``prior_year.operating_cost``; it refers to
    表6's 公用经费 where it is all of it."""
    amount = operating_cost(w)
    t = w.table("gpb_basic")
    whole = amount == value(t.row(key="total") if t is not None else None, "public_funds")
    c = w.change("operating_cost", amount)
    first = Sentence(w.say("other/operating", amount=amount_text(amount), yoy=w.yoy_text(c)),
                     (w.fact(w.subject("operating_cost"), amount, c=c,
                             table="gpb_basic" if whole else None,
                             row="total" if whole else None,
                             column="public_funds" if whole else None),))
    reason = w.reason("operating_cost") if c is not None else ""
    return (w.heading(1, "other/heading_operating"), (first, *w.reason_sentence(reason)))


def _procurement(w: Writer) -> Paragraphs:
    p = w.budget.procurement
    head = w.heading(2, "other/heading_procurement")
    if not p.total:
        return (head, (Sentence(w.say("other/procurement_none")),))
    parts = {"goods": p.goods, "works": p.works, "services": p.services}
    subjects = {"goods": w.subject("procurement_goods"), "works": w.subject("procurement_works"),
                "services": w.subject("procurement_services")}
    first = Sentence(
        w.say("other/procurement", amount=amount_text(p.total),
              **{k: amount_text(v) for k, v in parts.items()}),
        (w.fact(w.subject("procurement_total"), p.total),
         *(w.fact(subjects[k], v if v is not None else ZERO) for k, v in parts.items())))
    out: list[tuple[Sentence, ...]] = [head, (first,)]
    if p.sme_reserved is not None:
        out.append((Sentence(
            w.say("other/procurement_reserved", sme=amount_text(p.sme_reserved),
                  micro=amount_text(p.micro_reserved)),
            (w.fact(w.subject("procurement_sme"), p.sme_reserved),
             w.fact(w.subject("procurement_micro"), p.micro_reserved if p.micro_reserved is not None
                    else ZERO))),))
    return tuple(out)


def _vehicle_item(w: Writer, name: str, v: Vehicles) -> str:
    return w.say("other/assets_vehicle_item", name=name, count=v.count or 0,
                 amount=amount_text(v.value))


def _assets(w: Writer) -> Paragraphs:
    a = w.budget.assets
    if a == Assets():
        return (w.heading(3, "other/heading_assets"), (Sentence(w.say("other/assets_none")),))
    lead = (w.say("other/assets_lead", as_of=a.as_of) if a.as_of
            else w.say("other/assets_lead_undated"))
    out: list[tuple[Sentence, ...]] = [w.heading(3, "other/heading_assets"), (Sentence(lead),)]
    items: list[Sentence] = []

    def item(text: str, *facts_: tuple[str, Decimal | None]) -> None:
        number = w.say("asset_number", n=len(items) + 1)
        items.append(Sentence(number + text, tuple(w.fact(s, v) for s, v in facts_
                                                     if v is not None), kind="item"))

    if a.house_area is not None or a.house_value is not None:
        item(w.say("other/assets_house", area=amount_text(a.house_area),
                   amount=amount_text(a.house_value)), (w.subject("assets_house"), a.house_value))
    if a.vehicles.count is not None:
        kinds = (("official", a.vehicles_official), ("enforcement", a.vehicles_enforcement),
                 ("other", a.vehicles_other))
        names = w.raw("other/assets_vehicle_names")
        parts = [_vehicle_item(w, names[k], v) for k, v in kinds if v.count is not None]
        detail = (w.say("other/assets_vehicles_detail",
                        items=w.say("other/assets_vehicle_separator").join(parts))
                  if parts else "")
        item(w.say("other/assets_vehicles", count=a.vehicles.count,
                   amount=amount_text(a.vehicles.value), detail=detail),
             (w.subject("assets_vehicles"), a.vehicles.value),
             *((names[k], v.value) for k, v in kinds if v.count is not None))
    if a.furniture_value is not None:
        item(w.say("other/assets_furniture", amount=amount_text(a.furniture_value)),
             (w.subject("assets_furniture"), a.furniture_value))
    if a.other_value is not None:
        item(w.say("other/assets_other", amount=amount_text(a.other_value)),
             (w.subject("assets_other"), a.other_value))
    out.extend((s,) for s in items)
    if a.equipment_over_50 is not None or a.equipment_over_100 is not None:
        out.append((Sentence(w.say("other/assets_equipment", over_50=a.equipment_over_50 or 0,
                                   over_100=a.equipment_over_100 or 0)),))
    if a.planned_vehicles is not None or a.planned_equipment_over_50 is not None:
        vehicles = (w.say("other/assets_planned_vehicles", count=a.planned_vehicles)
                    if a.planned_vehicles else w.say("other/assets_planned_no_vehicles"))
        out.append((Sentence(w.say("other/assets_planned", vehicles=vehicles,
                                   over_50=a.planned_equipment_over_50 or 0,
                                   over_100=a.planned_equipment_over_100 or 0)),))
    return tuple(out)


def current_fiscal_projects(w: Writer) -> dict[str, Decimal]:
    """当年财政拨款项目 (十二(四)): each project funded by this year's 一般公共预算、政府性基金
    or 国有资本经营预算 拨款, with that amount; money carried over from earlier years
    (上年财政拨款结转) is not 当年.

    From the line items where the budget has them (exact). From the tables otherwise:
    表7's projects less the 财政拨款结转 表11 shows for the same project, plus one entry per
    政府性基金/国有资本经营预算 project of the project performance tables (表8/表9 do not
    list projects) — or, where those name none, the 项目支出 of 表8/表9 as one entry per table.
    """
    lines = w.budget.lines
    if lines:
        out: dict[str, Decimal] = {}
        for x in lines:
            if x.kind == "project" and x.project and x.fund_source.split(".")[0] in FUNDS:
                out[x.project] = out.get(x.project, ZERO) + x.amount
        return out
    carried: dict[str, Decimal] = {}
    t11 = w.table("carryover")
    for r in t11.rows if t11 is not None else ():
        if r.project:
            carried[_name(r.project)] = carried.get(_name(r.project), ZERO) + value(r, "fiscal")
    out = {}
    t7 = w.table("gpb_project")
    for r in t7.rows if t7 is not None else ():
        if r.project:
            out[r.project] = out.get(r.project, ZERO) + value(r, "total")
    named = {_name(k) for k in out}  # 表7's projects, carried over or not
    out = {k: v - carried.get(_name(k), ZERO) for k, v in out.items()}
    out = {k: v for k, v in out.items() if v > 0}
    for fund in FUNDS[1:]:
        t = w.table(fund)
        spent = value(t.row(key="total"), "project") if t is not None else ZERO
        if not spent:
            continue
        listed = [p for p in w.budget.project_performance
                  if p.fiscal and _name(p.project) not in named]
        if listed:
            out.update({p.project: p.fiscal or ZERO for p in listed})
            named |= {_name(p.project) for p in listed}
        else:
            out[t.title if t is not None else fund] = spent
    return out


def _name(text: str) -> str:
    return label(text).replace("—", "-")


def _performance(w: Writer) -> Paragraphs:
    """预算绩效: 整体 targets (count, amount), projects of 表7 (财政拨款) and the projects
    funded by other money only (from the project performance tables)."""
    b = w.budget
    overall_amount = sum((o.total or ZERO for o in b.overall_performance), ZERO)
    fiscal = current_fiscal_projects(w)
    fiscal_amount = sum(fiscal.values(), ZERO)
    others = [p for p in b.project_performance if not p.fiscal and p.other]
    other_amount = sum((p.other or ZERO for p in others), ZERO)
    facts = (w.fact(w.subject("performance_overall"), overall_amount, table="summary",
                    row="income.total", column="amount"),
             w.fact(w.subject("performance_fiscal"), fiscal_amount),
             w.fact(w.subject("performance_other"), other_amount))
    text = w.say("other/performance", overall_count=len(b.overall_performance),
                 overall_amount=amount_text(overall_amount), fiscal_count=len(fiscal),
                 fiscal_amount=amount_text(fiscal_amount), other_count=len(others),
                 other_amount=amount_text(other_amount))
    out: list[tuple[Sentence, ...]] = [w.heading(4, "other/heading_performance")]
    if b.overall_performance or b.project_performance:
        out.append((Sentence(text, facts), Sentence(w.say("other/performance_tables"))))
        out.append((Sentence("", kind="performance_tables"),))
    else:
        out.append((Sentence(text, facts),))
    return tuple(out)
