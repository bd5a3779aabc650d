"""Part 1 (部门概况) 机构设置及人员情况: the paragraphs stating the structured overview.

They follow from what a ``Disclosure`` holds (department, year, edition, ``Overview``) in the
words of its region (``reference/organisation.yaml``: the budget units, the 内设机构, their
counts, as each region's documents print them), so the model derives them once per disclosure
(``Disclosure.organisation_paragraphs``): the renderers and the portal print that, and a
Disclosure JSON file needs no field for them. A profile without its wording is an error that
says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from yusuan.model.errors import InputError

if TYPE_CHECKING:  # ``disclosure`` derives its paragraphs here: the type only, no cycle
    from yusuan.model.disclosure import Overview

OWN_UNIT = ("本级", "本部", "（本级）", "(本级)", "（本部）", "(本部)", "机关")
WORDING_FILE = "reference/organisation.yaml"
# a paragraph given that states the composition already (…下属1家事业单位的综合收支计划)
_COMPOSED = re.compile(r"下属\s*\d+\s*家")
KEYS = ("composition", "divisions", "counts", "units", "one_unit", "item", "inline")


@cache
def _wordings() -> Mapping[str, Mapping[str, object]]:
    text = (resources.files("yusuan.reference") / "organisation.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text) or {}
    for profile, words in raw.items():
        unknown = {k for k, v in words.items() if k not in KEYS and not isinstance(v, dict)}
        if unknown:
            raise InputError(f"“{profile}”的机构设置用词有未知的键：{'、'.join(sorted(unknown))}"
                             f"，可用：{'、'.join(KEYS)}", file=WORDING_FILE, field=profile)
    return raw


def wording(profile: str, edition: str = "部门预算") -> Mapping[str, object]:
    """The 机构设置 wording of a profile (and edition: the keys an edition words otherwise,
    given under its name); ``InputError`` naming the file where it has none."""
    words = _wordings().get(profile)
    if words is None:
        raise InputError(f"表格配置“{profile}”没有第一部分机构设置的用词（{WORDING_FILE}），"
                         f"已有：{'、'.join(_wordings())}", file=WORDING_FILE, field=profile)
    own = words.get(edition)
    return {**words, **own} if isinstance(own, Mapping) else words


def _say(template: object, profile: str, **fields: object) -> str:
    try:
        return str(template or "").format(**fields)
    except (KeyError, IndexError) as exc:
        raise InputError(f"“{profile}”的机构设置用词“{template}”用了未知的占位符 {exc}",
                         file=WORDING_FILE, field=profile) from None


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _change(n: int | None) -> str:
    if n is None:
        return ""
    return f"，增加 {n} 人" if n >= 0 else f"，减少 {-n} 人"


def _units(department: str, year: int, edition: str, overview: Overview,
           profile: str) -> tuple[str | None, list[str], list[str]]:
    """The composition sentence, the units' sentences and the list's items."""
    words = wording(profile, edition)
    units = overview.units
    # the first unit is the department's own (本级) when named after it: 某局 / 某局机关,
    # or when called so under a short name: 省政协办公厅本级, 商务委本部, 某局（本级）
    own = (units[0] in (department, f"{department}机关", f"{department}本级")
           or units[0].endswith(OWN_UNIT))
    counts = ""
    if overview.admin_unit_count is not None and overview.institution_unit_count is not None:
        counts = _say(words.get("counts"), profile, admin=overview.admin_unit_count,
                      institution=overview.institution_unit_count)
    notes = overview.unit_notes + ("",) * (len(units) - len(overview.unit_notes))
    fields = {"department": department, "year": year, "edition": edition,
              "scope": edition[:-2], "word": edition[-2:],  # 预算, or 决算 for final accounts
              "own": units[0] if own else f"{department}本级",
              "subordinate": len(units) - 1 if own else len(units), "total": len(units),
              "counts": counts, "names": "、".join(units)}
    composition = _say(words.get("composition"), profile, **fields) or None
    one = words.get("one_unit") if len(units) == 1 else None
    lead = _say(one or words.get("units"), profile, **fields)
    items = [] if words.get("inline") else [
        _say(words.get("item"), profile, n=i, unit=u, note=note)
        for i, (u, note) in enumerate(zip(units, notes, strict=True), 1)]
    return composition, [lead] if lead else [], items


def organisation_paragraphs(department: str, year: int, edition: str,
                            overview: Overview, profile: str) -> tuple[str, ...]:
    """The 机构设置及人员情况 paragraphs: free text given in the source (``organisation``)
    first, then the sentences stating the structured facts (units, divisions, staffing) in
    the region's words."""
    out: list[str] = list(overview.organisation)
    units = overview.units
    composition, lead, items = (_units(department, year, edition, overview, profile)
                                if units else (None, [], []))
    if composition and not any(_COMPOSED.search(p) for p in out):  # not said twice
        out.append(composition)
    divisions = overview.internal_divisions
    # text given or a unit's list item naming every 内设机构 states them already (上海 单位:
    # （一）秘书科。…; 商务委: 1. 商务委本部，…设9个内设机构，包括：…)
    given = _compact("".join(overview.organisation + overview.unit_notes))
    if divisions and not all(_compact(name) in given for name in divisions):
        out.append(_say(wording(profile, edition).get("divisions"), profile, department=department,
                        count=len(divisions), names="、".join(divisions)))
    out += [p for p in lead + items if p]
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
    return tuple(p for p in out if p)
