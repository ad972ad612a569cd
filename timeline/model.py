"""Plain data shared by every layer: Article, TimeExpression, Event, EventFilter.

Nothing here imports spaCy, dateparser, SQL or Dash. Dates are ``datetime.date``;
intervals are half-open ``[start_date, end_date)``.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from urllib.parse import parse_qs, urlencode, urlsplit

from timeline.settings import SETTINGS, Settings

# TIMEX3 types and the granularities a resolved value can have.
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
GRANULARITIES = (
    "time", "day", "weekend", "week", "month", "quarter", "half", "season",
    "year", "decade", "century",
)
STATUSES = ("happened", "ongoing", "scheduled")

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Unicode NFC, whitespace collapsed: the form two copies of one article share."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_key(text: str) -> str:
    """Stable id of an article's content (sha1 of the normalised text, 16 hex digits)."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def site_of(url: str) -> str:
    """The site of an article URL, as a source name: "https://www.bbc.co.uk/news/x" -> "bbc.co.uk";
    "" when the URL has no host."""
    try:
        host = urlsplit((url or "").strip()).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


UNKNOWN_SOURCE = "(unknown source)"


def source_label(source: str, url: str = "", missing: str = UNKNOWN_SOURCE) -> str:
    """Who published an article, as a reader is shown it: the site's name, else the domain of
    its URL, else ``missing`` (never the title). One rule for every table, label and export."""
    return (source or "").strip() or site_of(url) or missing


def safe_url(url: str) -> str | None:
    """The URL if it is an absolute http(s) link, else None (no javascript:, data:, ...)."""
    url = (url or "").strip()
    try:
        parsed = urlsplit(url)
    except ValueError:
        return None
    if parsed.scheme.lower() in ("http", "https") and parsed.netloc:
        return url
    return None


@dataclass(frozen=True, slots=True)
class Article:
    """A news article. ``source`` is the site's name as the article gives it, else the domain of
    its ``url`` (never the title: sources group articles by who published them)."""

    text: str
    published: date
    title: str = ""
    url: str = ""
    source: str = ""
    path: str = ""  # where it was read from (file path, upload name); informative only

    def __post_init__(self):
        if not self.source.strip() and self.url:
            object.__setattr__(self, "source", site_of(self.url))

    @property
    def article_id(self) -> str:
        return text_key(self.text)


DATED_TYPES = ("DATE", "TIME", "DURATION")  # a DURATION is dated when anchored ("the past week")


