"""Ingest 1,000 generated disclosures (Korla 2024 variants, as Disclosure JSON) into SQLite.

Each goes through the same path as ``yusuan ingest`` and an admin upload: JSON file →
``read_inputs`` + ``document_of`` (read + check) → ``store_document`` in its own transaction, cells
bulk-inserted. Target: ≤ 60 s on the 2-core CI machine. Baseline printed beside it: the same
documents only serialised and read back (no database), to show what the store itself costs.
"""

from __future__ import annotations

import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.store.factories import json_bytes, variant  # noqa: E402

from yusuan.compose import build_disclosure  # noqa: E402
from yusuan.intake import read_inputs  # noqa: E402
from yusuan.intake.pipeline import document_of, ingest_paths  # noqa: E402
from yusuan.store import open_store  # noqa: E402

COUNT = 1000
TARGET_SECONDS = 60.0


def main() -> int:
    base = build_disclosure(ROOT / "examples" / "korla-2024")
    payloads = []
    for i in range(COUNT):
        d = variant(base, department=f"基准测试第{i:04d}局", year=2020 + i % 5,
                    factor=Decimal(100 + i % 37) / Decimal(100))
        payloads.append((f"bench-{i:04d}.json", json_bytes(d)))
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, data in payloads:
            paths.append(Path(tmp) / name)
            paths[-1].write_bytes(data)
        started = time.perf_counter()
        for path in paths:
            document_of(read_inputs([path])[0][0])
        baseline = time.perf_counter() - started
        store = open_store(str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        report = ingest_paths(store, paths)
        elapsed = time.perf_counter() - started
        with store.reading() as session:
            from sqlalchemy import func, select

            from yusuan.store.schema import Cell

            cells = session.scalar(select(func.count(Cell.id)))
        store.close()
    ok = len(report.ingested) == COUNT and not report.failed
    print(f"ingest {COUNT} disclosures into SQLite: {elapsed:.1f} s "
          f"({COUNT / elapsed:.0f} docs/s, {cells} cells); "
          f"baseline read+check only: {baseline:.1f} s; store overhead "
          f"{elapsed / baseline:.2f}x; target <= {TARGET_SECONDS:.0f} s")
    if report.failed:
        print("failed:", report.failed[:3])
    return 0 if ok and elapsed <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
