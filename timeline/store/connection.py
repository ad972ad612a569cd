"""Where the database lives, and a pool of connections to it (SQLAlchemy engine).

``--db`` / ``TIMELINE_DB`` take a SQLite file path, ``sqlite:///path``, ``:memory:``, or a
PostgreSQL URL ``postgresql://user[:password]@host[:port]/dbname`` (driven by psycopg 3).

Threads: the server answers each request in a thread of its own. No connection belongs
to a thread: each operation borrows one from the engine's pool and gives it back when
it ends (``reading()`` / ``transaction()``), so the number of open connections (and
files) is bounded by the pool, however many threads come and go. SQLite in WAL mode
lets readers read while one writer writes; a writer takes the write lock at BEGIN
(``BEGIN IMMEDIATE``) and waits up to ``BUSY_TIMEOUT`` for another. An in-memory SQLite
database exists only inside one connection, so it is a single connection shared by
all threads behind a lock.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from timeline.store.schema import SchemaError, has_text_index, migrate

DEFAULT_DB = "timeline.db"
ENV_VAR = "TIMELINE_DB"
MEMORY = ":memory:"
BUSY_TIMEOUT = 30.0  # seconds a SQLite writer waits for another writer
POOL_SIZE = 5  # connections kept open; up to POOL_SIZE + POOL_OVERFLOW at once
POOL_OVERFLOW = 10
POOL_TIMEOUT = 60.0  # seconds a thread waits for a free connection
# iter_events reads a server-side cursor to its end (or to its LIMIT): plan it for all rows,
# not for the first 10 % (1,000,000 events: a text search with limit 5000 took 1.3 s, not 0.17)
# JIT off: its compile time is paid on every high-cost-estimate query (measured 270 ms of the
# dashboard's date range + actor + text filter at 1,000,000 events) and never repaid by queries
# that return a page of events
_PG_OPTIONS = "-c cursor_tuple_fraction=1.0 -c jit=off"
_SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


class StoreError(Exception):
    """The database cannot be opened or used; the message names it and why."""


def is_server_url(path_or_url: str) -> bool:
    """Whether ``--db`` names a database server (PostgreSQL) rather than a SQLite file."""
    return str(path_or_url).startswith(_SERVER_SCHEMES)


def resolve_path(path_or_url: str | os.PathLike | None = None) -> str:
    """``--db`` value -> a file path, ``:memory:``, or a PostgreSQL URL (as given).

    Accepts a plain path, ``sqlite:///relative/or/absolute/path`` (SQLAlchemy style:
    ``sqlite:////abs/path`` works too), ``sqlite://`` or ``:memory:`` for memory, and
    ``postgresql://...``. None or "" -> the ``TIMELINE_DB`` environment variable, else
    ``timeline.db`` in the current directory.
    """
    raw = os.fspath(path_or_url) if path_or_url else ""
    raw = raw or os.environ.get(ENV_VAR, "") or DEFAULT_DB
    if is_server_url(raw):
        return raw
    if raw.startswith("sqlite:"):
        rest = raw[len("sqlite:"):]
        if rest in ("", "//", "///", "///:memory:", "//:memory:"):
            return MEMORY
        if not rest.startswith("///"):
            raise StoreError(f"cannot use database URL {raw!r}: write sqlite:///path/to/file.db")
        raw = rest[3:]
    if raw == MEMORY:
        return MEMORY
    if "://" in raw:
        raise StoreError(f"cannot use database URL {raw!r}: use a file path, sqlite:///path "
                         "or postgresql://user@host/dbname")
    return str(Path(raw).expanduser())


def _server_url(raw: str) -> URL:
    try:
        url = make_url(raw.replace("postgres://", "postgresql://", 1)
                       if raw.startswith("postgres://") else raw)
    except ArgumentError as err:
        raise StoreError(f"cannot use database URL {raw!r}: {err}") from None
    return url.set(drivername="postgresql+psycopg")


def _sqlite_engine(path: str):
    if path == MEMORY:
        engine = create_engine("sqlite://", poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
    else:
        # QueuePool (the default for files): connections move between threads, one at a time
        engine = create_engine(URL.create("sqlite", database=path), pool_size=POOL_SIZE,
                               max_overflow=POOL_OVERFLOW, pool_timeout=POOL_TIMEOUT,
                               connect_args={"timeout": BUSY_TIMEOUT,
                                             "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # the driver's own BEGINs off: _on_begin decides
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if path != MEMORY:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # writers take the write lock at once, so two never deadlock upgrading a read lock
        write = conn.get_execution_options().get("timeline_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class Database:
    """The engine of one database, the lock of an in-memory one, and whether SQLite's
    text index exists (``fts``)."""

    def __init__(self, path_or_url=None):
        self.path = resolve_path(path_or_url)
        self.address = self.path  # what another process opens for the same database (secret)
        self._memory = self.path == MEMORY
        self._lock = threading.RLock() if self._memory else None
        self.fts = False
        if is_server_url(self.path):
            url = _server_url(self.path)
            # what messages show: the URL as given, without its password
            self.path = url.set(drivername="postgresql").render_as_string(hide_password=True)
            self.engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW,
                                        pool_timeout=POOL_TIMEOUT, pool_pre_ping=True,
                                        connect_args={"connect_timeout": 10,
                                                      "options": _PG_OPTIONS})
        else:
            if not self._memory:
                parent = Path(self.path).parent
                if not parent.is_dir():
                    raise StoreError(f"cannot open database {self.path}: "
                                     f"folder {parent} does not exist")
                if Path(self.path).is_dir():
                    raise StoreError(f"cannot open database {self.path}: it is a folder")
            self.engine = _sqlite_engine(self.path)
        self.dialect = self.engine.dialect.name
        self._writer = self.engine.execution_options(timeline_write=True)
        try:
            migrate(self._writer.begin)
            with self.engine.connect() as conn:
                self.fts = has_text_index(conn)
        except (SQLAlchemyError, SchemaError) as err:
            self.close()
            raise StoreError(f"cannot open database {self.path}: {_reason(err)}") from None

    @contextmanager
    def reading(self):
        """A pooled connection for queries, given back at the end."""
        with self._lock or nullcontext(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def transaction(self):
        """A pooled connection inside one write transaction: COMMIT at the end, ROLLBACK
        on error, and the connection given back either way."""
        with self._lock or nullcontext(), self._writer.begin() as conn:
            yield conn

    def close(self) -> None:
        """Close every pooled connection (threads that still hold one close it on return)."""
        self.engine.dispose()


def _reason(err: Exception) -> str:
    """The driver's own message, one line, without SQLAlchemy's background links."""
    orig = getattr(err, "orig", None) or err
    return " ".join(str(orig).split()) or type(orig).__name__