@dataclass(slots=True)
class TimeExpression:
    """One time expression found in a text, resolved to a TIMEX3 value.

    ``start``/``end`` are Python str offsets into the text that was tagged.
    ``start_date``/``end_date`` is the interval the value denotes (None for
    durations, sets and PAST_REF-like values). ``anchor`` is the value of the
    date a relative expression was resolved against and ``direction`` the direction
    the tagger settled on for it ("past", "future" or "" for none): the one a relative
    expression was placed in, and what the status of its event reads.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    granularity: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    anchor: str = ""
    direction: str = ""
    mod: str = ""

    @property
    def dated(self) -> bool:
        """A DATE, TIME or anchored DURATION with a non-empty interval: what an event is placed at."""
        return (self.type in DATED_TYPES and self.start_date is not None
                and self.end_date is not None and self.end_date > self.start_date)

    def to_json(self) -> dict:
        out = {
            "start": self.start, "end": self.end, "text": self.text,
            "type": self.type, "value": self.value,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "granularity": self.granularity,
        }
        if self.mod:
            out["mod"] = self.mod
        return out


@dataclass(slots=True)
class Event:
    """A dated statement: one resolved DATE/TIME expression in its sentence."""

    event_id: str
    article_id: str
    value: str
    start_date: date
    end_date: date
    granularity: str
    expression: str
    status: str
    summary: str
    sentence: str
    expr_start: int  # offsets of the expression inside ``sentence``
    expr_end: int
    sentence_start: int = 0  # offset of the sentence inside the article text
    actors: tuple[str, ...] = ()
    article_title: str = ""
    article_url: str = ""
    source: str = ""
    published: date | None = None
    anchor: str = ""  # the date the expression was resolved against
    direction: str = ""  # past / future / same / ""
    corrected: bool = False  # a person edited this event (date, summary, actors or status)
    by_hand: bool = False  # a person added this event (no extractor behind it)

    def to_json(self) -> dict:
        out = asdict(self)
        for key in ("start_date", "end_date", "published"):
            out[key] = out[key].isoformat() if out[key] else None
        out["actors"] = list(self.actors)
        return out

    @classmethod
    def from_json(cls, data: dict) -> "Event":
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        for key in ("start_date", "end_date", "published"):
            if isinstance(kwargs.get(key), str):
                kwargs[key] = date.fromisoformat(kwargs[key])
        kwargs["actors"] = tuple(kwargs.get("actors") or ())
        return cls(**kwargs)


def event_id(article_id: str, sentence_start: int, expr_start: int, expr_end: int) -> str:
    """Stable id: the same expression in the same article always gets the same id."""
    raw = f"{article_id}:{sentence_start + expr_start}:{sentence_start + expr_end}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What a person asked to see; shared by the store, the export, the CLI and the dashboard.

    Empty fields filter nothing. ``start``/``end`` select events whose interval
    overlaps [start, end]. ``text``: every word, ignoring case, somewhere in the
    event's sentence, summary or expression or in its article's title or text.
    """

    start: date | None = None
    end: date | None = None
    text: str = ""
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    granularities: tuple[str, ...] = ()

    _LISTS = ("actors", "sources", "article_ids", "statuses", "granularities")

    def to_query(self) -> str:
        """URL query string form (for shareable dashboard URLs and the REST API)."""
        pairs: list[tuple[str, str]] = []
        if self.start:
            pairs.append(("start", self.start.isoformat()))
        if self.end:
            pairs.append(("end", self.end.isoformat()))
        if self.text:
            pairs.append(("q", self.text))
        for name in self._LISTS:
            pairs.extend((name, v) for v in getattr(self, name))
        return urlencode(pairs)

    @classmethod
    def from_query(cls, query: str, settings: Settings = SETTINGS) -> "EventFilter":
        """Inverse of ``to_query``; unknown keys are ignored. ValueError, naming the key, for a
        bad date, a control character (NUL...), a value over ``settings.max_query_chars`` or a
        search of more than ``settings.max_query_terms`` words."""
        params = parse_qs(query.lstrip("?"), keep_blank_values=False)
        for key, values in params.items():
            for value in values:
                _check_value(key, value, settings.max_query_chars)
        start = params.get("start", [None])[0]
        end = params.get("end", [None])[0]
        text = params.get("q", [""])[0]
        if len(text.split()) > settings.max_query_terms:
            raise ValueError(f"q has {len(text.split())} words; at most "
                             f"{settings.max_query_terms} are searched")
        return cls(
            start=_query_day("start", start) if start else None,
            end=_query_day("end", end) if end else None,
            text=text,
            **{name: tuple(params.get(name, ())) for name in cls._LISTS},
        )

    def replace(self, **changes) -> "EventFilter":
        return replace(self, **changes)


def _query_day(key: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{key} {value[:40]!r} is not a date (use YYYY-MM-DD)") from None


def _check_value(key: str, value: str, max_chars: int) -> None:
    """A query value the store can take: no control or surrogate characters, bounded length."""
    if len(value) > max_chars:
        raise ValueError(f"{key} is {len(value):,} characters long; the limit is {max_chars:,}")
    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Cs")
                and c not in "\t\n\r"), None)
    if bad is not None:
        raise ValueError(f"{key} contains the control character U+{ord(bad):04X}")


# Columns of the CSV/JSON export, in order (see timeline/export.py). Intervals are half-open:
# an event of 20 March 2025 has start_date 2025-03-20 and end_date 2025-03-21.
EXPORT_COLUMNS = (
    "event_id", "when", "date", "start_date", "end_date", "granularity", "status",
    "expression", "summary", "sentence", "actors", "article_title",
    "article_url", "source", "published", "corrected", "by_hand",
)


def export_row(event: Event) -> dict:
    """The flat row of one event, as exported (actors joined by '; '). ``when`` is the date in
    words ("early March 2025"); ``date`` the TIMEX3 value; ``end_date`` is exclusive."""
    from timeline.plain_dates import event_when

    return {
        "event_id": event.event_id,
        "when": event_when(event),
        "date": event.value,
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
        "granularity": event.granularity,
        "status": event.status,
        "expression": event.expression,
        "summary": event.summary,
        "sentence": event.sentence,
        "actors": "; ".join(event.actors),
        "article_title": event.article_title,
        "article_url": event.article_url,
        "source": event.source,
        "published": event.published.isoformat() if event.published else "",
        "corrected": "yes" if event.corrected else "",
        "by_hand": "yes" if event.by_hand else "",  # a person added it (no article behind it)
    }


__all__ = [
    "Article", "TimeExpression", "Event", "EventFilter", "EXPORT_COLUMNS",
    "GRANULARITIES", "STATUSES", "TIMEX_TYPES", "event_id", "export_row",
    "normalise_text", "safe_url", "site_of", "source_label", "text_key", "UNKNOWN_SOURCE",
]
