"""Ingest throughput: N disclosures read, checked and stored with 1 and 2 local workers and on
a 2-worker Dask LocalCluster; documents/s and documents/s per core, ratios to ``--workers 1``.

The documents: the corpus PDFs (tests/fixtures) plus generated departments (``corpus_gen``):
a few dozen bases built from the synthetic examples' line items and rendered to PDF by yusuan
(other years and amounts; cached), each giving many distinct departments by a rename of the
department in the PDF text — every document another department's valid budget, so each is
stored as a disclosure of its own. Each run ingests them all into a fresh SQLite database
through ``ingest_job``, the driver of ``yusuan ingest``. Target (issue 17): ``--workers 2`` ≥
1.7 × the documents/s of ``--workers 1`` on a 2-core machine. The machine's load average is
printed beside each run (other work on the same cores lowers the ratio), and the CPU seconds
each run used (this process and its workers), from which the speed-up on free cores follows.

    python benchmarks/bench_ingest.py              # 200 documents
    nice -n 10 python benchmarks/bench_ingest.py --count 10000 --bases 200 --keep /data/bench
    python benchmarks/bench_ingest.py --inputs /data/bench   # the same documents again
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus_gen import bases, derived  # noqa: E402

from yusuan.intake.parallel import ProcessRunner, Runner, SerialRunner  # noqa: E402
from yusuan.intake.pipeline import ingest_job  # noqa: E402
from yusuan.store import open_store  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
CACHE = Path(tempfile.gettempdir()) / "yusuan-bench-ingest-bases"
TARGET_RATIO = 1.7


def prepare(folder: Path, count: int, base_count: int) -> int:
    """``count`` input files in ``folder``: the corpus PDFs, then distinct departments derived
    from ``base_count`` rendered bases in turn."""
    corpus = sorted(FIXTURES.glob("*.pdf"))[:count]
    for p in corpus:
        shutil.copy(p, folder / p.name)
    made = [p.read_bytes() for p in bases(ROOT, CACHE, base_count)]
    for i in range(count - len(corpus)):
        _, data = derived(made[i % len(made)], i + 1)
        (folder / f"generated-{i:05d}.pdf").write_bytes(data)
    return count


def cpu_seconds() -> dict[int, float]:
    """CPU seconds (user + system) of this process and every process under it, by pid."""
    me = psutil.Process()
    seconds = {}
    for p in [me, *me.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            t = p.cpu_times()
            seconds[p.pid] = t.user + t.system
    return seconds


def run(name: str, make: Callable[[], Runner], folder: Path, db: Path, cores: int,
        count: int) -> tuple[float, float, float]:
    """One ingest; prints wall-clock documents/s and where the CPU went (this driver process
    vs its workers): with the cores free, N workers approach N × the one-process rate until
    the driver's share (grouping, storing) becomes the limit."""
    runner = make()
    load = os.getloadavg()[0]
    store = open_store(str(db))
    before = cpu_seconds()
    started = time.perf_counter()
    try:
        report = ingest_job(store, [folder], runner)
        after = cpu_seconds()  # the workers are still alive here
    finally:
        runner.close()
        store.close()
    elapsed = time.perf_counter() - started
    db.unlink()  # its originals take as much room as the inputs
    used = {pid: t - before.get(pid, 0.0) for pid, t in after.items()}
    driver = used.get(os.getpid(), 0.0)
    total = sum(used.values())
    rate = count / elapsed
    print(f"{name:<22} {elapsed:7.1f} s  {rate:6.2f} docs/s  {rate / cores:6.2f} docs/s/core  "
          f"stored {len(report.ingested)}, failed {len(report.failed)}  (load {load:.1f}); "
          f"CPU {total:.1f} s = {total / count * 1000:.0f} ms/doc, driver {driver:.1f} s, "
          f"{total / elapsed:.2f} cores got")
    for f in report.failed[:3]:
        print(f"    failed: {f.path}: {f.message[:150]}")
    return rate, total, driver


def projected(serial_cpu: float, total: float, driver: float, workers: int) -> float:
    """The speed-up over one process on ``workers`` free cores, from the CPU each run used:
    the workers share the work, the driver's part runs beside them."""
    return serial_cpu / max(total / workers, driver)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="documents (default 200)")
    parser.add_argument("--bases", type=int, default=24,
                        help="PDFs rendered by yusuan to derive the documents from (default 24)")
    parser.add_argument("--inputs", type=Path,
                        help="a folder of documents prepared before (by a run given --keep)")
    parser.add_argument("--keep", type=Path, help="prepare the documents into this folder, kept")
    parser.add_argument("--no-cluster", action="store_true", help="skip the Dask LocalCluster")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.inputs:
            folder, count = args.inputs, len(list(args.inputs.iterdir()))
        else:
            folder = args.keep or Path(tmp) / "in"
            folder.mkdir(parents=True, exist_ok=True)
            made = time.process_time()
            count = prepare(folder, args.count, args.bases)
            print(f"prepared in {time.process_time() - made:.0f} s of CPU")
        print(f"{count} documents ({len(list(FIXTURES.glob('*.pdf')))} corpus PDFs), "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        one, serial_cpu, _ = run("--workers 1", SerialRunner, folder, Path(tmp) / "w1.db", 1,
                                 count)
        two, total, driver = run("--workers 2", lambda: ProcessRunner(2), folder,
                                 Path(tmp) / "w2.db", 2, count)
        print(f"--workers 2 / --workers 1: {two / one:.2f}x measured (target >= "
              f"{TARGET_RATIO}); {projected(serial_cpu, total, driver, 2):.2f}x on 2 free "
              "cores, from the CPU seconds each run used")
        if not args.no_cluster:
            from distributed import Client, LocalCluster

            from yusuan.intake.cluster import DaskRunner

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                dask, total, driver = run("LocalCluster 2 workers", lambda: DaskRunner(client),
                                          folder, Path(tmp) / "dask.db", 2, count)
            print(f"LocalCluster / --workers 1: {dask / one:.2f}x measured; "
                  f"{projected(serial_cpu, total, driver, 2):.2f}x on 2 free cores")
    return 0 if two / one >= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
