"""EventStore: articles, their events and time expressions, and a person's corrections,
in one SQLite file. The write side lives here, the queries in queries.py."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Iterable

from timeline.model import Article, Event, TimeExpression
from timeline.store.connection import Connections
from timeline.store.filters import search_key
from timeline.store.intervals import interval_of
from timeline.store.queries import Queries

_INSERT_EVENT = """INSERT INTO events (event_id, article_id, value, start_date, end_date,
    granularity, expression, status, summary, sentence, expr_start, expr_end,
    sentence_start, position, actors, anchor, direction, corrected, search)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"""
_INSERT_MENTION = """INSERT OR IGNORE INTO mentions (article_id, start, "end", text, type,
    value, granularity, start_date, end_date, anchor, direction, mod)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
# Re-apply the corrections a person made, before this article was deleted or re-ingested.
_APPLY_CORRECTIONS = """UPDATE events SET value = c.value, start_date = c.start_date,
    end_date = c.end_date, granularity = c.granularity, status = c.status, corrected = 1
    FROM corrections AS c
    WHERE c.event_id = events.event_id AND events.article_id = ? AND c.deleted = 0"""
_DROP_DELETED = """DELETE FROM events WHERE article_id = ? AND event_id IN
    (SELECT event_id FROM corrections WHERE deleted = 1)"""


@dataclass(frozen=True, slots=True)
class AddResult:
    article_id: str
    added: bool  # False: the same text was already stored, nothing changed
    events: int  # events stored by this call


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _now() -> str:
    """When something was stored: the one use of the clock (never an article date)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def mentions_of(events: Iterable[Event]) -> list[TimeExpression]:
    """The time expressions behind events, for articles stored without their timexes."""
    return [TimeExpression(
        start=ev.sentence_start + ev.expr_start, end=ev.sentence_start + ev.expr_end,
        text=ev.expression, type="TIME" if "T" in ev.value else "DATE", value=ev.value,
        granularity=ev.granularity, start_date=ev.start_date, end_date=ev.end_date,
        anchor=ev.anchor, direction=ev.direction) for ev in events]


def status_for(start: date, end: date, published: date | None, status: str) -> str:
    """Status after a date correction: an interval wholly before the publication day
    happened, one wholly after it is scheduled; otherwise the extractor's status stays."""
    if published is None:
        return status
    if end <= published:
        return "happened"
    if start > published:
        return "scheduled"
    return status


class EventStore(Queries):
    """``EventStore(path_or_url)``: a file path, ``sqlite:///path``, or ``":memory:"``;
    None -> $TIMELINE_DB, else ``timeline.db`` in the current directory. Safe to share
    between threads (see timeline/store/connection.py)."""

    def __init__(self, path_or_url=None):
        self._db = Connections(path_or_url)
        self.path = self._db.path

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def add_article(self, article: Article, events: Iterable[Event],
                    timexes: Iterable[TimeExpression] | None = None) -> AddResult:
        """Store an article with its events and time expressions, all or nothing.

        The same normalised text again -> ``added=False`` and nothing changes. Without
        ``timexes`` the events' own expressions are kept as the article's mentions.
        Corrections recorded for these event ids are applied again.
        """
        article_id = article.article_id
        seen: set[str] = set()  # one row per event id: the first wins
        events = [ev for ev in events if not (ev.event_id in seen or seen.add(ev.event_id))]
        timexes = mentions_of(events) if timexes is None else list(timexes)
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE article_id = ?",
                            (article_id,)).fetchone():
                return AddResult(article_id, False, 0)
            conn.execute(
                "INSERT INTO articles (article_id, text, title, url, source, published, path,"
                " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, article.text, article.title, article.url, article.source,
                 article.published.isoformat(), article.path, _now()))
            conn.executemany(_INSERT_EVENT, [_event_params(article_id, ev) for ev in events])
            conn.executemany(
                "INSERT OR IGNORE INTO event_actors (event_id, actor) VALUES (?, ?)",
                [(ev.event_id, actor) for ev in events for actor in ev.actors if actor])
            conn.executemany(_INSERT_MENTION, [
                (article_id, t.start, t.end, t.text, t.type, t.value, t.granularity,
                 _iso(t.start_date), _iso(t.end_date), t.anchor, t.direction, t.mod)
                for t in timexes])
            conn.execute(_APPLY_CORRECTIONS, (article_id,))
            dropped = conn.execute(_DROP_DELETED, (article_id,)).rowcount
        return AddResult(article_id, True, len(events) - dropped)

    def delete_article(self, article_id: str) -> bool:
        """Remove an article with its events and mentions; corrections stay."""
        with self._db.transaction() as conn:
            return conn.execute("DELETE FROM articles WHERE article_id = ?",
                                (article_id,)).rowcount > 0

    def correct_event(self, event_id: str, value: str) -> Event:
        """Set an event's date to a TIMEX3 value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www,
        YYYY-Qn, ...), marked as a manual correction that survives re-ingest.

        Raises ValueError for a value that is not a date, KeyError for an unknown event.
        """
        start, end, granularity = interval_of(value)
        value = value.strip()
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT e.status, a.published, e.value, c.original_value FROM events AS e "
                "JOIN articles AS a ON a.article_id = e.article_id LEFT JOIN corrections "
                "AS c ON c.event_id = e.event_id WHERE e.event_id = ?", (event_id,)).fetchone()
            if row is None:
                raise KeyError(f"no event {event_id!r}")
            status = status_for(start, end, date.fromisoformat(row[1]), row[0])
            original = row[3] or row[2]
            conn.execute(
                "INSERT OR REPLACE INTO corrections (event_id, value, start_date, end_date,"
                " granularity, status, original_value, deleted, corrected_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
                (event_id, value, start.isoformat(), end.isoformat(), granularity, status,
                 original, _now()))
            conn.execute(
                "UPDATE events SET value = ?, start_date = ?, end_date = ?, granularity = ?,"
                " status = ?, corrected = 1 WHERE event_id = ?",
                (value, start.isoformat(), end.isoformat(), granularity, status, event_id))
        return self.event(event_id)

    def delete_event(self, event_id: str) -> bool:
        """Remove one event; recorded as a correction, so a re-ingest leaves it out."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT value FROM events WHERE event_id = ?",
                               (event_id,)).fetchone()
            if row is None:
                return False
            conn.execute(
                "INSERT OR REPLACE INTO corrections (event_id, value, original_value, deleted,"
                " corrected_at) VALUES (?, NULL, ?, 1, ?)", (event_id, row[0], _now()))
            conn.execute("DELETE FROM events WHERE event_id = ?", (event_id,))
        return True

    def original_value(self, event_id: str) -> str | None:
        """The extractor's value of a corrected event (None if never corrected)."""
        with self._db.reading() as conn:
            row = conn.execute("SELECT original_value FROM corrections WHERE event_id = ?",
                               (event_id,)).fetchone()
        return row[0] if row else None


def _event_params(article_id: str, ev: Event) -> tuple:
    return (ev.event_id, article_id, ev.value, ev.start_date.isoformat(),
            ev.end_date.isoformat(), ev.granularity, ev.expression, ev.status, ev.summary,
            ev.sentence, ev.expr_start, ev.expr_end, ev.sentence_start,
            ev.sentence_start + ev.expr_start, json.dumps(list(ev.actors), ensure_ascii=False),
            ev.anchor, ev.direction, search_key(ev.sentence, ev.summary, ev.expression))
