import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

import timeline
from timeline.model import EventFilter
from timeline.store import EventStore, StoreError, resolve_path
from timeline.store.schema import VERSION

DATA = Path(__file__).parent / "data"
ROOT = Path(timeline.__file__).resolve().parent.parent


def test_resolve_path_forms(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    assert resolve_path(None) == "timeline.db"
    assert resolve_path("sqlite:///data/t.db") == "data/t.db"
    assert resolve_path("sqlite:////abs/t.db") == "/abs/t.db"
    assert resolve_path("sqlite://") == ":memory:" == resolve_path(":memory:")
    assert resolve_path("postgresql://me@db.example/news") == "postgresql://me@db.example/news"
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "env.db"))
    assert resolve_path("") == str(tmp_path / "env.db")
    monkeypatch.setenv("TIMELINE_DB", "postgresql://me@db.example/news")
    assert resolve_path(None) == "postgresql://me@db.example/news"
    with pytest.raises(StoreError, match="sqlite:///"):
        resolve_path("sqlite:/t.db")
    with pytest.raises(StoreError, match="postgresql://"):
        resolve_path("mysql://me@db.example/news")


def test_new_file_gets_schema_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "t.db"
    with EventStore(path) as store:
        assert store.count() == 0 and store.dialect == "sqlite"
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


def test_an_unreachable_server_gives_a_clear_error_without_the_password():
    with pytest.raises(StoreError) as info:
        EventStore("postgresql://reader:s3cret@127.0.0.1:1/news")  # nothing listens on 1
    message = str(info.value)
    assert "127.0.0.1:1/news" in message and "s3cret" not in message
    assert "\n" not in message


def _set_version(store: EventStore, version: int) -> None:
    with store._db.transaction() as conn:
        if store.dialect == "sqlite":
            conn.exec_driver_sql(f"PRAGMA user_version = {version}")
        else:
            conn.execute(text("UPDATE timeline_schema SET version = :v"), {"v": version})


def test_newer_schema_is_refused(db_url):
    with EventStore(db_url) as store:
        _set_version(store, VERSION + 1)
    with pytest.raises(StoreError, match="newer"):
        EventStore(db_url)


def test_a_version_1_database_gets_the_text_index(db_url, make):
    with EventStore(db_url) as store:  # make a store, then take it back to version 1
        art = make.article("The ceasefire began on Saturday.")
        store.add_article(art, [make.event(art, "on Saturday", "2025-03-15")])
        with store._db.transaction() as conn:
            if store.dialect == "sqlite":
                conn.exec_driver_sql("DROP TABLE events_fts")
                for name in ("insert", "delete", "update"):
                    conn.exec_driver_sql(f"DROP TRIGGER events_fts_{name}")
            else:
                conn.exec_driver_sql("DROP INDEX events_search_trgm")
        _set_version(store, 1)
    with EventStore(db_url) as store:
        with store._db.reading() as conn:
            if store.dialect == "sqlite":
                assert store._db.fts
            else:
                assert conn.exec_driver_sql(
                    "SELECT to_regclass('events_search_trgm')").scalar() is not None
        assert store.count(EventFilter(text="CEASE")) == 1
        assert store.count(EventFilter(text="truce")) == 0


def test_a_version_5_database_gets_the_articles_search_column_and_index(db_url, make):
    with EventStore(db_url) as store:  # make a store, then take it back to version 5
        art = make.article("Protesters marched in Hong Kong on Sunday. Police came on Monday.",
                           title="Unrest")
        store.add_article(art, [make.event(art, "on Sunday", "2025-03-16"),
                                make.event(art, "on Monday", "2025-03-17")])
        with store._db.transaction() as conn:
            if store.dialect == "sqlite":
                conn.exec_driver_sql("DROP TABLE articles_fts")
                for name in ("insert", "delete", "update"):
                    conn.exec_driver_sql(f"DROP TRIGGER articles_fts_{name}")
            else:
                conn.exec_driver_sql("DROP INDEX articles_search_trgm")
            conn.exec_driver_sql("ALTER TABLE articles DROP COLUMN search")
        _set_version(store, 5)
    with EventStore(db_url) as store:
        if store.dialect == "sqlite":
            assert store._db.fts
        else:
            with store._db.reading() as conn:
                assert conn.exec_driver_sql(
                    "SELECT to_regclass('articles_search_trgm')").scalar() is not None
        assert store.count(EventFilter(text="HONG KONG")) == 2  # one sentence names it
        assert store.count(EventFilter(text="unrest police")) == 2  # title + text
        later = make.article("A quiet day in Hong Kong on Tuesday.")
        store.add_article(later, [make.event(later, "on Tuesday", "2025-03-18")])
        assert store.count(EventFilter(text="kong")) == 3


