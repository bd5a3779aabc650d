"""Soak the store under kill -9 and concurrency (the drills of tests/store/test_faults.py, many
times over) and print what happened.

    python benchmarks/store_faults.py [--trials 24] [--rounds 20] [--db-url postgresql://…]

Drills, each on a fresh database (SQLite files in a temporary folder, or fresh databases on
the PostgreSQL server given by ``--db-url``, which must allow CREATE DATABASE):

- first migration: a process opening a fresh database is killed at a random moment of its
  migration (``--trials`` times); the database must open afterwards;
- ingest: ``yusuan ingest`` of 4 versions of one document is killed at a random moment
  (``--trials`` times, on the same database); then a rerun; every file must be stored once;
- parallel: 3 ``yusuan ingest`` of the same 3 files started together (``--rounds`` rounds,
  each on a fresh database, so they also migrate together): every process must succeed and
  every file be stored once with consecutive versions.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.store import faults  # noqa: E402

from yusuan.compose import build_disclosure  # noqa: E402
from yusuan.model.disclosure import Disclosure  # noqa: E402


@contextmanager
def fresh_databases(server: str | None, folder: Path) -> Iterator[Iterator[str]]:
    """An endless supply of fresh database URLs, dropped at the end."""
    made: list[str] = []

    def supply() -> Iterator[str]:
        while True:
            name = f"soak_{uuid.uuid4().hex[:10]}"
            if server is None:
                yield str(folder / f"{name}.db")
                continue
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            admin = create_engine(server, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            admin.dispose()
            made.append(name)
            yield make_url(server).set(database=name).render_as_string(hide_password=False)

    try:
        yield supply()
    finally:
        if server and made:
            from sqlalchemy import create_engine, text

            admin = create_engine(server, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                for name in made:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def migration_kills(dbs: Iterator[str], trials: int, rng: random.Random, tmp: Path) -> str:
    killed = unusable = 0
    for i in range(trials):
        db, ready = next(dbs), tmp / f"ready-m{i}"
        proc = faults.opening(db, ready)
        faults.wait_for_start([ready])
        killed += faults.kill_after(proc, rng.uniform(0, 0.6))
        try:
            faults.stored(db)
        except Exception as exc:  # what the drill counts
            unusable += 1
            print(f"  unusable after kill {i}: {exc}")
    return f"first migration: {killed} of {trials} processes killed, {unusable} unusable after"


def ingest_kills(dbs: Iterator[str], trials: int, rng: random.Random, tmp: Path,
                 base: Disclosure, workers: int) -> str:
    """``yusuan ingest --workers N`` killed at random moments; with N > 1 its worker
    processes must end with it (``left`` counts those still running 15 s later)."""
    db = next(dbs)
    files = faults.versions_of(base, tmp / "kills", 4)
    killed = unusable = left = 0
    for i in range(trials):
        proc = faults.ingest(db, files, workers)
        if workers > 1:
            faults.workers_of(proc)
        time.sleep(rng.uniform(0.3, 4.0))
        started = faults.descendants(proc)
        killed += faults.kill_after(proc, 0)
        left += len(faults.left_running(started))
        try:
            faults.stored(db)
        except Exception as exc:  # what the drill counts
            unusable += 1
            print(f"  unusable after kill {i}: {exc}")
    rerun = faults.finish([faults.ingest(db, files, workers)])[0]
    wrong = faults.problems(db, files)
    return (f"ingest --workers {workers}: {killed} of {trials} runs killed, {unusable} unusable "
            f"after, {left} processes left running, rerun exit {rerun.code}, {len(wrong)} "
            f"problems {wrong}")


def parallel(dbs: Iterator[str], rounds: int, tmp: Path, base: Disclosure) -> str:
    failed = runs = 0
    problems: list[str] = []
    for i in range(rounds):
        db = next(dbs)
        files = faults.versions_of(base, tmp / f"par{i}", 3,
                                   department=f"并发第{i}局")
        procs = [faults.ingest(db, files if n % 2 else files[::-1]) for n in range(3)]
        for done in faults.finish(procs):
            runs += len(files)
            failed += done.err.count("失败    ")
            if done.code:
                print(f"  round {i}: exit {done.code}: {done.err.strip()[:300]}")
        problems += faults.problems(db, files)
    return (f"parallel: {failed} of {runs} file ingests failed in {rounds} rounds of 3 "
            f"processes, {len(problems)} problems {problems[:3]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=24)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db-url", help="a PostgreSQL server (maintenance database URL)")
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--workers", type=int, default=2, help="of the killed ingests")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    base = build_disclosure(ROOT / "examples" / "korla-2024")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="yusuan-soak-") as folder:
        tmp = Path(folder)
        with fresh_databases(args.db_url, tmp) as dbs:
            lines = [migration_kills(dbs, args.trials, rng, tmp),
                     ingest_kills(dbs, args.trials, rng, tmp, base, args.workers),
                     parallel(dbs, args.rounds, tmp, base)]
    print("\n".join(lines))
    print(f"{'PostgreSQL' if args.db_url else 'SQLite'}, {time.perf_counter() - started:.0f} s")
    bad = any(" 0 unusable" not in line and "unusable" in line for line in lines[:2]) or \
        "0 problems" not in lines[1] or " 0 processes left" not in lines[1] or \
        not lines[2].startswith("parallel: 0 of") or "0 problems" not in lines[2]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
