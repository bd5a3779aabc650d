"""The 款 of an economic classification table listed one by one, as some 江苏 documents word
their 基本支出 and 机关运行经费 sections (政协办公厅 2017):

    （一）人员经费4,704.35万元
    1、工资福利支出（类）2,097.51万元
    （1）基本工资（款）支出737.94万元。用于发放…

Whether a document lists them so, or names them in one sentence, is a wording variant
(``listing`` of the section in ``templates/<profile>.yaml``); the words are the wording
file's (``group``, ``class``, ``class_alone``, ``item``, ``purpose``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from yusuan.model.codes import class_of
from yusuan.model.disclosure import Row, Sentence, Table
from yusuan.narrative.numbers import chinese_number
from yusuan.narrative.region import Paragraphs, Region
from yusuan.narrative.wording import ZERO

_MARKER = re.compile(r"[（(][类款项][）)]$")


def printed_name(r: Region, code: str, name: str) -> str:
    """The row's name as the printed text gives it (``Budget.names``, without its level
    marker: the wording file places that), else the table's."""
    label = r.w.budget.names.get(code)
    return _MARKER.sub("", label) if label else name


def listed(r: Region, section: str) -> bool:
    """The section lists its 款 one by one (its ``listing`` variant is ``items``)."""
    node = r.w.templates.get(section)
    return isinstance(node, dict) and "listing" in node and r.w.raw(f"{section}/listing") == "items"


def items(r: Region, section: str, t: Table | None, rows: Sequence[Row], start: int = 1
          ) -> list[tuple[Sentence, ...]]:
    """``（1）办公费（款）支出110万元。用于…`` for each 款 row, numbered from ``start``."""
    out: list[tuple[Sentence, ...]] = []
    for n, row in enumerate(rows, start):
        assert row.code is not None
        amount = r.cell(t, row, "total")
        purpose = (r.w.budget.purposes.get(row.code, "") or "").rstrip("。")
        text = r.say(f"{section}/item", n=n, name=printed_name(r, row.code, row.name),
                     amount=r.text(amount),
                     purpose=r.say(f"{section}/purpose", purpose=purpose) if purpose else "")
        out.append((Sentence(text, (r.fact(row.name, amount, table=t.id if t else None,
                                           code=row.code, column="total"),), kind="item"),))
    return out


def _class_amount(r: Region, t: Table | None, code: str, rows: Sequence[Row]) -> Decimal:
    """A 类's amount as the table prints it: its own row, or (a 类 the table does not print)
    the sum of its 款 among ``rows``."""
    head = t.row(code=code) if t else None
    if head is not None:
        return r.cell(t, head, "total")
    return sum((r.cell(t, x, "total") for x in rows
                if x.code and class_of(x.code, "economic_dept") == code), ZERO)


def _classes(rows: Sequence[Row]) -> list[str]:
    return list(dict.fromkeys(class_of(x.code, "economic_dept") for x in rows if x.code))


def group_amount(r: Region, t: Table | None, rows: Sequence[Row]) -> Decimal:
    """A group's amount (人员经费, 公用经费) as the table prints it: the sum of its 类 — the
    printed 款 of a 类 may differ from its printed 类 by their rounding, and the text is held
    against the 类."""
    return sum((_class_amount(r, t, code, rows) for code in _classes(rows)), ZERO)


def groups(r: Region, section: str, t: Table | None,
           parts: Sequence[tuple[str, Sequence[Row]]]) -> Paragraphs:
    """Each group (人员经费, 公用经费: its name and 款 rows) with its amount, then its 类 —
    numbered where the group has more than one — each followed by its 款."""
    out: list[tuple[Sentence, ...]] = []
    table = t.id if t else None
    for g, (name, rows) in enumerate((p for p in parts if p[1]), 1):
        amount = group_amount(r, t, rows)
        out.append((Sentence(r.say(f"{section}/group", n=chinese_number(g), name=name,
                                   amount=r.text(amount)), (r.fact(name, amount),),
                             kind="heading"),))
        classes = _classes(rows)
        for c, code in enumerate(classes, 1):
            mine = [x for x in rows if x.code and class_of(x.code, "economic_dept") == code]
            head = t.row(code=code) if t else None
            total = _class_amount(r, t, code, mine)
            label = printed_name(r, code, head.name if head is not None else code)
            template = "class" if len(classes) > 1 else "class_alone"
            out.append((Sentence(r.say(f"{section}/{template}", n=c, name=label,
                                       amount=r.text(total)),
                                 (r.fact(label, total, table=table, code=code, column="total"),),
                                 kind="heading"),))
            out += items(r, section, t, mine)
    return tuple(out)
