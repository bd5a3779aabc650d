"""Time ``yusuan build`` of examples (Korla 2024 by default; ``--example shanghai-dept-2025
jiangsu-dept-2019`` or ``--example all``): each format's renderer and WeasyPrint alone, wall
and CPU time, and the whole command-line build in a fresh process.

Targets: all formats in ≤ 3 s (fresh process, imports included, as a user runs it); the PDF
step ≤ 1.3 × WeasyPrint laying out the same HTML (``weasyprint.HTML(string=…).write_pdf()``).
The build target is judged on CPU time (what the build costs whatever else the shared
machine runs). Run: ``.venv/bin/python benchmarks/bench_build.py [--repeat N] [--example NAME…]``.
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


def bench(source: Path, repeat: int) -> bool:
    """One example: WeasyPrint alone, each format's renderer (wall and CPU), the whole CLI
    build. True when the build is within its target."""
    import weasyprint

    from yusuan.build import FORMATS, renderer
    from yusuan.compose import build_disclosure
    from yusuan.render.pdf import print_html

    disclosure = build_disclosure(source)
    html = print_html(disclosure)
    steps: dict[str, list[float]] = {f: [] for f in FORMATS}
    step_cpu: dict[str, list[float]] = {f: [] for f in FORMATS}
    baseline: list[float] = []
    baseline_cpu: list[float] = []
    builds: list[float] = []
    build_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            weasyprint.HTML(string=html).write_pdf()
            baseline.append(time.perf_counter() - start)
            baseline_cpu.append(time.process_time() - cpu)
            for fmt in FORMATS:
                start, cpu = time.perf_counter(), time.process_time()
                renderer(fmt)(disclosure)
                steps[fmt].append(time.perf_counter() - start)
                step_cpu[fmt].append(time.process_time() - cpu)
            wall, cpu_s = time_cli_build(Path(tmp) / f"out{i}", source)
            builds.append(wall)
            build_cpu.append(cpu_s)

    def med(xs: list[float]) -> float:
        return statistics.median(xs)

    load = os.getloadavg()[0]
    print(f"{source.name}, {repeat} runs, seconds; {os.cpu_count()} CPUs, load {load:.2f}")
    print(f"{'step':<34}{'wall':>8}{'min':>8}{'max':>8}{'CPU':>8}")
    rows = [("weasyprint alone (same HTML)", baseline, baseline_cpu)]
    rows += [(f"render_{fmt}", steps[fmt], step_cpu[fmt]) for fmt in FORMATS]
    rows += [("yusuan build, all formats (CLI)", builds, build_cpu)]
    for name, xs, cpus in rows:
        print(f"{name:<34}{med(xs):>8.3f}{min(xs):>8.3f}{max(xs):>8.3f}{med(cpus):>8.3f}")
    ratio = med(step_cpu["pdf"]) / med(baseline_cpu)
    ok = med(build_cpu) <= BUILD_TARGET
    print(f"PDF step / WeasyPrint alone (CPU): {ratio:.2f}×  (target ≤ {PDF_RATIO_TARGET}×)"
          f"  {'OK' if ratio <= PDF_RATIO_TARGET else 'OVER'}")
    print(f"build all formats: {med(builds):.2f} s wall (best {min(builds):.2f} s), "
          f"{med(build_cpu):.2f} s CPU  (target ≤ {BUILD_TARGET} s)  {'OK' if ok else 'OVER'}")
    print()
    return ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--example", nargs="+", default=[KORLA.name],
                        help="folders of examples/, or “all”")
    args = parser.parse_args()
    names = args.example
    if names == ["all"]:
        names = sorted(p.parent.name for p in (ROOT / "examples").glob("*/budget.yaml"))
    results = [bench(ROOT / "examples" / name, args.repeat) for name in names]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
