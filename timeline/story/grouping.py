"""Mentions of the same happening, grouped into events: cheap, explainable, deterministic.

Two mentions may report the same happening only when their date intervals overlap (blocking);
then they are compared by what they say: the content words of their sentences (stemmed; no
stopwords, no time words, not the date expression itself) and their actors. The score is

    overlap(words) + actor_weight * overlap(actors)      overlap(A, B) = |A & B| / min(|A|, |B|)

and two mentions are the same happening when it reaches ``grouping_threshold`` (a Setting,
measured on a hand-checked list of Wikinews pairs: tests/story/data/wikinews_pairs.tsv,
docs/STORY.md).

``Grouper`` is incremental: ``add`` attaches a mention to the best event it matches (its best
scoring member among the first ``grouping_compare``, among the events whose agreed interval, the
overlap of all their reports, overlaps the mention) or opens a new one; nothing is reclustered,
so adding an article costs only its mentions against the events of the same days.
``remove_article`` drops an article's reports (an event left without reports is gone). Event ids
are the id of their first mention, so they stay stable while reports come and go. Reports that
disagree on the day (one says Monday, one Tuesday) are never one event: every report of an
event overlaps the interval all of them agree on.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

from timeline.settings import SETTINGS, Settings
from timeline.story import porter
from timeline.story.rouge import stopwords

_WORD = re.compile(r"[^\W\d_][\w'\-]*")
TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
morning afternoon evening night week weekend month year day days earlier later last next ago
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec local time utc gmt
""".split())


@dataclass(frozen=True)
class Mention:
    """What grouping needs of a dated mention (an Event has all of it)."""

    mention_id: str
    article_id: str
    start_date: date
    end_date: date
    sentence: str
    expr_start: int = 0
    expr_end: int = 0
    actors: tuple[str, ...] = ()

    @classmethod
    def of(cls, event) -> "Mention":
        return cls(event.event_id, event.article_id, event.start_date, event.end_date,
                   event.sentence, event.expr_start, event.expr_end, tuple(event.actors))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return porter.stem(word)


@lru_cache(maxsize=65536)  # a store compares new mentions with the same stored reports again
def content_words(sentence: str, expr_start: int = 0, expr_end: int = 0) -> frozenset[str]:
    """Stemmed content words of a sentence, without its date expression, stopwords or time words."""
    text = sentence[:expr_start] + " " + sentence[expr_end:] if expr_end > expr_start else sentence
    stop = stopwords()
    out = set()
    for m in _WORD.finditer(text):
        w = m.group().lower().strip("'-")
        if len(w) > 2 and w not in stop and w not in TIME_WORDS:
            out.add(_stem(w))
    return frozenset(out)


def _overlap(a: frozenset, b: frozenset) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


@dataclass(frozen=True)
class Signature:
    words: frozenset[str]
    actors: frozenset[str]

    @classmethod
    def of(cls, mention: Mention) -> "Signature":
        return cls(content_words(mention.sentence, mention.expr_start, mention.expr_end),
                   frozenset(a.lower() for a in mention.actors))


def similarity(a: Signature, b: Signature, settings: Settings = SETTINGS) -> float:
    return _overlap(a.words, b.words) + settings.grouping_actor_weight * _overlap(a.actors, b.actors)


def overlaps(a: Mention, b: Mention) -> bool:
    return a.start_date < b.end_date and b.start_date < a.end_date


