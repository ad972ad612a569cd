"""The rows EventStore writes, shared by its write side (event_store.py), a person's edits
(curation.py) and the grouping (groups.py): one INSERT ... ON CONFLICT for both databases, the
clock, the rows of an article and of an event, the actors table and the text-search key."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from timeline.model import Article, Event
from timeline.store.filters import event_search, search_key
from timeline.store.tables import articles, event_actors

_UPSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def upsert(conn, table):
    """``INSERT`` with ``.on_conflict_do_nothing()`` / ``.on_conflict_do_update()``: the
    same statement in both databases (SQLAlchemy's insert of the connection's dialect)."""
    return _UPSERT[conn.dialect.name](table)


def once(build):
    """``build(conn)`` -> a statement, built once per dialect and then reused (a statement is
    immutable; building one anew for every article cost more CPU than SQLite storing its rows:
    docs/SCALING.md, *What storing an article costs*)."""
    built = {}

    def statement(conn):
        found = built.get(conn.dialect.name)
        if found is None:
            found = built[conn.dialect.name] = build(conn)
        return found

    statement.__doc__ = build.__doc__
    return statement


@once
def _actors_insert(conn):
    return upsert(conn, event_actors).on_conflict_do_nothing()


def _now() -> str:
    """When something was stored: the one use of the clock (never an article date)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _add_actors(conn, rows) -> list[tuple[str, str]]:
    """The event_actors rows of event ``rows``: each (event id, actor) once, no empty name.
    Returns them."""
    pairs = list(dict.fromkeys((r["event_id"], actor) for r in rows
                               for actor in json.loads(r["actors"]) if actor))
    if pairs:
        conn.execute(_actors_insert(conn), [{"event_id": e, "actor": a} for e, a in pairs])
    return pairs


def _search(row: dict, article_search: str) -> str:
    return event_search(article_search, row["sentence"], row["summary"], row["expression"])


def article_search(conn, article_id: str) -> str:
    """The stored article's search text (what an event's own search leaves out)."""
    return conn.execute(select(articles.c.search).where(
        articles.c.article_id == article_id)).scalar() or ""


def article_row(article: Article, ingested_at: str) -> dict:
    return {
        "article_id": article.article_id, "text": article.text, "title": article.title,
        "url": article.url, "source": article.source,
        "published": article.published.isoformat(), "path": article.path,
        "ingested_at": ingested_at, "search": search_key(article.title, article.text)}


def _event_row(article_id: str, ev: Event, article_search: str) -> dict:
    row = {
        "event_id": ev.event_id, "article_id": article_id, "value": ev.value,
        "start_date": ev.start_date.isoformat(), "end_date": ev.end_date.isoformat(),
        "granularity": ev.granularity, "expression": ev.expression, "status": ev.status,
        "summary": ev.summary, "sentence": ev.sentence, "expr_start": ev.expr_start,
        "expr_end": ev.expr_end, "sentence_start": ev.sentence_start,
        "position": ev.sentence_start + ev.expr_start,
        "actors": json.dumps(list(ev.actors), ensure_ascii=False),
        "anchor": ev.anchor, "direction": ev.direction, "corrected": 0, "by_hand": 0}
    row["search"] = _search(row, article_search)
    return row
