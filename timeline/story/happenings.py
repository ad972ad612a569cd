"""Events as a reader means them: the mentions of one happening, grouped, with their reports.

``story_events(mentions)`` groups stored mentions (``timeline.model.Event``, one per dated
expression) with ``timeline.story.grouping`` and describes each group:

- ``event_id``: the id of its first mention (stable while reports come and go);
- ``start_date``/``end_date``: the interval its reports agree on (their overlap; reports that
  disagree are never grouped, ``timeline.story.grouping``);
- ``date``, ``granularity``, ``summary``: those of the representative report, the one of its first
  ``grouping_compare`` reports that shares most words with the others (ties: the earliest);
- ``status``: that of the latest report (it knows most); ``actors``: all, the most named first;
- ``reports``: every mention as {event_id, article_id, article_title, source, published,
  expression, sentence, by_hand}, oldest first; ``by_hand``: a person added one of them.

Pure: no spaCy, no store.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from timeline.model import Event
from timeline.settings import SETTINGS, Settings
from timeline.story.grouping import Mention, Signature, group_mentions, similarity

EVENT_COLUMNS = ("event_id", "when", "date", "start_date", "end_date", "granularity", "status", "summary",
                 "actors", "reports", "sources", "first_published", "corrected", "by_hand")


@dataclass(frozen=True)
class StoryEvent:
    event_id: str
    date: str
    start_date: date
    end_date: date
    granularity: str
    status: str
    summary: str
    actors: tuple[str, ...]
    reports: tuple[Event, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({r.source for r in self.reports if r.source}))

    @property
    def when(self) -> str:
        """The event's date in plain English (as the mention export's ``when``)."""
        from timeline.plain_dates import plain_date

        return plain_date(self.date, self.granularity, self.start_date, self.end_date)

    @property
    def corrected(self) -> bool:
        return any(r.corrected for r in self.reports)

    @property
    def by_hand(self) -> bool:
        """A person added one of its reports by hand (``EventStore.add_event``)."""
        return any(r.by_hand for r in self.reports)

    def to_json(self) -> dict:
        return {
            "event_id": self.event_id, "when": self.when, "date": self.date,
            "start_date": self.start_date.isoformat(), "end_date": self.end_date.isoformat(),
            "granularity": self.granularity, "status": self.status, "summary": self.summary,
            "actors": list(self.actors), "corrected": self.corrected, "by_hand": self.by_hand,
            "reports": [{
                "event_id": r.event_id, "article_id": r.article_id,
                "article_title": r.article_title, "source": r.source,
                "published": r.published.isoformat() if r.published else None,
                "expression": r.expression, "sentence": r.sentence, "by_hand": r.by_hand,
            } for r in self.reports],
        }

    def row(self) -> dict:
        """The flat CSV row (one per event): report count and sources."""
        published = [r.published for r in self.reports if r.published]
        return {
            "event_id": self.event_id, "when": self.when, "date": self.date,
            "start_date": self.start_date.isoformat(), "end_date": self.end_date.isoformat(),
            "granularity": self.granularity, "status": self.status, "summary": self.summary,
            "actors": "; ".join(self.actors), "reports": str(len(self.reports)),
            "sources": "; ".join(self.sources),
            "first_published": min(published).isoformat() if published else "",
            "corrected": "yes" if self.corrected else "",
            "by_hand": "yes" if self.by_hand else "",
        }


def story_events(mentions: Iterable[Event], settings: Settings = SETTINGS) -> list[StoryEvent]:
    """The mentions grouped into events, ordered by start date then id."""
    by_id = {m.event_id: m for m in mentions}
    groups = group_mentions((Mention.of(m) for m in by_id.values()), settings)
    out = [describe([by_id[x.mention_id] for x in g.mentions], g.event_id, settings) for g in groups]
    return sorted(out, key=lambda e: (e.start_date, e.end_date, e.event_id))


def describe(reports: list[Event], event_id: str, settings: Settings = SETTINGS) -> StoryEvent:
    """The event ``event_id`` made of these reports (its mentions)."""
    reports = sorted(reports, key=lambda r: (r.published or date.min, r.article_id, r.sentence_start,
                                             r.expr_start, r.event_id))
    signatures = [Signature.of(Mention.of(r)) for r in reports]

    pool = range(min(len(reports), settings.grouping_compare))   # the first reports, bounded work

    def centrality(i: int) -> float:
        return sum(similarity(signatures[i], signatures[j], settings) for j in pool if j != i)

    rep = reports[max(pool, key=lambda i: (centrality(i), -i))]
    start = max(r.start_date for r in reports)
    end = min(r.end_date for r in reports)
    latest = max(reports, key=lambda r: (r.published or date.min, r.event_id))
    counts = Counter(a for r in reports for a in dict.fromkeys(r.actors))
    actors = tuple(sorted(counts, key=lambda a: (-counts[a], a)))
    return StoryEvent(event_id, rep.value, start, end, rep.granularity, latest.status, rep.summary,
                      actors, tuple(reports))
