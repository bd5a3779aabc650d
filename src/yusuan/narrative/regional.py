"""Part 3 of the regions whose wording file declares its own ``structure`` (上海, 江苏):
the sections, their order and titles come from ``templates/<profile>.yaml``; each section is
written by the function its ``writer`` names (``WRITERS``: the 上海 writers here, the 江苏 ones
in ``regional_jiangsu``). Figures and their ``Fact`` records as in ``region``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from yusuan.model.budget import Project
from yusuan.model.codes import class_of
from yusuan.model.disclosure import Fact, Section, Sentence
from yusuan.model.errors import InputError
from yusuan.narrative import economic_lists as lists
from yusuan.narrative import forms, jiangsu_tail, regional_jiangsu
from yusuan.narrative.figures import Change, change
from yusuan.narrative.numbers import chinese_number
from yusuan.narrative.region import Paragraphs, Region
from yusuan.narrative.region import row_of as _row
from yusuan.narrative.wording import ZERO, Writer, level_rows

FUNDS = ("gpb", "gov_fund", "state_capital")
NOTES_BASIS = "notes/basis"  # what the 编制说明 compares with (预算 / 预算执行数)


def notes(r: Region) -> Paragraphs:
    """部门预算编制说明: 收入 (表1), 支出 and 财政拨款 by fund (表3, 表4), the reason, then
    each 项 of the 财政拨款 spending with what it is for (表5–表7)."""
    w = r.w
    summary, appropriation = w.table("summary"), w.table("appropriation")
    income = {k: _row(summary, f"income.{k}", "income")
              for k in ("total", "fiscal", "business", "operating", "other")}
    fiscal_c = r.change("income.fiscal", r.in_budget_unit(summary, income["fiscal"], "amount"))
    amounts = {k: r.cell(summary, row, "amount") for k, row in income.items()}
    first = Sentence(
        r.say("notes/income", **{k: r.text(v) for k, v in amounts.items()},
              fiscal_change=r.change_clause(fiscal_c, "clause", NOTES_BASIS)),
        (r.fact(w.subject("income_total"), amounts["total"], table="summary",
                row="income.total", column="amount"),
         r.fact("财政拨款收入", amounts["fiscal"], c=fiscal_c, table="summary",
                row="income.fiscal", column="amount")))
    expenditure = w.table("expenditure")
    spent = r.cell(expenditure, _row(expenditure, "total"), "total")
    fiscal_total = _row(appropriation, "expenditure.total", "expenditure")
    fiscal_spent = r.cell(appropriation, fiscal_total, "total")
    spent_c = r.change("appropriation.total",
                       r.in_budget_unit(appropriation, fiscal_total, "total"))
    second = Sentence(
        r.say("notes/expenditure", total=r.text(spent), fiscal=r.text(fiscal_spent),
              fiscal_change=r.change_clause(spent_c, "clause", NOTES_BASIS)),
        (r.fact(w.subject("expenditure_total"), spent, table="expenditure", row="total",
                column="total"),
         r.fact("财政拨款支出预算", fiscal_spent, c=spent_c, table="appropriation",
                row="expenditure.total", column="total")))
    parts = []
    for i, fund in enumerate(FUNDS):
        amount = r.cell(appropriation, fiscal_total, fund)
        c = r.change(f"appropriation.{fund}", r.in_budget_unit(appropriation, fiscal_total, fund))
        name = w.name("fund_names", fund)
        text = r.say("notes/fund", name=name, amount=r.text(amount),
                     change=r.change_clause(c, "clause", NOTES_BASIS))
        text = (r.say("notes/funds_lead") if i == 0 else "") + text + r.say(
            "notes/end" if i == len(FUNDS) - 1 else "notes/fund_separator")
        parts.append(Sentence(text, (r.fact(f"{name}支出预算", amount, c=c,
                                            table="appropriation", row="expenditure.total",
                                            column=fund),)))
    out: list[tuple[Sentence, ...]] = [(first,), (second, *parts)]
    reason = w.reason("appropriation", "income.fiscal")
    if reason and fiscal_c is not None and fiscal_c.direction in ("increase", "decrease"):
        direction = r.say(f"notes/direction/{fiscal_c.direction}")
        out.append((Sentence(r.say("notes/reason", direction=direction, reason=reason)),))
    items = _items(r)
    if items:
        out.append((Sentence(r.say("notes/items_lead")),))
        out += items
    return tuple(out)


def _items(r: Region) -> list[tuple[Sentence, ...]]:
    """``1.“一般公共服务支出（类）财政事务（款）行政运行（项）”1,623.18万元，主要用于…。``,
    and where last year's 预算执行数 of the 项 is known (``prior_year["execution.<code>"]``)
    the comparison with it: ``2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，…``,
    and its reason (``reasons["execution.<code>"]``)."""
    out: list[tuple[Sentence, ...]] = []
    for fund in FUNDS:
        t = r.w.table(fund)
        if t is None or t.is_empty:
            continue
        for row in t.rows:
            if row.code is None or len(row.code) != 7 or row.project is not None:
                continue
            amount = r.cell(t, row, "total")
            purposes = r.w.budget.purposes
            purpose = (purposes.get(row.code) or purposes.get(class_of(row.code)) or "").rstrip("。")
            names = [(lists.printed_name(r, c.digits, x.name), c.level)
                     for x, c in level_rows(t, row)]
            marked = [r.say("notes/level_name", name=name, level=level) for name, level in names]
            text = r.say("notes/item", n=len(out) + 1, names="".join(marked),
                         dashed="-".join(name for name, _ in names), leaf=marked[-1],
                         leaf_name=names[-1][0], amount=r.text(amount),
                         purpose=r.say("purpose", purpose=purpose) if purpose else "")
            item = Sentence(text, (r.fact(row.name, amount, table=fund, code=row.code,
                                          column="total"),), kind="item")
            c = r.change(f"execution.{row.code}", r.in_budget_unit(t, row, "total"))
            out.append((item, *_execution(r, c, amount, row.name)))
    return out


def _execution(r: Region, c: Change | None, amount: Decimal, name: str
               ) -> tuple[Sentence, ...]:
    if c is None or "item_execution" not in r.w.templates["notes"]:
        return ()
    base = r.printed(abs(c.prior), r.w.budget.unit)
    rate = r.percent(abs(c.rate)) if c.rate is not None else ""
    text = r.w.led(r.say("notes/item_execution", base=r.text(base), amount=r.text(amount),
                         change=r.say(f"notes/execution_change/{c.direction}", rate=rate),
                         reason=r.reason(c.about, c, "notes/execution_reason")))
    return (Sentence(text, (Fact(subject=name, amount=amount, unit=r.unit, rate=c.rate,
                                 basis="执行数", base_year=r.w.budget.year - 1, prior=base),)),)


def three_public(r: Region) -> Paragraphs:
    """“三公”经费: total and each kind with its change and reason (the “三公” table)."""
    t = r.w.table("three_public")
    row = _row(t, "total")

    def part(column: str) -> tuple[Decimal, Change | None]:
        amount = r.cell(t, row, column)
        return amount, r.change(f"three_public.{column}", r.in_budget_unit(t, row, column))

    clause = "clause"
    total, total_c = part("total")
    out: list[tuple[Sentence, ...]] = [(
        Sentence(r.say("three_public/total", amount=r.text(total),
                       change=r.change_clause(total_c, clause)),
                 (r.fact("“三公”经费预算数", total, c=total_c, table="three_public", row="total",
                         column="total"),)),
        Sentence(r.say("three_public/lead")))]
    names = {k: r.say(f"three_public/names/{k}") for k in ("vehicle", "operation")}
    for key, name, n in (("abroad", "因公出国（境）费", "一"), ("reception", "公务接待费", "三")):
        amount, c = part(key)
        text = r.say(f"three_public/{key}", amount=r.text(amount), no=_number(r, n),
                     change=r.change_clause(c, clause),
                     reason=r.reason(f"three_public.{key}", c))
        out.append((Sentence(text, (r.fact(name, amount, c=c, table="three_public",
                                           row="total", column=key),), kind="item"),))
    vehicle, vehicle_c = part("vehicle")
    purchase, purchase_c = part("vehicle.purchase")
    operation, operation_c = part("vehicle.operation")
    if vehicle_c is None and purchase_c is not None and operation_c is not None:
        # last year's 购置及运行费 is its two parts' sum where only they are given
        vehicle_c = replace(change(r.in_budget_unit(t, row, "vehicle"),
                                   purchase_c.prior + operation_c.prior),
                            about="three_public.vehicle")
    text = r.say("three_public/vehicle", amount=r.text(vehicle), purchase=r.text(purchase),
                 no=_number(r, "二"), vehicle=names["vehicle"], operation_name=names["operation"],
                 change=r.change_clause(vehicle_c, clause),
                 reason=r.reason("three_public.vehicle", vehicle_c),
                 purchase_change=r.change_clause(purchase_c, clause),
                 purchase_reason=r.reason("three_public.vehicle.purchase", purchase_c),
                 operation=r.text(operation),
                 operation_change=r.change_clause(operation_c, clause),
                 operation_reason=r.reason("three_public.vehicle.operation", operation_c))
    facts = (r.fact("公务用车购置及运行费", vehicle, table="three_public", row="total",
                    column="vehicle"),
             r.fact("公务用车购置费", purchase, c=purchase_c, table="three_public", row="total",
                    column="vehicle.purchase"),
             r.fact("公务用车运行费", operation, c=operation_c, table="three_public",
                    row="total", column="vehicle.operation"))
    out.insert(2, (Sentence(text, facts, kind="item"),))
    return tuple(out)


def _number(r: Region, cn: str) -> str:
    """An item's number as the document prints it: （一） or （一）、."""
    return r.say("three_public/number", cn=cn)


