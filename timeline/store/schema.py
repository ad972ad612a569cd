"""Creating and upgrading the schema of tables.py, on SQLite and PostgreSQL.

A new database gets the whole schema of tables.py plus the text index, stamped with
VERSION. An older one gets the steps from its version up (UPGRADES; a new version is a
new entry at the end, never an edit of an old one). The version lives in SQLite's
``PRAGMA user_version`` (as it always has) and in a one-row table ``timeline_schema``
in PostgreSQL. Each step runs in one transaction that first takes the database's write
lock (SQLite BEGIN IMMEDIATE, a PostgreSQL advisory lock), so two processes opening a
new database at once do not both apply it.

The only dialect-specific DDL is the text index, because the two databases have
different tools for substring search. The search reads two casefolded columns,
events.search (sentence, summary, expression) and articles.search (title and text, v6),
and each has its index:
- SQLite: an FTS5 table with the trigram tokenizer over the column (events_fts,
  articles_fts), kept in step by triggers (foreign-key cascades fire them too). Where
  SQLite lacks FTS5 they are left out and the search falls back to LIKE alone. The indexes
  refer to rowids: after a VACUUM, run ``INSERT INTO events_fts(events_fts) VALUES
  ('rebuild')``, and the same for articles_fts.
- PostgreSQL: a GIN index with pg_trgm's trigram operators on the column
  (events_search_trgm, articles_search_trgm), which PostgreSQL uses for ``LIKE '%term%'``
  by itself.
Both answer the same query (filters.py); the index only makes it fast.
"""
from __future__ import annotations

from sqlalchemy import Connection, bindparam, inspect, select, text, update

from timeline.store.filters import search_key
from timeline.store.tables import articles, events, metadata

# Versions 1 and 2 are those of the hand-written SQLite schema (tables; the FTS5 index).
VERSION = 8
_PG_LOCK = 7_172_017  # pg_advisory_xact_lock key: any constant shared by timeline processes


def _fts5_index(table: str) -> list[str]:
    """SQLite: an FTS5 trigram index over ``table.search`` and the triggers that keep it."""
    fts = f"{table}_fts"
    return [
        f"""CREATE VIRTUAL TABLE {fts} USING fts5 (search, content='{table}',
            content_rowid='rowid', tokenize='trigram')""",
        f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')",
        f"""CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN
            INSERT INTO {fts} (rowid, search) VALUES (new.rowid, new.search);
        END""",
        f"""CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN
            INSERT INTO {fts} ({fts}, rowid, search) VALUES ('delete', old.rowid, old.search);
        END""",
        f"""CREATE TRIGGER {fts}_update AFTER UPDATE OF search ON {table} BEGIN
            INSERT INTO {fts} ({fts}, rowid, search) VALUES ('delete', old.rowid, old.search);
            INSERT INTO {fts} (rowid, search) VALUES (new.rowid, new.search);
        END""",
    ]


_PG_TEXT_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS events_search_trgm ON events USING gin (search gin_trgm_ops)",
]


class SchemaError(Exception):
    """The database cannot be used by this version of timeline."""


