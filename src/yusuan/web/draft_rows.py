"""The drafting forms' lists, as rows: what each list is (Part 1's paragraphs, a project's
绩效目标 and performance-target rows, the 整体绩效 rows, the budget units, 主要用于, the 名词解释),
its rows as saved or as the filer sent them, a row added or taken out by a ``row`` button
(``add:KEY``, ``remove:N:KEY``) without saving, and how a field is drawn (a textarea's
height, an error's id).

A list is declared by a hidden ``rows`` field holding its key; each of its columns is sent
once a row as ``row:KEY:FIELD``, in the order the rows stand, so a browser without
JavaScript sends the same thing as one with it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from starlette.datastructures import FormData

from yusuan.compose.draft import Base, Edits
from yusuan.compose.draft_fields import INDICATOR_FIELDS, PART1_FIELDS, PROJECT_FIELDS
from yusuan.derive.source import UNIT_TYPES
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Indicator
from yusuan.narrative.glossary import glossary
from yusuan.reference.numerals import strip_numbering

MAX_ROWS = 200  # rows of one list
OVERALL_FIELDS = ("level1", "level2", "level3", "value", "basis", "weight")


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    wide: bool = True  # a textarea (else a one-line input)
    choices: tuple[tuple[str, str], ...] = ()  # a choice among these: (value, label)


@dataclass(frozen=True)
class RowList:
    """One list of the form: its ``key`` (``tasks``, ``indicators/NAME``), what it is, its
    columns and rows (each a column → text), the row just added (focused when drawn)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, str], ...]
    noun: str = "段"  # 添加一段 / 添加一行
    item: str = ""  # what a row is where the measure word alone does not say it (一个单位)
    added: int | None = None  # 1-based

    def blank(self) -> dict[str, str]:
        return {c.field: "" for c in self.columns}


PARAGRAPH = (Column("text", "内容"),)
INDICATORS = tuple(Column(k, v, wide=False) for k, v in INDICATOR_FIELDS.items())
OVERALL = tuple(c for c in INDICATORS if c.field in OVERALL_FIELDS)  # 部门整体绩效目标表
GLOSSARY = (Column("term", "名词", wide=False), Column("definition", "解释"))
UNITS = (Column("name", "单位名称", wide=False),
         Column("type", "单位类型", wide=False, choices=(("", "（未注明）"), *(
             (t, t) for t in dict.fromkeys(UNIT_TYPES.values())))))
PURPOSE_TABLES = ("gpb", "expenditure")  # the rows whose 主要用于 the narrative says


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def row_lists(base: Base, edits: Edits) -> dict[str, RowList]:
    """The form's lists as ``edits`` has them (or else the source), by key."""
    o = base.budget.overview
    out = [RowList(k, label, PARAGRAPH,
                   tuple({"text": x} for x in edits.overview.get(k, getattr(o, k))))
           for k, label in PART1_FIELDS.items()]
    out += [RowList(k, label, PARAGRAPH, tuple({"text": x} for x in (
        getattr(o, k) if getattr(edits, k) is None else getattr(edits, k))), noun=noun)
        for k, label, noun in (("functions", "主要职能（编号条目，一条一项）", "条"),
                               ("organisation", "机构设置", "段"))]
    for p in base.budget.projects:
        text = edits.projects.get(p.name, {}).get("targets", p.targets)
        out.append(RowList(f"targets/{p.name}", PROJECT_FIELDS["targets"], PARAGRAPH,
                           tuple({"text": x} for x in text.split("\n") if x.strip())))
    for pp in base.budget.project_performance:
        rows = edits.indicators.get(pp.project, pp.indicators)
        out.append(RowList(f"indicators/{pp.project}", "绩效指标", INDICATORS,
                           _indicator_rows(rows), noun="行"))
    for n, op in enumerate(base.budget.overall_performance, 1):
        out.append(RowList(f"overall/{n}", "绩效指标", OVERALL,
                           _indicator_rows(edits.overall_indicators.get(n, op.indicators)),
                           noun="行"))
    b = base.budget
    terms = edits.glossary if edits.glossary is not None else glossary(b.glossary, b.is_final)
    out.append(RowList("glossary", "名词解释", GLOSSARY,
                       tuple({"term": g.term, "definition": g.definition} for g in terms),
                       noun="条"))
    purposes = edits.purposes if edits.purposes is not None else b.purposes
    codes = _codes(b, purposes)
    out.append(RowList("purposes", "支出主要用于", (
        Column("code", "科目", wide=False, choices=tuple(codes.items())),
        Column("purpose", "主要用于")), tuple({"code": k, "purpose": v}
                                            for k, v in purposes.items()), noun="项"))
    units = edits.units if edits.units is not None else tuple(
        (u, b.unit_types.get(u, "")) for u in b.overview.units)
    out.append(RowList("units", "纳入编制范围的预算单位", UNITS,
                       tuple({"name": n, "type": t} for n, t in units), noun="个",
                       item="单位"))
    return {x.key: x for x in out}


