"""EventFilter -> SQLAlchemy conditions over the events table.

User input only ever travels as bound parameters; the SQL text is built from fixed
pieces and from the *number* of values, never from the values themselves.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, and_, column, literal_column, or_, select, table

from timeline.model import EventFilter
from timeline.store.tables import articles, event_actors, events

LIKE_ESCAPE = "\\"
# SQLite's FTS5 indexes (schema.py)
_EVENTS_FTS = table("events_fts", column("rowid"))
_ARTICLES_FTS = table("articles_fts", column("rowid"))


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


def text_term(term: str, fts: bool = False) -> ColumnElement:
    """The events where a casefolded ``term`` is a substring of the event's own text
    (``events.search``: sentence, summary, expression) or of its article's title and text
    (``articles.search``): ``search LIKE '%term%' OR article_id IN (articles whose search is
    LIKE it)``, the same in SQLite and PostgreSQL.

    PostgreSQL finds the articles with its pg_trgm index and keeps their ids in a hash.
    With ``fts`` (SQLite's FTS5 trigram indexes exist) a term of three characters or more
    is looked up in them instead: on the events the index narrows and LIKE decides, on the
    articles the index decides alone (a phrase of consecutive trigrams is a substring test,
    and LIKE over whole articles is the slow part). Measured at 1,000,000 events, the union
    of two sets of event ids instead of the OR was slower in both databases (PostgreSQL:
    3.3 s against 0.24 s for the first 200 events of a word in 9 % of the articles).
    """
    pattern = f"%{escape_like(term)}%"
    in_event = events.c.search.like(pattern, escape=LIKE_ESCAPE)
    in_article = articles.c.search.like(pattern, escape=LIKE_ESCAPE)
    if fts and len(term) >= 3:
        phrase = fts_phrase(term)
        in_event = and_(literal_column("events.rowid").in_(
            select(_EVENTS_FTS.c.rowid).where(
                literal_column("events_fts").op("MATCH")(phrase))), in_event)
        in_article = literal_column("articles.rowid").in_(
            select(_ARTICLES_FTS.c.rowid).where(
                literal_column("articles_fts").op("MATCH")(phrase)))
    return or_(in_event, events.c.article_id.in_(
        select(articles.c.article_id).where(in_article).correlate(None)))


def where(flt: EventFilter | None, fts: bool = False) -> list[ColumnElement]:
    """The conditions an event must meet (all of them; ``[]`` for no filter).

    Dates select events whose interval ``[start_date, end_date)`` overlaps the closed
    range ``[flt.start, flt.end]``. The text search wants every whitespace-separated
    term of ``flt.text``, ignoring case, somewhere in the event's sentence, summary or
    expression or in its article's title or text (``text_term``: a term may be in the
    sentence and another in the title).
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
        clauses.append(text_term(term, fts))
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
