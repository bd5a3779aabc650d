"""Findings as a reviewer reads them: grouped by severity (errors first), each with its
place in words — the printed table title, the row (code and name) and the column header —
the figures side by side, and whether it was waived (and why)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from yusuan.checks.report import TABLE_TITLES
from yusuan.checks.run import SEVERITY_ORDER
from yusuan.model import kinds
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import SEVERITY_TITLES, Location, severity
from yusuan.model.money import with_unit
from yusuan.store.review import Note


@dataclass(frozen=True)
class FindingRow:
    index: int
    severity: str
    rule_id: str
    message: str
    table: str
    row: str
    column: str
    page: str
    expected: str
    actual: str
    difference: str
    waiver: Note | None
    place: str = ""  # 第 5 页 第三部分“四” (a figure of the text: where its sentence is)
    sentence: str = ""  # that sentence, quoted


def _amount(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _figure(value: Any, unit: str | None) -> str:
    """An amount with its unit (``1,234.00 万元``); findings stored before units were kept
    show the bare figure."""
    amount = _amount(value)
    if amount is not None:
        return with_unit(amount, unit)
    return "" if value is None else str(value)


def _place(d: Disclosure | None, where: dict[str, Any]) -> tuple[str, str, str]:
    table_id = where.get("table") or ""
    table = d.table(kinds.table_id(table_id)) if d is not None else None
    title = table.title if table is not None else TABLE_TITLES.get(table_id, "")
    column_key = where.get("column") or ""
    column = table.column(column_key) if table is not None and column_key else None
    column_title = "/".join(column.path) if column is not None else (
        "" if column_key.isascii() else column_key)  # never an internal key
    row = " ".join(str(x) for x in (where.get("code"), where.get("name")) if x)
    return title or ("文字说明与其他" if not table_id else "表格"), row, column_title


def finding_rows(d: Disclosure | None, findings: list[dict[str, Any]],
                 waivers: dict[int, Note]) -> list[tuple[str, list[FindingRow]]]:
    """(severity title, rows) for each severity present, errors first."""
    rows: list[FindingRow] = []
    for i, f in enumerate(findings):
        where = f.get("location") or {}
        table, row, column = _place(d, where)
        located = Location.from_data(where)
        expected, actual = _amount(f.get("expected")), _amount(f.get("actual"))
        diff = actual - expected if expected is not None and actual is not None else None
        unit = f.get("unit") if isinstance(f.get("unit"), str) else None
        rows.append(FindingRow(
            i, severity(f.get("severity")), str(f.get("rule_id", "")), str(f.get("message", "")),
            table, row, column, "" if where.get("page") is None else str(where["page"]),
            _figure(f.get("expected"), unit), _figure(f.get("actual"), unit),
            with_unit(diff, unit, difference=True), waivers.get(i),
            # a figure of the text: the place of its sentence and its section
            located.printed if located.section or located.page is None else "",
            located.quoted(120)))
    groups: dict[str, list[FindingRow]] = {}
    for r in sorted(rows, key=lambda r: (SEVERITY_ORDER[severity(r.severity)], r.table, r.index)):
        groups.setdefault(r.severity, []).append(r)
    return [(SEVERITY_TITLES.get(s, s), g) for s, g in groups.items()]
