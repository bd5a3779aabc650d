"""Per-disclosure lookups the rules share, computed once per check (not once per rule).

``Index.of(disclosure)`` builds them; the runner builds one per run and hands it to every rule
in its ``Context`` (``checks/context.py``). Tables are addressed by canonical id, rows by code
(non-project rows of one side) or by fixed-row key, columns by canonical key. Nothing here
changes after it is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, cached_property

from yusuan.model.codes import parent_code
from yusuan.model.disclosure import Disclosure, Row, Table
from yusuan.model.money import CENT, Unit, convert
from yusuan.reference.classification import catalogue, normalize_name
from yusuan.reference.numerals import strip_numbering


@cache
def _class_codes(year: int) -> dict[str, str]:
    """类 name → code in ``year`` (for summary tables that print 类 by name only)."""
    return {normalize_name(e.name): e.code for e in catalogue("functional").classes(year)}


def with_class_codes(table: Table, year: int) -> Table:
    """Two-sided tables printing expenditure 类 rows by name only (“一、一般公共服务支出”, as
    上海 and 江苏 do): the rows get the code of the 类 of that name, so rules can address them."""
    if not any(r.section == "expenditure" and r.code is None and r.key is None
               for r in table.rows):
        return table
    names = _class_codes(year)
    rows = []
    for r in table.rows:
        if r.section == "expenditure" and r.code is None and r.key is None and r.kind != "total":
            code = names.get(normalize_name(strip_numbering(r.name.strip())))
            if code is not None:
                r = replace(r, code=code, kind="class")
        rows.append(r)
    return replace(table, rows=tuple(rows))


def printed_quantum(values: Iterable[Decimal]) -> Decimal:
    """The last digit a set of printed amounts is printed to: ``1`` where none has decimals
    (a table in whole 元 or whole 万元), ``0.01`` where one has cents.

    Read from the amounts as printed (``Decimal`` keeps ``12`` apart from ``12.00``). A zero
    says nothing (often printed ``0`` in a table of cents); more than two decimals are exact
    figures, not printed ones, and printing rounds them to the cent. No amount at all: cents.
    """
    places = -1
    for v in values:
        exponent = v.as_tuple().exponent
        if v == 0 or not isinstance(exponent, int):
            continue
        places = max(places, -exponent)
        if places >= 2:
            return CENT
    return CENT if places < 0 else Decimal(1).scaleb(-places)


def coarsest(*tables: TableIndex, unit: Unit | None = None) -> Decimal:
    """The coarsest last printed digit of ``tables`` — in ``unit`` where given, then never finer
    than a cent: figures compared across them are no more precise than that."""
    if unit is None:
        return max((t.quantum for t in tables), default=CENT)
    return max(CENT, *(convert(t.quantum, t.table.unit, unit) for t in tables))


@dataclass(frozen=True)
class TableIndex:
    """Rows of one table addressed by (section, code) and (section, key)."""

    table: Table
    by_code: dict[tuple[str | None, str], Row] = field(default_factory=dict)
    by_key: dict[tuple[str | None, str], Row] = field(default_factory=dict)
    coded: list[Row] = field(default_factory=list)  # non-project rows with a code, in order
    children: dict[tuple[str | None, str], list[Row]] = field(default_factory=dict)
    quantum: Decimal = CENT  # the last printed digit of its amounts (``printed_quantum``)

    @classmethod
    def of(cls, table: Table) -> TableIndex:
        ix = cls(table, quantum=printed_quantum(v for _r, _c, v in table.cells()))
        for r in table.rows:  # filled here, once; read only afterwards
            if r.key is not None:
                ix.by_key.setdefault((r.section, r.key), r)
            if r.code is None or r.project is not None or r.kind == "project":
                continue
            if (r.section, r.code) in ix.by_code:
                continue
            ix.by_code[(r.section, r.code)] = r
            ix.coded.append(r)
            up = parent_code(r.code)
            if up is not None:
                ix.children.setdefault((r.section, up), []).append(r)
        return ix

    def code(self, code: str, section: str | None = None) -> Row | None:
        return self.by_code.get((section, code))

    def key(self, key: str, section: str | None = None) -> Row | None:
        return self.by_key.get((section, key))

    def value(self, key: str, column: str, section: str | None = None) -> Decimal | None:
        r = self.key(key, section)
        return r.value(column) if r is not None else None

    def has_column(self, key: str, section: str | None = None) -> bool:
        return self.table.column(key, section) is not None

    def classes(self, section: str | None = None) -> list[Row]:
        return [r for r in self.coded if r.section == section and len(r.code or "") == 3]

    def kids(self, row: Row) -> list[Row]:
        return self.children.get((row.section, row.code or ""), [])

    def item(self, key: str, row_column: str = "total") -> tuple[Row, str] | None:
        """An item printed either as a row (key ``key``, amount in ``row_column``) or, in
        one-row tables such as 上海/江苏 三公, as a column ``key`` of the data row."""
        r = self.key(key)
        if r is not None:
            return r, row_column
        if self.has_column(key):
            data = next((r for r in self.table.rows if r.value(key) is not None), None)
            if data is None and self.table.rows:
                data = self.table.rows[0]
            return (data, key) if data is not None else None
        return None

    def total(self, section: str | None = None) -> Row | None:
        """The total row: key ``total`` / ``<section>.total`` or kind ``total``."""
        wanted = f"{section}.total" if section else "total"
        r = self.key(wanted, section)
        if r is not None:
            return r
        return next((r for r in self.table.rows if r.kind == "total" and r.section == section),
                    None)


_SPACES = re.compile(r"\s+")


def compact(text: str) -> str:
    """Sentence text without white space (PDF text layers put spaces inside numbers)."""
    return _SPACES.sub("", text)


@dataclass(frozen=True)
class Index:
    disclosure: Disclosure
    tables: Mapping[str, TableIndex]

    @classmethod
    def of(cls, disclosure: Disclosure) -> Index:
        """The lookups of ``disclosure``: one ``TableIndex`` per table (summary tables that print
        类 by name get their codes, ``with_class_codes``)."""
        return cls(disclosure, {
            t.id: TableIndex.of(with_class_codes(t, disclosure.year) if any(
                c.section for c in t.columns) else t) for t in disclosure.tables})

    def __getitem__(self, table_id: str) -> TableIndex:
        return self.tables[table_id]

    def get(self, table_id: str) -> TableIndex | None:
        return self.tables.get(table_id)

    @cached_property
    def text(self) -> str:
        """All of Part 3 as one string: section titles and every paragraph, without white space
        (computed on first use, then shared by the rules of the run)."""
        parts = []
        for section in self.disclosure.narrative:
            parts.append(compact(section.title))
            parts.extend(compact("".join(s.text for s in p)) for p in section.paragraphs)
        return "\n".join(parts)
