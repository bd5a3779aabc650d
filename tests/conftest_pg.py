"""A throwaway PostgreSQL 15 cluster for the store tests (started once, stopped at the end).

``$YUSUAN_TEST_PG_URL`` points at an existing server instead. Without either, tests that need
PostgreSQL are skipped with the reason (``make test`` installs the server binaries).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("YUSUAN_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


class NoServer(Exception):
    """No PostgreSQL server can be started here (the message says why)."""


@contextlib.contextmanager
def throwaway_server() -> Iterator[str]:
    """A fresh PostgreSQL cluster in a temporary folder, durability off, stopped and removed
    at the end: the URL of its maintenance database (``postgres``). Tests and benchmarks."""
    if not (PG_BIN / "initdb").exists():
        raise NoServer(f"PostgreSQL 15 binaries not found in {PG_BIN} "
                       "(install them with scripts/system-deps.sh --all)")
    if os.geteuid() == 0:
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            raise NoServer("no 'postgres' system user to run initdb as") from None
    base = Path(tempfile.mkdtemp(prefix="yusuan-pg-"))
    if os.geteuid() == 0:
        os.chown(base, pw.pw_uid, pw.pw_gid)
    data = base / "data"
    port = _free_port()
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust",
                                 "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]),
                   check=True, capture_output=True)
    options = (f"-k {base} -p {port} -c listen_addresses='' -c fsync=off "
               "-c full_page_writes=off -c synchronous_commit=off")
    subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options,
                                 "-l", str(base / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={base}&port={port}"
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m",
                                     "immediate", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database (``postgres``)."""
    given = os.environ.get("YUSUAN_TEST_PG_URL")
    if given:
        yield given
        return
    try:
        with throwaway_server() as url:
            yield url
    except NoServer as exc:
        pytest.skip(str(exc))


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
