"""The read side of EventStore: every query the CLI, the export and the dashboard ask,
built once with SQLAlchemy Core for SQLite and PostgreSQL alike."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterator

from sqlalchemy import Select, func, literal_column, select

from timeline.model import GRANULARITIES, STATUSES, Article, Event, EventFilter, TimeExpression
from timeline.store.actor_months import facet, facet_counts
from timeline.store.filters import (FEW_ARTICLES, articles_with, articles_with_all,
                                    events_apart, looked_up_terms, where)
from timeline.store.tables import articles, event_actors, events, mentions

_EVENT_COLUMNS = (
    events.c.event_id, events.c.article_id, events.c.value, events.c.start_date,
    events.c.end_date, events.c.granularity, events.c.expression, events.c.status,
    events.c.summary, events.c.sentence, events.c.expr_start, events.c.expr_end,
    events.c.sentence_start, events.c.actors, articles.c.title, articles.c.url,
    articles.c.source, articles.c.published, events.c.anchor, events.c.direction,
    events.c.corrected, events.c.by_hand)
_EVENTS_WITH_ARTICLES = events.join(articles, articles.c.article_id == events.c.article_id)
_ORDER = (events.c.start_date, events.c.article_id, events.c.position)
_PERIOD_LENGTH = {"day": 10, "month": 7, "year": 4}
# a page of a search in at least this share of the articles walks the events in date order
# (SQLite; filters.text_term's ``walk``): 1,000,000 events, first 5,000 of a word in 57 % of
# the articles 1.5-2.2 s -> 0.17-0.41 s, of a word in 9 % 0.25-0.52 s -> 0.38-0.93 s (slower)
WALK_SHARE = 0.2
# a term whose own-text matches outside its articles (filters.events_apart) are at most this
# many events is found through the articles that contain it, joined to their events
FEW_APART = 500


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """One stored article, without its text, with the number of its events."""

    article_id: str
    title: str
    url: str
    source: str
    published: date
    path: str
    ingested_at: str
    events: int


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@lru_cache(maxsize=4096)
def _actors(text: str) -> tuple[str, ...]:
    """The stored JSON list of actors as a tuple; the same lists come back again and again
    (a cache of immutable tuples: json.loads was a third of turning a row into an Event)."""
    return tuple(json.loads(text))


def event_from_row(row) -> Event:
    return Event(
        event_id=row[0], article_id=row[1], value=row[2],
        start_date=date.fromisoformat(row[3]), end_date=date.fromisoformat(row[4]),
        granularity=row[5], expression=row[6], status=row[7], summary=row[8],
        sentence=row[9], expr_start=row[10], expr_end=row[11], sentence_start=row[12],
        actors=_actors(row[13]), article_title=row[14], article_url=row[15],
        source=row[16], published=_day(row[17]), anchor=row[18], direction=row[19],
        corrected=bool(row[20]), by_hand=bool(row[21]),
    )


def per_period(days, by: str) -> list[tuple[str, int]]:
    """Counts per day (``[("2025-03-20", 4), ...]`` in day order) folded into ``by``: day,
    month or year."""
    if by not in _PERIOD_LENGTH:
        raise ValueError(f"counts by {by!r}: use one of {', '.join(_PERIOD_LENGTH)}")
    size, out = _PERIOD_LENGTH[by], {}
    for start, n in days:
        out[start[:size]] = out.get(start[:size], 0) + n
    return list(out.items())


@dataclass(frozen=True, slots=True)
class Tally:
    """The matching events of a filter counted per start day, from one pass (Queries.tally):
    what count, counts, statuses and date_bounds each answer, for the price of one."""

    days: tuple[tuple[str, int], ...]  # (start day, events) in day order
    statuses: tuple[tuple[str, int], ...]  # as Queries.statuses: most frequent first
    first: date | None  # earliest start_date
    last: date | None  # latest end_date (exclusive, as in the events)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.days)

    def counts(self, by: str = "day") -> list[tuple[str, int]]:
        return per_period(self.days, by)


def _counted(key) -> Select:
    """``SELECT key, count(*) AS n ... GROUP BY key ORDER BY n DESC, key``."""
    n = func.count().label("n")
    return select(key, n).group_by(key).order_by(n.desc(), key)


def _ranked(pairs) -> list[tuple[str, int]]:
    """(value, count) pairs with a count, most frequent first, then by value."""
    return sorted(((v, n) for v, n in pairs if n), key=lambda p: (-p[1], p[0]))


class Queries:
    """Mixin: needs ``self._db`` (a timeline.store.connection.Database)."""

    def _where(self, flt: EventFilter | None, page: bool = False):
        """The filter's conditions; first, for each search term without actors or articles
        in the filter, the ids of the articles that contain it, if there are at most
        FEW_ARTICLES (filters.where: a rare term's events are then looked up by article, not
        found by testing the events one by one; 1,000,000 events in PostgreSQL, first page
        of a word in 10 articles: 10 s -> 10 ms). A separate statement: an article stored
        between the two may be missed by this one call.
        For a ``page`` in SQLite, when no term is rare, the articles that contain every term
        are counted up to WALK_SHARE of all articles (FTS5, a few ms): that many or more,
        and the page walks the events in date order (filters.where's ``walk``). Otherwise,
        except for a page in PostgreSQL (it walks the dates by itself for the plan that tests
        each event; the join below measured no faster for a word in 9 % of the articles),
        the events whose own text contains each term and whose article does not are read
        (at most FEW_APART, through the events' text index: schema v8 keeps there only what
        the article lacks); when they are few, the term's events are the matching articles'
        events, joined through the index on article_id, and those (filters.where's
        ``apart``; 1,000,000 events: the count of a word in 57 % of the articles SQLite
        0.41-0.51 s -> 0.11-0.12 s, PostgreSQL 1.1-1.3 s -> 0.58-0.62 s; docs/PERFORMANCE.md)."""
        found, walk, apart, fts = {}, False, {}, self._db.fts
        terms = looked_up_terms(flt)
        if terms:
            with self._db.reading() as conn:
                for term in terms:
                    query = articles_with(term, fts, limit=FEW_ARTICLES + 1)
                    ids = conn.execute(query).scalars().all()
                    if len(ids) <= FEW_ARTICLES:
                        found[term] = ids
                if page and fts and not found and min(map(len, terms)) >= 3:
                    total = conn.execute(select(func.count()).select_from(articles)).scalar()
                    cap = max(1, int(total * WALK_SHARE))
                    share = select(func.count()).select_from(
                        articles_with_all(terms, cap).subquery())
                    walk = conn.execute(share).scalar() >= cap
                if not (found or walk or (page and not fts)):
                    for term in terms:
                        query = events_apart(term, fts, limit=FEW_APART + 1)
                        ids = conn.execute(query).scalars().all()
                        if len(ids) <= FEW_APART:
                            apart[term] = ids
        return where(flt, fts, found, walk, apart)

    def events(self, flt: EventFilter | None = None, limit: int | None = None,
               offset: int = 0) -> list[Event]:
        """Events matching ``flt``, by start date then place in the article."""
        return list(self.iter_events(flt, limit, offset))

    def iter_events(self, flt: EventFilter | None = None, limit: int | None = None,
                    offset: int = 0, batch: int = 2000) -> Iterator[Event]:
        """Like ``events`` but fetched ``batch`` rows at a time (exports of any size;
        PostgreSQL streams them from a server-side cursor)."""
        clauses = self._where(flt, page=limit is not None or bool(offset))
        if limit is not None or offset:
            # a page: sort the ids of the matching events, then read the page's rows (a
            # text search may match half the store, and sorting whole rows with their
            # sentences, summaries and titles was most of its time)
            page = (select(events.c.event_id).where(*clauses).order_by(*_ORDER)
                    .limit(None if limit is None else int(limit)).offset(int(offset) or None))
            clauses = [events.c.event_id.in_(page)]
        query = (select(*_EVENT_COLUMNS).select_from(_EVENTS_WITH_ARTICLES)
                 .where(*clauses).order_by(*_ORDER))
        with self._db.reading() as conn:
            result = conn.execution_options(yield_per=batch).execute(query)
            for rows in result.partitions():
                yield from map(event_from_row, rows)

    def event(self, event_id: str) -> Event | None:
        query = (select(*_EVENT_COLUMNS).select_from(_EVENTS_WITH_ARTICLES)
                 .where(events.c.event_id == event_id))
        with self._db.reading() as conn:
            row = conn.execute(query).first()
        return event_from_row(row) if row else None

    def count(self, flt: EventFilter | None = None) -> int:
        query = select(func.count()).select_from(events).where(*self._where(flt))
        with self._db.reading() as conn:
            return conn.execute(query).scalar_one()

    def counts(self, flt: EventFilter | None = None, by: str = "day") -> list[tuple[str, int]]:
        """Events per period of their start date: ``[("2025-03", 12), ...]`` in order."""
        per_period((), by)  # a bad ``by`` fails before the query
        # counted per day in the order of the index on start_date, then folded into months
        # or years here: 3x faster than grouping by substr() in SQLite at 1,000,000 events
        day = events.c.start_date
        query = select(day, func.count()).where(*self._where(flt)).group_by(day).order_by(day)
        return per_period(self._pairs(query), by)

    def tally(self, flt: EventFilter | None = None) -> Tally:
        """count, counts per day, statuses and date_bounds of ``flt`` from one query (the
        filter is evaluated once, not four times: a text search or an actor filter is most of
        their time): per start day, in the order of the index on start_date, its latest
        end_date, its events and its events of each known status."""
        day, status = events.c.start_date, events.c.status
        query = (select(day, func.max(events.c.end_date), func.count(),
                        *(func.count().filter(status == v) for v in STATUSES))
                 .where(*self._where(flt)).group_by(day).order_by(day))
        with self._db.reading() as conn:
            rows = conn.execute(query).all()
        per_status = [sum(r[3 + i] for r in rows) for i in range(len(STATUSES))]
        total = sum(r[2] for r in rows)
        if total != sum(per_status):  # a status outside STATUSES
            statuses = self.statuses(flt)
        else:
            statuses = _ranked(zip(STATUSES, per_status))
        return Tally(days=tuple((r[0], r[2]) for r in rows), statuses=tuple(statuses),
                     first=_day(rows[0][0]) if rows else None,
                     last=_day(max(r[1] for r in rows)) if rows else None)

    def actors(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        """Actors of the matching events with their event counts, most frequent first. With
        no filter or a date range alone, from the summary per actor and month (actor_months.py;
        1,000,000 events, four years: SQLite 1.6-3.1 s -> 0.04-0.13 s, PostgreSQL 0.8-1.4 s ->
        0.04-0.08 s, docs/PERFORMANCE.md)."""
        flt = flt or EventFilter()
        if flt == EventFilter(start=flt.start, end=flt.end) and not (
                flt.start and flt.end and flt.start > flt.end):
            with self._db.reading() as conn:
                return facet_counts(conn.execute(facet(flt.start, flt.end)))
        query = _counted(event_actors.c.actor).where(event_actors.c.event_id.in_(
            select(events.c.event_id).where(*self._where(flt))))
        return self._pairs(query)

    def sources(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        """Sources of the matching events with their event counts, most frequent first."""
        return self._pairs(_counted(articles.c.source).select_from(_EVENTS_WITH_ARTICLES)
                           .where(*self._where(flt)))

    def statuses(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        return self._known_counts(events.c.status, STATUSES, flt)

    def granularities(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        return self._known_counts(events.c.granularity, GRANULARITIES, flt)

    def _known_counts(self, key, known: tuple[str, ...], flt) -> list[tuple[str, int]]:
        """Counts per value of a column with a few known values, most frequent first: one
        pass with a count per value (1,000,000 events, no filter: SQLite grouped with a
        sort of every row); GROUP BY if another value turns up."""
        clauses = self._where(flt)
        query = select(func.count(), *(func.count().filter(key == v) for v in known))
        with self._db.reading() as conn:
            total, *counts = conn.execute(query.where(*clauses)).one()
        if total != sum(counts):
            return self._pairs(_counted(key).where(*clauses))
        return _ranked(zip(known, counts))

    def date_bounds(self, flt: EventFilter | None = None) -> tuple[date | None, date | None]:
        """``(earliest start_date, latest end_date)`` of the matching events (end is
        exclusive, as in the events), ``(None, None)`` when nothing matches."""
        query = select(func.min(events.c.start_date), func.max(events.c.end_date)).where(
            *self._where(flt))
        with self._db.reading() as conn:
            row = conn.execute(query).one()
        return _day(row[0]), _day(row[1])

    def article_actors(self) -> list[tuple[str, str, int]]:
        """(article_id, actor, number of its events naming the actor) for every article: what
        the dashboard finds stories with."""
        query = (select(events.c.article_id, event_actors.c.actor, func.count())
                 .select_from(event_actors.join(events,
                                                events.c.event_id == event_actors.c.event_id))
                 .group_by(events.c.article_id, event_actors.c.actor)
                 .order_by(events.c.article_id, event_actors.c.actor))
        with self._db.reading() as conn:
            return [(r[0], r[1], r[2]) for r in conn.execute(query)]

    def article_days(self) -> list[tuple[str, str]]:
        """(article_id, day) of every day-precise event: articles telling the same day."""
        query = (select(events.c.article_id, events.c.start_date).distinct()
                 .where(events.c.granularity.in_(("day", "time")))
                 .order_by(events.c.article_id, events.c.start_date))
        with self._db.reading() as conn:
            return [(r[0], r[1]) for r in conn.execute(query)]

    def articles(self) -> list[ArticleInfo]:
        """Every article, newest publication first, with its number of events."""
        n_events = (select(func.count()).select_from(events)
                    .where(events.c.article_id == articles.c.article_id).scalar_subquery())
        query = (select(articles.c.article_id, articles.c.title, articles.c.url,
                        articles.c.source, articles.c.published, articles.c.path,
                        articles.c.ingested_at, n_events)
                 .order_by(articles.c.published.desc(), articles.c.title,
                           articles.c.article_id))
        with self._db.reading() as conn:
            rows = conn.execute(query).all()
        return [ArticleInfo(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]), r[5], r[6], r[7])
                for r in rows]

    def article(self, article_id: str) -> Article | None:
        query = (select(articles.c.text, articles.c.published, articles.c.title,
                        articles.c.url, articles.c.source, articles.c.path)
                 .where(articles.c.article_id == article_id))
        with self._db.reading() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        return Article(text=row[0], published=date.fromisoformat(row[1]), title=row[2],
                       url=row[3], source=row[4], path=row[5])

    def has_article(self, article_id: str) -> bool:
        query = select(literal_column("1")).where(articles.c.article_id == article_id)
        with self._db.reading() as conn:
            return conn.execute(query).first() is not None

    def article_timexes(self, article_id: str) -> list[TimeExpression]:
        """The time expressions of an article's text, in text order."""
        m = mentions.c
        query = (select(m.start, m.end, m.text, m.type, m.value, m.granularity, m.start_date,
                        m.end_date, m.anchor, m.direction, m.mod)
                 .where(m.article_id == article_id).order_by(m.start, m.end))
        with self._db.reading() as conn:
            rows = conn.execute(query).all()
        return [TimeExpression(r[0], r[1], r[2], r[3], r[4], r[5], _day(r[6]), _day(r[7]),
                               r[8], r[9], r[10]) for r in rows]

    def _pairs(self, query) -> list[tuple[str, int]]:
        with self._db.reading() as conn:
            return [(row[0], row[1]) for row in conn.execute(query)]
