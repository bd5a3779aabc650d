"""Store tests run against SQLite and a throwaway PostgreSQL 15 cluster."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from yusuan.store import Store, open_store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = str(tmp_path / "yusuan.db")
    else:
        url = request.getfixturevalue("pg_url")
    opened = open_store(url)
    try:
        yield opened
    finally:
        opened.close()
