"""Part 3 of final accounts (部门决算情况说明): sections 一 to 十一 of the 上海 2024 template,
generated from the nine 决算 tables, the 年初预算 figures (``Budget.initial_budget``), last
year's 决算 (``prior_year``), the reasons given (``reasons``) and the topics no table holds
(``figures``, ``texts``, ``procurement``, ``assets``).

Called by ``generate.narrative`` for a budget whose edition is a 决算. Completion rates are
决算 ÷ 年初预算 × 100, half up to two decimals; shares as in the budget narrative
(``Writer.shares``); every word comes from ``templates/<profile>.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from yusuan.model.disclosure import Row, Section, Sentence, Table
from yusuan.model.money import round_half_up
from yusuan.narrative.numbers import chinese_number
from yusuan.narrative.wording import Writer, amount_text, value

Paragraphs = tuple[tuple[Sentence, ...], ...]
ZERO = Decimal(0)
INCOME_COLUMNS = (("fiscal", "财政拨款收入"), ("superior", "上级补助收入"), ("business", "事业收入"),
                  ("operating", "经营收入"), ("affiliated", "附属单位上缴收入"), ("other", "其他收入"))
EXPENDITURE_COLUMNS = (("basic", "基本支出"), ("project", "项目支出"), ("to_superior", "上缴上级支出"),
                       ("operating", "经营支出"), ("affiliated", "对附属单位补助支出"))
THREE_PUBLIC = ("abroad", "vehicle", "reception")


def rate(actual: Decimal, budget: Decimal) -> str:
    """完成率 as printed: 决算 ÷ 预算 × 100 to two decimals (empty when the budget is 0)."""
    return "" if budget == 0 else f"{round_half_up(actual / budget * 100, 2):.2f}"


def _p(*texts: str) -> tuple[Sentence, ...]:
    return tuple(Sentence(t) for t in texts if t)


def _total(table: Table | None) -> Row | None:
    return None if table is None else next((r for r in table.rows if r.is_total), None)


def _yoy(w: Writer, key: str, current: Decimal) -> str:
    c = w.change(key, current)
    return w.change_text(c) if c is not None else ""


def _with_reason(w: Writer, key: str) -> str:
    reason = w.reason(key)
    return w.say("reason", reason=reason) if reason else ""


def _vs_budget(w: Writer, key: str, actual: Decimal, budget: Decimal) -> str:
    """“决算数大于（小于）预算数的主要原因：…” where a reason is given (or 持平)."""
    reason = w.reason(key)
    if actual == budget:
        return w.say("vs_budget/same")
    if not reason:
        return ""
    return w.say(f"vs_budget/{'more' if actual > budget else 'less'}", reason=reason)


def _share_items(w: Writer, items: list[tuple[str, Decimal]], total: Decimal,
                 template: str) -> str:
    items = [(n, a) for n, a in items if a != 0]
    shares = w.shares([a for _, a in items], total) if total else ()
    return "；".join(w.say(template, name=n, amount=amount_text(a), share=f"{s:.2f}")
                    for (n, a), s in zip(items, shares, strict=False))


def overview(w: Writer) -> Paragraphs:
    summary = w.table("summary")
    total = value(summary.row(key="income.total", section="income"), "amount") if summary \
        else ZERO
    text = w.say("overview", total=amount_text(total), prev=w.budget.year - 1,
                 change=_yoy(w, "total", total))
    return (_p(text if w.prior("total") is not None else text.split("与")[0],
               _with_reason(w, "total")),)


def _table_shares(w: Writer, table_id: str, columns: tuple[tuple[str, str], ...],
                  template: str) -> Paragraphs:
    row = _total(w.table(table_id))
    total = value(row, "total")
    items = _share_items(w, [(n, value(row, k)) for k, n in columns], total, "share_item")
    return (_p(w.say(template, total=amount_text(total), items=items)),)


def appropriation(w: Writer) -> Paragraphs:
    t = w.table("appropriation")
    total = value(t.row(key="income.total", section="income"), "total") if t else ZERO
    text = w.say("appropriation", total=amount_text(total), prev=w.budget.year - 1,
                 change=_yoy(w, "appropriation", total))
    return (_p(text if w.prior("appropriation") is not None else text.split("与")[0],
               _with_reason(w, "appropriation")),)


def _path(table: Table, code: str) -> str:
    names = {r.code: r.name for r in table.rows if r.code}
    marks = ("类", "款", "项")
    return "".join(f"{names.get(code[:n], '')}（{m}）" for n, m in zip((3, 5, 7), marks,
                                                                     strict=True) if len(code) >= n)


def _items(w: Writer, table: Table, prefix: str, template: str) -> list[tuple[Sentence, ...]]:
    out = []
    items = [r for r in table.rows if r.code and len(r.code) == 7 and r.project is None]
    for i, row in enumerate(items, 1):
        actual = value(row, "total")
        budget = w.budget.initial_budget.get(f"{prefix}.{row.code}")
        if budget is None:
            continue
        purpose = w.budget.purposes.get(row.code or "", "")
        text = w.say("item_number", n=i) + w.say(
            template, path=_path(table, row.code or ""), budget=amount_text(budget),
            actual=amount_text(actual), purpose=w.say("purpose", text=purpose) if purpose else "")
        out.append(_p(text, _vs_budget(w, f"{prefix}.{row.code}", actual, budget)))
    return out


def gpb(w: Writer) -> Paragraphs:
    t = w.table("gpb")
    if t is None:
        return ()
    total = value(_total(t), "total")
    spent = value(_total(w.table("expenditure")), "total")
    share = w.shares([total], spent)[0] if spent else ZERO
    overall = w.say("gpb_overall", total=amount_text(total), share=f"{share:.2f}",
                    prev=w.budget.year - 1, change=_yoy(w, "gpb", total))
    if w.prior("gpb") is None:
        overall = overall.split("与")[0]
    classes = [(r.name, value(r, "total")) for r in t.rows if r.code and len(r.code) == 3]
    out: list[tuple[Sentence, ...]] = [
        w.heading(1, "gpb_headings/overall"), _p(overall, _with_reason(w, "gpb")),
        w.heading(2, "gpb_headings/structure"),
        _p(w.say("gpb_structure", total=amount_text(total),
                 items=_share_items(w, classes, total, "class_item")))]
    budget = w.budget.initial_budget.get("gpb")
    if budget is not None:
        out += [w.heading(3, "gpb_headings/detail"),
                _p(w.say("gpb_detail", budget=amount_text(budget), actual=amount_text(total),
                         rate=rate(total, budget)), _vs_budget(w, "gpb", total, budget),
                   w.say("gpb_detail_rest"))]
        out += _items(w, t, "gpb", "gpb_item")
    return tuple(out)


def gpb_basic(w: Writer) -> Paragraphs:
    t = w.table("gpb_basic")
    if t is None:
        return ()

    def side(section: str) -> tuple[Decimal, str]:
        rows = t.rows_of(section)
        total = value(next((r for r in rows if r.is_total), None), "amount")
        names = "、".join(r.name for r in rows if r.code and len(r.code) == 5
                         and value(r, "amount") != 0)
        return total, names

    (personnel, p_names), (public, f_names) = side("personnel"), side("public_funds")
    return (_p(w.say("gpb_basic", total=amount_text(personnel + public),
                     personnel=amount_text(personnel), personnel_items=p_names or "无",
                     public_funds=amount_text(public), public_items=f_names or "无")),)


def three_public(w: Writer) -> Paragraphs:
    t = w.table("three_public")
    row = next((r for r in t.rows if r.values), None) if t else None
    actual = value(row, "total")
    if row is None or actual == 0:
        return (_p(w.say("three_public_none")),)
    budget = value(row, "budget.total")
    names = {k: w.name("three_public_names", k) for k in THREE_PUBLIC}
    items = "；".join(w.say("three_public_item", name=names[k], actual=amount_text(value(row, k)),
                           rate=rate(value(row, k), value(row, f"budget.{k}")))
                     for k in THREE_PUBLIC if value(row, f"budget.{k}") != 0)
    out = [w.heading(1, "three_public_headings/overall"),
           _p(w.say("three_public_overall", budget=amount_text(budget),
                    actual=amount_text(actual), rate=rate(actual, budget), items=items),
              w.say("three_public_reason", vs=_vs_budget(w, "three_public", actual, budget)))]
    c = w.change("three_public.total", actual)
    if c is not None:
        out.append(_p(w.say("three_public_yoy", prev=w.budget.year - 1, change=w.change_text(c)),
                      _with_reason(w, "three_public.total")))
    shares = _share_items(w, [(names[k], value(row, k)) for k in THREE_PUBLIC], actual,
                          "three_public_share")
    out += [w.heading(2, "three_public_headings/detail"),
            _p(w.say("three_public_shares", items=shares))]
    out += [_p(w.say("item_number", n=i) + text) for i, text in enumerate(
        (w.budget.texts.get(f"three_public.{k}", "") for k in THREE_PUBLIC), 1) if text]
    return tuple(out)


def fund(w: Writer, table_id: str) -> Paragraphs:
    t = w.table(table_id)
    total = _total(t)
    name = w.name("fund_names", table_id)
    if t is None or total is None or t.is_empty:
        return (_p(w.say("fund_none", fund=name)),)
    head = w.say("fund", fund=name, income=amount_text(value(total, "income")),
                 spent=amount_text(value(total, "total")))
    return ((Sentence(head),), *_items(w, t, table_id, "fund_item"))


def performance(w: Writer) -> Paragraphs:
    return (_p(w.budget.texts.get("performance") or w.say("performance_none")),)


def other(w: Writer) -> Paragraphs:
    b = w.budget
    cost = b.figures.get("operating_cost")
    if cost is None:
        operating = w.say("operating_cost_none")
    else:
        operating = w.say("operating_cost", amount=amount_text(cost), prev=b.year - 1,
                          change=_yoy(w, "operating_cost", cost))
        if w.prior("operating_cost") is None:
            operating = operating.split("，比")[0] + "。"
    p = b.procurement
    out = [w.heading(1, "other_headings/operating_cost"),
           _p(operating, _with_reason(w, "operating_cost") if cost is not None else ""),
           w.heading(2, "other_headings/procurement"),
           _p(w.say("procurement", total=amount_text(p.total), goods=amount_text(p.goods),
                    works=amount_text(p.works), services=amount_text(p.services)),
              w.say("procurement_reserved", sme=amount_text(p.sme_reserved),
                    micro=amount_text(p.micro_reserved)))]
    if b.assets.vehicles.count is not None:
        out += [w.heading(3, "other_headings/assets"),
                _p(w.say("assets", vehicles=b.assets.vehicles.count))]
    return tuple(out)


SECTIONS: tuple[tuple[str, Callable[[Writer], Paragraphs]], ...] = (
    ("overview", overview),
    ("income", lambda w: _table_shares(w, "income", INCOME_COLUMNS, "income_total")),
    ("expenditure", lambda w: _table_shares(w, "expenditure", EXPENDITURE_COLUMNS,
                                            "expenditure_total")),
    ("appropriation", appropriation),
    ("gpb", gpb),
    ("gpb_basic", gpb_basic),
    ("three_public", three_public),
    ("gov_fund", lambda w: fund(w, "gov_fund")),
    ("state_capital", lambda w: fund(w, "state_capital")),
    ("performance", performance),
    ("other", other),
)


def final_narrative(w: Writer) -> tuple[Section, ...]:
    """The Part 3 sections 一 to 十一 of a 部门决算."""
    return tuple(Section(number=chinese_number(i), title=w.say(f"sections/{key}"),
                         paragraphs=write(w), key=key)
                 for i, (key, write) in enumerate(SECTIONS, 1))
