"""Where the database lives and how threads get a connection to it.

Threads: the Dash server runs callbacks in a pool of threads. A file database gives
each thread its own connection (threading.local); SQLite in WAL mode lets those read
while one of them writes, and a writer waits up to ``BUSY_TIMEOUT`` for another.
An in-memory database (tests) exists only inside one connection, so it is a single
connection shared by all threads (``check_same_thread=False``) behind a lock.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path

from timeline.store.schema import SchemaError, has_text_index, migrate

DEFAULT_DB = "timeline.db"
ENV_VAR = "TIMELINE_DB"
MEMORY = ":memory:"
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another writer


class StoreError(Exception):
    """The database cannot be opened or used; the message names the file and why."""


def resolve_path(path_or_url: str | os.PathLike | None = None) -> str:
    """``--db`` value -> a file path or ``:memory:``.

    Accepts a plain path, ``sqlite:///relative/or/absolute/path`` (SQLAlchemy style:
    ``sqlite:////abs/path`` works too) and ``sqlite://`` or ``:memory:`` for memory.
    None or "" -> the ``TIMELINE_DB`` environment variable, else ``timeline.db`` in the
    current directory.
    """
    raw = os.fspath(path_or_url) if path_or_url else ""
    raw = raw or os.environ.get(ENV_VAR, "") or DEFAULT_DB
    if raw.startswith("sqlite:"):
        rest = raw[len("sqlite:"):]
        if rest in ("", "//", "///", "///:memory:", "//:memory:"):
            return MEMORY
        if not rest.startswith("///"):
            raise StoreError(f"cannot use database URL {raw!r}: write sqlite:///path/to/file.db")
        raw = rest[3:]
    if raw == MEMORY:
        return MEMORY
    return str(Path(raw).expanduser())


def _connect(path: str) -> sqlite3.Connection:
    # check_same_thread=False only so that close() may run in any thread; each file
    # connection is still used by the one thread that opened it.
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if path != MEMORY:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


class Connections:
    """Hands out the connection of the calling thread (see module docstring)."""

    def __init__(self, path_or_url=None):
        self.path = resolve_path(path_or_url)
        self._memory = self.path == MEMORY
        self._lock = threading.RLock() if self._memory else None
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self.fts = False
        if not self._memory:
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"cannot open database {self.path}: "
                                 f"folder {parent} does not exist")
            if Path(self.path).is_dir():
                raise StoreError(f"cannot open database {self.path}: it is a folder")
        try:
            migrate(self._get())
            self.fts = has_text_index(self._get())  # text search index (FTS5 trigram)
        except (sqlite3.Error, SchemaError) as err:
            self.close()
            raise StoreError(f"cannot open database {self.path}: {err}") from None

    def _get(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self._memory and self._all:
                conn = self._all[0]
            else:
                try:
                    conn = _connect(self.path)
                except sqlite3.Error as err:
                    raise StoreError(f"cannot open database {self.path}: {err}") from None
                with self._all_lock:
                    self._all.append(conn)
            self._local.conn = conn
        return conn

    @contextmanager
    def reading(self):
        """The thread's connection, for queries."""
        with self._lock or nullcontext():
            yield self._get()

    @contextmanager
    def transaction(self):
        """The thread's connection inside BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error)."""
        with self._lock or nullcontext():
            conn = self._get()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        """Close every connection this object opened (all threads)."""
        with self._all_lock:
            conns, self._all = self._all, []
        for conn in conns:
            conn.close()
        self._local = threading.local()
