"""EventStore: articles, their events and time expressions, in SQLite or PostgreSQL. The
write side of articles lives here, a person's edits in curation.py, the grouping of mentions
into events in groups.py, the queries in queries.py, the rows written in rows.py, the tables
in tables.py."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from sqlalchemy import delete, func, insert, select

from timeline.model import Article, Event, TimeExpression
from timeline.store import actor_months
from timeline.store.connection import Database
from timeline.store.curation import HAND_PATH, Curation, EditConflict, _with_edits
from timeline.store.groups import GroupStore, Grouping, attach, changed, revision_of
from timeline.store.queries import Queries
from timeline.store.rows import _add_actors, _event_row, _now, article_row, once, upsert
from timeline.store.tables import articles, mentions
from timeline.store.tables import events as event_table  # `events` is add_article's argument


@dataclass(frozen=True, slots=True)
class AddResult:
    article_id: str
    added: bool  # False: the same text was already stored, nothing changed
    events: int  # events stored by this call


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@once
def _article_insert(conn):
    return upsert(conn, articles).on_conflict_do_nothing().returning(articles.c.article_id)


@once
def _mentions_insert(conn):
    return upsert(conn, mentions).on_conflict_do_nothing()


_EVENTS_INSERT = insert(event_table)


def mentions_of(events: Iterable[Event]) -> list[TimeExpression]:
    """The time expressions behind events, for articles stored without their timexes."""
    return [TimeExpression(
        start=ev.sentence_start + ev.expr_start, end=ev.sentence_start + ev.expr_end,
        text=ev.expression, type="TIME" if "T" in ev.value else "DATE", value=ev.value,
        granularity=ev.granularity, start_date=ev.start_date, end_date=ev.end_date,
        anchor=ev.anchor, direction=ev.direction) for ev in events]


class EventStore(Queries, GroupStore, Curation):
    """``EventStore(path_or_url)``: a file path, ``sqlite:///path``, ``":memory:"`` or
    ``postgresql://user@host/dbname``; None -> $TIMELINE_DB, else ``timeline.db`` in the
    current directory. Safe to share between threads: every call borrows a pooled
    connection and gives it back (see timeline/store/connection.py)."""

    def __init__(self, path_or_url=None):
        self._db = Database(path_or_url)
        self.path = self._db.path  # the file, or the URL without its password
        self.dialect = self._db.dialect  # "sqlite" | "postgresql"

    def close(self) -> None:
        self._db.close()

    def revision(self) -> str:
        """A text that changes whenever the stored articles or events change, read from the
        database (so every process serving it agrees): a digest of the tokens every change of
        the events writes (one per month of report dates an attach touched, and one for an
        article deleted, an edit, a split or merge: groups.changed), with the number of
        articles (an article without events, or with only mentions wider than
        ``grouping_max_days``, adds no token). What a process may cache what it computed
        from the store under."""
        with self._db.reading() as conn:
            count = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            return f"{revision_of(conn)}:{count}"

    def forked(self) -> None:
        """Call in a child process that inherited this store (a background job): the pooled
        connections of the parent are dropped without being closed, so the child opens its own
        (SQLAlchemy's ``engine.dispose(close=False)``)."""
        self._db.engine.dispose(close=False)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def add_article(self, article: Article, events: Iterable[Event],
                    timexes: Iterable[TimeExpression] | None = None,
                    grouping: Grouping | None = None) -> AddResult:
        """Store an article with its events and time expressions, all or nothing.

        The same normalised text again -> ``added=False`` and nothing changes (also when
        two writers store it at once: the article row decides). Without ``timexes`` the
        events' own expressions are kept as the article's mentions. Corrections recorded
        for these event ids are applied again, then each event joins the stored event
        (happening) it reports or opens one (timeline.store.groups). ``grouping``: the
        writer's ``Grouping`` kept from its previous call (``grouping_session()``), so the
        stored events near the article are not all read again.
        """
        article_id = article.article_id
        seen: set[str] = set()  # one row per event id: the first wins
        found = [ev for ev in events if not (ev.event_id in seen or seen.add(ev.event_id))]
        timexes = mentions_of(found) if timexes is None else list(timexes)
        with self._db.transaction() as conn:
            article_values = article_row(article, _now())
            stored = conn.execute(_article_insert(conn), article_values).first()
            if stored is None:  # rowcount is not reliable after ON CONFLICT DO NOTHING
                return AddResult(article_id, False, 0)
            # a person's edits of these events (made before the article was deleted or
            # re-ingested) are applied again, and the events they deleted left out
            text = article_values["search"]  # what the events' own search leaves out
            rows = _with_edits(conn, [_event_row(article_id, ev, text) for ev in found],
                               article.published.isoformat(), text)
            if rows:
                conn.execute(_EVENTS_INSERT, rows)
            named = _add_actors(conn, rows)
            if timexes:
                conn.execute(_mentions_insert(conn), [
                    {"article_id": article_id, "start": t.start, "end": t.end, "text": t.text,
                     "type": t.type, "value": t.value, "granularity": t.granularity,
                     "start_date": _iso(t.start_date), "end_date": _iso(t.end_date),
                     "anchor": t.anchor, "direction": t.direction, "mod": t.mod}
                    for t in timexes])
            attach(conn, article_id, grouping, rows)  # each joins its event (groups.py)
            if named:  # the actor facet's summary (actor_months.py), from the rows written
                dates = {row["event_id"]: (row["start_date"], row["end_date"]) for row in rows}
                actor_months.write(conn, Counter(), actor_months.tally(
                    (actor, *dates[event_id]) for event_id, actor in named))
        if grouping is not None:
            grouping.committed()
        return AddResult(article_id, True, len(rows))

    def delete_article(self, article_id: str) -> bool:
        """Remove an article with its events and mentions; corrections stay."""
        with self._db.transaction() as conn:
            its_events = event_table.c.article_id == article_id
            before = actor_months.counted(conn, its_events)
            gone = conn.execute(delete(articles).where(
                articles.c.article_id == article_id)).rowcount > 0
            changed(conn)  # its reports leave their events (groups.py)
            actor_months.keep(conn, before, its_events)  # the actor facet's summary
            return gone


# outside scripts and benchmarks import these from here
__all__ = ["AddResult", "EditConflict", "EventStore", "HAND_PATH", "_event_row", "_now",
           "article_row", "mentions_of", "upsert"]