def operating_cost(r: Region) -> Paragraphs:
    """机关运行经费: the “三公” table's column (上海) or the 机关运行经费 table (江苏)."""
    t = r.w.table("operating_cost")
    ref = ("operating_cost", "total", "total")
    if t is None:
        t = r.w.table("three_public")
        ref = ("three_public", "total", "operating_cost")
    row = _row(t, "total")
    amount = r.cell(t, row, ref[2])
    c = r.change("operating_cost", r.in_budget_unit(t, row, ref[2]))
    none = r.say("operating_cost/none") if "none" in r.w.templates["operating_cost"] else ""
    if amount == 0 and (c is None or c.prior == 0) and none:  # 本部门无机关运行经费。
        return ((Sentence(none, (r.fact(r.w.subject("operating_cost"), amount, table=ref[0],
                                        row=ref[1], column=ref[2]),)),),)
    f = r.within("operating_cost")  # worded as that figure is printed, with its change
    text = f.say("operating_cost/total", amount=r.text(amount),
                 change=r.change_clause(c, "clause"),
                 reason=f.reason("operating_cost", c), **_stated(r, "operating_cost"))
    head = ((Sentence(text, (r.fact(r.w.subject("operating_cost"), amount, c=c, table=ref[0],
                                    row=ref[1], column=ref[2]),)),),)
    if not lists.listed(r, "operating_cost") or ref[0] != "operating_cost":
        return head
    rows = [x for x in t.rows if x.code and len(x.code) == 5] if t else []
    return (*head, *lists.items(r, "operating_cost", t, rows))  # its 款 one by one


