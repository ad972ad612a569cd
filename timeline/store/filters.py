"""EventFilter -> SQLAlchemy conditions over the events table.

User input only ever travels as bound parameters; the SQL text is built from fixed
pieces and from the *number* of values, never from the values themselves.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from sqlalchemy import (ColumnElement, Select, and_, column, literal_column, or_, select,
                        table)

from timeline.model import EventFilter
from timeline.store.tables import articles, event_actors, events

LIKE_ESCAPE = "\\"
# SQLite's FTS5 indexes (schema.py)
_EVENTS_FTS = table("events_fts", column("rowid"))
_ARTICLES_FTS = table("articles_fts", column("rowid"))
# the article of an event whose text is searched (an alias: queries that join the
# articles for their titles must not correlate the search with that join)
_TEXT_ARTICLES = articles.alias("text_articles")
# a term in at most this many articles is looked up by their ids (``Queries._where`` reads
# them first, ``articles_with``): the events of 500 articles are ~5,000 index lookups,
# whatever the size of the store
FEW_ARTICLES = 500


def search_key(*texts: str) -> str:
    """The casefolded text that the text search looks into."""
    return "\n".join(t for t in texts if t).casefold()


def event_search(article_search: str, *texts: str) -> str:
    """What ``events.search`` holds (schema v8): the whitespace-separated chunks of the
    event's casefolded ``texts`` (sentence, summary, expression) that its article's search
    text lacks, one per line; usually none, the sentence being the article's. A term has no
    whitespace, so it is in the event's text exactly when it is in one chunk of it: in the
    article's text or in these. The search (event's text or article's) is unchanged, and the
    events of the articles that contain a term are found through the articles alone
    (``text_term``'s ``apart``)."""
    chunks = dict.fromkeys(search_key(*texts).split())
    return "\n".join(c for c in chunks if c not in article_search)


def escape_like(term: str) -> str:
    """Make ``%``, ``_`` and the escape character itself literal in a LIKE pattern."""
    return (term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
            .replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_"))


def fts_phrase(term: str) -> str:
    """An FTS5 phrase query for a literal term (double quotes doubled)."""
    return '"' + term.replace('"', '""') + '"'


def text_term(term: str, fts: bool = False, each_event: bool = False,
              in_articles: Sequence[str] | None = None, walk: bool = False,
              apart: Sequence[str] | None = None) -> ColumnElement:
    """The events where a casefolded ``term`` is a substring of the event's own text
    (``events.search``: sentence, summary, expression) or of its article's title and text
    (``articles.search``), the same in SQLite and PostgreSQL. Three plans, chosen by the
    caller because neither database can (see ``where``):

    - ``in_articles`` (the ids of every article that contains the term, known to be few):
      ``search LIKE '%term%' OR article_id IN (those ids)``, both sides read from an index
      (the event's text from its text index, the events of those articles from the index on
      article_id); the term's events are found without reading any other event.
    - ``each_event`` (the other conditions leave few events): each event is tested, ``search
      LIKE '%term%' OR (its article's search, looked up by key) LIKE '%term%'``; no index
      over the text is read. A scalar subquery, not EXISTS: PostgreSQL plans an EXISTS as a
      hash of every matching article when it expects few of them, which it always does
      (no statistics, see ``where``): 57,000 articles read for a word, 0.6 s, to test 110
      events.
    - ``apart`` (the ids of every event whose own search contains the term and its
      article does not, known to be few; ``events_apart``): ``article_id IN (articles whose
      search is LIKE it)``, plus ``OR event_id IN (those ids)`` if there are any. Without the
      OR both databases join the events to the matching articles through the index on
      article_id (1,000,000 events, the count of "ceasefire", 87,220 events: PostgreSQL
      383 -> 73 ms, it had read every event) instead of testing each event.
    - otherwise the matching articles are found once through the text index: ``search LIKE
      '%term%' OR article_id IN (articles whose search is LIKE it)`` (PostgreSQL: pg_trgm
      GIN index, the ids kept in a hash). With ``fts`` (SQLite's FTS5 trigram indexes exist)
      a term of three characters or more is looked up in them instead: on the events the
      index narrows and LIKE decides, on the articles the index decides alone (a phrase of
      consecutive trigrams is a substring test, and LIKE over whole articles is the slow
      part); the articles' ids come from the small index on article_id (the unary ``+``
      keeps SQLite from reading each matching article's row to learn its id: 57 % of
      100,000 articles for a common word, 0.5 s). With ``walk`` (a page of a term in a large
      share of the articles) the two sets are only tested, ``+`` keeping SQLite off the
      rowid and article_id indexes: it walks the events in date order and stops at the
      page's end, instead of collecting every match through the two indexes and sorting them.
    """
    pattern = f"%{escape_like(term)}%"
    walk = walk and fts and len(term) >= 3  # SQLite's "+": no index
    in_event = events.c.search.like(pattern, escape=LIKE_ESCAPE)
    if fts and len(term) >= 3 and (in_articles is not None or not each_event):
        in_event = and_(literal_column("+events.rowid" if walk else "events.rowid").in_(
            select(_EVENTS_FTS.c.rowid).where(
                literal_column("events_fts").op("MATCH")(fts_phrase(term)))), in_event)
    if in_articles is not None:
        return or_(in_event, events.c.article_id.in_(list(in_articles)))
    if apart is not None:
        in_articles = events.c.article_id.in_(
            select(articles.c.article_id).where(_in_article(term, pattern, fts)).correlate(None))
        return or_(in_articles, events.c.event_id.in_(list(apart))) if apart else in_articles
    if each_event:
        return or_(in_event, _its_article().like(pattern, escape=LIKE_ESCAPE))
    in_article = _in_article(term, pattern, fts)
    article_id = literal_column("+events.article_id") if walk else events.c.article_id
    return or_(in_event, article_id.in_(
        select(articles.c.article_id).where(in_article).correlate(None)))


def _its_article() -> ColumnElement:
    """The search text of the event's article, looked up by key for each event."""
    article = _TEXT_ARTICLES.c
    return (select(article.search).where(article.article_id == events.c.article_id)
            .correlate(events).scalar_subquery())


def _in_article(term: str, pattern: str, fts: bool) -> ColumnElement:
    """An article's search contains ``term``: LIKE, or SQLite's FTS5 index on the articles
    for a term of 3 characters or more (see ``text_term``)."""
    if fts and len(term) >= 3:
        return literal_column("+articles.rowid").in_(
            select(_ARTICLES_FTS.c.rowid).where(
                literal_column("articles_fts").op("MATCH")(fts_phrase(term))))
    return articles.c.search.like(pattern, escape=LIKE_ESCAPE)


def events_apart(term: str, fts: bool, limit: int) -> Select:
    """The ids of at most ``limit`` events whose own search contains the casefolded ``term``
    and whose article's search does not (v8: ``events.search`` holds only what the article
    lacks, so they are few), read through the events' text index."""
    pattern = f"%{escape_like(term)}%"
    in_event = events.c.search.like(pattern, escape=LIKE_ESCAPE)
    if fts and len(term) >= 3:
        in_event = and_(literal_column("events.rowid").in_(
            select(_EVENTS_FTS.c.rowid).where(
                literal_column("events_fts").op("MATCH")(fts_phrase(term)))), in_event)
    return (select(events.c.event_id)
            .where(in_event, ~_its_article().like(pattern, escape=LIKE_ESCAPE)).limit(limit))


def articles_with(term: str, fts: bool, limit: int) -> Select:
    """The ids of at most ``limit`` articles whose title or text contains the casefolded
    ``term`` (as ``text_term`` tests them), read through the text index: a few ms whether
    the term is rare or common (the index stops at ``limit``)."""
    if fts and len(term) >= 3:
        found = _ARTICLES_FTS.join(articles, literal_column("articles.rowid")
                                   == _ARTICLES_FTS.c.rowid)
        return (select(articles.c.article_id).select_from(found)
                .where(literal_column("articles_fts").op("MATCH")(fts_phrase(term)))
                .limit(limit))
    return (select(articles.c.article_id)
            .where(articles.c.search.like(f"%{escape_like(term)}%", escape=LIKE_ESCAPE))
            .limit(limit))


def articles_with_all(terms: Sequence[str], limit: int) -> Select:
    """At most ``limit`` rows, one per article that contains every term (SQLite's FTS5
    index on the articles, terms of 3+ characters): how common a search is, counted."""
    query = " AND ".join(fts_phrase(t) for t in terms)
    return (select(_ARTICLES_FTS.c.rowid)
            .where(literal_column("articles_fts").op("MATCH")(query)).limit(limit))


def looked_up_terms(flt: EventFilter | None) -> list[str]:
    """The terms of ``flt.text`` that ``where`` may look up by their articles' ids: all of
    them, unless actors or articles already leave few events to test one by one."""
    if flt is None or flt.actors or flt.article_ids:
        return []
    return list(dict.fromkeys(flt.text.casefold().split()))


def where(flt: EventFilter | None, fts: bool = False,
          found: Mapping[str, Sequence[str]] | None = None,
          walk: bool = False,
          apart: Mapping[str, Sequence[str]] | None = None) -> list[ColumnElement]:
    """The conditions an event must meet (all of them; ``[]`` for no filter).

    Dates select events whose interval ``[start_date, end_date)`` overlaps the closed
    range ``[flt.start, flt.end]``. The text search wants every whitespace-separated
    term of ``flt.text``, ignoring case, somewhere in the event's sentence, summary or
    expression or in its article's title or text (``text_term``: a term may be in the
    sentence and another in the title).
    Actors, sources, articles, statuses and granularities each match any of their values.

    ``found`` maps a term (of ``looked_up_terms``) to the ids of all the articles that
    contain it, when they are few (``FEW_ARTICLES``; the caller reads them with
    ``articles_with``): the term's events are looked up through those ids and its own text
    index, and every other term, leaving few events, is tested on them one by one.
    ``apart`` maps a term to the ids of the events whose own text contains it and whose
    article does not, when they are few (``events_apart``): the term's events are those of
    the articles that contain it (and those), joined through the index on article_id. With
    actors or articles the text is tested on their events one by one (``each_event``);
    otherwise the text indexes find the matching articles first (``walk``: for a page,
    tested in date order, see ``text_term``). The databases cannot make
    that choice: neither estimates a substring of whole articles (PostgreSQL keeps no
    statistics of values over 1 kB and guessed 10 articles for a word in 8,722), and SQLite
    builds a subquery's whole result before testing a row against it. At 1,000,000 events
    (docs/PERFORMANCE.md, *Store*) the dashboard's date range + actor + "ceasefire" went from
    2.9 s to 0.25 s in PostgreSQL (it had read all the events and hashed the articles),
    "talks" (57 % of the events) from 0.56 s to 0.30 s in SQLite, on a loaded machine.
    Testing each event without actors was slower: PostgreSQL read a date range's 400,000
    events at random (1.1 -> 4.4 s), SQLite tested every event's article (0.13 -> 2.0 s).
    """
    if flt is None:
        return []
    clauses: list[ColumnElement] = []
    if flt.start:
        clauses.append(events.c.end_date > flt.start.isoformat())
    if flt.end:
        clauses.append(events.c.start_date <= flt.end.isoformat())
    found, apart = found or {}, apart or {}
    each_event = bool(flt.actors or flt.article_ids or found)
    for term in flt.text.casefold().split():
        clauses.append(text_term(term, fts, each_event, found.get(term), walk,
                                 None if each_event else apart.get(term)))
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
