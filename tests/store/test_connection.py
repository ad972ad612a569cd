import sqlite3

import pytest

from timeline.store import EventStore, StoreError, resolve_path
from timeline.store.schema import VERSION


def test_resolve_path_forms(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    assert resolve_path(None) == "timeline.db"
    assert resolve_path("sqlite:///data/t.db") == "data/t.db"
    assert resolve_path("sqlite:////abs/t.db") == "/abs/t.db"
    assert resolve_path("sqlite://") == ":memory:" == resolve_path(":memory:")
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "env.db"))
    assert resolve_path("") == str(tmp_path / "env.db")
    with pytest.raises(StoreError, match="sqlite:///"):
        resolve_path("sqlite:/t.db")


def test_new_file_gets_schema_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "t.db"
    with EventStore(path) as store:
        assert store.count() == 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "events", "event_actors", "corrections", "mentions"} <= tables
    conn.close()


def test_unusable_paths_give_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        EventStore(tmp_path / "missing" / "t.db")
    with pytest.raises(StoreError, match="is a folder"):
        EventStore(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all, just some bytes" * 50)
    with pytest.raises(StoreError, match="junk.db"):
        EventStore(junk)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        EventStore(path)


def test_a_version_1_database_gets_the_text_index(tmp_path, make):
    from timeline.model import EventFilter
    from timeline.store import schema

    path = tmp_path / "v1.db"
    with EventStore(path) as store:  # make a store, then take it back to version 1
        art = make.article("The ceasefire began on Saturday.")
        store.add_article(art, [make.event(art, "on Saturday", "2025-03-15")])
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE events_fts; DROP TRIGGER IF EXISTS events_fts_insert;"
                       "DROP TRIGGER IF EXISTS events_fts_delete;"
                       "DROP TRIGGER IF EXISTS events_fts_update; PRAGMA user_version = 1;")
    conn.close()
    with EventStore(path) as store:
        assert store._db.fts == schema.has_fts5(sqlite3.connect(":memory:"))
        assert store.count(EventFilter(text="CEASE")) == 1
        assert store.count(EventFilter(text="truce")) == 0


def test_processes_opening_a_new_file_at_once_migrate_it_once(tmp_path):
    import multiprocessing

    path = str(tmp_path / "race.db")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        counts = pool.map(_open_and_count, [path] * 4)
    assert counts == [0, 0, 0, 0]


def _open_and_count(path):
    with EventStore(path) as store:
        return store.count()