def procurement(r: Region) -> Paragraphs:
    """政府采购预算 (budget.yaml ``procurement``, in the budget's unit)."""
    p = r.w.budget.procurement
    if not p.total:
        return ((Sentence(r.say("procurement/none")),),)
    u = r.w.budget.unit
    amounts = {k: r.printed(getattr(p, k) or ZERO, u)
               for k in ("total", "goods", "works", "services")}
    subjects = {k: r.w.subject(f"procurement_{k}") for k in amounts}
    parts = ("goods", "works", "services")  # and their shares, where a document states them
    shares = dict(zip(parts, r.shares([amounts[k] for k in parts], amounts["total"])
                      if amounts["total"] else (ZERO,) * len(parts), strict=True))
    out = [Sentence(r.say("procurement/total", **{k: r.text(v) for k, v in amounts.items()},
                          **{f"{k}_share": r.percent(v) for k, v in shares.items()}),
                    tuple(r.fact(subjects[k], v) for k, v in amounts.items()))]
    if p.sme_reserved is not None and "reserved" in r.w.templates["procurement"]:
        sme, micro = (r.printed(x or ZERO, u) for x in (p.sme_reserved, p.micro_reserved))
        out.append(Sentence(r.say("procurement/reserved", sme=r.text(sme), micro=r.text(micro)),
                            (r.fact("面向中小企业预留", sme), r.fact("预留给小型和微型企业", micro))))
    return (tuple(out),)


