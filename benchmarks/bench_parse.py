"""Time ``yusuan parse`` against pdfplumber's word extraction alone, per corpus PDF.

Baseline: ``page.extract_words()`` over all pages (the least a word-position reader must
do). Target: parse ≤ 1.5 × baseline, and a 30-page disclosure in < 2 s. Both are measured in
the same run, best of ``--repeat`` runs each, alternating, so machine load hits both alike.

    .venv/bin/python benchmarks/bench_parse.py [--repeat 3] [FILE.pdf ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "fixtures").glob("*.pdf"))
TARGET_RATIO = 1.5


def words_only(path: Path) -> tuple[float, int]:
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.extract_words()
    return time.perf_counter() - start, pages


def parse_only(path: Path) -> float:
    from yusuan.parse import parse_file

    start = time.perf_counter()
    parse_file(path)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = args.files or CORPUS
    parse_only(files[0])  # warm imports and profile loading once, outside the timings
    print(f"{'file':58} {'pages':>5} {'words s':>8} {'parse s':>8} {'ratio':>6}")
    worst = 0.0
    for f in files:
        base, yus, pages = float("inf"), float("inf"), 0
        for _ in range(args.repeat):
            t, pages = words_only(f)
            base = min(base, t)
            yus = min(yus, parse_only(f))
        ratio = yus / base
        worst = max(worst, ratio)
        per30 = yus / pages * 30
        print(f"{f.name[:58]:58} {pages:5d} {base:8.3f} {yus:8.3f} {ratio:6.2f}"
              f"   (30 pages ≈ {per30:.2f} s)")
    verdict = "ok" if worst <= TARGET_RATIO else "SLOWER THAN TARGET"
    print(f"worst ratio {worst:.2f} (target ≤ {TARGET_RATIO}): {verdict}")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
