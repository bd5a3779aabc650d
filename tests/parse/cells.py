"""Helpers for the parse tests: cells CSV rows as comparable tuples."""

from __future__ import annotations

import csv
from pathlib import Path

from yusuan.model.cells import cell_records
from yusuan.model.disclosure import Disclosure

KEY = ("table", "section", "unit", "code", "name", "project", "column", "amount_yuan")


def cell_set(disclosure: Disclosure) -> set[tuple[str, ...]]:
    return {tuple(r[k] for k in KEY) for r in cell_records(disclosure)}


def expected_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))
