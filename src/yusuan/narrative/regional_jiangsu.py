"""江苏 部门预算情况说明 一 to 八 (九 on: ``jiangsu_tail``): the section writers the
``jiangsu-12`` wording file names, reading 公开01表 … 公开12表. Figures, changes (against ``prior_year``) and shares as the 2017–
2019 documents state them, each with its ``Fact`` pointing at the table cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from yusuan.model.disclosure import Row, Sentence, Table
from yusuan.narrative import economic_lists as lists
from yusuan.narrative.figures import Change
from yusuan.narrative.jiangsu_items import changed as _changed
from yusuan.narrative.jiangsu_items import item_list
from yusuan.narrative.region import Paragraphs, Region, row_of
from yusuan.narrative.wording import ZERO, value

USES = ("basic", "project", "reserve")
ENUMERATED = re.compile(r"^[一二三四五六七八九十]+、")


def _zeros(r: Region, section: str) -> bool:
    """The section lists its items of 0 too (its ``zeros`` variant is ``list``)."""
    node = r.w.templates.get(section)
    return isinstance(node, dict) and "zeros" in node and r.w.raw(f"{section}/zeros") == "list"


def _amount(r: Region, t: Table | None, row: Row | None, column: str) -> Decimal:
    return r.cell(t, row, column)


def js_overview(r: Region) -> Paragraphs:
    """一: 收支总计 with its change, 收入 by source, 支出 by 类 (公开01表), then 基本支出 /
    项目支出 / 单位预留机动经费 (公开03表)."""
    w = r.w
    t = w.table("summary")
    total = _amount(r, t, row_of(t, "income.total", "income"), "amount")
    c = r.change("income.total", total)
    change_text = "" if c is None else "，" + r.change_clause(
        c, change_key="overview/total_change")
    out: list[tuple[Sentence, ...]] = [(Sentence(
        r.say("overview/total", amount=r.text(total), change=change_text),
        (r.fact("收入、支出预算总计", total, c=c, table="summary", row="income.total",
                column="amount"),)),)]
    out.append((Sentence(r.say("overview/income", amount=r.text(total)),
                         (r.fact(w.subject("income_total"), total, table="summary",
                                 row="income.total", column="amount"),)),))
    fiscal = _amount(r, t, row_of(t, "income.fiscal", "income"), "amount")
    out.append((Sentence(r.say("overview/fiscal", amount=r.text(fiscal)),
                         (r.fact("财政拨款收入预算总计", fiscal, table="summary",
                                 row="income.fiscal", column="amount"),)),))
    # （1）一般公共预算 （2）政府性基金 under 财政拨款, then 2．财政专户管理资金 3．其他资金 …
    zeros = _zeros(r, "overview")
    others = [k for k in ("special_account", "other", "carryover")
              if zeros or _amount(r, t, row_of(t, f"income.{k}", "income"), "amount") != 0]
    rows = [(k, "overview/fund", "fund_names", i) for i, k in enumerate(("gpb", "gov_fund"), 1)]
    rows += [(k, "overview/other", "other_income", i) for i, k in enumerate(others, 2)]
    for key, template, names, n in rows:
        amount = _amount(r, t, row_of(t, f"income.{key}", "income"), "amount")
        if amount == 0 and not zeros:
            continue
        f = r.within(f"income.{key}")
        name = f.w.name(names, key)
        # an income of 0 is listed with what the document says of an income it has not
        c, change, reason = _changed(f, f"income.{key}", amount, "overview",
                                     "zero_clause" if amount == 0 else "clause")
        if amount == 0:
            reason = f.say("overview/none_reason")
        subject = name + ("收入预算" if template == "overview/fund" else "收入预算总计")
        out.append((Sentence(f.say(template, n=n, name=name, amount=f.text(amount),
                                   change=change, reason=reason),
                             (r.fact(subject, amount, c=c, table="summary",
                                     row=f"income.{key}", column="amount"),)),))
    e = w.table("expenditure")
    spent = _amount(r, e, row_of(e, "total"), "total")
    out.append((Sentence(r.say("overview/expenditure", amount=r.text(spent)),
                         (r.fact(w.subject("expenditure_total"), spent, table="expenditure",
                                 row="total", column="total"),)),))
    # the 类 rows: marked so, or (as some tables are read) the enumerated rows without a key
    classes = [row for row in (t.rows_of("expenditure") if t else ())
               if (row.kind == "class" or (row.key is None and row.code is None
                                           and ENUMERATED.match(row.name)))
               and value(row, "amount") != 0]
    if classes and r.w.raw("overview/classes") == "largest":  # the largest alone (2017)
        classes = [max(classes, key=lambda x: value(x, "amount"))]
    gpb = w.table("appropriation_functional") or w.table("gpb")
    for n, row in enumerate(classes, 1):
        name = row.name.split("、", 1)[-1].removesuffix("支出") if row.code is None else row.name
        amount = _amount(r, t, row, "amount")
        code = next((x.code for x in (gpb.rows if gpb else ()) if x.code and len(x.code) == 3
                     and x.name.removesuffix("支出") == name), None)
        purposes = w.budget.purposes
        purpose = (purposes.get(code or "", "") or "").rstrip("。")
        f = r.within(f"expenditure.{code}")
        c, change, reason = _changed(f, f"expenditure.{code}", amount, "overview")
        out.append((Sentence(f.say("overview/class", n=n, name=name, amount=f.text(amount),
                                   purpose=f.say(f.own("overview", "purpose"), purpose=purpose)
                                   if purpose else "",
                                   change=change, reason=reason),
                             (r.fact(name, amount, c=c, table="summary", code=code,
                                     column="amount"),), kind="item"),))
    uses: list[Sentence] = []
    for key in USES:
        amount = _amount(r, e, row_of(e, "total"), key)
        if amount == 0:
            continue
        f = r.within(f"expenditure.{key}")
        c, change, reason = _changed(f, f"expenditure.{key}", amount, "overview")
        # as the printed text names it where written again (2018年…单位预留机动经费)
        name = w.budget.names.get(f"use.{key}") or w.name("use_names", key)
        text = (f.say("overview/uses_lead") if not uses else "") + f.say(
            "overview/use", name=name, amount=f.text(amount),
            change=change, reason=reason)
        uses.append(Sentence(text, (r.fact(f"{w.name('use_names', key)}预算数", amount, c=c,
                                           table="expenditure", row="total", column=key),)))
    if uses:
        out.append(tuple(uses))
    return tuple(out)


def _shares_of(r: Region, t: Table | None, keys: tuple[str, ...], total: Decimal,
               zeros: bool = False) -> list[tuple[str, Decimal, Decimal]]:
    amounts = [(k, _amount(r, t, row_of(t, "total"), k)) for k in keys]
    present = [(k, a) for k, a in amounts if a != 0 or zeros]
    shares = r.shares([a for _, a in present], total)
    return [(k, a, s) for (k, a), s in zip(present, shares, strict=True)]


def js_income(r: Region) -> Paragraphs:
    """二: 本年收入 by source with its share (公开01表)."""
    w = r.w
    t = w.table("summary")
    total = _amount(r, t, row_of(t, "income.current_year", "income"), "amount")
    out: list[tuple[Sentence, ...]] = [(Sentence(
        r.say("income/lead", amount=r.text(total)),
        (r.fact("本年收入预算合计", total, table="summary", row="income.current_year",
                column="amount"),)),)]
    keys = ("gpb", "gov_fund", "special_account", "other", "carryover")
    amounts = [(k, _amount(r, t, row_of(t, f"income.{k}", "income"), "amount")) for k in keys]
    present = [(k, a) for k, a in amounts if a != 0 or (_zeros(r, "income") and k != "carryover")
               or (_zeros(r, "income") and row_of(t, f"income.{k}", "income") is not None)]
    for (k, a), share in zip(present, r.shares([a for _, a in present], total), strict=True):
        fund = k in ("gpb", "gov_fund")
        name = w.name("fund_names", k) if fund else w.name("other_income", k)
        out.append((Sentence(r.within(k).say("income/item" if fund else "income/item_other",
                                             name=name, amount=r.text(a),
                                             share=r.percent(share)),
                             (r.fact(f"{name}收入", a, share=share, table="summary",
                                     row=f"income.{k}", column="amount"),)),))
    return tuple(out)


def js_expenditure(r: Region) -> Paragraphs:
    """三: 基本支出 / 项目支出 / 单位预留机动经费 with their shares (公开03表)."""
    w = r.w
    e = w.table("expenditure")
    total = _amount(r, e, row_of(e, "total"), "total")
    listed = _zeros(r, "expenditure") and e is not None  # the columns of 0 printed too
    keys = (*USES, "carry_forward") if listed else USES
    items = _shares_of(r, e, tuple(k for k in keys if e is None or e.column(k) is not None),
                       total, listed)
    sentences = [Sentence(r.say("expenditure/lead", amount=r.text(total)),
                          (r.fact("本年支出预算合计", total, table="expenditure", row="total",
                                  column="total"),))]
    for i, (k, a, share) in enumerate(items):
        f = r.within(f"expenditure.{k}")
        end = f.say("expenditure/last" if i == len(items) - 1 else "expenditure/separator")
        sentences.append(Sentence(
            f.say("expenditure/item", name=w.name("use_names", k), amount=f.text(a),
                  share=f.percent(share), end=end),
            (r.fact(w.name("use_names", k), a, share=share, table="expenditure", row="total",
                    column=k),)))
    return (tuple(sentences),)


def _total_change(r: Region, key: str, amount: Decimal, template: str
                  ) -> tuple[Change | None, str]:
    c = r.change(key, amount)
    if c is None:
        return None, ""
    words = r.change_clause(c, change_key="appropriation/change_words")
    return c, r.say(template, change=words, reason=r.reason(key, c))


def js_appropriation(r: Region) -> Paragraphs:
    """四: 财政拨款收、支总预算 (公开04表) and its change."""
    t = r.w.table("appropriation")
    total = _amount(r, t, row_of(t, "income.total", "income"), "total")
    c, change = _total_change(r, "appropriation.total", total, "appropriation/change")
    return ((Sentence(r.say("appropriation/total", amount=r.text(total)),
                      (r.fact("财政拨款收、支总预算", total, table="appropriation",
                              row="income.total", column="total"),)),
             *((Sentence(change, (r.fact("财政拨款收、支总计", total, c=c),)),) if change
               else ())),)


def js_appropriation_items(r: Region) -> Paragraphs:
    """五: 财政拨款支出 (公开05表) with its share of 本年支出, then every 项 by 类."""
    w = r.w
    t, e = w.table("appropriation_functional"), w.table("expenditure")
    total = _amount(r, t, row_of(t, "total"), "total")
    spent = _amount(r, e, row_of(e, "total"), "total")
    (share,) = r.shares([total], spent) if spent else (ZERO,)
    f = r.within("appropriation.total")  # the total worded apart from the items
    c, change, reason = _changed(f, "appropriation.total", total, "items_total")
    out: list[tuple[Sentence, ...]] = [(Sentence(
        f.say("items/total", amount=f.text(total), share=f.percent(share), change=change,
              reason=reason),
        (r.fact("财政拨款预算支出", total, share=share, c=c, table="appropriation_functional",
                row="total", column="total"),)),)]
    return (*out, *item_list(r, t))


def _basic(r: Region, table_id: str, lead: str) -> Paragraphs:
    """六/八: 基本支出 = 人员经费 + 公用经费, with the names of their 款 (公开06/08表)."""
    w = r.w
    t = w.table(table_id)
    total = r.cell(t, row_of(t, "total"), "total")
    rows = [x for x in (t.rows if t else ()) if x.code and len(x.code) == 5]
    personnel = [x for x in rows if x.code and not x.code.startswith("302")]
    public = [x for x in rows if x.code and x.code.startswith("302")]
    sep = r.say("basic/separator")
    out: list[Sentence] = [Sentence(r.say(lead, amount=r.text(total)),
                                    (r.fact("基本支出预算", total, table=table_id, row="total",
                                            column="total"),))]
    if lists.listed(r, "basic"):  # the 款 one by one under their 类 (政协办公厅 2017)
        return ((out[0],), *lists.groups(r, "basic", t, [
            (w.name("basic_names", "personnel"), personnel),
            (w.name("basic_names", "public_funds"), public)]))
    for key, group in (("personnel", personnel), ("public_funds", public)):
        amount = lists.group_amount(r, t, group)
        if group:
            out.append(Sentence(r.say(f"basic/{key}", amount=r.text(amount),
                                      names=sep.join(x.name for x in group)),
                                (r.fact(w.name("basic_names", key), amount),)))
    return (tuple(out),)


def js_appropriation_basic(r: Region) -> Paragraphs:
    return _basic(r, "appropriation_basic", "basic/appropriation")


def js_gpb_basic(r: Region) -> Paragraphs:
    return _basic(r, "gpb_basic", "basic/gpb")


def js_gpb(r: Region) -> Paragraphs:
    """七: 一般公共预算财政拨款支出 (公开07表) and its change."""
    t, e = r.w.table("gpb"), r.w.table("expenditure")
    total = r.cell(t, row_of(t, "total"), "total")
    spent = _amount(r, e, row_of(e, "total"), "total")
    (share,) = r.shares([total], spent) if spent else (ZERO,)
    f = r.within("gpb.total")
    c, change, reason = _changed(f, "gpb.total", total, "gpb")
    head = ((Sentence(f.say("gpb/total", amount=f.text(total), change=change, reason=reason,
                            share=f.percent(share)),
                      (r.fact("一般公共预算财政拨款支出预算", total, c=c, table="gpb", row="total",
                              column="total"),)),),)
    return (*head, *item_list(r, t)) if lists.listed(r, "gpb") else head


WRITERS: dict[str, Callable[[Region], Paragraphs]] = {
    "js_overview": js_overview, "js_income": js_income, "js_expenditure": js_expenditure,
    "js_appropriation": js_appropriation, "js_appropriation_items": js_appropriation_items,
    "js_appropriation_basic": js_appropriation_basic, "js_gpb": js_gpb,
    "js_gpb_basic": js_gpb_basic,
}
