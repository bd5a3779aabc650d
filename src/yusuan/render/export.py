"""Open-data exports: the cells CSV (one row per printed amount) and the Disclosure JSON.

Every CSV yusuan writes passes its cells through ``spreadsheet_safe``: a text that a
spreadsheet would take for a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return — OWASP "CSV Injection") gets a leading ``'``, so that ``=HYPERLINK(…)`` in a
department or project name is shown, not run. Numbers, negative ones included, stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from typing import Any

from yusuan.model.cells import CELL_FIELDS, cell_records
from yusuan.model.disclosure import Disclosure
from yusuan.model.serialize import disclosure_to_data

__all__ = ["CELL_FIELDS", "cell_records", "render_cells_csv", "render_json", "safe_row",
           "spreadsheet_safe"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` as a CSV cell that no spreadsheet runs as a formula (see the module doc)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV row with every text cell made safe and ``None`` written as blank."""
    return {k: "" if v is None else spreadsheet_safe(v) for k, v in row.items()}


def render_cells_csv(disclosure: Disclosure, options: object = None) -> bytes:
    """UTF-8 with BOM so that Excel opens it as Chinese text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CELL_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(safe_row(r) for r in cell_records(disclosure))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_json(disclosure: Disclosure, options: object = None) -> bytes:
    data = disclosure_to_data(disclosure)
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
