"""The read side of EventStore: every query the CLI, the export and the dashboard ask."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from timeline.model import Article, Event, EventFilter, TimeExpression
from timeline.store.filters import where

_EVENT_SQL = """SELECT e.event_id, e.article_id, e.value, e.start_date, e.end_date,
    e.granularity, e.expression, e.status, e.summary, e.sentence, e.expr_start,
    e.expr_end, e.sentence_start, e.actors, a.title, a.url, a.source, a.published,
    e.anchor, e.direction, e.corrected
FROM events AS e JOIN articles AS a ON a.article_id = e.article_id"""
_ORDER = " ORDER BY e.start_date, e.article_id, e.position"
_PERIOD_LENGTH = {"day": 10, "month": 7, "year": 4}


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


def event_from_row(row) -> Event:
    return Event(
        event_id=row[0], article_id=row[1], value=row[2],
        start_date=date.fromisoformat(row[3]), end_date=date.fromisoformat(row[4]),
        granularity=row[5], expression=row[6], status=row[7], summary=row[8],
        sentence=row[9], expr_start=row[10], expr_end=row[11], sentence_start=row[12],
        actors=tuple(json.loads(row[13])), article_title=row[14], article_url=row[15],
        source=row[16], published=_day(row[17]), anchor=row[18], direction=row[19],
        corrected=bool(row[20]),
    )


class Queries:
    """Mixin: needs ``self._db`` (a timeline.store.connection.Connections)."""

    def events(self, flt: EventFilter | None = None, limit: int | None = None,
               offset: int = 0) -> list[Event]:
        """Events matching ``flt``, by start date then place in the article."""
        return list(self.iter_events(flt, limit, offset))

    def iter_events(self, flt: EventFilter | None = None, limit: int | None = None,
                    offset: int = 0, batch: int = 2000) -> Iterator[Event]:
        """Like ``events`` but fetched ``batch`` rows at a time (exports of any size)."""
        sql, params = where(flt, self._db.fts)
        sql = _EVENT_SQL + sql + _ORDER + " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else int(limit), int(offset)]
        with self._db.reading() as conn:
            cursor = conn.execute(sql, params)
            while rows := cursor.fetchmany(batch):
                yield from map(event_from_row, rows)

    def event(self, event_id: str) -> Event | None:
        with self._db.reading() as conn:
            row = conn.execute(_EVENT_SQL + " WHERE e.event_id = ?", (event_id,)).fetchone()
        return event_from_row(row) if row else None

    def count(self, flt: EventFilter | None = None) -> int:
        sql, params = where(flt, self._db.fts)
        with self._db.reading() as conn:
            return conn.execute("SELECT count(*) FROM events AS e" + sql, params).fetchone()[0]

    def counts(self, flt: EventFilter | None = None, by: str = "day") -> list[tuple[str, int]]:
        """Events per period of their start date: ``[("2025-03", 12), ...]`` in order."""
        if by not in _PERIOD_LENGTH:
            raise ValueError(f"counts by {by!r}: use one of {', '.join(_PERIOD_LENGTH)}")
        sql, params = where(flt, self._db.fts)
        query = (f"SELECT substr(e.start_date, 1, {_PERIOD_LENGTH[by]}) AS period, count(*) "
                 f"FROM events AS e{sql} GROUP BY period ORDER BY period")
        return self._pairs(query, params)

    def actors(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        """Actors of the matching events with their event counts, most frequent first."""
        sql, params = where(flt, self._db.fts)
        # no filter: the covering index on (actor, event_id) alone answers
        subset = f" WHERE ea.event_id IN (SELECT e.event_id FROM events AS e{sql})" if sql else ""
        return self._pairs(
            f"SELECT ea.actor, count(*) AS n FROM event_actors AS ea{subset} "
            "GROUP BY ea.actor ORDER BY n DESC, ea.actor", params)

    def sources(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        """Sources of the matching events with their event counts, most frequent first."""
        sql, params = where(flt, self._db.fts)
        return self._pairs(
            "SELECT a.source, count(*) AS n FROM events AS e JOIN articles AS a "
            f"ON a.article_id = e.article_id{sql} GROUP BY a.source ORDER BY n DESC, a.source",
            params)

    def statuses(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        return self._group("status", flt)

    def granularities(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        return self._group("granularity", flt)

    def date_bounds(self, flt: EventFilter | None = None) -> tuple[date | None, date | None]:
        """``(earliest start_date, latest end_date)`` of the matching events (end is
        exclusive, as in the events), ``(None, None)`` when nothing matches."""
        sql, params = where(flt, self._db.fts)
        with self._db.reading() as conn:
            row = conn.execute(
                f"SELECT min(e.start_date), max(e.end_date) FROM events AS e{sql}",
                params).fetchone()
        return _day(row[0]), _day(row[1])

    def articles(self) -> list[ArticleInfo]:
        """Every article, newest publication first, with its number of events."""
        query = """SELECT a.article_id, a.title, a.url, a.source, a.published, a.path,
            a.ingested_at, (SELECT count(*) FROM events AS e WHERE e.article_id = a.article_id)
            FROM articles AS a ORDER BY a.published DESC, a.title, a.article_id"""
        with self._db.reading() as conn:
            rows = conn.execute(query).fetchall()
        return [ArticleInfo(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]), r[5], r[6], r[7])
                for r in rows]

    def article(self, article_id: str) -> Article | None:
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT text, published, title, url, source, path FROM articles "
                "WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return Article(text=row[0], published=date.fromisoformat(row[1]), title=row[2],
                       url=row[3], source=row[4], path=row[5])

    def has_article(self, article_id: str) -> bool:
        with self._db.reading() as conn:
            return conn.execute("SELECT 1 FROM articles WHERE article_id = ?",
                                (article_id,)).fetchone() is not None

    def article_timexes(self, article_id: str) -> list[TimeExpression]:
        """The time expressions of an article's text, in text order."""
        with self._db.reading() as conn:
            rows = conn.execute(
                'SELECT start, "end", text, type, value, granularity, start_date, end_date, '
                'anchor, direction, mod FROM mentions WHERE article_id = ? ORDER BY start, "end"',
                (article_id,)).fetchall()
        return [TimeExpression(r[0], r[1], r[2], r[3], r[4], r[5], _day(r[6]), _day(r[7]),
                               r[8], r[9], r[10]) for r in rows]

    def _group(self, column: str, flt: EventFilter | None) -> list[tuple[str, int]]:
        sql, params = where(flt, self._db.fts)
        return self._pairs(f"SELECT e.{column}, count(*) AS n FROM events AS e{sql} "
                           f"GROUP BY e.{column} ORDER BY n DESC, e.{column}", params)

    def _pairs(self, query: str, params: list) -> list[tuple[str, int]]:
        with self._db.reading() as conn:
            return [(row[0], row[1]) for row in conn.execute(query, params)]
