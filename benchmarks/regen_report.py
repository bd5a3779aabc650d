"""Regeneration report: every corpus budget document under ``tests/fixtures/`` written again
(``yusuan build PUBLISHED…``), one row each.

Per document:

- **tables**: the regenerated PDF read back — its cells equal to the printed document's (as
  read), count / total (and the tables, count);
- **clauses**: the printed Part 3 clauses that state figures, how many the regenerated text
  reproduces word for word (white space aside), and how many differ only in figures (the
  printed figure is not what the tables give: an inconsistency of the original);
- **checks**: errors / warnings of the regenerated document;
- **CPU**: seconds of CPU to read and write it again, and to render all formats one after
  the other in this process (wall beside); CPU of helper processes included.

    .venv/bin/python benchmarks/regen_report.py [--json] [--differences] [NAME ...]

The documents come from ``tests/fixtures/expected/tables.yaml`` (templates left out).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from yusuan.build import FORMATS, renderer
from yusuan.checks.run import check_disclosure
from yusuan.intake.read import read_inputs
from yusuan.model.cells import cell_records
from yusuan.regen import regenerate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
KEY = ("table", "section", "unit", "code", "name", "project", "column", "amount_yuan")


@dataclass
class Row:
    document: str
    tables: str = ""
    cells_equal: int = 0
    cells: int = 0
    clauses: int = 0
    verbatim: int = 0
    figure_only: int = 0
    errors: int = 0
    warnings: int = 0
    cpu_regenerate: float = 0.0
    cpu_render: float = 0.0
    wall: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)
    differences: list[dict] = field(default_factory=list)


def documents() -> list[dict]:
    data = yaml.safe_load((FIXTURES / "expected" / "tables.yaml").read_text(encoding="utf-8"))
    return [d for d in data["documents"] if d.get("kind", "budget") == "budget"]


def _cells(disclosure) -> Counter:
    return Counter(tuple(r[k] for k in KEY) for r in cell_records(disclosure))


def _cpu() -> float:
    """CPU seconds of this process and its ended children (the wording is worked out in two
    processes where there are two processors)."""
    own, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(doc: dict, tmp: Path) -> Row:
    row = Row(doc["name"])
    paths = [FIXTURES / f for f in doc["files"]]
    wall, cpu = time.perf_counter(), _cpu()
    result = regenerate(paths)
    row.cpu_regenerate = _cpu() - cpu
    cpu = _cpu()
    rendered = {fmt: renderer(fmt)(result.disclosure) for fmt in FORMATS}
    row.cpu_render = _cpu() - cpu
    row.wall = time.perf_counter() - wall
    pdf = tmp / f"{doc['name']}.pdf"
    pdf.write_bytes(rendered["pdf"])
    intakes, _ = read_inputs([pdf])
    back = intakes[0].disclosure if intakes else None
    printed = _cells(result.original)
    again = _cells(back) if back else Counter()
    row.cells = sum(printed.values())
    row.cells_equal = sum((printed & again).values())
    ids = {t.id for t in result.original.tables}
    row.tables = f"{len(ids & {t.id for t in back.tables}) if back else 0}/{len(ids)}"
    c = result.comparison
    row.clauses, row.verbatim = c.clauses, c.verbatim
    row.figure_only = c.count("figure")
    row.kinds = {k: c.count(k) for k in ("figure", "wording", "missing", "added")}
    row.differences = [asdict(d) for d in c.differences]
    findings = check_disclosure(result.disclosure)
    row.errors = sum(1 for f in findings if f.severity == "error")
    row.warnings = sum(1 for f in findings if f.severity == "warning")
    return row


def markdown(rows: list[Row]) -> str:
    out = ["| document | tables | cells equal | verbatim clauses | figure-only | "
           "wording / missing / added | errors / warnings | CPU regen + render (wall) |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        k = r.kinds
        out.append(
            f"| {r.document} | {r.tables} | {r.cells_equal}/{r.cells} | "
            f"{r.verbatim}/{r.clauses} | {r.figure_only} | "
            f"{k['wording']} / {k['missing']} / {k['added']} | {r.errors} / {r.warnings} | "
            f"{r.cpu_regenerate:.2f} + {r.cpu_render:.2f} s ({r.wall:.2f} s) |")
    cells = sum(r.cells for r in rows)
    equal = sum(r.cells_equal for r in rows)
    clauses = sum(r.clauses for r in rows)
    verbatim = sum(r.verbatim for r in rows)
    figure = sum(r.figure_only for r in rows)
    out.append(f"\nCells: {equal}/{cells} ({100 * equal / max(cells, 1):.2f}%). "
               f"Clauses with figures word for word: {verbatim}/{clauses} "
               f"({100 * verbatim / max(clauses, 1):.1f}%); of those where the printed figures "
               f"agree with the tables (figure-only differences left out): {verbatim}/"
               f"{clauses - figure} ({100 * verbatim / max(clauses - figure, 1):.1f}%).")
    worst = max(rows, key=lambda r: r.cpu_regenerate + r.cpu_render)
    out.append(f"Slowest build: {worst.document}, "
               f"{worst.cpu_regenerate + worst.cpu_render:.2f} s CPU for all formats.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="JSON rows instead of a Markdown table")
    ap.add_argument("--differences", action="store_true", help="print each difference")
    ap.add_argument("names", nargs="*", help="only these documents (names in tables.yaml)")
    args = ap.parse_args(argv)
    docs = [d for d in documents() if not args.names or d["name"] in args.names]
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(d, Path(tmp)) for d in docs]
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    if args.differences:
        for r in rows:
            print(f"## {r.document}")
            for d in r.differences:
                print(f"- [{d['kind']}] {d['where']['section']} ¶{d['where']['paragraph']}")
                print(f"  O: {d['original']}\n  R: {d['regenerated']}")
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