def test_a_version_6_database_gets_the_actor_facets_summary(db_url, make):
    with EventStore(db_url) as store:  # make a store, then take it back to version 6
        art = make.article("Ann Lee spoke on Sunday. Bo Chan replied in March 2025.")
        store.add_article(art, [
            make.event(art, "on Sunday", "2025-03-16", actors=("Ann Lee",)),
            make.event(art, "in March 2025", "2025-03", actors=("Ann Lee", "Bo Chan"))])
        with store._db.transaction() as conn:
            conn.exec_driver_sql("DROP TABLE actor_months")
            conn.exec_driver_sql("DROP INDEX events_end")
        _set_version(store, 6)
    with EventStore(db_url) as store:
        assert store.actors() == [("Ann Lee", 2), ("Bo Chan", 1)]
        assert store.actors(EventFilter(start=date(2025, 3, 20))) == [
            ("Ann Lee", 1), ("Bo Chan", 1)]
        with store._db.reading() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM actor_months").scalar() == 4


def test_a_version_7_database_keeps_in_the_events_search_what_their_article_lacks(db_url,
                                                                                   make):
    from timeline.store.filters import search_key
    with EventStore(db_url) as store:  # make a store, then take it back to version 7
        art = make.article("Ann Lee spoke on Sunday. Bo Chan replied in March 2025.",
                           title="Talks")
        sunday = make.event(art, "on Sunday", "2025-03-16", summary="Lee spoke in Kyoto")
        march = make.event(art, "in March 2025", "2025-03")
        store.add_article(art, [sunday, march])
        with store._db.transaction() as conn:  # v7: the event's whole text, casefolded
            for ev in (sunday, march):
                conn.exec_driver_sql(
                    "UPDATE events SET search = %s WHERE event_id = %s"
                    if store.dialect == "postgresql" else
                    "UPDATE events SET search = ? WHERE event_id = ?",
                    (search_key(ev.sentence, ev.summary, ev.expression), ev.event_id))
        _set_version(store, 7)
    with EventStore(db_url) as store:
        with store._db.reading() as conn:
            assert dict(conn.exec_driver_sql("SELECT event_id, search FROM events").all()) == {
                sunday.event_id: "kyoto", march.event_id: ""}  # "in" is in "in March"
            if store.dialect == "sqlite":
                assert store._db.fts
            else:
                assert conn.exec_driver_sql(
                    "SELECT to_regclass('events_search_trgm')").scalar() is not None
        assert store.count(EventFilter(text="KYOTO")) == 1
        assert store.count(EventFilter(text="talks spoke")) == 2
        later = make.article("A quiet day in Kyoto on Tuesday.")
        store.add_article(later, [make.event(later, "on Tuesday", "2025-03-18")])
        assert store.count(EventFilter(text="kyoto")) == 2


def test_a_database_written_by_the_hand_written_sqlite_store_opens(tmp_path, make):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((DATA / "version1.sql").read_text())
    conn.close()
    with EventStore(path) as store:
        saturday, later = store.events()
        assert (saturday.value, saturday.actors, saturday.corrected) == (
            "2025-03-15", ("Keir Starmer",), False)
        assert (later.value, later.corrected) == ("2025-05", True)
        assert store.original_value(later.event_id) == "2025-04"
        assert store.count(EventFilter(text="summit")) == 2 and store._db.fts  # the article's
        # text names it; the title is searched too (upgrade to v6 filled articles.search)
        assert store.count(EventFilter(text="talks")) == 2  # in the title only
        assert store.count(EventFilter(text="talks cairo")) == 0
        art = make.article("A second report came on Sunday.")
        assert store.add_article(art, [make.event(art, "on Sunday", "2025-03-16")]).added
        assert store.count() == 3
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "events_span" in indexes and not {"events_dates", "events_status"} & indexes
    conn.close()


CHILD = """
import sys
from timeline.store import EventStore
with EventStore(sys.argv[1]) as store:
    print(store.count())
"""


def test_processes_opening_a_new_database_at_once_migrate_it_once(db_url):
    # children import nothing from the tests, only the package (PYTHONPATH: this checkout)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    children = [subprocess.Popen([sys.executable, "-c", CHILD, db_url], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(4)]
    outputs = []
    try:
        for child in children:
            out, err = child.communicate(timeout=120)
            outputs.append((child.returncode, out.strip(), err.strip()[-500:]))
    finally:
        for child in children:
            child.kill()
            child.wait(timeout=10)
    assert outputs == [(0, "0", "")] * 4
    with EventStore(db_url) as store:
        assert store.count() == 0 and store.date_bounds() == (None, None)


def test_postgresql_sessions_plan_for_every_row_without_jit(pg_url):
    with EventStore(pg_url) as store, store._db.reading() as conn:
        assert conn.execute(text("SHOW jit")).scalar() == "off"
        assert float(conn.execute(text("SHOW cursor_tuple_fraction")).scalar()) == 1.0