def performance(r: Region) -> Paragraphs:
    """绩效目标设置情况: the projects with a 绩效目标表 and their budgets."""
    projects = r.w.budget.project_performance
    u = r.w.budget.unit
    figures = r.w.budget.figures  # the count and total alone, where no project is listed
    if not projects and "performance.total" in figures:
        total = r.printed(figures["performance.total"], u)
        count = int(figures.get("performance.count", ZERO))
        return ((Sentence(r.say("performance/total", count=count, amount=r.text(total),
                                **_stated(r, "performance")),
                          (r.fact("涉及项目预算资金", total),)),),)
    if not projects and "none" in r.w.templates["performance"]:
        return ((Sentence(r.say("performance/none")),),)
    amounts = [r.printed(p.total or ZERO, u) for p in projects]
    total = sum(amounts, ZERO)
    head = Sentence(r.say("performance/total", count=len(projects), amount=r.text(total),
                          **_stated(r, "performance")),
                    (r.fact("涉及项目预算资金", total),))
    if not projects or "items" not in r.w.templates["performance"]:  # 江苏: the total only
        return ((head,),)
    items = [r.say("performance/item", name=p.project, amount=r.text(a))
             for p, a in zip(projects, amounts, strict=True)]
    listed = r.say("performance/items", items=r.say("performance/separator").join(items))
    if not listed:  # a document that does not list them
        return ((head,),)
    tail = Sentence(listed, tuple(r.fact(p.project, a)
                                  for p, a in zip(projects, amounts, strict=True)))
    return ((head, tail),)


def assets(r: Region) -> Paragraphs:
    """国有资产占有使用情况: vehicles and equipment held and planned (budget.yaml ``assets``)."""
    a = r.w.budget.assets
    balance = forms.values(r, "assets")
    if balance is not None and all(balance.values()) and "balance" in r.w.templates["assets"]:
        return ((*(Sentence(r.say_text(t, as_of=a.as_of, **balance))
                   for t in r.w.templates["assets"]["balance"]),),)
    out: list[tuple[Sentence, ...]] = []
    if a.as_of:
        out.append((Sentence(r.say("assets/held", as_of=a.as_of, vehicles=a.vehicles.count or 0,
                                   equipment=a.equipment_over_100 or 0,
                                   kinds=_kinds(r, "assets.vehicles."))),))
    out.append((Sentence(r.say("assets/planned", vehicles=a.planned_vehicles or 0,
                               equipment=a.planned_equipment_over_100 or 0,
                               kinds=_kinds(r, "assets.planned."))),))
    return tuple(out)


