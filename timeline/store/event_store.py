"""EventStore: articles, their events and time expressions, and a person's corrections,
in SQLite or PostgreSQL. The write side lives here, the queries in queries.py, the
tables in tables.py."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from timeline.model import Article, Event, TimeExpression
from timeline.store.connection import Database
from timeline.store.filters import search_key
from timeline.store.groups import GroupStore, Grouping, attach, changed
from timeline.store.intervals import clean_value, interval_of
from timeline.store.queries import Queries
from timeline.store.tables import articles, corrections, event_actors, mentions
from timeline.store.tables import events as event_table  # `events` is add_article's argument

_UPSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def upsert(conn, table):
    """``INSERT`` with ``.on_conflict_do_nothing()`` / ``.on_conflict_do_update()``: the
    same statement in both databases (SQLAlchemy's insert of the connection's dialect)."""
    return _UPSERT[conn.dialect.name](table)


class EditConflict(Exception):
    """Someone changed the event since the person editing it saw it (see correct_event)."""

    def __init__(self, event_id: str, expected: str, current: str | None):
        self.event_id, self.expected, self.current = event_id, expected, current
        now = "deleted it" if current is None else f"set it to {current}"
        super().__init__(f"event {event_id} changed while you edited it: it was {expected}, "
                         f"someone else {now} meanwhile; look again and retry")


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


class EventStore(Queries, GroupStore):
    """``EventStore(path_or_url)``: a file path, ``sqlite:///path``, ``":memory:"`` or
    ``postgresql://user@host/dbname``; None -> $TIMELINE_DB, else ``timeline.db`` in the
    current directory. Safe to share between threads: every call borrows a pooled
    connection and gives it back (see timeline/store/connection.py)."""

    def __init__(self, path_or_url=None):
        self._db = Database(path_or_url)
        self.path = self._db.path  # the file, or the URL without its password
        self.dialect = self._db.dialect  # "sqlite" | "postgresql"

    def shared_address(self, same_machine: bool) -> str | None:
        """What another process passes to ``EventStore`` to write into this same database: the
        PostgreSQL URL (with its password: do not show it), or the SQLite file when
        ``same_machine``; None for a database in memory."""
        address = self._db.address
        if self.dialect == "postgresql" or (same_machine and not self._db._memory):
            return address
        return None

    def close(self) -> None:
        self._db.close()

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
            stored = conn.execute(upsert(conn, articles).on_conflict_do_nothing().returning(
                articles.c.article_id), {
                "article_id": article_id, "text": article.text, "title": article.title,
                "url": article.url, "source": article.source,
                "published": article.published.isoformat(), "path": article.path,
                "ingested_at": _now()}).first()
            if stored is None:  # rowcount is not reliable after ON CONFLICT DO NOTHING
                return AddResult(article_id, False, 0)
            if found:
                conn.execute(insert(event_table), [_event_row(article_id, ev) for ev in found])
            actors = [{"event_id": ev.event_id, "actor": actor}
                      for ev in found for actor in ev.actors if actor]
            if actors:
                conn.execute(upsert(conn, event_actors).on_conflict_do_nothing(), actors)
            if timexes:
                conn.execute(upsert(conn, mentions).on_conflict_do_nothing(), [
                    {"article_id": article_id, "start": t.start, "end": t.end, "text": t.text,
                     "type": t.type, "value": t.value, "granularity": t.granularity,
                     "start_date": _iso(t.start_date), "end_date": _iso(t.end_date),
                     "anchor": t.anchor, "direction": t.direction, "mod": t.mod}
                    for t in timexes])
            # re-apply the corrections a person made before this article was deleted or
            # re-ingested, and leave out the events they deleted
            c = corrections.c
            conn.execute(update(event_table).values(
                value=c.value, start_date=c.start_date, end_date=c.end_date,
                granularity=c.granularity, status=c.status, corrected=1)
                .where(c.event_id == event_table.c.event_id, event_table.c.article_id == article_id,
                       c.deleted == 0))
            dropped = conn.execute(delete(event_table).where(
                event_table.c.article_id == article_id,
                event_table.c.event_id.in_(select(c.event_id).where(c.deleted == 1)))).rowcount
            attach(conn, article_id, grouping)  # each mention joins its event (groups.py)
        if grouping is not None:
            grouping.committed()
        return AddResult(article_id, True, len(found) - dropped)

    def delete_article(self, article_id: str) -> bool:
        """Remove an article with its events and mentions; corrections stay."""
        with self._db.transaction() as conn:
            changed(conn)  # its reports leave their events (groups.py)
            return conn.execute(delete(articles).where(
                articles.c.article_id == article_id)).rowcount > 0

    def correct_event(self, event_id: str, value: str, *, expected: str | None = None) -> Event:
        """Set an event's date to a TIMEX3 value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www,
        YYYY-Qn, ...), marked as a manual correction that survives re-ingest.

        Several people at once: each edit changes one event in one transaction, with the
        event's row locked, so edits of different events never undo each other.
        ``expected`` is the value the person saw: if someone else changed (or deleted) the
        event since, nothing is written and EditConflict tells what it is now. Without
        ``expected`` (scripts, the CLI) the last edit wins.

        Raises ValueError for a value that is not a date, KeyError for an unknown event.
        """
        start, end, granularity = interval_of(value)
        value = clean_value(value)
        with self._db.transaction() as conn:
            row = conn.execute(
                select(event_table.c.status, articles.c.published, event_table.c.value)
                .select_from(event_table.join(articles, articles.c.article_id == event_table.c.article_id))
                .where(event_table.c.event_id == event_id)
                .with_for_update(of=event_table)).first()  # PostgreSQL: one correction at a time
            if row is None:
                if expected is not None and self._was_deleted(conn, event_id):
                    raise EditConflict(event_id, expected, None)
                raise KeyError(f"no event {event_id!r}")
            if expected is not None and row[2] != expected.strip():
                raise EditConflict(event_id, expected, row[2])
            status = status_for(start, end, date.fromisoformat(row[1]), row[0])
            fields = {"value": value, "start_date": start.isoformat(),
                      "end_date": end.isoformat(), "granularity": granularity,
                      "status": status}
            # read after the lock, in its own statement: under PostgreSQL's READ COMMITTED a
            # join in the locking SELECT saw the table as it was before a concurrent edit, and
            # took that edit's value for the extractor's
            original = conn.execute(select(corrections.c.original_value)
                                    .where(corrections.c.event_id == event_id)).scalar()
            self._record(conn, event_id, original=original or row[2], deleted=0, **fields)
            changed(conn)  # its event's agreed interval may change (groups.py)
            conn.execute(update(event_table).where(event_table.c.event_id == event_id)
                         .values(corrected=1, **fields))
        return self.event(event_id)

    def delete_event(self, event_id: str, *, expected: str | None = None) -> bool:
        """Remove one event; recorded as a correction, so a re-ingest leaves it out.
        ``expected``: as for correct_event (EditConflict if the date changed meanwhile;
        False, as for any event that is not there, if someone deleted it already)."""
        with self._db.transaction() as conn:
            row = conn.execute(select(event_table.c.value).where(event_table.c.event_id == event_id)
                               .with_for_update()).first()
            if row is None:
                return False
            if expected is not None and row[0] != expected.strip():
                raise EditConflict(event_id, expected, row[0])
            self._record(conn, event_id, original=row[0], deleted=1, value=None,
                         start_date=None, end_date=None, granularity=None, status=None)
            changed(conn)  # a report leaves its event (groups.py)
            conn.execute(delete(event_table).where(event_table.c.event_id == event_id))
        return True

    @staticmethod
    def _was_deleted(conn, event_id: str) -> bool:
        return conn.execute(select(corrections.c.deleted).where(
            corrections.c.event_id == event_id)).scalar() == 1

    @staticmethod
    def _record(conn, event_id: str, original: str, **fields) -> None:
        """Insert or replace the correction of ``event_id``."""
        fields["corrected_at"] = _now()
        statement = upsert(conn, corrections).values(
            event_id=event_id, original_value=original, **fields)
        conn.execute(statement.on_conflict_do_update(
            index_elements=[corrections.c.event_id],
            set_={name: statement.excluded[name] for name in (*fields, "original_value")}))

    def original_value(self, event_id: str) -> str | None:
        """The extractor's value of a corrected event (None if never corrected)."""
        with self._db.reading() as conn:
            return conn.execute(select(corrections.c.original_value)
                                .where(corrections.c.event_id == event_id)).scalar()


def _event_row(article_id: str, ev: Event) -> dict:
    return {
        "event_id": ev.event_id, "article_id": article_id, "value": ev.value,
        "start_date": ev.start_date.isoformat(), "end_date": ev.end_date.isoformat(),
        "granularity": ev.granularity, "expression": ev.expression, "status": ev.status,
        "summary": ev.summary, "sentence": ev.sentence, "expr_start": ev.expr_start,
        "expr_end": ev.expr_end, "sentence_start": ev.sentence_start,
        "position": ev.sentence_start + ev.expr_start,
        "actors": json.dumps(list(ev.actors), ensure_ascii=False),
        "anchor": ev.anchor, "direction": ev.direction, "corrected": 0,
        "search": search_key(ev.sentence, ev.summary, ev.expression)}
