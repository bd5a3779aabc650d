"""Sum helpers shared by the arithmetic and cross-table rules: "this printed figure equals the
sum of those printed figures", located and with the rounding tolerance of ``compare``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from yusuan.checks.index import TableIndex
from yusuan.checks.rule import Rule, compare, loc
from yusuan.model.disclosure import Disclosure, Row
from yusuan.model.finding import Finding


def printed(values: Sequence[Decimal | None]) -> list[Decimal]:
    return [v for v in values if v is not None]


def sum_of(values: Sequence[Decimal | None]) -> tuple[Decimal | None, int]:
    """The sum of the printed values and how many there are; ``None`` when all are blank."""
    got = printed(values)
    return (sum(got, Decimal(0)) if got else None), len(got)


def row_eq_sum(rule: Rule, d: Disclosure, t: TableIndex, row: Row, column: str,
               items: Sequence[Row], what: str | Callable[[], str],
               item_column: str | None = None) -> Iterator[Finding]:
    """``row[column]`` = Σ ``items[item_column or column]``."""
    total, n = sum_of([r.value(item_column or column) for r in items])
    yield from compare(rule, expected=total, actual=row.value(column), n=n, what=what,
                       location=loc(d, t.table, row, column), unit=t.table.unit,
                       quantum=t.quantum)


def columns_eq_sum(rule: Rule, d: Disclosure, t: TableIndex, row: Row, column: str,
                   parts: Sequence[str], what: str | Callable[[], str]) -> Iterator[Finding]:
    """Within one row: ``row[column]`` = Σ ``row[parts]``."""
    total, n = sum_of([row.value(p) for p in parts])
    yield from compare(rule, expected=total, actual=row.value(column), n=n, what=what,
                       location=loc(d, t.table, row, column), unit=t.table.unit,
                       quantum=t.quantum)


def column_title(t: TableIndex, key: str, section: str | None = None) -> str:
    c = t.table.column(key, section)
    return "/".join(c.path) if c is not None else key


def row_title(row: Row) -> str:
    return f"{row.code} {row.name}" if row.code else row.name