def _stated(r: Region, section: str) -> dict[str, str]:
    """The section's ``figures`` as printed (``narrative.forms``), blank where not given."""
    return forms.values(r, section) or dict.fromkeys(forms.declared(r.w.templates, section), "")


def _kinds(r: Region, prefix: str) -> str:
    """``部级领导干部用车0辆、…`` from ``Budget.figures`` (``assets.vehicles.<kind>``)."""
    if "kind" not in r.w.templates["assets"]:
        return ""
    return r.say("assets/kinds_separator").join(
        r.say("assets/kind", name=k.removeprefix(prefix), count=int(v))
        for k, v in r.w.budget.figures.items() if k.startswith(prefix))


def projects(r: Region) -> Paragraphs:
    """项目经费情况说明: each project of budget.yaml ``projects`` — its title, then the parts
    the wording file lists (``parts``), each with the project's text as written."""
    t = r.w.templates["projects"]
    out: list[tuple[Sentence, ...]] = []
    for p in r.w.budget.projects:
        named = p.name.endswith(tuple(t["named"]))
        if p.name or len(r.w.budget.projects) > 1:  # one project not named: the section's
            out.append((Sentence(r.say("projects/title_named" if named  # title is its own
                                       else "projects/title", name=p.name), kind="heading"),))
        for part in t["parts"]:
            out.append((Sentence(r.say_text(part["title"]), kind="heading"),))
            out += _project_text(r, p, part["field"])
    return tuple(out) or ((Sentence(r.say("projects/none")),),)


def _project_text(r: Region, p: Project, field: str) -> list[tuple[Sentence, ...]]:
    text = str(getattr(p, field, "") or "")
    if field == "arrangement" and not text and p.amount is not None:
        amount = r.printed(p.amount, r.w.budget.unit)
        return [(Sentence(r.say("projects/amount", amount=r.text(amount)),
                          (r.fact(p.name, amount),)),)]
    if field == "targets" and not text:
        text = r.say("projects/targets")
    return [(Sentence(line),) for line in text.split("\n") if line.strip()]


WRITERS: dict[str, Callable[[Region], Paragraphs]] = {
    "notes": notes, "three_public": three_public, "operating_cost": operating_cost,
    "procurement": procurement, "performance": performance, "assets": assets,
    "projects": projects, **regional_jiangsu.WRITERS, **jiangsu_tail.WRITERS,
    "js_other": lambda r: jiangsu_tail.js_other(r, performance),  # 江苏 十三: targets and more
}


def section_title(r: Region, entry: dict) -> str:
    """A section's title; where the wording file lists several (``title: [...]``, the ways
    the region's documents title it) the one ``options["title@<key>"]`` names."""
    titles = entry["title"]
    if isinstance(titles, str):
        return titles
    choice = r.option("title", "0")
    return str(titles[int(choice)] if choice.isdigit() and int(choice) < len(titles)
               else titles[0])


def regional_narrative(w: Writer, only: str | None = None) -> tuple[Section, ...]:
    """The sections the wording file's ``structure`` lists, numbered 一、二、… where printed so
    (numbering restarts after an unnumbered section); ``only``: those of that key alone."""
    out = []
    n = 0
    for entry in w.templates["structure"]:
        r = Region(w.within(entry["key"]))  # a section's wording may be its own
        numbered = entry.get("numbered", True)
        n = n + 1 if numbered else 0
        if only not in (None, entry["key"]):
            continue
        writer = entry.get("writer")
        if writer is not None and writer not in WRITERS:
            raise InputError(f"情况说明措辞文件 {w.budget.profile}.yaml 的“{entry['key']}”一节指定了"
                             f"未知的写法“{writer}”；可用：{'、'.join(WRITERS)}", field="structure")
        write = WRITERS.get(writer or "")
        out.append(Section(number=chinese_number(n) if numbered else "",
                           title=r.say_text(section_title(r, entry)),
                           paragraphs=write(r) if write else (), key=entry["key"]))
    return tuple(out)
