"""The SQLite schema and its migrations (PRAGMA user_version counts the steps applied).

Dates are ISO text (``YYYY-MM-DD``), so text order is date order. Event intervals are
half-open ``[start_date, end_date)``. A new version of the schema is a new entry at the
end of MIGRATIONS, never an edit of an old one.
"""
from __future__ import annotations

import sqlite3

_V1 = """
CREATE TABLE articles (
    article_id  TEXT PRIMARY KEY,          -- timeline.model.text_key(text)
    text        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    url         TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    published   TEXT NOT NULL,
    path        TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_source ON articles (source);

CREATE TABLE events (
    event_id       TEXT PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    value          TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    granularity    TEXT NOT NULL,
    expression     TEXT NOT NULL,
    status         TEXT NOT NULL,
    summary        TEXT NOT NULL,
    sentence       TEXT NOT NULL,
    expr_start     INTEGER NOT NULL,
    expr_end       INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    position       INTEGER NOT NULL,       -- offset of the expression in the article
    actors         TEXT NOT NULL,          -- JSON list, in the extractor's order
    anchor         TEXT NOT NULL DEFAULT '',
    direction      TEXT NOT NULL DEFAULT '',
    corrected      INTEGER NOT NULL DEFAULT 0,
    search         TEXT NOT NULL           -- casefolded sentence, summary, expression
);
CREATE INDEX events_dates ON events (start_date, end_date);
CREATE INDEX events_article ON events (article_id, position);
CREATE INDEX events_status ON events (status);
CREATE INDEX events_granularity ON events (granularity);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    actor    TEXT NOT NULL,
    PRIMARY KEY (event_id, actor)
) WITHOUT ROWID;
CREATE INDEX event_actors_actor ON event_actors (actor, event_id);

-- A person's corrections, keyed by event_id only: no foreign key, so they outlive the
-- event and are applied again when the same article is ingested again.
CREATE TABLE corrections (
    event_id       TEXT PRIMARY KEY,
    value          TEXT,                   -- NULL when the person deleted the event
    start_date     TEXT,
    end_date       TEXT,
    granularity    TEXT,
    status         TEXT,
    original_value TEXT NOT NULL DEFAULT '',
    deleted        INTEGER NOT NULL DEFAULT 0,
    corrected_at   TEXT NOT NULL
);

-- Every time expression of an article (not only those that made events), for the
-- full-text view with highlights.
CREATE TABLE mentions (
    article_id  TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    type        TEXT NOT NULL,
    value       TEXT NOT NULL,
    granularity TEXT,
    start_date  TEXT,
    end_date    TEXT,
    anchor      TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL DEFAULT '',
    mod         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, start, "end")
) WITHOUT ROWID;
"""

# Text search index: trigrams of events.search (SQLite FTS5), kept in step by triggers
# (foreign-key cascades fire them too). Where SQLite lacks FTS5 this step is a no-op and
# the search falls back to LIKE alone. The index refers to events' rowids: after a VACUUM,
# run INSERT INTO events_fts(events_fts) VALUES ('rebuild').
_V2 = """
CREATE VIRTUAL TABLE events_fts USING fts5 (search, content='events', content_rowid='rowid',
    tokenize='trigram');
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, search) VALUES (new.rowid, new.search);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, search) VALUES ('delete', old.rowid, old.search);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF search ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, search) VALUES ('delete', old.rowid, old.search);
    INSERT INTO events_fts (rowid, search) VALUES (new.rowid, new.search);
END;
"""

MIGRATIONS = (_V1, _V2)
VERSION = len(MIGRATIONS)


class SchemaError(Exception):
    """The database file cannot be used by this version of timeline."""


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to VERSION, each step in its own transaction. The version is
    read inside the transaction, so two processes opening a new file at once do not both
    apply the same step."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current > VERSION:
                raise SchemaError(
                    f"the database has schema version {current}, newer than this timeline "
                    f"({VERSION}); upgrade timeline")
            if current == VERSION:
                conn.execute("COMMIT")
                return
            if MIGRATIONS[current] is not _V2 or has_fts5(conn):
                for statement in _statements(MIGRATIONS[current]):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {current + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def has_fts5(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite was built with FTS5 and its trigram tokenizer (3.34+)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5 (x, tokenize='trigram')")
        conn.execute("DROP TABLE temp.fts5_probe")
        return True
    except sqlite3.OperationalError:
        return False


def has_text_index(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events_fts'").fetchone() is not None


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (sqlite3.complete_statement decides)."""
    out, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out
