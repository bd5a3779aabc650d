"""Part 1 (部门概况) 机构设置及人员情况: the paragraphs stating the structured overview.

They follow from what a ``Disclosure`` holds (department, year, edition, ``Overview``) and read
the same in every region, so the model derives them once per disclosure
(``Disclosure.organisation_paragraphs``): the renderers and the portal print that, and a
Disclosure JSON file needs no field for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # ``disclosure`` derives its paragraphs here: the type only, no cycle
    from yusuan.model.disclosure import Overview

OWN_UNIT = ("本级", "本部", "（本级）", "(本级)", "（本部）", "(本部)", "机关")


def _change(n: int | None) -> str:
    if n is None:
        return ""
    return f"，增加 {n} 人" if n >= 0 else f"，减少 {-n} 人"


def organisation_paragraphs(department: str, year: int, edition: str,
                            overview: Overview) -> tuple[str, ...]:
    """The 机构设置及人员情况 paragraphs: free text given in the source (``organisation``)
    first, then the sentences stating the structured facts (units, divisions, staffing)."""
    out: list[str] = list(overview.organisation)
    units = overview.units
    if units:
        # the first unit is the department's own (本级) when named after it: 某局 / 某局机关,
        # or when called so under a short name: 省政协办公厅本级, 商务委本部, 某局（本级）
        own = (units[0] in (department, f"{department}机关", f"{department}本级")
               or units[0].endswith(OWN_UNIT))
        subordinate = len(units) - 1 if own else len(units)
        word = edition[-2:]  # 预算, or 决算 for final accounts
        out.append(f"从预算单位构成看，{department}的{word}包括：{department}本级{word}及下属 "
                   f"{subordinate} 家预算单位在内的汇总{word}。")
    if overview.internal_divisions:
        out.append(f"{department}本级下设 {len(overview.internal_divisions)} 个处室，分别是："
                   f"{'、'.join(overview.internal_divisions)}。")
    if units:
        counts = ""
        if overview.admin_unit_count is not None and overview.institution_unit_count is not None:
            counts = (f"行政单位 {overview.admin_unit_count} 家，"
                      f"事业单位 {overview.institution_unit_count} 家，")
        out.append(f"本部门中，{counts}纳入{department}{year}年{edition}编制范围的下属预算单位包括：")
        out.extend(f"{i}、{u}" for i, u in enumerate(units, 1))
    s = overview.staffing
    if s.actual is not None:
        parts = []
        if s.in_service is not None:
            parts.append(f"在职 {s.in_service} 人{_change(s.in_service_change)}")
        if s.retired is not None:
            parts.append(f"退休 {s.retired} 人{_change(s.retired_change)}")
        if s.lixiu is not None:
            parts.append(f"离休 {s.lixiu} 人{_change(s.lixiu_change)}")
        authorized = f"编制数 {s.authorized}，" if s.authorized is not None else ""
        detail = f"，其中：{'；'.join(parts)}" if parts else ""
        out.append(f"{department}{authorized}实有人数 {s.actual} 人{detail}。")
    return tuple(out)
