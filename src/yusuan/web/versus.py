"""Budget against actual on a department's page: for each year the portal holds both the
部门预算 and the 部门决算 (or both 单位 editions), the 一般公共预算 per 类 and the “三公”
items side by side — 年初预算数, 决算数 and the completion rate (决算 ÷ 预算 × 100, two
decimals, half up), and the reason the 决算 states for the difference.

Where it sits: the department page reads it; it is computed from the stored ``Disclosure``s
(amounts in 元, exact). The 三公 预算数 come from the budget document where it prints them,
else from the 决算's own 预算数 columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from yusuan.model.disclosure import Disclosure, Table
from yusuan.model.money import round_half_up, to_yuan
from yusuan.reference.three_public import three_public_names

THREE_PUBLIC = three_public_names(("total", "abroad", "vehicle", "reception"), final=True)


@dataclass(frozen=True)
class VersusRow:
    code: str
    name: str
    budget: Decimal | None  # 元
    actual: Decimal | None  # 元

    @property
    def rate(self) -> Decimal | None:
        if not self.budget or self.actual is None:
            return None
        return round_half_up(self.actual / self.budget * 100, 2)


@dataclass(frozen=True)
class VersusYear:
    year: int
    budget_id: int
    final_id: int
    classes: tuple[VersusRow, ...]
    three_public: tuple[VersusRow, ...]
    gpb_reason: str = ""  # the 决算's stated reason for 决算数 ≠ 年初预算数 (一般公共预算)
    three_public_reason: str = ""
    gpb: VersusRow | None = None  # 一般公共预算财政拨款支出合计

    @property
    def three_public_total(self) -> VersusRow | None:
        return next((r for r in self.three_public if r.code == "total"), None)


_REASON = re.compile(r"决算数(?:大于|小于)(?:年初)?预算数的主要原因[：:]([^。]+)")


def stated_reason(d: Disclosure, opening: str) -> str:
    """The reason the 决算 gives after the paragraph stating ``opening`` (e.g. “一般公共预算
    财政拨款支出年初预算为”), as printed; empty where it gives none."""
    for section in d.narrative:
        for paragraph in section.paragraphs:
            text = "".join("".join(s.text for s in paragraph).split())
            if opening in text and (m := _REASON.search(text, text.index(opening))):
                return m.group(1)
    return ""


def class_totals(table: Table | None) -> dict[str, tuple[str, Decimal | None]]:
    """类 code → (name, 合计 in 元; ``None`` where blank) of a table's 类 rows (3-digit code,
    not a project): the figures the department page sets side by side or year by year."""
    if table is None:
        return {}
    return {r.code: (r.name, None if (v := r.value("total")) is None else to_yuan(v, table.unit))
            for r in table.rows if r.code and len(r.code) == 3 and r.project is None}


def _total(table: Table | None) -> Decimal | None:
    row = None if table is None else next((r for r in table.rows if r.is_total), None)
    value = row.value("total") if row is not None else None
    return None if value is None or table is None else to_yuan(value, table.unit)


def _item(table: Table | None, key: str) -> Decimal | None:
    """A 三公 item printed as a column of the data row, or as a row (key) with a 合计 column."""
    if table is None:
        return None
    for r in table.rows:
        v = r.value(key) if r.key is None or r.key == "total" else None
        if v is None and r.key == key:
            v = r.value("total")
        if v is not None:
            return to_yuan(v, table.unit)
    return None


def versus(year: int, budget: tuple[int, Disclosure], final: tuple[int, Disclosure]
           ) -> VersusYear:
    (budget_id, b), (final_id, f) = budget, final
    planned, spent = class_totals(b.table("gpb")), class_totals(f.table("gpb"))
    classes = tuple(VersusRow(code, (spent.get(code) or planned[code])[0],
                              planned.get(code, ("", None))[1], spent.get(code, ("", None))[1])
                    for code in sorted(planned.keys() | spent.keys()))
    t_b, t_f = b.table("three_public"), f.table("three_public")
    three = tuple(VersusRow(key, name, _item(t_b, key) if _item(t_b, key) is not None
                            else _item(t_f, f"budget.{key}"), _item(t_f, key))
                  for key, name in THREE_PUBLIC)
    return VersusYear(year, budget_id, final_id, classes, three,
                      stated_reason(f, "一般公共预算财政拨款支出年初预算为"),
                      stated_reason(f, "“三公”经费财政拨款支出年初预算为"),
                      VersusRow("gpb", "一般公共预算财政拨款支出合计", _total(b.table("gpb")),
                                _total(f.table("gpb"))))


def department_versus(items: Sequence[tuple[int, Disclosure]]) -> list[VersusYear]:
    """Every year (newest first) with a budget and a final-accounts document of one edition
    (部门 with 部门, 单位 with 单位)."""
    out = []
    for year in sorted({d.year for _, d in items}, reverse=True):
        for who in ("部门", "单位"):
            b = next(((i, d) for i, d in items if d.year == year and d.edition == f"{who}预算"),
                     None)
            f = next(((i, d) for i, d in items if d.year == year and d.edition == f"{who}决算"),
                     None)
            if b and f:
                out.append(versus(year, b, f))
    return out
