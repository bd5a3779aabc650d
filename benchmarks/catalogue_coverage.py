"""Coverage of the classification catalogues per year: counts by level and provenance.

Run: ``python benchmarks/catalogue_coverage.py [--markdown]``. The tables in
``docs/classification.md`` are this script's ``--markdown`` output; re-run it after changing
``src/yusuan/reference/data/*.csv``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from yusuan.reference.classification import (
    KIND_TITLES,
    KINDS,
    LEVEL_NAMES,
    PROVENANCES,
    catalogue,
    correspondence_dept_to_gov,
)


def coverage_rows(kind: str) -> list[dict[str, object]]:
    """One row per covered year: entries per level and the share of each provenance."""
    cat = catalogue(kind)
    rows: list[dict[str, object]] = []
    for year in cat.years:
        entries = cat.entries(year)
        levels = Counter(e.level for e in entries)
        provenance = Counter(e.provenance for e in entries)
        row: dict[str, object] = {"year": year, "total": len(entries)}
        row.update({level: levels.get(level, 0) for level in LEVEL_NAMES})
        row.update({p: provenance.get(p, 0) / len(entries) for p in PROVENANCES})
        row["in_corpus"] = sum("corpus/" in e.source for e in entries)
        rows.append(row)
    return rows


def correspondence_row(year: int) -> Counter[str]:
    dept = catalogue("economic_dept")
    counts: Counter[str] = Counter()
    for entry in dept.entries(year):
        if entry.level == "款":
            link = correspondence_dept_to_gov(entry.code, year)
            counts[link.provenance if link else "missing"] += 1
    return counts


def markdown() -> str:
    lines: list[str] = []
    for kind in KINDS:
        levels = LEVEL_NAMES if kind == "functional" else LEVEL_NAMES[:2]
        lines.append(f"**{KIND_TITLES[kind]}** (`{kind}`)")
        lines.append("")
        head = ["年度", *levels, "合计", *PROVENANCES, "见于语料"]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        for row in coverage_rows(kind):
            cells = [str(row["year"]), *(str(row[level]) for level in levels), str(row["total"])]
            cells += [f"{row[p]:.1%}" for p in PROVENANCES]
            cells.append(str(row["in_corpus"]))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    counts = correspondence_row(2024)
    lines.append(
        "**部门→政府预算经济分类对照** (2024): "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    text = markdown()
    elapsed = time.perf_counter() - start
    print(text)
    if "--markdown" not in argv:
        print(f"\n(loaded and counted in {elapsed * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
