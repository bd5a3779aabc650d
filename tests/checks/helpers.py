"""Small builders for checker tests: change one cell, fact, sentence or Part 1 figure of a
disclosure (``dataclasses.replace`` all the way down), or write a table in a few rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from yusuan.checks.catalogue import rule
from yusuan.checks.run import check_disclosure
from yusuan.model.disclosure import (
    Column,
    Disclosure,
    Fact,
    Row,
    Section,
    Sentence,
    Table,
)
from yusuan.model.finding import Finding
from yusuan.model.money import Unit


def D(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def findings_of(d: Disclosure, rule_id: str) -> list[Finding]:
    return check_disclosure(d, [rule(rule_id)])


def severities(d: Disclosure, rule_id: str) -> set[str]:
    return {f.severity for f in findings_of(d, rule_id)}


def _match(r: Row, code: str | None, key: str | None, project: str | None,
           section: str | None) -> bool:
    if key is not None and r.key != key:
        return False
    if code is not None and r.code != code:
        return False
    if project is not None and r.project != project:
        return False
    if code is not None and project is None and r.project is not None:
        return False
    return section is None or r.section == section


def set_cell(d: Disclosure, table_id: str, column: str, value: str | None, *,
             code: str | None = None, key: str | None = None, project: str | None = None,
             section: str | None = None) -> Disclosure:
    """The disclosure with one printed amount changed (``None`` = blank)."""
    def change(t: Table) -> Table:
        rows = []
        hit = False
        for r in t.rows:
            if not hit and _match(r, code, key, project, section):
                values = dict(r.values)
                values[column] = D(value)
                r = dataclasses.replace(r, values=values)
                hit = True
            rows.append(r)
        assert hit, f"no row {code or key or project} in {table_id}"
        return dataclasses.replace(t, rows=tuple(rows))

    return map_table(d, table_id, change)


def map_table(d: Disclosure, table_id: str, change: Callable[[Table], Table]) -> Disclosure:
    return dataclasses.replace(d, tables=tuple(change(t) if t.id == table_id else t
                                               for t in d.tables))


def drop_table(d: Disclosure, table_id: str) -> Disclosure:
    return dataclasses.replace(d, tables=tuple(t for t in d.tables if t.id != table_id))


def map_facts(d: Disclosure, change: Callable[[Fact], Fact]) -> Disclosure:
    def sentence(s: Sentence) -> Sentence:
        return dataclasses.replace(s, facts=tuple(change(f) for f in s.facts))

    sections = tuple(
        dataclasses.replace(sec, paragraphs=tuple(tuple(sentence(s) for s in p)
                                                  for p in sec.paragraphs))
        for sec in d.narrative)
    return dataclasses.replace(d, narrative=sections)


def set_fact(d: Disclosure, subject: str, section_table: str, **changes: object) -> Disclosure:
    """Change the facts about ``subject`` that refer to table ``section_table``."""
    def change(f: Fact) -> Fact:
        if f.subject == subject and f.ref_table == section_table:
            return dataclasses.replace(f, **changes)  # type: ignore[arg-type]
        return f

    return map_facts(d, change)


def map_text(d: Disclosure, change: Callable[[str], str]) -> Disclosure:
    def section(sec: Section) -> Section:
        return dataclasses.replace(sec, title=change(sec.title), paragraphs=tuple(
            tuple(dataclasses.replace(s, text=change(s.text)) for s in p) for p in sec.paragraphs))

    return dataclasses.replace(d, narrative=tuple(section(s) for s in d.narrative))


def add_sentence(d: Disclosure, section_key: str, text: str) -> Disclosure:
    sections = tuple(
        dataclasses.replace(s, paragraphs=(*s.paragraphs, (Sentence(text),)))
        if s.key == section_key else s for s in d.narrative)
    return dataclasses.replace(d, narrative=sections)


def set_staffing(d: Disclosure, **changes: object) -> Disclosure:
    staffing = dataclasses.replace(d.overview.staffing, **changes)  # type: ignore[arg-type]
    return dataclasses.replace(d, overview=dataclasses.replace(d.overview, staffing=staffing))


def set_overview(d: Disclosure, **changes: object) -> Disclosure:
    return dataclasses.replace(d, overview=dataclasses.replace(d.overview, **changes))  # type: ignore[arg-type]


def table(table_id: str, columns: list[str], rows: list[tuple[str | None, str, list[str | None]]],
          unit: Unit = Unit.WAN, title: str = "") -> Table:
    """A grid table in a few lines: rows are (code or None for 总计, name, amounts)."""
    cols = tuple(Column(key=c, path=(c,)) for c in columns)
    out = []
    for code, name, values in rows:
        kind = "total" if code is None else ("class" if len(code) == 3 else "item")
        out.append(Row(name=name, values=dict(zip(columns, map(D, values), strict=True)),
                       code=code, key="total" if code is None else None, kind=kind))
    return Table(id=table_id, title=title or table_id, unit=unit, columns=cols, rows=tuple(out))


def disclosure(*tables: Table, profile: str = "xinjiang-11", year: int = 2024) -> Disclosure:
    return Disclosure(department="测试局", year=year, profile=profile, unit=Unit.WAN,
                      tables=tables)
