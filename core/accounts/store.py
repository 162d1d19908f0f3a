"""The one way into the accounts store: the engine, its migrations, and transactions.

SQLite (a file under .peergraph/, nothing to install) or PostgreSQL (by URL). Writes take
the database's write lock when they begin (SQLite: BEGIN IMMEDIATE; PostgreSQL: row locks
with FOR UPDATE), so two verifications of one claim run one after the other."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, create_engine, event, make_url
from sqlalchemy.dialects import postgresql, sqlite

from core.accounts.tables import metadata
from core.keyed import keyed

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE = "peergraph_write"


@dataclass(frozen=True)
class AccountsStore:
    """The engine and the server key every secret is hashed under."""

    engine: Engine
    key: bytes

    def digest(self, purpose: str, secret: str) -> str:
        """The keyed hash this store keeps of a secret (never the secret itself)."""
        return keyed(self.key, purpose, secret)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back on error."""
        with self.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One read transaction (no write lock)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def insert(self, table: Table) -> sqlite.Insert | postgresql.Insert:
        """An INSERT that can say ON CONFLICT DO NOTHING on either database."""
        if self.engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    """An engine for the URL; a SQLite file's folder is created, WAL and foreign keys on."""
    parsed = make_url(url)
    # hide_parameters: an error's message never carries the row's values (e-mails, hashes)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True,
                               hide_parameters=True)
    else:
        if parsed.database and parsed.database != ":memory:":
            _private_file(Path(parsed.database))
        engine = create_engine(url, pool_size=10, max_overflow=20, hide_parameters=True,
                               connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    event.listen(engine, "before_cursor_execute", _refuse_nul)
    return engine


def _private_file(path: Path) -> None:
    """The SQLite file and its folder readable by this user only (SQLite gives its -wal and
    -shm files the database file's permissions)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


class UnstorableText(ValueError):
    """A value the store cannot hold (PostgreSQL refuses NUL characters in text)."""


def _refuse_nul(_conn: Any, _cursor: Any, _statement: str, parameters: Any,
                _context: Any, _many: bool) -> None:
    """Refuse NUL in any text parameter on both databases alike (SQLite would keep it)."""
    rows = parameters if isinstance(parameters, list) else [parameters]
    for row in rows:
        values = row.values() if isinstance(row, dict) else (row or ())
        if any(isinstance(v, str) and "\x00" in v for v in values):
            raise UnstorableText("text with a NUL character (\\x00) cannot be stored")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Transactions begun by us (not pysqlite), WAL, foreign keys, a wait for the lock."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in ("busy_timeout=30000", "synchronous=NORMAL", "foreign_keys=ON"):
        cursor.execute(f"PRAGMA {pragma}")
    _switch_to_wal(cursor)
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """WAL on; retried, because on a fresh file SQLite answers "locked" at once (no busy wait)
    when another connection holds the write lock it would need to change the journal."""
    deadline = time.monotonic() + 30
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(conn: Connection) -> None:
    """A write takes SQLite's write lock at BEGIN: no deadlock when two upgrade at once."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE)
                         else "BEGIN")


def upgrade(engine: Engine) -> None:
    """Bring the store's tables to the newest migration (idempotent; under the write lock, so
    processes starting together on a fresh SQLite file take turns)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        with conn.begin():
            config.attributes["connection"] = conn
            command.upgrade(config, "head")


def open_store(url: str, key: bytes) -> AccountsStore:
    """The store at the URL, migrated to the newest schema."""
    engine = make_engine(url)
    upgrade(engine)
    return AccountsStore(engine, key)


__all__ = ["AccountsStore", "UnstorableText", "make_engine", "metadata", "open_store",
           "upgrade"]
