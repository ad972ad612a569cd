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
        32, "words a text search may have (each is an index lookup and a LIKE over the "
        "events and their articles; SQLite's "
        "expression tree gives out near 1,000)", low=1, high=500)
    max_query_chars: int = _setting(
        1_000, "characters of one filter value (search text, actor, source) in a query",
        low=10, high=100_000)
    max_json_depth: int = _setting(
        64, "nesting of a JSON request body (Dash callbacks and the REST API); deeper is a 400",
        low=8, high=500)

    # --- curation: what a person types into an event (timeline.store.edits)
    max_edit_chars: int = _setting(
        2_000, "characters of a summary or sentence a person types (actor, source and URL: "
        "max_query_chars, so each can be filtered on)", low=100, high=100_000)
    max_edit_actors: int = _setting(50, "actors a person may give one event", low=1, high=1_000)

    # --- key dates (timeline.story.keydates): how a collection's days are ranked and summarised
    keydates_after_weight: float = _setting(
        1.0, "an article published n days after the day it dates weighs 1 + this * log2(1 + n) "
        "(the story kept it); previews and same-day reports weigh 1", low=0.0, high=10.0)
    keydates_window_days: int = _setting(
        15, "a day's weighted reports are divided by the reports of the days within this many "
        "days on either side (its share of its month's attention: a quiet period's key day "
        "competes with its own weeks, not with the busiest ones); 0 ranks by the reports alone",
        low=0, high=366)
    keydates_min_reports: int = _setting(
        2, "days reported by fewer independent articles (or sources) come after all the days "
        "that have this many (one passing mention of a day is not a key date)", low=1, high=100)
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
    max_file_seconds: float = _setting(
        30.0, "Time budget for the analysis of one uploaded file (dashboard and REST doors; "
        "the CLI has none): past it the file's remaining articles are refused by name, those "
        "analysed are kept.", low=0.1, high=3_600.0)

    # --- temporal: windows, biases and pivots of the time-expression tagger (timeline.temporal)
    temporal_trigger_margin: int = _setting(
        50, "characters around a trigger word (or number) the rules look at", low=10, high=500)
    temporal_modifier_lookback: int = _setting(
        25, "characters before an expression searched for a modifier ('early', 'the end of')",
        low=5, high=200)
    temporal_lookback: int = _setting(
        60, "characters before an expression read for context ('postponed until', 'since', a number "
        "before 'this year')", low=10, high=500)
    temporal_between_lookback: int = _setting(
        12, "characters before a clock time searched for 'between' (an overnight range)", low=8, high=100)
    temporal_past_bias: float = _setting(
        1.5, "with no tense cue, a weekday or day of the month ahead weighs this many days behind "
        "(news reports the past more often than it announces the future)", low=0.1, high=10.0)
    temporal_year_future_cost: float = _setting(
        2.0, "with no tense cue, a day ahead weighs this many days behind when a year-less date "
        "('in March') is placed in a year", low=0.1, high=10.0)
    temporal_day_grace_days: int = _setting(
        31, "in the past tense, a year-less day up to this many days after the reference date is "
        "still this year's (a reported deadline: 'was due on April 2' told on 17 March)", low=0, high=180)
    temporal_quarter_ahead_days: int = _setting(
        92, "'the quarter ended Sept. 30': an end date up to this many days after the reference is "
        "this year's (a quarter that ends within about three months), later ones last year's",
        low=0, high=366)
    temporal_quarter_middle_days: int = _setting(
        45, "days before its end date to the middle of a quarter ('the quarter ended Sept. 30')",
        low=1, high=91)
    temporal_lead_period_days: int = _setting(
        366, "the quarter (or half) an earnings story leads with has started by the reference date "
        "and ended less than this many days before it (the period being reported on)", low=1, high=1000)
    temporal_apostrophe_year_pivot: int = _setting(
        30, "'82 or the '20s: a two-digit year at or above this is 19xx, below it 20xx", low=0, high=99)
    temporal_numeric_year_pivot: int = _setting(
        50, "17.03.25: the two-digit year of a numeric date at or above this is 19xx, below 20xx",
        low=0, high=99)
    temporal_night_pm_hour: int = _setting(
        6, "a clock time 'at night' at or after this hour is p.m. ('8 at night'), before it a.m. "
        "('2 at night')", low=0, high=12)
    temporal_longer_stretch_months: int = _setting(
        6, "after the quarter (or half) an earnings story leads with, a span of this many months up "
        "to a year ('the nine months', 'the year') is a longer stretch: 'a year earlier' is then a "
        "year, not that quarter", low=1, high=12)
    narrative_years_back: int = _setting(
        2, "an explicit year this many years or more before the publication year is a past period",
        low=1, high=100)
    narrative_min_years: int = _setting(
        5, "a text narrates a past period when it names at least this many explicit years of past "
        "periods ...", low=1, high=1000)
    narrative_deictic_share: float = _setting(
        0.2, "... and its expressions tied to the publication date ('today', 'on Monday', 'last "
        "year') are at most this share of its explicit years", low=0.0, high=1.0)
    narrative_paragraph_min_years: int = _setting(
        2, "a paragraph of news narrates a past period when it names at least this many explicit "
        "years of past periods and, in the share above, expressions tied to the publication date",
        low=1, high=1000)
    narrative_future_cost: float = _setting(
        1.0, "in a narrative, a year-less date ahead of the story's time weighs this many days "
        "behind it (stories move forward: 'In January' after 'December 7, 1941' is 1942)",
        low=0.1, high=10.0)
    narrative_retrospective_days: int = _setting(
        7, "news that names a day with its weekday ('Friday, April 24'), or opens a paragraph in "
        "the past tense with a date ('On April 24, ...'), at least this many days before the "
        "publication date tells a past passage: its bare weekdays ('Monday') are near that story's "
        "days, until an expression tied to the publication date (or that paragraph's end)", low=1, high=366)
    tense_window_left: int = _setting(
        15, "words before an expression in which the tense cues are looked for", low=1, high=100)
    tense_window_right: int = _setting(
        10, "words after an expression in which the tense cues are looked for", low=0, high=100)
    tense_right_weight: float = _setting(
        1.5, "a cue word after the expression counts this many times its distance (the governing "
        "verb mostly comes before an adverbial)", low=0.1, high=10.0)
    tense_report_lookback_words: int = _setting(
        12, "'said it would vote on Friday': a reporting verb up to this many words before 'would' "
        "makes it the future seen from the past", low=1, high=100)
    tense_lead_skip_words: int = _setting(
        3, "words right before an expression ('on the', 'as early as') skipped when looking for the "
        "word that leads it ('by', 'until', 'effective')", low=0, high=20)
    tense_attribution_words: int = _setting(
        6, "', an official from the organization said': a report after a comma when its verb is within "
        "this many words", low=1, high=50)
    tense_deadline_words: int = _setting(
        4, "'the deadline for entries is 31 December': a present 'is' with a deadline noun (cues.ini "
        "[deadline_present]) within this many words before or after it tells a date ahead", low=1, high=20)
    tense_parse_steps: int = _setting(
        6, "heads climbed on the parse from an expression to the verb that governs it", low=1, high=50)
    tense_past_ed_min_letters: int = _setting(
        4, "an '-ed' word of at least this many letters reads as a past verb ('voted'; not 'red')",
        low=3, high=20)
    tense_aside_lead_words: int = _setting(
        3, "a relative pronoun or 'earlier' opens the part of a clause that holds a date within this "
        "many words: the date is told aside from the story's line ('which had met on ...')", low=1, high=20)
    tense_index_limit_chars: int = _setting(
        200_000, "texts up to this long get one word index, which every expression's tense reading "
        "shares; longer ones are read around each expression (the index would hold them whole)",
        low=1_000, high=10_000_000)
    tense_chars_before: int = _setting(
        160, "characters before an expression the rule-only tense reader splits into words",
        low=20, high=2000)
    tense_chars_after: int = _setting(
        120, "characters after an expression the rule-only tense reader splits into words",
        low=0, high=2000)

    # --- parallel ingest on dask.distributed (timeline/events/cluster.py)
    chunk_articles: int = _setting(
        64, "Articles per Dask task: each worker tags a chunk with nlp.pipe, as spaCy's "
        "maintainers advise (many texts per call); a dead worker's chunk is tagged again.",
        low=1, high=10_000)
    chunks_per_worker: int = _setting(
        2, "Chunks in flight per worker thread: enough to keep every worker busy while one "
        "result travels back, few enough that memory stays flat on any corpus.", low=1, high=64)
    cluster_timeout: float = _setting(
        60.0, "Seconds to reach the Dask scheduler and for its first worker to join.",
        low=1.0, high=3600.0)
    chunk_timeout: float = _setting(
        900.0, "Seconds to wait for the oldest chunk in flight (queueing included) before the "
        "ingest stops with an error naming its first article.", low=1.0, high=86_400.0)

    # --- grouping mentions into events (timeline.story.grouping)
    grouping_threshold: float = _setting(
        0.4, "two overlapping mentions report the same happening at this score (content-word "
        "overlap + actor_weight * actor overlap); measured on tests/story/data/wikinews_pairs.tsv",
        low=0.0, high=2.0)
    grouping_actor_weight: float = _setting(
        0.5, "weight of the actors' overlap beside the content words' in the grouping score",
        low=0.0, high=2.0)
    grouping_compare: int = _setting(
        20, "a new mention is compared with this many reports of an event at most (its first)",
        low=1, high=10_000)
    grouping_max_days: int = _setting(
        31, "a mention wider than this many days (a year, a decade) is grouped with nothing",
        low=1, high=3660)
    grouping_kept: int = _setting(
        50_000, "an ingest run keeps at most this many stored reports read for grouping (about "
        "1.7 KB each, docs/SCALING.md), then reads afresh what it needs", low=1, high=10_000_000)

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
