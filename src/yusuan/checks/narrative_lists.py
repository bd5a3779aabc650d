"""Rules C1/C3: the lists of Part 3 are complete — every non-zero 类 of the summary table
named in 说明一, every 项 of the 一般公共预算 table in 说明五(三), and the 款 names 说明六 lists
for 人员经费 and 公用经费 those of the 基本支出表 that hold amounts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.facts import compact
from yusuan.checks.located import said_at
from yusuan.checks.rule import Rule, fmt, loc
from yusuan.model.finding import Finding
from yusuan.reference.classification import normalize_name
from yusuan.reference.numerals import strip_numbering


def _listed(ctx: Context) -> Iterator[Finding]:
    """Every non-zero 类 of 表1 is named in 说明一, every 项 of 表5 in 五(三)."""
    d = ctx.disclosure
    ix = ctx.index
    for section_key, table_id, depth, title in (("overview", "summary", 3, "说明一支出预算"),
                                                ("gpb", "gpb", 7, "说明五（三）")):
        section = d.section(section_key)
        t = ix.get(table_id)
        if section is None or t is None:
            continue
        said = {f.ref_code for s in section.sentences() for f in s.facts
                if f.ref_table == table_id and f.ref_code and len(f.ref_code) == depth}
        if not said:
            continue  # the section states no per-code facts: nothing to compare
        side = "expenditure" if table_id == "summary" else None
        column = "amount" if table_id == "summary" else "total"
        text = normalize_name("".join(x.text for x in section.sentences()))
        for r in t.coded:
            if r.section == side and len(r.code or "") == depth and \
                    r.value(column) not in (None, Decimal(0)) and r.code not in said and \
                    normalize_name(strip_numbering(r.name)) not in text:
                yield LISTED.finding(f"{title}没有提到“{r.code} {r.name}”（{fmt(r.value(column))}{t.table.unit}）",
                                     loc(d, t.table, r, column), expected=r.value(column))


LISTED = Rule("narrative.lists-complete", "warning", "narrative",
              "说明列出表中每个有数的类（说明一）和项（说明五（三））", "docs/identities.md C1、C3", _listed)


def _name_lists(ctx: Context) -> Iterator[Finding]:
    """说明六: 人员经费/公用经费“主要包括”的名单 = 表6 中有数的款."""
    d = ctx.disclosure
    ix = ctx.index
    t = ix.get("gpb_basic")
    section = d.section("gpb_basic")
    if t is None or section is None:
        return
    for s in section.sentences():
        m = re.search(r"(人员经费|公用经费)[^：:]*主要包括[：:](.+?)。?$", compact(s.text))
        if m is None:
            continue
        column = "personnel" if m.group(1) == "人员经费" else "public_funds"
        if t.table.column(column) is None:  # 江苏 公开06/08表 print one 金额 column
            continue
        names = [n for n in re.split(r"[、，,]", m.group(2).rstrip("。等")) if n]
        rows = [r for r in t.coded if len(r.code or "") == 5 and r.value(column)]
        said = {normalize_name(n) for n in names}
        printed = {normalize_name(r.name) for r in rows}
        missing = [r for r in rows if normalize_name(r.name) not in said]
        extra = [n for n in names if normalize_name(n) not in printed]
        if missing or extra:
            parts = []
            if missing:
                parts.append("未列出 " + "、".join(r.name for r in missing))
            if extra:
                parts.append("表中没有 " + "、".join(extra))
            yield NAME_LISTS.finding(
                f"说明六{m.group(1)}“主要包括”的名单与基本支出表不一致：" + "；".join(parts),
                said_at(d, section, s, table="gpb_basic", column=column))


NAME_LISTS = Rule("narrative.basic-lists-eq-table", "warning", "narrative",
                  "说明六人员经费、公用经费“主要包括”的款名 = 基本支出表中有数的款",
                  "docs/identities.md C3", _name_lists, ("gpb_basic",))
