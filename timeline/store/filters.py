"""EventFilter -> SQLAlchemy conditions over the events table.

User input only ever travels as bound parameters; the SQL text is built from fixed
pieces and from the *number* of values, never from the values themselves.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, column, literal_column, select, table

from timeline.model import EventFilter
from timeline.store.tables import articles, event_actors, events

LIKE_ESCAPE = "\\"
_FTS = table("events_fts", column("rowid"))  # SQLite's FTS5 index (schema.py)


def search_key(*texts: str) -> str:
    """The casefolded text that the text search looks into."""
    return "\n".join(t for t in texts if t).casefold()


def escape_like(term: str) -> str:
    """Make ``%``, ``_`` and the escape character itself literal in a LIKE pattern."""
    return (term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
            .replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_"))


def fts_phrase(term: str) -> str:
    """An FTS5 phrase query for a literal term (double quotes doubled)."""
    return '"' + term.replace('"', '""') + '"'


def where(flt: EventFilter | None, fts: bool = False) -> list[ColumnElement]:
    """The conditions an event must meet (all of them; ``[]`` for no filter).

    Dates select events whose interval ``[start_date, end_date)`` overlaps the closed
    range ``[flt.start, flt.end]``. The text search wants every whitespace-separated
    term of ``flt.text`` somewhere in the sentence, summary or expression, ignoring case:
    a substring test (LIKE on the casefolded ``search`` column), the same in SQLite and
    PostgreSQL. PostgreSQL answers it from its pg_trgm index by itself; with ``fts``
    (SQLite's FTS5 trigram index exists) terms of three characters or more are first
    looked up in that index, and LIKE still decides, on the few rows left.
    Actors, sources, articles, statuses and granularities each match any of their values.
    """
    if flt is None:
        return []
    clauses: list[ColumnElement] = []
    if flt.start:
        clauses.append(events.c.end_date > flt.start.isoformat())
    if flt.end:
        clauses.append(events.c.start_date <= flt.end.isoformat())
    for term in flt.text.casefold().split():
        if fts and len(term) >= 3:
            clauses.append(literal_column("events.rowid").in_(
                select(_FTS.c.rowid).where(
                    literal_column("events_fts").op("MATCH")(fts_phrase(term)))))
        clauses.append(events.c.search.like(f"%{escape_like(term)}%", escape=LIKE_ESCAPE))
    if flt.actors:
        clauses.append(events.c.event_id.in_(
            select(event_actors.c.event_id).where(event_actors.c.actor.in_(flt.actors))
            .correlate(None)))
    if flt.sources:
        clauses.append(events.c.article_id.in_(
            select(articles.c.article_id).where(articles.c.source.in_(flt.sources))
            .correlate(None)))
    if flt.article_ids:
        clauses.append(events.c.article_id.in_(flt.article_ids))
    if flt.statuses:
        clauses.append(events.c.status.in_(flt.statuses))
    if flt.granularities:
        clauses.append(events.c.granularity.in_(flt.granularities))
    return clauses
