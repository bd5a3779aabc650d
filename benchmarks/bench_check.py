"""Time the checker: one parsed disclosure, and 1,000 disclosures held in memory.

Targets: checking one parsed disclosure ≤ 20 ms (after the first check of the process, which
also reads the classification catalogues and profiles: reported separately); 1,000 disclosures
in memory ≤ 20 s. Baseline in the same run: serialising the same disclosure to plain data
(``disclosure_to_data``, one full walk over every table, sentence and indicator), printed as a
ratio. The 1,000 are variants of the Korla 2024 disclosure, each with a different amount in
表5 (so no two are the same object), plus the parsed seed and corpus PDFs.
Run: ``.venv/bin/python benchmarks/bench_check.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KORLA = ROOT / "examples" / "korla-2024"
FIXTURES = ROOT / "tests" / "fixtures"
ONE_TARGET_MS = 20.0
MANY_TARGET_S = 20.0


def variants(base, n):  # type: ignore[no-untyped-def]
    """``n`` copies of ``base``, each with a different 行政运行 amount in 表5."""
    gpb = base.table("gpb")
    out = []
    for i in range(n):
        rows = tuple(dataclasses.replace(r, values={**r.values, "total": Decimal(i) / 100})
                     if r.code == "2010301" else r for r in gpb.rows)
        table = dataclasses.replace(gpb, rows=rows)
        out.append(dataclasses.replace(base, tables=tuple(table if t.id == "gpb" else t
                                                          for t in base.tables)))
    return out


def timed(fn, repeat):  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from yusuan.checks.run import check_disclosure
    from yusuan.compose import build_disclosure
    from yusuan.model.errors import InputError
    from yusuan.model.serialize import disclosure_to_data
    from yusuan.parse import parse_file

    korla = build_disclosure(KORLA)
    start = time.perf_counter()
    check_disclosure(korla)
    cold = (time.perf_counter() - start) * 1000
    print(f"first check in this process (reads catalogues and profiles): {cold:.1f} ms")

    docs = {"korla-2024 (built)": korla}
    for path in [*sorted(FIXTURES.glob("*.pdf")), FIXTURES / "korla-2024-seed.txt"]:
        try:
            docs[path.name + " (parsed)"] = parse_file(path)[0]
        except InputError as exc:  # a narrative-only part, a blank template: nothing to check
            print(f"{path.name:70s} skipped: {exc.message}")
    worst = 0.0
    for name, d in docs.items():
        ms = timed(lambda d=d: check_disclosure(d), args.repeat) * 1000
        base = timed(lambda d=d: disclosure_to_data(d), args.repeat) * 1000
        worst = max(worst, ms)
        findings = len(check_disclosure(d))
        print(f"{name:70s} check {ms:6.2f} ms   baseline to_data {base:6.2f} ms   "
              f"ratio {ms / base:5.2f}   findings {findings}")
    print(f"one disclosure: worst {worst:.2f} ms (target ≤ {ONE_TARGET_MS:.0f} ms) "
          f"{'OK' if worst <= ONE_TARGET_MS else 'SLOW'}")

    many = variants(korla, 1000)
    start = time.perf_counter()
    errors = sum(1 for d in many for f in check_disclosure(d) if f.severity == "error")
    total = time.perf_counter() - start
    start = time.perf_counter()
    for d in many:
        disclosure_to_data(d)
    base = time.perf_counter() - start
    print(f"1,000 disclosures: check {total:.2f} s, baseline to_data {base:.2f} s, "
          f"ratio {total / base:.2f} (target ≤ {MANY_TARGET_S:.0f} s) "
          f"{'OK' if total <= MANY_TARGET_S else 'SLOW'}; errors found {errors}")


if __name__ == "__main__":
    main()
