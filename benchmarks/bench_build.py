"""Time ``yusuan build`` of an example (Korla 2024 by default; ``--example shanghai-dept-2025``
or ``jiangsu-dept-2019`` for the other regions), and the PDF step against WeasyPrint alone.

Targets: all formats in ≤ 3 s (fresh process, imports included, as a user runs it); the PDF
step ≤ 1.3 × WeasyPrint laying out the same HTML (``weasyprint.HTML(string=…).write_pdf()``).
Run: ``.venv/bin/python benchmarks/bench_build.py [--repeat N] [--example NAME]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KORLA = ROOT / "examples" / "korla-2024"
BUILD_TARGET = 3.0
PDF_RATIO_TARGET = 1.3


def time_cli_build(out: Path, source: Path = KORLA) -> tuple[float, float]:
    """A whole ``yusuan build`` (all formats) in a fresh interpreter: wall and CPU seconds.

    The CPU time (user + system of the child) is what the build costs whatever else the
    machine is running; the wall time is what the user waits on this machine right now.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    yusuan = Path(sys.executable).parent / "yusuan"
    subprocess.run([str(yusuan), "build", str(source), "-o", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--example", default=KORLA.name, help="a folder of examples/")
    args = parser.parse_args()
    source = ROOT / "examples" / args.example

    import weasyprint

    from yusuan.build import FORMATS, renderer
    from yusuan.compose import build_disclosure
    from yusuan.render.pdf import print_html

    disclosure = build_disclosure(source)
    html = print_html(disclosure)
    steps: dict[str, list[float]] = {f: [] for f in FORMATS}
    baseline: list[float] = []
    builds: list[float] = []
    build_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            start = time.perf_counter()
            weasyprint.HTML(string=html).write_pdf()
            baseline.append(time.perf_counter() - start)
            for fmt in FORMATS:
                start = time.perf_counter()
                renderer(fmt)(disclosure)
                steps[fmt].append(time.perf_counter() - start)
            wall, cpu = time_cli_build(Path(tmp) / f"out{i}", source)
            builds.append(wall)
            build_cpu.append(cpu)

    def med(xs: list[float]) -> float:
        return statistics.median(xs)

    load = os.getloadavg()[0]
    print(f"{args.example}, {args.repeat} runs, seconds; {os.cpu_count()} CPUs, load {load:.2f}")
    print(f"{'step':<34}{'median':>8}{'min':>8}{'max':>8}")
    rows = [("weasyprint alone (same HTML)", baseline)]
    rows += [(f"render_{fmt}", steps[fmt]) for fmt in FORMATS]
    rows += [("yusuan build, all formats (CLI)", builds),
             ("  same, CPU time (user+sys)", build_cpu)]
    for name, xs in rows:
        print(f"{name:<34}{med(xs):>8.3f}{min(xs):>8.3f}{max(xs):>8.3f}")
    ratio = med(steps["pdf"]) / med(baseline)
    print()
    print(f"PDF step / WeasyPrint alone: {ratio:.2f}×  (target ≤ {PDF_RATIO_TARGET}×)"
          f"  {'OK' if ratio <= PDF_RATIO_TARGET else 'OVER'}")
    print(f"build all formats: {med(builds):.2f} s wall (best {min(builds):.2f} s), "
          f"{med(build_cpu):.2f} s CPU  (target ≤ {BUILD_TARGET} s)"
          f"  {'OK' if med(builds) <= BUILD_TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
