"""Corpus report: parse + check every real document under ``tests/fixtures/``, one row each.

The documents, the tables each prints and its transcription come from
``tests/fixtures/expected/tables.yaml`` (written from the pages, not from the parser); a split
publication (narrative PDF + tables PDF) is one document. Per document: tables recognised /
expected, transcribed cells the parser reads exactly / cells transcribed, error / warning
findings (parse and check together, as ``yusuan check`` reports them), seconds. Templates (the
budget-system workbooks, the 决算 form) are listed too, marked as such.

    .venv/bin/python benchmarks/corpus_report.py [--json] [NAME ...]

Only the public entry points are used (``read`` below is the one place to adapt when the
parse API moves), so the report keeps working while the packages are refactored.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from yusuan.checks.run import check_disclosure
from yusuan.model.cells import cell_records
from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.model.finding import Finding
from yusuan.parse import parse_files

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = FIXTURES / "expected"
KEY = ("table", "section", "unit", "code", "name", "project", "column", "amount_yuan")


def read(paths: list[Path]) -> tuple[Disclosure, list[Finding]]:
    """The files of one disclosure → (Disclosure, parse findings): the public parse entry."""
    return parse_files(paths)


@dataclass
class Row:
    document: str
    kind: str
    tables_recognised: int = 0
    tables_expected: int = 0
    cells_matching: int | None = None
    cells_transcribed: int | None = None
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    note: str = ""
    missing_tables: list[str] = field(default_factory=list)


def documents() -> list[dict]:
    data = yaml.safe_load((EXPECTED / "tables.yaml").read_text(encoding="utf-8"))
    return list(data["documents"])


def expected_cells(name: str) -> list[tuple[str, ...]]:
    with (EXPECTED / name).open(encoding="utf-8-sig", newline="") as fh:
        return [tuple(r[k] for k in KEY) for r in csv.DictReader(fh)]


def measure(doc: dict) -> Row:
    kind = doc.get("kind", "budget")
    row = Row(doc["name"], kind, tables_expected=len(doc.get("tables", [])))
    wanted = expected_cells(doc["cells"]) if doc.get("cells") else None
    if wanted is not None:  # a refused document reads none of them
        row.cells_matching, row.cells_transcribed = 0, len(wanted)
    start = time.perf_counter()
    try:
        disclosure, findings = read([FIXTURES / f for f in doc["files"]])
    except InputError as exc:
        row.seconds = time.perf_counter() - start
        row.note = ("template: " if kind == "template" else "refused: ") + exc.message
        return row
    findings = [*findings, *check_disclosure(disclosure)]
    row.seconds = time.perf_counter() - start
    ids = {t.id for t in disclosure.tables}
    expected_ids = doc.get("tables", [])
    row.tables_recognised = len(ids & set(expected_ids))
    row.missing_tables = [t for t in expected_ids if t not in ids]
    if wanted is not None:
        cells = {tuple(r[k] for k in KEY) for r in cell_records(disclosure)}
        row.cells_matching = sum(1 for c in wanted if c in cells)
    row.errors = sum(1 for f in findings if f.severity == "error")
    row.warnings = sum(1 for f in findings if f.severity == "warning")
    if kind == "template":
        row.note = "template (not a budget disclosure), read anyway"
    elif row.missing_tables:
        row.note = "missing: " + ", ".join(row.missing_tables)
    row.note = "; ".join(n for n in (row.note, doc.get("note", "")) if n)
    return row


def markdown(rows: list[Row]) -> str:
    out = ["| document | tables | cells | errors / warnings | s | note |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        tables = f"{r.tables_recognised}/{r.tables_expected}" if r.tables_expected else "–"
        cells = (f"{r.cells_matching}/{r.cells_transcribed}"
                 if r.cells_transcribed is not None else "–")
        out.append(f"| {r.document} | {tables} | {cells} | {r.errors} / {r.warnings} "
                   f"| {r.seconds:.1f} | {r.note} |")
    got = sum(r.cells_matching or 0 for r in rows)
    total = sum(r.cells_transcribed or 0 for r in rows)
    if total:
        out.append(f"\nCells: {got}/{total} transcribed amounts read exactly "
                   f"({100 * got / total:.1f}%).")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="JSON rows instead of a Markdown table")
    ap.add_argument("names", nargs="*", help="only these documents (names in tables.yaml)")
    args = ap.parse_args(argv)
    docs = [d for d in documents() if not args.names or d["name"] in args.names]
    rows = [measure(d) for d in docs]
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
    else:
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
