"""Open-data exports: the cells CSV (one row per printed amount) and the Disclosure JSON."""

from __future__ import annotations

import csv
import io
import json

from yusuan.model.cells import CELL_FIELDS, cell_records
from yusuan.model.disclosure import Disclosure
from yusuan.model.serialize import disclosure_to_data

__all__ = ["CELL_FIELDS", "cell_records", "render_cells_csv", "render_json"]

def render_cells_csv(disclosure: Disclosure, options: object = None) -> bytes:
    """UTF-8 with BOM so that Excel opens it as Chinese text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CELL_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(cell_records(disclosure))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_json(disclosure: Disclosure, options: object = None) -> bytes:
    data = disclosure_to_data(disclosure)
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
