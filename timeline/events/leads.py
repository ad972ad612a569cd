"""Undated leads: the news an article reports without saying when, dated by the article.

A lead like "A judge has ordered ..." or "The carmaker recalled two million vehicles ..." has no
time expression, yet it is the article's own news. ``lead_event_day`` finds the article's lead
(its first sentence of at least ``MIN_WORDS`` words that is not the headline) and, when the lead
holds no time expression and reports a happening, dates it by the article: the publication day
for a perfect or present lead ("has ordered", "are searching"), the day before for a simple past
("stormed", "was killed"), as a morning paper reports the day before. Cues are data
(``resources/leads.ini``, with examples the tests run).

Such an event is told apart from a stated date: its expression is empty, ``anchor`` is
"publication" and ``direction`` is "lead" (``LEAD_ANCHOR``, ``LEAD_DIRECTION``).

Pure: no spaCy.
"""
from __future__ import annotations

import configparser
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

RULES_PATH = Path(__file__).resolve().parent / "resources" / "leads.ini"
LEAD_ANCHOR = "publication"
LEAD_DIRECTION = "lead"
MIN_WORDS = 8
LEAD_SENTENCES = 3   # the lead is looked for among the first sentences only
_DAYS = ("published", "before", "none")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LeadCue:
    name: str
    regex: re.Pattern
    day: str
    examples: tuple[tuple[str, date, date | None], ...]


@lru_cache(maxsize=1)
def cues() -> tuple[LeadCue, ...]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(RULES_PATH, encoding="utf-8")
    out = []
    for name in parser.sections():
        section = parser[name]
        day = section.get("day", "")
        if day not in _DAYS:
            raise ValueError(f"{RULES_PATH}: [{name}] day must be one of {', '.join(_DAYS)}, not {day!r}")
        try:
            regex = re.compile(section["pattern"], re.IGNORECASE)
        except (KeyError, re.error) as err:
            raise ValueError(f"{RULES_PATH}: [{name}]: bad or missing pattern: {err}") from None
        examples = []
        for line in section.get("examples", "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.rsplit("|", 2)]
            if len(parts) != 3:
                raise ValueError(f"{RULES_PATH}: [{name}] example {line.strip()!r}: "
                                 "write 'lead | published | day or none'")
            examples.append((parts[0], date.fromisoformat(parts[1]),
                             None if parts[2] == "none" else date.fromisoformat(parts[2])))
        out.append(LeadCue(name, regex, day, tuple(examples)))
    return tuple(out)


def day_of_lead(lead: str, published: date) -> date | None:
    """The day a lead without a time expression reports, or None when it reports no happening."""
    for cue in cues():
        if cue.regex.search(lead):
            if cue.day == "none":
                return None
            return published if cue.day == "published" else published - timedelta(days=1)
    return None


def find_lead(text: str, ranges: list[tuple[int, int]], title: str = "") -> tuple[int, int] | None:
    """The lead's range: the first of the first sentences with ``MIN_WORDS`` words that ends like a
    sentence and is not the title."""
    title_key = " ".join(_WORD.findall(title.lower()))
    for start, end in ranges[:LEAD_SENTENCES + 1]:
        sentence = text[start:end].strip()
        words = _WORD.findall(sentence)
        if title_key and " ".join(w.lower() for w in words) == title_key:
            continue
        if len(words) >= MIN_WORDS and sentence[-1:] in ".!\"'”’":
            return start, end
    return None


def lead_day(text: str, ranges: list[tuple[int, int]], published: date, title: str,
             times: list[tuple[int, int]]) -> tuple[int, int, date] | None:
    """(lead start, lead end, day) when the article's lead is undated news, else None.
    ``times`` are the character ranges of every time expression in the text."""
    lead = find_lead(text, ranges, title)
    if lead is None:
        return None
    start, end = lead
    if any(s < end and e > start for s, e in times):
        return None
    day = day_of_lead(text[start:end], published)
    return (start, end, day) if day is not None else None
