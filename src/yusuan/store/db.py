"""Opening a store: the database URL, the engine, and the Alembic migrations run on open.

SQLite (a file, ``./yusuan.db`` or ``$YUSUAN_DB``) is the default; PostgreSQL by URL
(``postgresql+psycopg://…``). Every open runs ``alembic upgrade head``, so an old database
is brought up to date and a new one is created.

Faults and concurrency:

- The migration runs in one transaction (SQLite's DDL is transactional once the driver's own
  BEGIN handling is replaced by ours), under a lock (``BEGIN IMMEDIATE`` on SQLite,
  ``pg_advisory_xact_lock`` on PostgreSQL): a process killed mid-migration leaves nothing, and
  processes opening a fresh database together wait for the first one instead of colliding.
  A database half-created by an older yusuan (tables, no version stamp, no rows) is repaired.
- Writers (``Store.transaction``, ``Store.write``) take the write lock at BEGIN on SQLite
  (``BEGIN IMMEDIATE`` + ``busy_timeout``) and call ``lock_writers`` on PostgreSQL, so
  concurrent ingests of the same document serialise; ``Store.write`` also retries a unique
  violation, deadlock or serialisation failure with backoff.
- A database error reaches users only as a ``StoreError`` with a Chinese message, never with
  the SQL statement or its parameters.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from yusuan.model.errors import InputError
from yusuan.store.schema import Base

T = TypeVar("T")
WRITE = "yusuan_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)
BUSY_TIMEOUT_MS = 30_000
WRITE_ATTEMPTS = 6
# pg_advisory_xact_lock keys (any two bigint constants private to yusuan)
MIGRATION_LOCK = 0x79_75_73_75_61_6E_01
WRITER_LOCK = 0x79_75_73_75_61_6E_02
# PostgreSQL SQLSTATEs worth a retry: serialization failure, deadlock, lock not available
RETRY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


class StoreError(InputError):
    """A database failure, said in Chinese without SQL (exit code 2 like any bad input)."""


def default_url() -> str:
    return normalise_url(os.environ.get("YUSUAN_DB") or "yusuan.db")


def normalise_url(url: str) -> str:
    """A plain path means a SQLite file; ``postgresql://`` means psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module would run DDL outside any transaction; we emit BEGIN ourselves.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Writers take SQLite's write lock at BEGIN: a deferred transaction that reads and then
    writes can fail at once with "database is locked" instead of waiting its turn."""
    write = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def lock_writers(connection: Connection | Session, key: int = WRITER_LOCK) -> None:
    """Serialise writers on PostgreSQL until the transaction ends (SQLite: BEGIN IMMEDIATE
    already did)."""
    bind = connection.get_bind() if isinstance(connection, Session) else connection
    if bind.dialect.name == "postgresql":
        connection.execute(select(text(f"pg_advisory_xact_lock({int(key)})")))


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None) or "")


def retryable(exc: BaseException) -> bool:
    """A conflict with a concurrent writer that a fresh attempt resolves."""
    if isinstance(exc, IntegrityError):
        return True  # a unique row another writer added meanwhile is seen on the next try
    if isinstance(exc, DBAPIError):
        if _sqlstate(exc) in RETRY_SQLSTATES:
            return True
        reason = str(exc.orig).lower()
        return isinstance(exc, OperationalError) and ("locked" in reason or "busy" in reason)
    return False


def store_error(exc: SQLAlchemyError) -> StoreError:
    """The user's message for a database error: what happened, not the statement."""
    if isinstance(exc, IntegrityError):
        message = "数据库拒绝了这次写入：与同时进行的另一次导入冲突，请重试"
    elif retryable(exc):
        message = "数据库正忙（其他导入正在进行），请稍后重试"
    elif isinstance(exc, DBAPIError) and exc.connection_invalidated:
        message = "与数据库的连接中断，请检查数据库服务后重试"
    else:
        cause = exc.orig if isinstance(exc, DBAPIError) else exc
        message = f"数据库操作失败（{type(cause).__name__}），请联系系统管理员查看服务日志"
    return StoreError(message)


@dataclass(frozen=True)
class Store:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    writers: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, else rolled back.

        A database error leaves as a ``StoreError``; for retries on conflicts use ``write``.
        """
        try:
            with self.writers.begin() as session:
                yield session
        except SQLAlchemyError as exc:
            raise store_error(exc) from exc

    def write(self, work: Callable[[Session], T], *, attempts: int = WRITE_ATTEMPTS) -> T:
        """``work(session)`` in its own transaction, run again (with backoff) when a concurrent
        writer made it conflict; ``work`` must only touch the database."""
        for attempt in range(1, attempts + 1):
            try:
                with self.writers.begin() as session:
                    return work(session)
            except SQLAlchemyError as exc:
                if attempt == attempts or not retryable(exc):
                    raise store_error(exc) from exc
                time.sleep(random.uniform(0.5, 1.0) * 0.05 * 2 ** attempt)
        raise AssertionError("unreachable")

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _unstamped_tables(connection: Connection) -> list[str]:
    """Our tables in a database without a migration version (a killed first migration of an
    older yusuan, whose SQLite DDL ran outside a transaction)."""
    present = set(inspect(connection).get_table_names())
    if "alembic_version" in present and connection.scalar(
            text("SELECT count(*) FROM alembic_version")):
        return []
    return [t.name for t in Base.metadata.sorted_tables if t.name in present]


def _repair(connection: Connection) -> None:
    """Drop the empty tables of a half-done first migration so that it can run again."""
    names = _unstamped_tables(connection)
    if not names:
        return
    filled = [n for n in names if connection.scalar(text(f'SELECT count(*) FROM "{n}"'))]
    if filled:
        raise StoreError(
            f"数据库里有 yusuan 的表（{'、'.join(filled)} 中有数据），却没有迁移版本记录，"
            "无法判断它的结构：请用备份恢复，或换一个新的数据库文件")
    for table in reversed(Base.metadata.sorted_tables):
        if table.name in names:
            table.drop(connection)


def alembic_config() -> Any:
    """The Alembic configuration of yusuan's migrations (shipped in the package)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location",
                           str(resources.files("yusuan.store") / "migrations"))
    return config


def migrate(engine: Engine) -> None:
    """``alembic upgrade head`` in one transaction, one process at a time."""
    from alembic import command

    config = alembic_config()
    with engine.execution_options(**{WRITE: True}).begin() as connection:
        lock_writers(connection, MIGRATION_LOCK)
        _repair(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str | None = None, *, migrate_schema: bool = True) -> Store:
    """Open (and migrate) the database; an unusable URL or server is an ``InputError``."""
    url = normalise_url(url) if url else default_url()
    try:
        engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        if migrate_schema:
            migrate(engine)
    except StoreError as exc:
        raise StoreError(exc.message, file=_safe(url), field="--db") from None
    except (SQLAlchemyError, ImportError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise InputError(f"无法打开数据库：{reason}", file=_safe(url), field="--db") from None
    writer = engine.execution_options(**{WRITE: True})
    return Store(url=url, engine=engine,
                 sessions=sessionmaker(engine, expire_on_commit=False),
                 writers=sessionmaker(writer, expire_on_commit=False))


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
