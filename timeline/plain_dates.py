"""TIMEX3 values in the words a reader uses: pure, no Dash, no store, no spaCy.

    plain_date("2025-03-20")                      -> "Thursday 20 March 2025"
    plain_date("2025-W11")                        -> "week of 10 March 2025"
    plain_date("2025-03")                         -> "March 2025"
    plain_date("2025-03", start=date(2025, 3, 1), end=date(2025, 3, 11))
                                                  -> "early March 2025"   (a START part)
    plain_date("202")                             -> "the 2020s"
    plain_date("2023-SP")                         -> "spring 2023"
    plain_date("2019-09-04TEV")                   -> "evening of Wednesday 4 September 2019"

Values are decoded by ``timeline.temporal.values.interval`` (the one decoder); a value it does
not know (PRESENT_REF, a duration) is told by its interval ``[start, end)`` when one is given.
An interval narrower than the value's own period is the value's early / mid / late third
(TIMEX3 ``mod`` START / MID / END, as ``values.part_of`` cuts it).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening",
                "NI": "night", "DT": "daytime"}
ORDINAL_HALVES = ("first", "second")
ORDINAL_QUARTERS = ("first", "second", "third", "fourth")
PART_WORDS = {"START": "early", "MID": "mid", "END": "late"}

_TIME = re.compile(r"T(\d\d:\d\d|MO|MI|AF|EV|NI|DT)")


def day_text(d: date, weekday: bool = True) -> str:
    """ "Thursday 20 March 2025" (or "20 March 2025")."""
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def span_text(start: date, end: date) -> str:
    """A half-open interval [start, end) in words: "10 – 23 March 2025"."""
    last = end - timedelta(days=1)
    if last <= start:
        return day_text(start)
    if (start.year, start.month) == (last.year, last.month):
        return f"{start.day} \u2013 {last.day} {MONTHS[start.month - 1]} {start.year}"
    if start.year == last.year:
        return (f"{start.day} {MONTHS[start.month - 1]} \u2013 {last.day} "
                f"{MONTHS[last.month - 1]} {start.year}")
    return f"{day_text(start, False)} \u2013 {day_text(last, False)}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _period_text(value: str, granularity: str, start: date, end: date) -> str:
    """The whole period a decoded value names."""
    if granularity in ("day", "time"):
        text = day_text(start)
        time = _TIME.search(value)
        if time and time.group(1) in PARTS_OF_DAY:
            return f"{PARTS_OF_DAY[time.group(1)]} of {text}"
        if time:
            return f"{text}, {time.group(1)}"
        return text
    if granularity == "weekend":
        return f"weekend of {span_text(start, end)}"
    if granularity == "week":
        return f"week of {day_text(start, False)}"
    if granularity == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if granularity == "quarter":
        return f"{ORDINAL_QUARTERS[(start.month - 1) // 3]} quarter of {start.year}"
    if granularity == "half":
        return f"{ORDINAL_HALVES[(start.month - 1) // 6]} half of {start.year}"
    if granularity == "season":
        name = SEASON_NAMES[value[5:7]] if value[5:7] in SEASON_NAMES else "season"
        if name == "winter":
            return f"winter {start.year}\u2013{str(start.year + 1)[-2:]}"
        return f"{name} {start.year}"
    if granularity == "decade":
        return f"the {start.year}s"
    if granularity == "century":
        return f"the {_ordinal(start.year // 100 + 1)} century"
    return str(start.year)


def _with_part(text: str, part: str) -> str:
    """ "early March 2025", "mid-March 2025", "late 2025", "the early 2020s"."""
    word = PART_WORDS[part]
    joiner = "-" if word == "mid" else " "
    if text.startswith("the "):
        return f"the {word}{joiner}{text[4:]}"
    return f"{word}{joiner}{text}"


@lru_cache(maxsize=8192)  # the same few values recur across thousands of events; all immutable
def plain_date(value: str, granularity: str | None = None, start: date | None = None,
               end: date | None = None) -> str:
    """A TIMEX3 value (and the interval it was placed at) in plain English."""
    from timeline.temporal.values import interval, part_of

    decoded = interval((value or "").strip())
    if decoded is None:
        if start and end:
            return span_text(start, end)
        return value or ""
    gran, vstart, vend = decoded
    text = _period_text(value, gran, vstart, vend)
    if start and end and (start, end) != (vstart, vend):
        for part in PART_WORDS:
            if part_of(vstart, vend, part) == (start, end):
                return _with_part(text, part)
        if vstart <= start and end <= vend or start <= vstart and vend <= end:
            return span_text(start, end)  # a corrected or clipped interval: say it exactly
    return text


def event_when(event) -> str:
    """The plain date of a timeline.model.Event (or anything with value and the interval)."""
    return plain_date(event.value, event.granularity, event.start_date, event.end_date)


__all__ = ["day_text", "event_when", "plain_date", "span_text"]


def plural(n: int, word: str, many: str | None = None) -> str:
    """A count in words: "1 event", "2 events", "1,204 sources" (every door says it so)."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"
