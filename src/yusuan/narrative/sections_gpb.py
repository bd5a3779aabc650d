"""Part 3 sections 五 to 七: the general public budget (表5), its basic spending (表6) and
its projects (表7 + the project context of budget.yaml)."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.budget import Project
from yusuan.model.disclosure import Row, Sentence, Table, label
from yusuan.narrative.numbers import chinese_number
from yusuan.narrative.sections_funds import carried_in, carryover_fiscal, current_appropriation
from yusuan.narrative.wording import Writer, amount_text, class_rows, level_path, value

Paragraphs = tuple[tuple[Sentence, ...], ...]
OTHER_INCOME = ("gov_fund", "state_capital", "special_account", "unit_funds", "carryover")


def _only_gpb(w: Writer) -> bool:
    """表1 holds only 一般公共预算 income: then 表3 ≡ 表5 (RULES B09) and the 支出预算
    prior-year figures and reasons are those of the 一般公共预算 too."""
    t = w.table("summary")
    return t is not None and all(
        value(t.row(key=f"income.{k}", section="income"), "amount") == 0 for k in OTHER_INCOME)


def gpb(w: Writer) -> Paragraphs:
    """五: (一) scale and change of 基本/项目, (二) 类 structure, (三) every 项."""
    t = w.table("gpb")
    total_row = t.row(key="total") if t is not None else None
    if t is None or t.is_empty:
        return ((Sentence(w.say("gpb/none")),),)
    total = value(total_row, "total")
    suffix = "_carryover" if carried_in(w, "gpb", total) else ""
    out: list[tuple[Sentence, ...]] = [w.heading(1, f"gpb/heading_scale{suffix}")]
    out.append((_lead(w, total),))
    carried = _carryover_parts(w, total)
    shared = ("expenditure.{}",) if _only_gpb(w) else ()
    for part in ("basic", "project"):
        amount = value(total_row, part)
        name = w.say(f"expenditure/{part}")
        fallbacks = tuple(f.format(part) for f in shared)
        c = w.change(f"gpb.{part}", amount, *fallbacks)
        carry = (w.say("gpb/scale_carryover", amount=amount_text(carried[part]))
                 if carried.get(part) else "")
        first = Sentence(w.say("gpb/scale_item", name=name, amount=amount_text(amount),
                               carryover=carry, yoy=w.yoy_text(c)),
                         (w.fact(name, amount, c=c, table="gpb", row="total", column=part),))
        reason = w.reason(f"gpb.{part}", *fallbacks) if c is not None else ""
        out.append((first, *w.reason_sentence(reason)))

    out.append(w.heading(2, f"gpb/heading_structure{suffix}"))
    classes = class_rows(t)
    shares = w.shares([value(r, "total") for r in classes], total)
    for i, (r, share) in enumerate(zip(classes, shares, strict=True), 1):
        text = w.say("gpb/structure_item", number=w.say("item_number", n=i), name=r.name,
                     amount=amount_text(value(r, "total")), share=f"{share:.2f}")
        out.append((Sentence(text, (w.fact(r.name, value(r, "total"), share=share, table="gpb",
                                           code=r.code, column="total"),), kind="item"),))

    out.append(w.heading(3, f"gpb/heading_detail{suffix}"))
    items = [r for r in t.rows if r.code is not None and len(r.code) == 7 and r.project is None]
    for i, r in enumerate(items, 1):
        assert r.code is not None
        amount = value(r, "total")
        c = w.change(f"gpb.{r.code}", amount)
        text = w.say("gpb/detail_item", number=w.say("item_number", n=i),
                     names=_item_names(w, t, r), amount=amount_text(amount), yoy=w.yoy_text(c))
        reason = w.reason(f"gpb.{r.code}") if c is not None else ""
        first = Sentence(text, (w.fact(r.name, amount, c=c, table="gpb", code=r.code,
                                       column="total"),), kind="item")
        out.append((first, *(Sentence(s.text, kind="item") for s in w.reason_sentence(reason))))
    return tuple(out)


def _lead(w: Writer, total: Decimal) -> Sentence:
    """五(一)'s lead: 一般公共预算当年拨款 and 上年财政拨款结转 apart where 表5 holds both."""
    fact = w.fact(w.subject("gpb_total"), total, table="gpb", row="total", column="total")
    carry = carried_in(w, "gpb", total)
    if not carry:
        return Sentence(w.say("gpb/lead", amount=amount_text(total)), (fact,))
    current = current_appropriation(w, "gpb")
    return Sentence(
        w.say("gpb/lead_carryover", amount=amount_text(total), current=amount_text(current),
              carryover=amount_text(carry)),
        (fact, w.fact(w.name("fund_current_names", "gpb"), current, table="summary",
                      row="income.gpb", column="amount"),
         w.fact(w.name("fund_carryover_names", "gpb"), carry, table="summary",
                row="income.carryover.fiscal.gpb", column="amount")))


