"""``make fuzz``: many mutated inputs against every reader and build source; prints the
counts (inputs, exit codes, tracebacks, crashes, hangs) and exits 1 if any input failed.

    python tests/fuzz/run.py --count 10000 [--seed 0] [--cli-every 50] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]),
                str(Path(__file__).resolve().parents[2] / "src")]

from tests.fuzz.harness import TARGETS, Report, fuzz  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seconds", type=float, default=30, help="time limit per input")
    ap.add_argument("--memory-mb", type=int, default=1024, help="memory limit per input")
    ap.add_argument("--cli-every", type=int, default=50,
                    help="also run every Nth input through the real command line (0: never)")
    ap.add_argument("--target", action="append", help="only these targets (text, pdf, …)")
    ap.add_argument("--keep", type=Path, help="copy failing inputs into this folder")
    ap.add_argument("--seeds", type=Path, help="keep the rendered seeds in this folder")
    args = ap.parse_args()
    targets = tuple(t for t in TARGETS if not args.target or t.name in args.target)
    started = time.monotonic()

    def progress(n: int, report: Report) -> None:
        if n % 250 == 0:
            print(f"[{time.monotonic() - started:6.0f} s] {report.lines()[0]}", flush=True)

    report = fuzz(args.count, args.seed, seconds=args.seconds,
                  memory=args.memory_mb * 1024 * 1024, cli_every=args.cli_every,
                  targets=targets, keep=args.keep, progress=progress, seeds=args.seeds)
    print("\n".join(report.lines()))
    for case, outcome, detail in report.failures[:20]:
        print(f"--- #{case.number} {case.target} {outcome}\n{detail.strip()[-1500:]}")
    print(f"{time.monotonic() - started:.0f} s; failing inputs: {report.bad}")
    return 1 if report.bad else 0


if __name__ == "__main__":
    sys.exit(main())