def _codes(b: Budget, given: Mapping[str, str]) -> dict[str, str]:
    """The codes a purpose can be written for: each classification row of the expenditure
    tables (``2010101 行政运行``), and any the source gives already."""
    out = {"": "（请选择）"}
    for t in b.tables:
        if t.id in PURPOSE_TABLES:
            out.update({r.code: f"{r.code} {strip_numbering(r.name).strip()}" for r in t.rows
                        if r.code and r.code.isdigit() and r.project is None})
    out.update({k: k for k in given if k not in out})
    return out


def _indicator_rows(rows: tuple[Indicator, ...]) -> tuple[dict[str, str], ...]:
    return tuple({k: _shown(getattr(i, k)) for k in INDICATOR_FIELDS} for i in rows)


def posted_rows(form: FormData, lists: Mapping[str, RowList]) -> dict[str, RowList]:
    """``lists`` with the rows the form sends for those it declares (typed, not yet saved)."""
    out = dict(lists)
    for key in form.getlist("rows"):
        known = lists.get(str(key))
        if known is None:
            continue
        columns = {c.field: [str(v) for v in form.getlist(f"row:{key}:{c.field}")][:MAX_ROWS]
                   for c in known.columns}
        n = max((len(v) for v in columns.values()), default=0)
        out[known.key] = replace(known, rows=tuple(
            {k: v[i] if i < len(v) else "" for k, v in columns.items()} for i in range(n)))
    return out


def apply_row(lists: Mapping[str, RowList], action: str) -> dict[str, RowList]:
    """``lists`` after a row button: ``add:KEY`` (a blank row at the end, focused) or
    ``remove:N:KEY`` (row N taken out)."""
    out = dict(lists)
    verb, _, rest = action.partition(":")
    if verb == "add" and rest in out and len(out[rest].rows) < MAX_ROWS:
        x = out[rest]
        out[rest] = replace(x, rows=(*x.rows, x.blank()), added=len(x.rows) + 1)
    elif verb == "remove":
        n, _, key = rest.partition(":")
        if key in out and n.isdigit() and 1 <= int(n) <= len(out[key].rows):
            x = out[key]
            out[key] = replace(x, rows=x.rows[:int(n) - 1] + x.rows[int(n):])
    return out


def error_id(name: str) -> str:
    """The id of a field's error message (the name may hold any character; the id may not)."""
    return "error-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def textarea_rows(text: object, width: int = 36, least: int = 2, most: int = 16) -> int:
    """How many lines a textarea needs to show ``text`` whole (about ``width`` characters a
    line), between ``least`` and ``most``."""
    lines = str(text or "").split("\n")
    needed = sum(max(1, math.ceil(len(x) / width)) for x in lines)
    return max(least, min(most, needed + 1))
