"""江苏 部门预算情况说明 from 九 on: “三公”经费、会议费、培训费 (公开09表), 政府性基金 (公开10表),
政府采购 and 国有资产 (what Part 3 states beyond the tables), as the ``jiangsu-12`` wording
file words them.

Each figure is written in its own scope (``Region.within`` its ``prior_year`` key): its
sentence, its change and its reason may each be worded as that figure is printed, and a
figure of 0 is listed, left out or stated as none (``zero``) as the document does.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from yusuan.model.disclosure import Fact, Sentence, Table
from yusuan.narrative.region import Paragraphs, Region, row_of
from yusuan.narrative.wording import ZERO

PARTS = ("goods", "works", "services")


def _zero(r: Region, section: str) -> str:
    """How a figure of 0 is worded where it stands (``<section>/zeros``): ``list`` (as any
    other), ``omit`` or ``none`` (the section's ``none_<figure>`` sentence, no figure)."""
    node = r.w.templates.get(section)
    return str(r.w.raw(f"{section}/zeros")) if isinstance(node, dict) and "zeros" in node \
        else "list"


def _stated(r: Region, t: Table | None, key: str, column: str, **fields: object
            ) -> Sentence | None:
    """One figure of 公开09表: its template (``three_public/<key>``), change and reason, each
    as chosen for that figure; ``None`` where a 0 is left out."""
    amount = r.cell(t, row_of(t, "total"), column)
    about = f"three_public.{column}"
    c = r.change(about, r.in_budget_unit(t, row_of(t, "total"), column))
    f = r.within(about)
    purpose = (r.w.budget.purposes.get(about, "") or "").rstrip("。")
    # written whether or not a 0 is stated, so its wording is chosen with how a 0 is said
    text = f.say(f"three_public/{key}", amount=r.text(amount), **fields,
                 change=r.change_clause(c, r.own("three_public", "clause"),
                                        change_key=r.own("three_public", "change")),
                 reason=f.reason(about, c, r.own("three_public", "reason")),
                 purpose=f.say("three_public/purpose", purpose=purpose) if purpose else "")
    zero = _zero(f, "three_public") if amount == 0 else "list"
    if zero == "omit":
        return None
    if zero == "none":
        return Sentence(f.say(f"three_public/none_{key}", **fields))
    return Sentence(text, (r.fact(key, amount, c=c, table="three_public", row="total",
                                  column=column),))


def _shares(r: Region, t: Table | None, three: Decimal) -> Sentence:
    w = r.w
    keys = ("abroad", "vehicle", "reception")
    present = [(k, r.cell(t, row_of(t, "total"), k)) for k in keys]
    present = [(k, a) for k, a in present if a != 0]
    items = list(zip(present, r.shares([a for _, a in present], three), strict=True))
    text = r.say("three_public/separator").join(
        r.say("three_public/share_item", name=w.name("three_public_names", k),
              amount=r.text(a), share=r.share_text(s, "three_public")) for (k, a), s in items)
    return Sentence(r.say("three_public/shares", items=text),
                    tuple(r.fact(w.name("three_public_names", k), a, share=s,
                                 table="three_public", row="total", column=k)
                          for (k, a), s in items))


def js_three_public(r: Region) -> Paragraphs:
    """九: the shares of the “三公” kinds, each kind with its change and reason (公务用车 by
    购置 and 运行维护), then 会议费 and 培训费 (公开09表)."""
    t = r.w.table("three_public")
    three = r.cell(t, row_of(t, "total"), "three_public")
    out: list[tuple[Sentence, ...]] = []
    if three != 0:
        out.append((_shares(r, t, three),))
        out.append(tuple(s for s in (_stated(r, t, "abroad", "abroad"),) if s))
        vehicle = r.cell(t, row_of(t, "total"), "vehicle")
        head = Sentence(r.say("three_public/vehicle", amount=r.text(vehicle),
                              name=r.w.name("three_public_names", "vehicle")),
                        (r.fact("公务用车购置及运行费", vehicle, table="three_public",
                                row="total", column="vehicle"),))
        out.append((head, *(s for s in (_stated(r, t, "purchase", "vehicle.purchase", n=1),
                                         _stated(r, t, "operation", "vehicle.operation", n=2))
                            if s)))
        out.append(tuple(s for s in (_stated(r, t, "reception", "reception"),) if s))
    else:
        out.append((Sentence(r.say("three_public/none")),))
    for key in ("meeting", "training"):
        out.append(tuple(s for s in (_stated(r, t, key, key),) if s))
    return tuple(p for p in out if p)


def js_gov_fund(r: Region) -> Paragraphs:
    """十: 政府性基金预算财政拨款支出 (公开10表), or that there is none — with its change where
    the document states one (``与上年数一致``)."""
    t = r.w.table("gov_fund")
    row = row_of(t, "total")
    total = r.cell(t, row, "total")
    c = r.change("gov_fund.total", r.in_budget_unit(t, row, "total"))
    f = r.within("gov_fund.total")  # worded as that figure is printed, with its change
    fields = {"amount": r.text(total), "change": r.change_clause(c, r.own("gov_fund", "clause"))}
    facts = (r.fact("政府性基金预算财政拨款支出预算", total, c=c, table="gov_fund", row="total",
                    column="total"),)
    if total == 0:
        text = f.say("gov_fund/none", **fields)
        return ((Sentence(text, facts if any(ch.isdigit() for ch in text) else ()),),)
    return ((Sentence(f.say("gov_fund/total", **fields), facts),),)


def js_procurement(r: Region) -> Paragraphs:
    """十二: 政府采购预算 — the total, then 货物/工程/服务 (``{parts}``: a part of 0 listed or
    left out, ``zero``), or that there is none (budget.yaml ``procurement``)."""
    p = r.w.budget.procurement
    if not p.total:
        return ((Sentence(r.say("procurement/none")),),)
    u = r.w.budget.unit
    amounts = {k: r.printed(getattr(p, k) or ZERO, u) for k in ("total", *PARTS)}
    shares = dict(zip(PARTS, r.shares([amounts[k] for k in PARTS], amounts["total"]),
                      strict=True))
    listed = [k for k in PARTS if amounts[k] != 0 or _zero(r, "procurement") == "list"]
    parts = r.say("procurement/separator").join(
        r.say(f"procurement/{k}", amount=r.text(amounts[k])) for k in listed)
    text = r.say("procurement/total", parts=parts, **{k: r.text(v) for k, v in amounts.items()},
                 **{f"{k}_share": r.percent(v) for k, v in shares.items()})
    facts: tuple[Fact, ...] = tuple(r.fact(r.w.subject(f"procurement_{k}"), v)
                                    for k, v in amounts.items())
    return ((Sentence(text, facts),),)


def js_assets(r: Region) -> Paragraphs:
    """十三: vehicles, by the kinds the document lists (``assets.vehicles.<kind>``) or 一般公务
    用车/执法执勤用车/其他用车, and equipment at or over the printed unit value
    (``assets.equipment.<万元>``, else 50 万元) (budget.yaml ``assets``)."""
    a = r.w.budget.assets
    figures = r.w.budget.figures
    out: list[Sentence] = []
    if a.vehicles.count:
        kinds = {k.removeprefix("assets.vehicles."): int(v) for k, v in figures.items()
                 if k.startswith("assets.vehicles.")} or {
            str(r.w.raw(f"assets/kind_names/{k}")): getattr(a, f"vehicles_{k}").count or 0
            for k in ("official", "enforcement", "other")}
        listed = r.say("assets/kinds_separator").join(
            r.say("assets/kind", name=k, count=n) for k, n in kinds.items())
        out.append(Sentence(r.say("assets/vehicles", count=a.vehicles.count, kinds=listed)))
    equipment = {k.removeprefix("assets.equipment."): int(v) for k, v in figures.items()
                 if k.startswith("assets.equipment.")} or (
        {"50": a.equipment_over_50} if a.equipment_over_50 else {})
    for value, count in equipment.items():
        out.append(Sentence(r.say("assets/equipment", value=value, count=count)))
    return (tuple(out or [Sentence(r.say("assets/none"))]),)


def js_other(r: Region, targets: Callable[[Region], Paragraphs]) -> Paragraphs:
    """十三/十四: the performance targets (``targets``, the shared writer) — alone, or (2018:
    其他重要事项说明) under （一）, then （二） the 国有资本经营预算 (公开 tables have none: 0
    unless a ``state_capital`` table is given), left out, said to be none or stated with its
    change (``performance/state_capital``)."""
    head = targets(r)
    t = r.w.table("state_capital")
    row = row_of(t, "total")
    amount = r.cell(t, row, "total")
    how = str(r.w.raw("performance/state_capital")) if amount == 0 else "stated"
    if how == "omit":
        return head
    c = r.change("state_capital.total", r.in_budget_unit(t, row, "total"))
    f = r.within("state_capital.total")  # worded as that figure is printed, with its change
    if how == "none":
        said = Sentence(f.say("performance/none_state_capital"))
    else:
        said = Sentence(f.say("performance/stated_state_capital", amount=r.text(amount),
                              change=r.change_clause(c, r.own("performance", "clause")),
                              none=f.say("performance/none_clause") if amount == 0 else ""),
                        (r.fact(r.w.subject("state_capital"), amount, c=c, table="state_capital",
                                row="total", column="total"),))
    first, second = (Sentence(r.say_text(str(h)), kind="heading")
                     for h in r.w.raw("performance/headings"))
    return ((first,), *head, (second,), (said,))


WRITERS: dict[str, Callable[[Region], Paragraphs]] = {
    "js_three_public": js_three_public, "js_gov_fund": js_gov_fund,
    "js_procurement": js_procurement, "js_assets": js_assets,
}