def _add_text_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        if has_fts5(conn) and not _has_table(conn, "events_fts"):
            for statement in _fts5_index("events"):
                conn.exec_driver_sql(statement)
    elif conn.dialect.name == "postgresql":
        available = conn.execute(text(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
        if available is None:
            raise SchemaError("PostgreSQL lacks the pg_trgm extension (Debian: the "
                              "postgresql package; elsewhere postgresql-contrib)")
        for statement in _PG_TEXT_INDEX:
            conn.exec_driver_sql(statement)


def _add_article_text_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        if has_fts5(conn) and not _has_table(conn, "articles_fts"):
            for statement in _fts5_index("articles"):
                conn.exec_driver_sql(statement)
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS articles_search_trgm ON articles "
                             "USING gin (search gin_trgm_ops)")


def _article_search(conn: Connection, batch: int = 500) -> None:
    """v6: the text search also reads the article's title and text: articles.search, filled
    here for the stored articles, and its index."""
    if "search" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN search TEXT NOT NULL DEFAULT ''")
    a, last = articles.c, ""
    while True:  # in article_id order, ``batch`` articles at a time (bounded memory)
        rows = conn.execute(select(a.article_id, a.title, a.text).where(a.article_id > last)
                            .order_by(a.article_id).limit(batch)).all()
        if not rows:
            break
        conn.execute(update(articles).where(a.article_id == bindparam("id")), [
            {"id": r[0], "search": search_key(r[1], r[2])} for r in rows])
        last = rows[-1][0]
    _add_article_text_index(conn)


def _span_index(conn: Connection) -> None:
    """v3: one covering index for date ranges and counts (1,000,000 events: counts per
    month with a date range and a status went from 316 ms to ~110 ms in SQLite)."""
    for name in ("events_dates", "events_status", "events_granularity"):
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    next(i for i in events.indexes if i.name == "events_span").create(conn, checkfirst=True)


def _event_reports(conn: Connection) -> None:
    """v4: the tables of stored events (event_reports, report_edits, grouping_version), and every mention
    grouped once (timeline.store.groups.group_all; libya's 8,022 mentions: about 1 s)."""
    from timeline.store.groups import group_all
    from timeline.store.tables import event_reports, grouping_version, report_edits

    for table in (event_reports, report_edits, grouping_version):
        table.create(conn, checkfirst=True)
    group_all(conn)


def _curation(conn: Connection) -> None:
    """v5: a person's edits of summary, actors and status, the extractor's original fields
    and a deleted event kept for an undo (corrections); events added by hand (events.by_hand)."""
    def has(table: str) -> set[str]:
        return {c["name"] for c in inspect(conn).get_columns(table)}

    for column in {"summary", "actors", "original", "removed"} - has("corrections"):
        conn.exec_driver_sql(f"ALTER TABLE corrections ADD COLUMN {column} TEXT")
    if "by_hand" not in has("events"):
        conn.exec_driver_sql("ALTER TABLE events ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0")


def _actor_months(conn: Connection) -> None:
    """v7: the actor facet's summary (actor_months, counted from the events) and the index on
    end_date its edge month is counted with (timeline.store.actor_months)."""
    from timeline.store.actor_months import rebuild
    from timeline.store.tables import actor_months

    actor_months.create(conn, checkfirst=True)
    next(i for i in events.indexes if i.name == "events_end").create(conn, checkfirst=True)
    rebuild(conn)


def _event_search_apart(conn: Connection, batch: int = 500) -> None:
    """v8: ``events.search`` keeps only what the event's article lacks (filters.event_search),
    rewritten here for the stored events with its index dropped and built again (built on the
    new column, mostly empty, it is faster than updating it row by row), ``batch`` articles at
    a time. PostgreSQL writes the new rows where its free space map finds room: on the
    1,000,000-event database an article's events then lay on 5.8 pages on average (1.96
    before); ``VACUUM FULL events`` or ``CLUSTER`` packs them again."""
    from timeline.store.rows import _search

    sqlite = conn.dialect.name == "sqlite"
    fts = sqlite and _has_table(conn, "events_fts")
    if fts:
        for name in ("insert", "delete", "update"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS events_fts_{name}")
        conn.exec_driver_sql("DROP TABLE events_fts")
    elif not sqlite:
        conn.exec_driver_sql("DROP INDEX IF EXISTS events_search_trgm")
    e, a, last = events.c, articles.c, ""
    while True:  # in article_id order, ``batch`` articles at a time (bounded memory)
        ids = conn.execute(select(a.article_id).where(a.article_id > last)
                           .order_by(a.article_id).limit(batch)).scalars().all()
        if not ids:
            break
        rows = conn.execute(
            select(e.event_id, e.sentence, e.summary, e.expression, e.search.label("own"),
                   a.search.label("text"))
            .select_from(events.join(articles, a.article_id == e.article_id))
            .where(e.article_id.in_(ids)).order_by(e.article_id, e.position)).mappings().all()
        changed = [{"id": r["event_id"], "search": new} for r in rows
                   if (new := _search(r, r["text"])) != r["own"]]
        if changed:
            conn.execute(update(events).where(e.event_id == bindparam("id")), changed)
        last = ids[-1]
    if fts:
        for statement in _fts5_index("events"):
            conn.exec_driver_sql(statement)
    elif not sqlite:
        conn.exec_driver_sql(_PG_TEXT_INDEX[1])


# UPGRADES[v] takes a database from version v to v + 1 (v = 0: a new database, handled
# by _create).
UPGRADES = {1: _add_text_index, 2: _span_index, 3: _event_reports, 4: _curation,
            5: _article_search, 6: _actor_months, 7: _event_search_apart}


def _create(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)
    _add_text_index(conn)
    _add_article_text_index(conn)


def migrate(begin) -> None:
    """Bring the schema up to VERSION. ``begin()`` opens a write transaction (a context
    manager giving a Connection); each step runs in its own."""
    while True:
        with begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            current = _version(conn)
            if current > VERSION:
                raise SchemaError(
                    f"the database has schema version {current}, newer than this timeline "
                    f"({VERSION}); upgrade timeline")
            if current == VERSION:
                return
            if current == 0:
                _create(conn)
                _set_version(conn, VERSION)
            else:
                UPGRADES[current](conn)
                _set_version(conn, current + 1)


def _version(conn: Connection) -> int:
    if conn.dialect.name == "sqlite":
        return conn.exec_driver_sql("PRAGMA user_version").scalar_one()
    if conn.execute(text("SELECT to_regclass('timeline_schema')")).scalar() is None:
        return 0
    return conn.execute(text("SELECT version FROM timeline_schema")).scalar() or 0


def _set_version(conn: Connection, version: int) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")
        return
    conn.execute(text("CREATE TABLE IF NOT EXISTS timeline_schema (version integer NOT NULL)"))
    conn.execute(text("DELETE FROM timeline_schema"))
    conn.execute(text("INSERT INTO timeline_schema (version) VALUES (:v)"), {"v": version})


def has_fts5(conn: Connection) -> bool:
    """Whether this SQLite was built with FTS5 and its trigram tokenizer (3.34+)."""
    try:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp.fts5_probe USING fts5 (x, tokenize='trigram')")
        conn.exec_driver_sql("DROP TABLE temp.fts5_probe")
        return True
    except Exception:  # sqlite3.OperationalError, wrapped by SQLAlchemy
        return False


def has_text_index(conn: Connection) -> bool:
    """SQLite: whether the FTS5 indexes of events and articles exist (PostgreSQL's indexes
    need no query change)."""
    if conn.dialect.name != "sqlite":
        return False
    return _has_table(conn, "events_fts") and _has_table(conn, "articles_fts")


def _has_table(conn: Connection, name: str) -> bool:
    return conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).first() is not None
