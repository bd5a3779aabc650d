"""Portal speed on loopback: the disclosure page and a 1,000-row cells API query, on SQLite
and PostgreSQL, with ``yusuan serve --workers 1`` and ``--workers 2``.

The store holds the Korla 2024 example published, plus copies of it under other departments
(made in SQL, cells and all) until it has ``--cells`` cells (default 200,000; issue 17 asks
for 10,000,000). Clients: httpx, one request at a time for latency (p50/p95), then ``wrk``
(a C load generator, ``apt-get install wrk``; else ``THREADS`` httpx threads, which cost more
CPU than the server) for requests/s, with the server's CPU time per request (from its
processes' CPU seconds), which does not depend on what else runs on the machine. Baseline in the same run:
a static file from the same server. PostgreSQL is a throwaway cluster (as the tests start
it) unless ``--pg URL`` names an empty database. Targets (issue 17): page ≥ 1,000 req/s with
2 workers, p50 ≤ 5 ms; cells API p50 ≤ 20 ms at 10 million cells on PostgreSQL.

    python benchmarks/bench_web.py [--cells 10000000] [--pg URL] [--no-pg] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest_pg import NoServer, throwaway_server  # noqa: E402
from tests.store.factories import document  # noqa: E402

from yusuan.compose import build_disclosure  # noqa: E402
from yusuan.store import open_store  # noqa: E402
from yusuan.store import repository as repo  # noqa: E402

LATENCY_REQUESTS = 200
LOAD_REQUESTS = 2000
THREADS = 8
WRK_CONNECTIONS = 16
WRK_SECONDS = 10
TIMEOUT = 30.0
RENDER_TIMEOUT = 300.0  # a first download renders the PDF (on a loaded machine, minutes)
COPIES_PER_STATEMENT = 50
CELL_FIELDS = ", ".join(f'"{c}"' for c in repo.CELL_FIELDS if c != "disclosure_id")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(url: str, cells: int) -> tuple[int, int, int]:
    """The example published, copied (SQL, published) until ``cells`` cells: (its id, its
    department's id, the cells stored)."""
    store = open_store(url)
    with store.transaction() as session:
        first = repo.store_document(session,
                                    document(build_disclosure(ROOT / "examples/korla-2024")))
        info = repo.set_state(session, first.disclosure_id, "published", "bench")
        per_doc = session.scalar(sa.text("SELECT count(*) FROM cells"))
    copies = max(0, cells // per_doc - 1)
    columns = ("year, edition, version, profile, title, file_name, file_type, file_bytes, "
               "disclosure_json, findings_json, checked, error_count, warning_count, "
               "info_count, state, created_at, created_by, published_at")
    for start in range(0, copies, COPIES_PER_STATEMENT):
        with store.transaction() as session:
            for i in range(start, min(copies, start + COPIES_PER_STATEMENT)):
                dept = session.scalar(sa.text(  # new by construction: no lookup by name
                    "INSERT INTO departments (name, created_at) SELECT :name, created_at "
                    "FROM disclosures WHERE id = :src RETURNING id"),
                    {"name": f"基准部门{i:07d}", "src": info.id})
                new = session.scalar(sa.text(
                    f"INSERT INTO disclosures (department_id, sha256, {columns}) "
                    f"SELECT :dept, :sha, {columns} FROM disclosures WHERE id = :src "
                    "RETURNING id"), {"dept": dept, "sha": f"copy{i:060d}",
                                      "src": info.id})
                session.execute(sa.text(
                    f"INSERT INTO cells (disclosure_id, {CELL_FIELDS}) "
                    f"SELECT :new, {CELL_FIELDS} FROM cells WHERE disclosure_id = :src"),
                    {"new": new, "src": info.id})
    with store.transaction() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(sa.text("ANALYZE"))
        total = int(session.scalar(sa.text("SELECT count(*) FROM cells")) or 0)
    store.close()
    return info.id, info.department_id, total


@contextlib.contextmanager
def serving(url: str, workers: int) -> Iterator[tuple[str, int]]:
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "yusuan"), "serve", "--db", url, "--port",
         str(port), "--workers", str(workers)], env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/static/portal.css", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start") from None
                time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(10)


def latency(url: str, n: int) -> list[float]:
    times = []
    with httpx.Client(timeout=RENDER_TIMEOUT) as client:
        for _ in range(n):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return sorted(times)


