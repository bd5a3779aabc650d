"""Part 3 sections 一 to 四: totals, income, expenditure, 财政拨款 (from 表1, 表3, 表4).

Each function takes the ``Writer`` (budget + templates) and returns the section's
paragraphs (tuples of ``Sentence`` with their ``Fact`` records).
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.disclosure import Sentence
from yusuan.narrative.wording import ZERO, Writer, amount_text, class_rows, value

Paragraphs = tuple[tuple[Sentence, ...], ...]

FISCAL_INCOME = ("gpb", "gov_fund", "state_capital")  # always stated in 二, even when 0
OTHER_INCOME = ("special_account", "unit_funds", "carryover")  # stated when not 0
FUNDS = ("gpb", "gov_fund", "state_capital")


def _income(w: Writer, key: str) -> Decimal:
    t = w.table("summary")
    return ZERO if t is None else value(t.row(key=f"income.{key}", section="income"), "amount")


def _income_total(w: Writer) -> Decimal:
    t = w.table("summary")
    return ZERO if t is None else value(t.row(key="income.total", section="income"), "amount")


def overview(w: Writer) -> Paragraphs:
    """一: scope, 收支总预算, the income and expenditure types (non-zero rows of 表1)."""
    total = _income_total(w)
    sep = w.say("overview/separator")
    first = (Sentence(w.say("overview/scope")),
             Sentence(w.say("overview/total", amount=amount_text(total)),
                      (w.fact(w.subject("total_budget"), total, table="summary", row="income.total",
                              column="amount"),)))
    income_keys = [k for k in FISCAL_INCOME + OTHER_INCOME if _income(w, k) != 0]
    names = [w.name("income_names", k) for k in income_keys]
    income = Sentence(
        w.say("overview/income_types", names=sep.join(names) or w.say("overview/none")),
        tuple(w.fact(n, _income(w, k), table="summary", row=f"income.{k}", column="amount")
              for n, k in zip(names, income_keys, strict=True)))
    t = w.table("summary")
    classes = class_rows(t, "amount", "expenditure") if t is not None else ()
    spending = Sentence(
        w.say("overview/expenditure_types",
              names=sep.join(r.name for r in classes) or w.say("overview/none")),
        tuple(w.fact(r.name, value(r, "amount"), table="summary", code=r.code, column="amount")
              for r in classes))
    return (first, (income,), (spending,))


def income(w: Writer) -> Paragraphs:
    """二: each income type with its share, change and reason; the 上级转移支付 lines."""
    total = _income_total(w)
    keys = list(FISCAL_INCOME) + [k for k in OTHER_INCOME if _income(w, k) != 0]
    amounts = [_income(w, k) for k in keys]
    shares = w.shares(amounts, total)
    out: list[tuple[Sentence, ...]] = [(Sentence(
        w.say("income/lead", amount=amount_text(total)),
        (w.fact(w.subject("income_total"), total, table="summary", row="income.total",
                column="amount"),)),)]
    for key, amount, share in zip(keys, amounts, shares, strict=True):
        name = w.name("income_names", key)
        c = w.change(f"income.{key}", amount)
        text = w.say("income/item", name=name, amount=amount_text(amount), share=f"{share:.2f}",
                     yoy=w.yoy_text(c), reason=w.reason_inline(w.reason(f"income.{key}"))
                     if c is not None else "")
        out.append((Sentence(text, (w.fact(name, amount, c=c, share=share, table="summary",
                                           row=f"income.{key}", column="amount"),)),))
        if key in FISCAL_INCOME:
            transfer = _income(w, f"{key}.transfer")
            tname = w.name("transfer_names", key)
            if transfer == 0:
                out.append((Sentence(w.say("income/transfer_none", name=tname)),))
            else:
                out.append((Sentence(
                    w.say("income/transfer", name=tname, amount=amount_text(transfer)),
                    (w.fact(tname, transfer, table="summary", row=f"income.{key}.transfer",
                            column="amount"),)),))
    return tuple(out)


def expenditure(w: Writer) -> Paragraphs:
    """三: 支出预算 = 基本支出 + 项目支出 (表3), shares, changes, reasons."""
    t = w.table("expenditure")
    total_row = t.row(key="total") if t is not None else None
    total = value(total_row, "total")
    parts = ("basic", "project")
    amounts = [value(total_row, p) for p in parts]
    shares = w.shares(amounts, total)
    out: list[tuple[Sentence, ...]] = [(Sentence(
        w.say("expenditure/lead", amount=amount_text(total)),
        (w.fact(w.subject("expenditure_total"), total, table="expenditure", row="total",
                column="total"),)),)]
    for part, amount, share in zip(parts, amounts, shares, strict=True):
        name = w.say(f"expenditure/{part}")
        c = w.change(f"expenditure.{part}", amount)
        reason = w.reason(f"expenditure.{part}") if c is not None else ""
        text = w.say("expenditure/item", name=name, amount=amount_text(amount),
                     share=f"{share:.2f}", yoy=w.yoy_text(c), reason=w.reason_inline(reason))
        out.append((Sentence(text, (w.fact(name, amount, c=c, share=share, table="expenditure",
                                           row="total", column=part),)),))
    return tuple(out)


def carryover_fiscal(w: Writer, fund: str) -> Decimal:
    """上年财政拨款结转 of one budget (表1 ``income.carryover.fiscal.<fund>``)."""
    return _income(w, f"carryover.fiscal.{fund}")


def current_appropriation(w: Writer, fund: str) -> Decimal:
    """This year's 拨款 of one budget (表1 ``income.<fund>``, 本年收入)."""
    return _income(w, fund)


