"""Every tunable number of the project in one validated, immutable object.

In the spirit of dateparser's ``Settings``: a window, bias, pivot, budget or threshold is a
named, documented field here, never a bare number in the code that uses it.

    from timeline.settings import SETTINGS            # the defaults
    strict = SETTINGS.replace(max_text_chars=100_000)  # a validated copy; SETTINGS is unchanged

Code takes a ``Settings`` argument (default ``SETTINGS``) when a caller may want other values;
nothing mutates it, so one object is safely shared by every thread. This module imports only
the standard library.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace


def _setting(default, doc: str, *, low=None, high=None):
    """A field with its documentation and inclusive bounds (checked in ``Settings.__post_init__``)."""
    return field(default=default, metadata={"doc": doc, "low": low, "high": high})


@dataclass(frozen=True)
class Settings:
    # Sections are added by the parts that read them; each field says what it bounds and why.

    # --- server: what one request may ask (dashboard/guard.py, EventFilter.from_query)
    max_query_terms: int = _setting(
        32, "words a text search may have (each is one LIKE over every sentence; SQLite's "
        "expression tree gives out near 1,000)", low=1, high=500)
    max_query_chars: int = _setting(
        1_000, "characters of one filter value (search text, actor, source) in a query",
        low=10, high=100_000)
    max_json_depth: int = _setting(
        64, "nesting of a JSON request body (Dash callbacks and the REST API); deeper is a 400",
        low=8, high=500)

    # --- key dates (timeline.story.keydates): how a collection's days are ranked and summarised
    keydates_after_weight: float = _setting(
        1.0, "an article published n days after the day it dates weighs 1 + this * log2(1 + n) "
        "(the story kept it); previews and same-day reports weigh 1", low=0.0, high=10.0)
    keydates_min_words: int = _setting(6, "shortest sentence offered for a key date (words)",
                                       low=1, high=1000)
    keydates_max_words: int = _setting(60, "longest sentence offered for a key date (words)",
                                       low=1, high=1000)
    keydates_duplicate_overlap: float = _setting(
        0.6, "a sentence sharing this share of its content words with a chosen one is a repeat",
        low=0.0, high=1.0)

    # --- ingest budgets (timeline.ingest.service, timeline.nlp.bounded, timeline.events.summary)
    # Every step of an analysis is linear in the text or bounded by one of these, so the largest
    # item a door accepts is analysed in bounded time and memory (docs/RELIABILITY.md has figures).
    max_text_chars: int = _setting(
        300_000, "Longest article text analysed (characters, after cleaning); a longer text is "
        "refused by name, never cut silently.", low=1_000, high=5_000_000)
    max_sentence_tokens: int = _setting(
        150, "Longest run of tokens the parser sees as one sentence; a longer sentence is parsed "
        "in parts of this size (parse depth, summary and actor work stay bounded).", low=20, high=1_000)
    max_token_run_chars: int = _setting(
        100, "Longest run of non-space characters the tokenizer sees at once; a longer run (a "
        "URL, a row of '&') is tokenized in pieces of this size (spaCy's prefix/suffix loop is "
        "quadratic in a run's length). The text and its offsets are unchanged.", low=20, high=10_000)
    max_html_tags: int = _setting(
        100_000, "Most tags (and as many attributes) an HTML page or a record's markup may have; "
        "a page with more is refused before it is parsed.", low=100, high=10_000_000)
    max_item_seconds: float = _setting(
        40.0, "Time budget for the analysis of one article; past it the article is refused "
        "with that reason and the others go on.", low=0.1, high=3_600.0)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            kind = type(f.default)
            if kind in (int, float) and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise ValueError(f"setting {f.name}: expected a number, got {value!r}")
            if not isinstance(value, kind) and not (kind is float and isinstance(value, int)):
                raise ValueError(f"setting {f.name}: expected {kind.__name__}, got {value!r}")
            low, high = f.metadata.get("low"), f.metadata.get("high")
            if low is not None and value < low:
                raise ValueError(f"setting {f.name}: {value!r} is below its minimum {low!r}")
            if high is not None and value > high:
                raise ValueError(f"setting {f.name}: {value!r} is above its maximum {high!r}")

    def replace(self, **changes) -> "Settings":
        """A validated copy with ``changes``; an unknown name is a ValueError naming it."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(self, **changes)

    @classmethod
    def describe(cls) -> list[tuple[str, object, str]]:
        """(name, default, documentation) of every setting, for the docs and `--help`."""
        return [(f.name, f.default, f.metadata.get("doc", "")) for f in fields(cls)]


SETTINGS = Settings()