@dataclass
class Group:
    """An event: the mentions reporting one happening (a seeded group holds only its first
    ``grouping_compare``) and the interval all its reports agree on (their overlap)."""

    event_id: str
    mentions: list[Mention] = field(default_factory=list)
    start_date: date = date.min
    end_date: date = date.max

    def take(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.start_date = max(self.start_date, mention.start_date)
        self.end_date = min(self.end_date, mention.end_date)


class Grouper:
    """Incremental grouping; per-call state lives on this object only (one per store/request)."""

    def __init__(self, settings: Settings = SETTINGS):
        self.settings = settings
        self.groups: dict[str, Group] = {}
        self._signatures: dict[str, Signature] = {}
        self._by_day: dict[date, set[str]] = defaultdict(set)
        self._group_of: dict[str, str] = {}

    def __len__(self) -> int:
        """The mentions this grouper holds (added or seeded)."""
        return len(self._group_of)

    def _days(self, mention: Mention) -> Iterable[date]:
        span = (mention.end_date - mention.start_date).days
        if span > self.settings.grouping_max_days:   # a year or a decade: no day blocking
            return ()
        return (mention.start_date + timedelta(days=i) for i in range(span))

    def seed(self, event_id: str, first: list[Mention], start: date, end: date) -> None:
        """An event made earlier (a store's): its first reports (those a mention is compared
        with) and its agreed interval, of at most ``grouping_max_days`` (its days block it:
        a mention shares a day with one of its reports when it overlaps that interval)."""
        self.groups[event_id] = Group(event_id, list(first), start, end)
        for m in first:
            self._group_of[m.mention_id] = event_id
        for i in range((end - start).days):
            self._by_day[start + timedelta(days=i)].add(event_id)

    def add(self, mention: Mention, event_id: str | None = None) -> str:
        """Attach ``mention`` to the event it reports, or open a new one (with the mention's id);
        returns the event id. ``event_id``: a person's choice, taken as it is."""
        if mention.mention_id in self._group_of:
            return self._group_of[mention.mention_id]
        signature = self._signature(mention)
        days = list(self._days(mention))
        best = event_id or self._best(mention, signature, days)
        if best is None:
            best = mention.mention_id
        group = self.groups.get(best) or self.groups.setdefault(best, Group(best))
        group.take(mention)
        self._group_of[mention.mention_id] = best
        for d in days:
            self._by_day[d].add(best)
        return best

    def _signature(self, mention: Mention) -> Signature:
        found = self._signatures.get(mention.mention_id)
        if found is None:
            found = self._signatures[mention.mention_id] = Signature.of(mention)
        return found

    def _best(self, mention: Mention, signature: Signature, days: list[date]) -> str | None:
        candidates = sorted({g for d in days for g in self._by_day.get(d, ())})
        best, best_score = None, self.settings.grouping_threshold
        for group_id in candidates:
            group = self.groups[group_id]
            # the interval all its reports agree on must hold the mention too: no chains of
            # overlapping mentions across days (a month joins one day's event, not all of them)
            if not (mention.start_date < group.end_date and group.start_date < mention.end_date):
                continue
            for other in group.mentions[:self.settings.grouping_compare]:
                score = similarity(signature, self._signature(other), self.settings)
                if score >= best_score and (best is None or score > best_score):
                    best, best_score = group_id, score
        return best

    def remove_article(self, article_id: str) -> None:
        """Drop the article's reports; an event left without reports is gone."""
        for group_id, group in list(self.groups.items()):
            kept = [m for m in group.mentions if m.article_id != article_id]
            for m in group.mentions:
                if m.article_id == article_id:
                    self._group_of.pop(m.mention_id, None)
                    self._signatures.pop(m.mention_id, None)
            if kept:
                self.groups[group_id] = Group(group_id)
                for m in kept:
                    self.groups[group_id].take(m)
            else:
                del self.groups[group_id]
                for ids in self._by_day.values():
                    ids.discard(group_id)

    def event_of(self, mention_id: str) -> str | None:
        return self._group_of.get(mention_id)

    def on_days(self, days: Iterable[date]) -> set[str]:
        """The events indexed on any of ``days`` (their agreed interval, or a report's days)."""
        return {g for d in days for g in self._by_day.get(d, ())}

    def forget(self, event_ids: Iterable[str]) -> list[Group]:
        """Drop events as if never seen (a store reads them again as they are now); returns
        the groups dropped."""
        dropped = [self.groups.pop(g) for g in set(event_ids) if g in self.groups]
        for group in dropped:
            for m in group.mentions:
                self._group_of.pop(m.mention_id, None)
                self._signatures.pop(m.mention_id, None)
            days = {d for m in group.mentions for d in self._days(m)}
            days.update(group.start_date + timedelta(days=i)
                        for i in range(min((group.end_date - group.start_date).days,
                                           self.settings.grouping_max_days)))
            for d in days:
                found = self._by_day.get(d)
                if found is not None:
                    found.discard(group.event_id)
        return dropped


def grouping_order(mention: Mention) -> tuple:
    """The order mentions are grouped in (by date, then id): deterministic."""
    return mention.start_date, mention.end_date, mention.article_id, mention.mention_id


def group_mentions(mentions: Iterable[Mention], settings: Settings = SETTINGS) -> list[Group]:
    """Every mention in an event, in a deterministic order (``grouping_order``)."""
    grouper = Grouper(settings)
    for mention in sorted(mentions, key=grouping_order):
        grouper.add(mention)
    return list(grouper.groups.values())
