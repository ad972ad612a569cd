"""Key dates: the days a whole collection treats as important, with a few sentences each.

A day is scored by what the collection says about it, not by how often one article repeats it:

- every *article* that places something on the day (a day- or time-level mention) counts once,
  and articles of the same source count once together when sources are known;
- an article published *after* the day counts ``1 + after_weight * log2(1 + days later)``: a
  happening that later reports still date is one the story kept, the longer the more (previews
  and same-day reports count once);
- the day's weighted reports are divided by ``1 +`` the independent reports of every day within
  ``window_days`` on either side: its share of its month's attention. A collection's volume
  follows the news cycle while a journalist's timeline covers the whole period, so a quiet
  month's key day competes with its own weeks, not with the busiest ones;
- days reported by fewer than ``min_reports`` independent articles come after the others (one
  passing mention of a day, such as an anniversary, is not a key date, however quiet its month).

The sentences of a key day come from the mentions of that day. Each is scored by how much of the
day's shared vocabulary it holds (content words that several articles use about that day: what
the reports agree happened); near-duplicates of a chosen sentence are skipped, and a sentence
already shown for a better-ranked day comes after the day's other sentences. Page furniture a
sentence splitter glued in front of a sentence (a headline, a wire stamp, an agency tag:
``timeline.events.furniture.strip_furniture``) is cut before the sentence is scored or shown.

The function is pure (events in, key dates out); ``timeline.story.service`` reads the store.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from timeline.events.furniture import strip_furniture
from timeline.model import Event
from timeline.settings import SETTINGS, Settings

DAY_GRANULARITIES = ("day", "time")
_WORD = re.compile(r"[^\W\d_][\w'\-]*")
_LIST_MARK = re.compile(r"^(?:[-\u2013\u2014\u2022*\u00b7]|\d{1,2}[.)])\s+")  # "- ", "• ", "3. " before a sentence


@dataclass(frozen=True)
class KeyDate:
    date: date
    score: float
    articles: int            # independent articles (or sources) placing something on the day
    sentences: tuple[str, ...]

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "sentences": list(self.sentences)}


def day_of(event: Event) -> date | None:
    """The day an event is placed at, or None when it is wider than a day."""
    if event.granularity in DAY_GRANULARITIES and (event.end_date - event.start_date).days == 1:
        return event.start_date
    return None


def _content_words(sentence: str, stop: frozenset[str]) -> set[str]:
    return {w for w in (m.group().lower() for m in _WORD.finditer(sentence))
            if len(w) > 2 and w not in stop}


def key_dates(events: Iterable[Event], dates: int, sentences: int, start: date | None = None,
              end: date | None = None, settings: Settings = SETTINGS) -> list[KeyDate]:
    """The ``dates`` most important days in [start, end], ``sentences`` sentences each, in date order."""
    from timeline.story.rouge import stopwords

    stop = stopwords()
    by_day: dict[date, list[Event]] = defaultdict(list)
    for event in events:
        day = day_of(event)
        if day is None or (start and day < start) or (end and day > end):
            continue
        by_day[day].append(event)
    weighted = {day: _day_score(day, reports, settings) for day, reports in by_day.items()}
    scored = []
    for day, (weight, independent) in weighted.items():
        score = weight / (1 + _window(day, weighted, settings.keydates_window_days)) \
            if settings.keydates_window_days else weight
        scored.append((independent < settings.keydates_min_reports, score, independent, day))
    scored.sort(key=lambda s: (s[0], -s[1], -s[2], s[3]))
    chosen = [(score, independent, day) for _, score, independent, day in scored[:dates]]
    shown: set[str] = set()    # a sentence dating two chosen days is shown once, at the better one
    out = [KeyDate(day, round(score, 3), independent,
                   tuple(_pick_sentences(by_day[day], sentences, stop, settings, shown)))
           for score, independent, day in chosen]
    return sorted(out, key=lambda k: k.date)


def _window(day: date, weighted: dict[date, tuple[float, int]], days: int) -> int:
    """Independent reports of the days within ``days`` of ``day`` (itself included)."""
    total = 0
    for offset in range(-days, days + 1):
        near = weighted.get(day + timedelta(days=offset))
        if near:
            total += near[1]
    return total


def _day_score(day: date, reports: list[Event], settings: Settings) -> tuple[float, int]:
    """(score, independent reporters) of one day."""
    best: dict[str, float] = {}
    for event in reports:
        reporter = event.source or event.article_id
        weight = 1.0
        if event.published and event.published > day:
            weight += settings.keydates_after_weight * math.log2(1 + (event.published - day).days)
        key = f"{reporter}\x00{event.article_id}" if not event.source else reporter
        best[key] = max(best.get(key, 0.0), weight)
    if any(e.source for e in reports):   # several articles of one source: their best counts once
        per_source: dict[str, float] = {}
        for key, weight in best.items():
            source = key.split("\x00", 1)[0]
            per_source[source] = max(per_source.get(source, 0.0), weight)
        best = per_source
    return sum(best.values()), len(best)


def _pick_sentences(reports: list[Event], k: int, stop: frozenset[str],
                    settings: Settings, shown: set[str]) -> list[str]:
    if k <= 0:
        return []
    seen: dict[str, Event] = {}
    for event in reports:
        text = _LIST_MARK.sub("", strip_furniture(" ".join(event.sentence.split())))
        if text and text not in seen:
            seen[text] = event
    words = {text: _content_words(text, stop) for text in seen}
    support = Counter()                      # in how many articles a word is used about the day
    per_article: dict[str, set[str]] = defaultdict(set)
    for text, event in seen.items():
        per_article[event.article_id] |= words[text]
    for bag in per_article.values():
        support.update(bag)

    def value(text: str) -> float:
        bag = words[text]
        n = len(text.split())
        if not bag or n < settings.keydates_min_words or n > settings.keydates_max_words:
            return -1.0
        return sum(math.log1p(support[w] - 1) for w in bag if support[w] > 1) / math.sqrt(len(bag))

    ranked = sorted(seen, key=lambda t: (t in shown, -value(t), seen[t].published or date.min, t))
    chosen: list[str] = []
    for text in ranked:
        if len(chosen) == k:
            break
        bag = words[text]
        if any(_overlap(bag, words[c]) > settings.keydates_duplicate_overlap for c in chosen):
            continue
        chosen.append(text)
    shown.update(chosen)
    return chosen


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
