"""江苏 五 and 七: every 项 of a functional table listed under its 类, as the documents list
them — each 项 with its 款 named before it (``1．检察（款）行政运行（项）支出…``), or under a
sentence of its 款 with the 款's total (``检察（款）:2018年预算支出合计16,444.36万元。其中：``
then ``1．行政运行（项）支出…``); a 类 of one 项 numbered as the rest, or named in its heading
with its 款 and the 项 alone. Which, is a wording variant (``items/layout``,
``items/single`` in ``templates/jiangsu-12.yaml``). Names are the classification's, or
those the printed text gives where a document is written again (``Budget.names``).

``changed``: a figure's change against last year, its clause and its reason, worded as
chosen for that figure — shared by the 江苏 section writers.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.codes import class_of, kuan_of
from yusuan.model.disclosure import Row, Sentence, Table
from yusuan.model.money import convert
from yusuan.narrative.figures import Change
from yusuan.narrative.numbers import chinese_number
from yusuan.narrative.region import Region
from yusuan.narrative.wording import class_rows, level_rows, value


def changed(r: Region, key: str, amount: Decimal, where: str = "", clause: str = "clause"
            ) -> tuple[Change | None, str, str]:
    """The change of a printed amount against ``prior_year[key]`` (in the budget's unit), its
    clause and its reason clause, worded as chosen for that figure (``key``)."""
    f = r if r.w.scope[-1:] == (key,) else r.within(key)
    c = f.change(key, convert(amount, f.unit, f.w.budget.unit))
    return c, f.change_clause(c, f.own(where, clause), change_key=f.own(where, "change")), \
        f.reason(key, c, f.own(where, "reason"))


def labels(r: Region, t: Table, row: Row) -> list[str]:
    """``检察（款）``, ``行政运行（项）``: the row's name and those of its 类 and 款, each
    marked with its level, as the printed text names them where it was read from one."""
    return [r.w.budget.names.get(c.digits) or r.say("items/level_name", name=x.name,
                                                     level=c.level)
            for x, c in level_rows(t, row)]


def item_list(r: Region, t: Table | None) -> list[tuple[Sentence, ...]]:
    """Every 项 of a functional table by 类: ``（一）一般公共服务支出（类）`` then each 项
    with its change, laid out as ``items/layout`` and ``items/single`` say."""
    out: list[tuple[Sentence, ...]] = []
    if t is None:
        return out
    by_kuan = r.w.raw("items/layout") == "kuan"
    leaves = [x for x in t.rows if x.code and len(x.code) == 7]
    classes = class_rows(t)
    if leaves and r.w.raw("items/listed") == "largest":  # the largest 项 alone (2017)
        leaves = [max(leaves, key=lambda x: value(x, "total"))]
        classes = tuple(c for c in classes if c.code == class_of(leaves[0].code or ""))
    for n, cls in enumerate(classes, 1):
        items = [x for x in leaves if class_of(x.code or "") == cls.code]
        name = cls.name.removesuffix("支出")
        if len(items) == 1 and not by_kuan and r.w.raw("items/single") == "heading":
            kuan = labels(r, t, items[0])[1:-1]  # （二）…（类）行政事业单位离退休（款）
            out.append((Sentence(r.say("items/class_kuan", n=chinese_number(n), name=name,
                                       kuan="".join(kuan)), kind="heading"),))
            out.append((_item(r, t, items[0], 0, "items/alone"),))
            continue
        out.append((Sentence(r.say("items/class", n=chinese_number(n), name=name),
                             kind="heading"),))
        kuans = list(dict.fromkeys(kuan_of(x.code) for x in items if x.code)) if by_kuan else [""]
        for code in kuans:
            mine = [x for x in items if x.code and x.code.startswith(code)]
            head = t.row(code=code) if code else None
            if head is not None:
                f = r.within(f"gpb.{code}")
                amount = f.cell(t, head, "total")
                label = labels(f, t, head)[-1]
                out.append((Sentence(f.say("items/kuan", label=label, amount=f.text(amount)),
                                     (f.fact(label, amount, table=t.id, code=code,
                                             column="total"),)),))
            out += [(_item(r, t, row, i, "items/item", leaf_only=head is not None),)
                    for i, row in enumerate(mine, 1)]
    return out


def _item(r: Region, t: Table, row: Row, n: int, template: str, leaf_only: bool = False
          ) -> Sentence:
    """``1．检察（款）行政运行（项）支出…万元，与上年相比…``: one 项 with its use, change and
    reason, worded as chosen for it."""
    assert row.code is not None
    f = r.within(f"gpb.{row.code}")
    amount = f.cell(t, row, "total")
    named = labels(f, t, row)
    purpose = (f.w.budget.purposes.get(row.code, "") or "").rstrip("。")
    c, change, reason = changed(f, f"gpb.{row.code}", amount, "items")
    alone = leaf_only or f.w.raw("items/named") == "leaf"  # the 项 without its 款
    text = f.say(template, n=n, names=named[-1] if alone else "".join(named[1:]),
                 amount=f.text(amount), leaf=named[-1],
                 purpose=f.say(f.own("items", "purpose"), purpose=purpose) if purpose else "",
                 change=change, reason=reason)
    return Sentence(text, (f.fact(row.name, amount, c=c, table=t.id, code=row.code,
                                  column="total"),), kind="item")