def throughput(url: str, n: int, threads: int) -> tuple[float, int]:
    """Answers/s from ``threads`` clients sharing ``n`` requests, and how many failed (an
    error status or no answer within ``TIMEOUT`` s): only answered requests count."""
    per_thread = n // threads
    answered: list[int] = []
    failed: list[str] = []

    def work() -> None:
        with httpx.Client(timeout=TIMEOUT) as client:
            for _ in range(per_thread):
                try:
                    r = client.get(url)
                except httpx.HTTPError as exc:
                    failed.append(type(exc).__name__)
                    continue
                (answered if r.status_code == 200 else failed).append(r.status_code)

    pool = [threading.Thread(target=work) for _ in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return len(answered) / (time.perf_counter() - started), len(failed)


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) of the server and its worker processes so far."""
    total = 0.0
    with contextlib.suppress(psutil.Error):
        root = psutil.Process(pid)
        for p in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                t = p.cpu_times()
                total += t.user + t.system
    return total


def wrk(url: str, connections: int, seconds: int) -> tuple[float, str, int]:
    """wrk (a C load generator on one thread: the client costs far less than the server):
    answers/s, its latency median, and the requests that failed or were not 2xx."""
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    median = re.search(r"Latency Distribution\s+50%\s+(\S+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       out)
    bad = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, errors.groups())) if errors
                                                     else 0)
    return rate, median.group(1) if median else "?", bad


def measure(name: str, url: str, target: tuple[int, int], workers: int) -> None:
    disclosure, department, _ = target
    with serving(url, workers) as (base, pid):
        rows = httpx.get(f"{base}/api/v1/cells?year=2024&limit=1000").json()["count"]
        for what, path, n in (
                ("static file", "/static/portal.css", LOAD_REQUESTS),
                ("disclosure page", f"/disclosures/{disclosure}", LOAD_REQUESTS),
                # rendered and stored on the first request (a publication through the
                # workspace renders it then): the warm-up below; then served as stored
                ("download pdf (stored)", f"/disclosures/{disclosure}/download.pdf",
                 LOAD_REQUESTS // 4),
                (f"cells year ({rows} rows)", "/api/v1/cells?year=2024&limit=1000",
                 LOAD_REQUESTS // 10),
                ("cells dept+table", f"/api/v1/cells?year=2024&department={department}"
                 "&table=gpb_basic&limit=1000", LOAD_REQUESTS // 4),
                ("cells table+code", "/api/v1/cells?year=2024&table=gpb&code=2010301"
                 "&limit=1000", LOAD_REQUESTS // 4)):
            latency(base + path, 10)  # warm (a download: rendered and stored)
            times = latency(base + path, LATENCY_REQUESTS // 4 if "cells" in what
                            else LATENCY_REQUESTS)
            cpu = server_cpu(pid)
            if shutil.which("wrk"):
                rps, median, failed = wrk(base + path, WRK_CONNECTIONS, WRK_SECONDS)
                count = rps * WRK_SECONDS
                client = f"wrk {WRK_CONNECTIONS} connections, p50 {median} under load"
            else:
                rps, failed = throughput(base + path, n, THREADS)
                count, client = n, f"{THREADS} httpx threads"
            per_request = (server_cpu(pid) - cpu) / max(count, 1) * 1000
            print(f"{name:<10} workers {workers}  {what:<26} p50 {statistics.median(times):6.1f}"
                  f" ms  p95 {times[int(len(times) * 0.95)]:6.1f} ms  {rps:7.0f} req/s, "
                  f"server CPU {per_request:.2f} ms/request ({client}, {failed} failed, "
                  f"load {os.getloadavg()[0]:.1f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=200_000)
    parser.add_argument("--pg", help="an empty PostgreSQL database (default: a throwaway one)")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        backends: list[tuple[str, contextlib.AbstractContextManager[str]]] = []
        if not args.no_sqlite:
            backends.append(("sqlite", contextlib.nullcontext(str(Path(tmp) / "bench.db"))))
        if args.pg:
            backends.append(("postgresql", contextlib.nullcontext(args.pg)))
        elif not args.no_pg:
            backends.append(("postgresql", throwaway_server()))
        for name, server in backends:
            try:
                with server as url:
                    started = time.perf_counter()
                    target = prepare(url, args.cells)
                    print(f"{name}: {target[2]:,} cells stored in "
                          f"{time.perf_counter() - started:.0f} s")
                    for workers in (1, 2):
                        measure(name, url, target, workers)
            except NoServer as exc:
                print(f"{name}: skipped ({exc})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
