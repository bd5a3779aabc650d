"""Portal speed on loopback: a disclosure page's latency (p50/p95) and sustained requests/s.

uvicorn runs ``yusuan serve`` in a subprocess over a SQLite store holding the Korla 2024
example (published); httpx clients load the disclosure page, first one request at a time
(latency), then from several threads (throughput). Bounded: a fixed number of requests.
Targets: p50 ≤ 20 ms and ≥ 300 requests/s on the 2-core CI machine. Baseline printed beside
it: the static ECharts file served by the same server (no page logic at all).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.store.factories import document  # noqa: E402

from yusuan.compose import build_disclosure  # noqa: E402
from yusuan.store import open_store  # noqa: E402
from yusuan.store import repository as repo  # noqa: E402

LATENCY_REQUESTS = 300
LOAD_REQUESTS = 3000
THREADS = 8
TARGET_P50_MS = 20.0
TARGET_RPS = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(db: Path) -> int:
    store = open_store(str(db))
    with store.transaction() as session:
        outcome = repo.store_document(session,
                                      document(build_disclosure(ROOT / "examples/korla-2024")))
        repo.set_state(session, outcome.disclosure_id, "published", "bench")
    store.close()
    return outcome.disclosure_id


def latency(url: str, n: int) -> list[float]:
    times = []
    with httpx.Client() as client:
        for _ in range(n):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    return times


def throughput(url: str, n: int, threads: int) -> float:
    per_thread = n // threads
    errors: list[int] = []

    def work() -> None:
        with httpx.Client() as client:
            for _ in range(per_thread):
                r = client.get(url)
                if r.status_code != 200:
                    errors.append(r.status_code)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    assert not errors, errors[:5]
    return per_thread * threads / elapsed


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        disclosure_id = prepare(db)
        port = free_port()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        server = subprocess.Popen([str(Path(sys.executable).parent / "yusuan"), "serve", "--db",
                                   str(db), "--port", str(port)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(base + "/", timeout=1)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("server did not start") from None
                    time.sleep(0.1)
            page = f"{base}/disclosures/{disclosure_id}"
            latency(page, 20)  # warm the page cache
            times = sorted(latency(page, LATENCY_REQUESTS))
            p50, p95 = statistics.median(times), times[int(len(times) * 0.95)]
            rps = throughput(page, LOAD_REQUESTS, THREADS)
            static_rps = throughput(f"{base}/static/portal.css", LOAD_REQUESTS, THREADS)
        finally:
            server.terminate()
            server.wait(10)
    print(f"disclosure page: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p50 <= "
          f"{TARGET_P50_MS:.0f} ms); {rps:.0f} req/s with {THREADS} client threads "
          f"(target >= {TARGET_RPS:.0f}); baseline static file {static_rps:.0f} req/s, "
          f"page/static {rps / static_rps:.2f}")
    return 0 if p50 <= TARGET_P50_MS and rps >= TARGET_RPS else 1


if __name__ == "__main__":
    raise SystemExit(main())
