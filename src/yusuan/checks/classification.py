"""Classification validity: every printed 功能分类 / 经济分类 code exists in the budget year's
catalogue (``yusuan.reference.classification``), its printed name is the catalogue's name
(full-/half-width and quotes ignored; names renamed since, such as 医疗卫生与计划生育支出,
flagged), and the printed hierarchy holds (a 项 under its 款, a 款 under its 类).

A finding against an ``unverified`` catalogue entry, or from a year outside the catalogue's
coverage, is at most a warning: the catalogue may be the one that is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from yusuan.checks.context import Context
from yusuan.checks.rule import BOTH_KINDS, Rule, loc
from yusuan.model.codes import class_of, parent_code
from yusuan.model.disclosure import Disclosure, Row, Table
from yusuan.model.finding import Finding, Severity
from yusuan.model.kinds import TableId
from yusuan.reference.classification import catalogue, covered_year, names_equal, normalize_name

FUNCTIONAL_TABLES: tuple[TableId, ...] = ("summary", "income", "expenditure", "appropriation", "gpb", "gov_fund",
                     "state_capital", "gpb_project")
ECONOMIC_TABLES: tuple[TableId, ...] = ("gpb_basic",)


def _coded_rows(d: Disclosure, table_ids: tuple[TableId, ...]) -> Iterator[tuple[Table, Row]]:
    for table_id in table_ids:
        t = d.table(table_id)
        if t is None:
            continue
        seen: set[str] = set()
        for r in t.rows:
            if r.code and r.code not in seen and r.kind != "total":
                seen.add(r.code)
                yield t, r


def _kind(table_id: str) -> str:
    return "economic_dept" if table_id in ECONOMIC_TABLES else "functional"


def _exists(rule: Rule, d: Disclosure, table_ids: tuple[TableId, ...]) -> Iterator[Finding]:
    """Once per unknown code (at its first table), naming every table that prints it."""
    year = covered_year(d.year)
    unknown: dict[tuple[str, str], list[tuple[Table, Row]]] = {}
    for t, r in _coded_rows(d, table_ids):
        cat = catalogue(_kind(t.id))
        if cat.lookup(r.code or "", d.year) is None:
            unknown.setdefault((cat.kind, r.code or ""), []).append((t, r))
    for places in unknown.values():
        t, r = places[0]
        cat = catalogue(_kind(t.id))
        code = r.code or ""
        history = cat.history(code)
        parent = parent_code(code)
        parent_entry = cat.lookup(parent, d.year) if parent else None
        if history:
            years = "、".join(f"{e.valid_from}–{e.valid_to or '今'}年“{e.name}”" for e in history)
            msg = f"科目 {code}“{r.name}”在 {d.year} 年{cat.title}中不存在（曾有：{years}）"
        elif parent is None or parent_entry is not None:
            msg = f"科目 {code}“{r.name}”不在 {d.year} 年{cat.title}中"
        else:
            msg = f"科目 {code}“{r.name}”及其上级 {parent} 都不在 {d.year} 年{cat.title}中"
        note = year.note()
        tables = "、".join(f"“{p.title}”" for p, _ in places)
        # The catalogue is transcribed, not machine-read from an official copy: a code it lacks
        # may be a gap of the catalogue, so an unknown code is a warning, never an error; for
        # a year it does not cover (before the 2018 reform of the 经济分类, a 2017 document's
        # 30311 住房公积金 was right) it cannot tell, and says so as a note.
        yield rule.finding(f"{msg}（见于表{tables}）" + (f"（{note}）" if note else ""),
                           loc(d, t, r), severity=_unsure(d.year), actual=code)


def _unsure(year: int) -> Severity:
    """A catalogue mismatch is a warning in a year the catalogue covers, a note outside."""
    return "info" if covered_year(year).fallback else "warning"


@lru_cache(maxsize=4096)
def _codes_named(kind: str, name: str, year: int) -> tuple[str, ...]:
    """Codes whose catalogue name is ``name`` in ``year`` (searched once per name)."""
    return tuple(e.code for e in catalogue(kind).search(name, year) if names_equal(e.name, name))


def _names(rule: Rule, d: Disclosure, table_ids: tuple[TableId, ...]) -> Iterator[Finding]:
    """A name of another code is an error (code and name disagree); an old name, or a local
    variant or abbreviation (技术与开发 for 技术研究与开发), is a warning. Reported once per
    code and printed name."""
    seen: set[tuple[str, str]] = set()
    for t, r in _coded_rows(d, table_ids):
        cat = catalogue(_kind(t.id))
        entry = cat.lookup(r.code or "", d.year)
        if entry is None or not r.name or names_equal(entry.name, r.name):
            continue
        if (r.code or "", normalize_name(r.name)) in seen:
            continue
        seen.add((r.code or "", normalize_name(r.name)))
        old = [e for e in cat.history(r.code or "") if e is not entry and names_equal(e.name, r.name)]
        other = [code for code in _codes_named(cat.kind, r.name, d.year) if code != r.code]
        where = loc(d, t, r)
        if old:
            yield rule.finding(
                f"科目 {r.code} 印作旧名称“{r.name}”（{old[0].valid_from}–{old[0].valid_to}年），"
                f"{d.year} 年名称为“{entry.name}”", where, severity="warning",
                expected=entry.name, actual=r.name)
        elif other and entry.provenance == "official" and not covered_year(d.year).fallback:
            yield rule.finding(f"科目 {r.code} 名称印作“{r.name}”，与编码不符：{d.year} 年{cat.title}"
                               f"中 {r.code} 是“{entry.name}”，“{r.name}”是 {other[0]}", where,
                               expected=entry.name, actual=r.name)
        else:
            note = covered_year(d.year).note()
            yield rule.finding(f"科目 {r.code} 名称印作“{r.name}”，{cat.title}为“{entry.name}”"
                               + (f"（{note}）" if note else ""),
                               where, severity=_unsure(d.year), expected=entry.name,
                               actual=r.name)


def _hierarchy(rule: Rule, ctx: Context, table_ids: tuple[TableId, ...]) -> Iterator[Finding]:
    d = ctx.disclosure
    ix = ctx.index
    for table_id in table_ids:
        t = ix.get(table_id)
        if t is None or table_id in ("summary", "appropriation", "gpb_project"):
            continue
        for r in t.coded:
            up = parent_code(r.code or "")
            if up is not None and t.code(up, r.section) is None:
                yield rule.finding(f"表“{t.table.title}”列有“{r.code} {r.name}”，却没有其上级科目 {up}",
                                   loc(d, t.table, r), expected=up)


@lru_cache(maxsize=1)
def _functional_classes() -> frozenset[str]:
    """Every 类 code of the functional classification in any year of the catalogue."""
    return frozenset(e.code for e in catalogue("functional").all_entries() if e.level == "类")


def _class_exists(ctx: Context) -> Iterator[Finding]:
    """A functional code whose 类 (its first three digits) is no 类 in any year: not a gap of
    the catalogue (the 类 are few and all known) but a misprint, often a code printed across
    cells so that a digit went astray (“7 11 02” for 210 11 02)."""
    d = ctx.disclosure
    classes = _functional_classes()
    seen: set[str] = set()
    for t, r in _coded_rows(d, FUNCTIONAL_TABLES):
        code = r.code or ""
        if len(code) not in (3, 5, 7) or not code.isdigit() or class_of(code) in classes or \
                class_of(code) in seen:
            continue
        seen.add(class_of(code))
        yield FUNCTIONAL_CLASS.finding(
            f"表“{t.title}”科目 {code}“{r.name}”的类 {class_of(code)} 在支出功能分类中不存在"
            f"（类编码为 201–234）：编码印错或被拆开印制", loc(d, t, r), actual=code)


FUNCTIONAL_EXISTS: Rule = Rule(
    "classification.functional-code-exists", "warning", "classification",
    "功能分类科目编码在当年《政府收支分类科目》中存在", "预算法实施条例 §6；政府收支分类科目",
    lambda ctx: _exists(FUNCTIONAL_EXISTS, ctx.disclosure, FUNCTIONAL_TABLES), kinds=BOTH_KINDS)
FUNCTIONAL_CLASS: Rule = Rule(
    "classification.functional-class-exists", "error", "classification",
    "功能分类科目的类（前三位）是支出功能分类中的类", "政府收支分类科目·支出功能分类",
    _class_exists, kinds=BOTH_KINDS)
FUNCTIONAL_NAMES: Rule = Rule(
    "classification.functional-name-matches", "error", "classification",
    "功能分类科目名称与编码一致（当年名称；旧名称为警告）", "政府收支分类科目",
    lambda ctx: _names(FUNCTIONAL_NAMES, ctx.disclosure, FUNCTIONAL_TABLES), kinds=BOTH_KINDS)
FUNCTIONAL_HIERARCHY: Rule = Rule(
    "classification.functional-hierarchy", "warning", "classification",
    "功能分类层级完整：列出的项有其款，款有其类", "docs/identities.md Q2、A08",
    lambda ctx: _hierarchy(FUNCTIONAL_HIERARCHY, ctx, FUNCTIONAL_TABLES), kinds=BOTH_KINDS)
ECONOMIC_EXISTS: Rule = Rule(
    "classification.economic-code-exists", "warning", "classification",
    "部门预算支出经济分类科目编码在当年目录中存在", "政府收支分类科目·部门预算支出经济分类",
    lambda ctx: _exists(ECONOMIC_EXISTS, ctx.disclosure, ECONOMIC_TABLES), ("gpb_basic",), kinds=BOTH_KINDS)
ECONOMIC_NAMES: Rule = Rule(
    "classification.economic-name-matches", "error", "classification",
    "经济分类科目名称与编码一致", "政府收支分类科目·部门预算支出经济分类",
    lambda ctx: _names(ECONOMIC_NAMES, ctx.disclosure, ECONOMIC_TABLES), ("gpb_basic",), kinds=BOTH_KINDS)
ECONOMIC_HIERARCHY: Rule = Rule(
    "classification.economic-hierarchy", "warning", "classification",
    "经济分类层级完整：列出的款有其类", "docs/identities.md A14",
    lambda ctx: _hierarchy(ECONOMIC_HIERARCHY, ctx, ECONOMIC_TABLES), ("gpb_basic",), kinds=BOTH_KINDS)

RULES: tuple[Rule, ...] = (FUNCTIONAL_EXISTS, FUNCTIONAL_CLASS, FUNCTIONAL_NAMES, FUNCTIONAL_HIERARCHY,
                           ECONOMIC_EXISTS, ECONOMIC_NAMES, ECONOMIC_HIERARCHY)