def _carryover_parts(w: Writer, total: Decimal) -> dict[str, Decimal]:
    """The 基本/项目 split of the 一般公共预算 carry-over in 表5, from 表11's 财政拨款结转
    columns — known only where all of 表1's 财政拨款结转 is 一般公共预算 (表11 does not say
    which budget a 财政拨款结转 comes from)."""
    carry = carried_in(w, "gpb", total)
    t = w.table("carryover")
    row = t.row(key="total") if t is not None else None
    others = carryover_fiscal(w, "gov_fund") + carryover_fiscal(w, "state_capital")
    if not carry or row is None or others:
        return {}
    if value(row, "fiscal") != carry:
        return {}
    return {"basic": value(row, "fiscal.personnel") + value(row, "fiscal.public_funds"),
            "project": value(row, "fiscal.project")}


def _item_names(w: Writer, t: Table, r: Row) -> str:
    """``一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）``, or (the
    variant ``gpb/detail_named`` ``leaf``) ``行政运行（项）``."""
    path = level_path(t, r)
    if w.raw("gpb/detail_named") == "leaf":
        path = path[-1:]
    return "".join(w.say("gpb/detail_name", name=name, level=level) for name, level in path)


def gpb_basic(w: Writer) -> Paragraphs:
    """六: 基本支出 = 人员经费 + 公用经费 (表6 总计), with the names of their 款."""
    t = w.table("gpb_basic")
    if t is None or t.is_empty:
        return ((Sentence(w.say("gpb_basic/none")),),)
    total_row = t.row(key="total")
    total = value(total_row, "total")
    out: list[tuple[Sentence, ...]] = [(Sentence(
        w.say("gpb_basic/lead", amount=amount_text(total)),
        (w.fact(w.subject("gpb_basic_total"), total, table="gpb_basic", row="total",
                column="total"),)),)]
    sep = w.say("gpb_basic/separator")
    for part in ("personnel", "public_funds"):
        subject = w.subject(part)
        amount = value(total_row, part)
        names = [r.name for r in t.rows
                 if r.code is not None and len(r.code) == 5 and value(r, part) != 0]
        key = f"gpb_basic/{part}" if names else f"gpb_basic/{part}_plain"
        out.append((Sentence(w.say(key, amount=amount_text(amount), names=sep.join(names)),
                             (w.fact(subject, amount, table="gpb_basic", row="total",
                                     column=part),)),))
    return tuple(out)


def _key(name: str) -> str:
    """Project names compared as printed labels, dashes unified (“—” vs “-”)."""
    return label(name).replace("—", "-")  # NFKC has made “－” a “-” already


def gpb_project(w: Writer) -> Paragraphs:
    """七: each project of 表7 with its 政策依据, 规模, 承担单位, 资金分配, 执行时间."""
    t = w.table("gpb_project")
    rows = [r for r in t.rows if r.project] if t is not None else []
    if not rows:
        return ((Sentence(w.say("gpb_project/none")),),)
    context: dict[str, Project] = {_key(p.name): p for p in w.budget.projects}
    out: list[tuple[Sentence, ...]] = []
    for i, r in enumerate(rows, 1):
        assert r.project is not None
        p = context.get(_key(r.project))
        amount = value(r, "total")
        out.append((Sentence(w.say("heading_number", n=chinese_number(i))
                             + w.say("gpb_project/name", name=r.project), kind="heading"),))
        if p is not None and p.policy_basis:
            out.append((Sentence(w.say("gpb_project/policy_basis", text=p.policy_basis)),))
        stated = p.amount if p is not None and p.amount is not None else amount
        out.append((Sentence(w.say("gpb_project/amount", amount=amount_text(stated)),
                             (w.fact(r.project, stated, table="gpb_project", code=r.code,
                                     column="total"),)),))
        unit = (p.unit if p is not None and p.unit else None) or r.unit
        if unit:
            out.append((Sentence(w.say("gpb_project/unit", text=unit)),))
        for field in ("allocation", "period"):
            text = getattr(p, field) if p is not None else ""
            if text:
                out.append((Sentence(w.say(f"gpb_project/{field}", text=text)),))
    return tuple(out)

