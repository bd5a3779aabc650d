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
    nice -n 10 python benchmarks/bench_ingest.py --count 10000 --bases 100 --keep /data/bench
    python benchmarks/bench_ingest.py --inputs /data/bench   # the same documents again
    # the full runs, one process each, into fresh PostgreSQL databases kept for comparison:
    python benchmarks/bench_ingest.py --inputs /data/bench --run w1 --pg URL --keep-db \
        --json runs.jsonl
    python benchmarks/bench_ingest.py --compare URL_OF_ONE URL_OF_OTHER

With ``--pg`` (a PostgreSQL server's maintenance database) each run ingests into a fresh
database ``yusuan_bench_<run>`` and the CPU seconds of the server's processes are counted
beside the client's (the server is on the same cores). The load average is sampled every
5 s during each run: on a shared machine the wall-clock figures mean little without it, so
both wall-clock and CPU-based rates are printed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus_gen import bases, derived  # noqa: E402
from benchmarks.ingest_content import differences, digest  # noqa: E402

from yusuan.intake.parallel import ProcessRunner, Runner, SerialRunner  # noqa: E402
from yusuan.intake.pipeline import ingest_job  # noqa: E402
from yusuan.store import open_store  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
CACHE = Path(tempfile.gettempdir()) / "yusuan-bench-ingest-bases"
TARGET_RATIO = 1.7
EVERY = 500  # documents between progress lines


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
    return _tree_seconds([me, *me.children(recursive=True)])


def _tree_seconds(processes: list[psutil.Process]) -> dict[int, float]:
    seconds = {}
    for p in processes:
        with contextlib.suppress(psutil.Error):
            t = p.cpu_times()
            seconds[p.pid] = t.user + t.system
    return seconds


def peak_rss_mib() -> dict[int, float]:
    """The peak resident memory (VmHWM, MiB) of this process and every process under it."""
    me = psutil.Process()
    peaks = {}
    for p in [me, *me.children(recursive=True)]:
        with contextlib.suppress(OSError, ValueError, psutil.Error):
            status = Path(f"/proc/{p.pid}/status").read_text()
            kb = next(line.split()[1] for line in status.splitlines()
                      if line.startswith("VmHWM:"))
            peaks[p.pid] = int(kb) / 1024
    return peaks


def server_seconds(url: str | None) -> dict[int, float]:
    """CPU seconds of the PostgreSQL server behind ``url`` (its postmaster and every process
    under it; the server on this machine), by pid; empty for SQLite or a remote server."""
    if not url:
        return {}
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            folder = conn.execute(sa.text("SHOW data_directory")).scalar_one()
        pid = int((Path(folder) / "postmaster.pid").read_text().split()[0])
        server = psutil.Process(pid)
        return _tree_seconds([server, *server.children(recursive=True)])
    except (OSError, ValueError, psutil.Error, sa.exc.SQLAlchemyError):
        return {}
    finally:
        engine.dispose()


class LoadSampler:
    """The 1-minute load average every ``every`` seconds while a run lasts."""

    def __init__(self, every: float = 5.0) -> None:
        self.samples: list[float] = [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(every,), daemon=True)
        self._thread.start()

    def _sample(self, every: float) -> None:
        while not self._stop.wait(every):
            self.samples.append(os.getloadavg()[0])

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        return {"mean": sum(self.samples) / len(self.samples), "min": min(self.samples),
                "max": max(self.samples)}


def fresh_database(pg: str, name: str) -> str:
    """A new empty database ``name`` on the server of ``pg`` (dropped first if there): its URL."""
    engine = sa.create_engine(pg, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return sa.engine.make_url(pg).set(database=name).render_as_string(hide_password=False)


def drop_database(pg: str, name: str) -> None:
    engine = sa.create_engine(pg, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
    engine.dispose()


def run(name: str, make: Callable[[], Runner], folder: Path, db: str, cores: int,
        count: int, server: str | None = None) -> dict[str, Any]:
    """One ingest; prints wall-clock documents/s and where the CPU went (this driver process,
    its workers, the database server): with the cores free, N workers approach N × the
    one-process rate until the driver's share (grouping, storing) becomes the limit."""
    runner = make()
    load = LoadSampler()
    store = open_store(db)
    before, before_db = cpu_seconds(), server_seconds(server)
    started = time.perf_counter()

    def progress(stage: str, done: int, total: int, _name: str) -> None:
        """Every ``EVERY`` documents of each stage: how far, how fast (so a run stopped
        early still tells its rate)."""
        if done % EVERY and done != total:
            return
        now = cpu_seconds()
        spent = sum(t - before.get(pid, 0.0) for pid, t in now.items())
        wall = time.perf_counter() - started
        print(f"    {name} {stage} {done}/{total} at {wall:.0f} s, client CPU {spent:.0f} s, "
              f"load {os.getloadavg()[0]:.1f}, driver RSS "
              f"{psutil.Process().memory_info().rss / 2**20:.0f} MiB", flush=True)

    try:
        report = ingest_job(store, [folder], runner, progress=progress)
        after, after_db = cpu_seconds(), server_seconds(server)  # the workers still alive
        peaks = peak_rss_mib()
    finally:
        runner.close()
        store.close()
    elapsed = time.perf_counter() - started
    loads = load.stop()
    used = {pid: t - before.get(pid, 0.0) for pid, t in after.items()}
    driver = used.get(os.getpid(), 0.0)
    client = sum(used.values())
    database = sum(t - before_db.get(pid, 0.0) for pid, t in after_db.items())
    total = client + database
    rate = count / elapsed
    result = {
        "run": name, "documents": count, "stored": len(report.ingested),
        "unchanged": len(report.unchanged), "failed": len(report.failed),
        "wall_s": round(elapsed, 1), "docs_per_s": round(rate, 3),
        "docs_per_s_per_core_wall": round(rate / cores, 3),
        "cpu_s": round(total, 1), "cpu_client_s": round(client, 1),
        "cpu_driver_s": round(driver, 1), "cpu_db_server_s": round(database, 1),
        "cpu_ms_per_doc": round(total / count * 1000, 1),
        "docs_per_cpu_s": round(count / total, 3), "cores_got": round(total / elapsed, 2),
        "load": {k: round(v, 2) for k, v in loads.items()}, "cores": cores,
        "driver_peak_rss_mib": round(peaks.get(os.getpid(), 0.0)),
        "worker_peak_rss_mib": round(max((v for k, v in peaks.items() if k != os.getpid()),
                                         default=0.0)),
        "failures": [f"{f.path}: {f.message[:200]}" for f in report.failed[:5]],
    }
    print(f"{name:<22} {elapsed:7.1f} s  {rate:6.2f} docs/s  {rate / cores:6.2f} docs/s/core  "
          f"stored {len(report.ingested)}, failed {len(report.failed)}  (load mean "
          f"{loads['mean']:.1f}, max {loads['max']:.1f}); CPU {total:.1f} s = "
          f"{total / count * 1000:.0f} ms/doc = {count / total:.2f} docs per CPU second "
          f"(driver {driver:.1f} s, database server {database:.1f} s), "
          f"{total / elapsed:.2f} cores got; peak memory: driver "
          f"{result['driver_peak_rss_mib']} MiB, largest other process "
          f"{result['worker_peak_rss_mib']} MiB", flush=True)
    for f in report.failed[:3]:
        print(f"    failed: {f.path}: {f.message[:150]}")
    return result


def projected(serial_cpu: float, total: float, driver: float, workers: int) -> float:
    """The speed-up over one process on ``workers`` free cores, from the CPU each run used:
    the workers share the work, the driver's part runs beside them."""
    return serial_cpu / max(total / workers, driver)


@contextlib.contextmanager
def _cluster_runner() -> Iterator[Callable[[], Runner]]:
    from distributed import Client, LocalCluster

    from yusuan.intake.cluster import DaskRunner

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield lambda: DaskRunner(client)


def _one(which: str, folder: Path, count: int, tmp: Path, args: argparse.Namespace
         ) -> dict[str, Any]:
    """The run ``which`` (w1 | w2 | cluster) into a fresh database."""
    name = {"w1": "--workers 1", "w2": "--workers 2", "cluster": "LocalCluster 2 workers"}[which]
    db_name = f"yusuan_bench_{args.tag}{which}"
    db = fresh_database(args.pg, db_name) if args.pg else str(tmp / f"{which}.db")
    try:
        if which == "cluster":
            with _cluster_runner() as make:
                result = run(name, make, folder, db, 2, count, args.pg and db)
        else:
            make: Callable[[], Runner] = (
                SerialRunner if which == "w1" else lambda: ProcessRunner(2))
            result = run(name, make, folder, db, 1 if which == "w1" else 2, count,
                         args.pg and db)
        if args.digest or args.keep_db:
            store = open_store(db)
            result["content"] = digest(store).summary()
            store.close()
            print(f"    content: {result['content']}", flush=True)
        result["db"] = db_name if args.pg else db
    finally:
        if not args.keep_db:
            if args.pg:
                drop_database(args.pg, db_name)
            else:
                Path(db).unlink(missing_ok=True)  # its originals take as much room as the inputs
    if args.json:
        with args.json.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(result, ensure_ascii=False) + "\n")
    return result


def compare(a: str, b: str) -> int:
    """Two stores' content side by side: 0 when they hold the same."""
    stores = [open_store(a, migrate_schema=False), open_store(b, migrate_schema=False)]
    try:
        da, db_ = (digest(s) for s in stores)
    finally:
        for s in stores:
            s.close()
    print(f"A: {da.summary()}\nB: {db_.summary()}")
    diff = differences(da, db_)
    print("same content" if not diff and da.summary() == db_.summary() else "\n".join(diff))
    return 0 if not diff and da.summary() == db_.summary() else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="documents (default 200)")
    parser.add_argument("--bases", type=int, default=24,
                        help="PDFs rendered by yusuan to derive the documents from (default 24)")
    parser.add_argument("--inputs", type=Path,
                        help="a folder of documents prepared before (by a run given --keep)")
    parser.add_argument("--keep", type=Path, help="prepare the documents into this folder, kept")
    parser.add_argument("--no-cluster", action="store_true", help="skip the Dask LocalCluster")
    parser.add_argument("--run", action="append", choices=("w1", "w2", "cluster"),
                        help="only this run (repeatable; default all three)")
    parser.add_argument("--pg", help="a PostgreSQL server's maintenance database URL: each run "
                        "ingests into a fresh database on it (default: SQLite files)")
    parser.add_argument("--keep-db", action="store_true",
                        help="keep each run's database (and print its content digest)")
    parser.add_argument("--tag", default="", help="in the databases' names: yusuan_bench_TAGw1")
    parser.add_argument("--digest", action="store_true", help="print each run's content digest")
    parser.add_argument("--json", type=Path, help="append each run's figures to this file")
    parser.add_argument("--compare", nargs=2, metavar=("DB_A", "DB_B"),
                        help="compare the content of two stores and exit")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    runs = args.run or ["w1", "w2", *([] if args.no_cluster else ["cluster"])]
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
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", flush=True)
        results = {w: _one(w, folder, count, Path(tmp), args) for w in runs}
    one = results.get("w1")
    for w in ("w2", "cluster"):
        if one and w in results:
            r = results[w]
            print(f"{r['run']} / --workers 1: {r['docs_per_s'] / one['docs_per_s']:.2f}x "
                  f"measured (target >= {TARGET_RATIO}); "
                  f"{projected(one['cpu_s'], r['cpu_s'], r['cpu_driver_s'], 2):.2f}x on 2 free "
                  "cores, from the CPU seconds each run used")
    if one and "w2" in results:
        return 0 if results["w2"]["docs_per_s"] / one["docs_per_s"] >= TARGET_RATIO else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