def carried_in(w: Writer, fund: str, total: Decimal) -> Decimal:
    """The 上年财政拨款结转 a fund's table (表5, 表8, 表9) holds besides this year's 拨款:
    表1's, where the table's 总计 is more than this year's 拨款; 0 where it shows this
    year's 拨款 only (or there is no carry-over)."""
    carry = carryover_fiscal(w, fund)
    return carry if carry and total != _income(w, fund) else ZERO


def _appropriation_income_split(w: Writer, present: list[str],
                                carried: dict[str, Decimal]) -> Sentence:
    """四 with a 上年财政拨款结转: each budget's 当年拨款 (表1 本年收入) and its 结转 (表1
    上年结转结余), stated apart — the carry-over is money of earlier years, not an 拨款 of
    this one."""
    items: list[str] = []
    facts = []
    for f in present:
        current = _income(w, f)
        if current != 0:
            name = w.name("fund_current_names", f)
            items.append(w.say("appropriation/income_item", name=name,
                               amount=amount_text(current)))
            facts.append(w.fact(name, current, table="summary", row=f"income.{f}",
                                column="amount"))
        if carried[f] != 0:
            name = w.name("fund_carryover_names", f)
            items.append(w.say("appropriation/income_item", name=name,
                               amount=amount_text(carried[f])))
            facts.append(w.fact(name, carried[f], table="summary",
                                row=f"income.carryover.fiscal.{f}", column="amount"))
    return Sentence(w.say("appropriation/income", items=w.say("appropriation/separator")
                          .join(items)), tuple(facts))


def appropriation(w: Writer) -> Paragraphs:
    """四: 财政拨款收支总预算 (表4), which funds, and what each fund's spending is for."""
    t = w.table("appropriation")
    total = value(t.row(key="income.total", section="income"), "total") if t else ZERO
    out: list[tuple[Sentence, ...]] = [(Sentence(
        w.say("appropriation/total", amount=amount_text(total)),
        (w.fact(w.subject("appropriation_total"), total, table="appropriation", row="income.total",
                column="total"),)),)]
    amounts = {f: value(t.row(key=f"income.{f}", section="income"), "total") if t else ZERO
               for f in FUNDS}
    present = [f for f in FUNDS if amounts[f] != 0]
    absent = [f for f in FUNDS if amounts[f] == 0]
    carried = {f: carryover_fiscal(w, f) for f in FUNDS}
    has_carryover = any(carried[f] != 0 for f in present)
    sep = w.say("appropriation/separator")
    if present == ["gpb"]:
        out.append((Sentence(w.say("appropriation/only_gpb_carryover" if has_carryover
                                   else "appropriation/only_gpb")),))
    elif not present:
        out.append((Sentence(w.say("appropriation/none")),))
    else:
        absent_text = (w.say("appropriation/composition_absent",
                             names=sep.join(w.name("fund_names", f) for f in absent))
                       if absent else "")
        key, names = (("composition_carryover", "fund_current_names") if has_carryover
                      else ("composition", "fund_names"))
        out.append((Sentence(w.say(f"appropriation/{key}", absent=absent_text,
                                   present=sep.join(w.name(names, f) for f in present
                                                    if not has_carryover or _income(w, f)))),))
    if present and has_carryover:
        out.append((_appropriation_income_split(w, present, carried),))
    elif present:
        items = [w.say("appropriation/income_item", name=w.name("fund_names", f),
                       amount=amount_text(amounts[f])) for f in present]
        out.append((Sentence(
            w.say("appropriation/income", items=sep.join(items)),
            tuple(w.fact(w.name("fund_names", f), amounts[f], table="appropriation",
                         row=f"income.{f}", column="total") for f in present)),))
    for fund in FUNDS:
        rows = class_rows(t, fund, "expenditure") if t is not None else ()
        if not rows:
            continue
        sentences = []
        for i, r in enumerate(rows):
            purposes = w.budget.purposes
            purpose = (purposes.get(f"{fund}.{r.code}") or purposes.get(r.code or "", "")
                       ).strip().rstrip("。")
            text = w.say("appropriation/spending_item", name=r.name,
                         amount=amount_text(value(r, fund)),
                         purpose=w.say("purpose", purpose=purpose) if purpose else "")
            if i == 0:
                text = w.say("appropriation/spending_lead",
                             fund=w.name("fund_spending", fund)) + text
            text += w.say("appropriation/end" if i == len(rows) - 1
                          else "appropriation/item_separator")
            sentences.append(Sentence(text, (w.fact(r.name, value(r, fund),
                                                    table="appropriation", code=r.code,
                                                    column=fund),)))
        out.append(tuple(sentences))
    return tuple(out)
