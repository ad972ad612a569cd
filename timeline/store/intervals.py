"""TIMEX3 value -> half-open interval, for a person's correction of an event's date.

The arithmetic is timeline.temporal.values.interval (one place knows TIMEX3); this
adds the refusal with a reason a person can act on, for the CLI and the dashboard.
"""
from __future__ import annotations

from datetime import date

HELP = ("use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm, YYYY-Www, YYYY-Www-WE, "
        "YYYY-Qn, YYYY-Hn or YYYY-SP|SU|FA|WI")


def interval_of(value: str) -> tuple[date, date, str]:
    """Return ``(start_date, end_date, granularity)`` of a TIMEX3 date value.

    >>> interval_of("2025-Q1")
    (datetime.date(2025, 1, 1), datetime.date(2025, 4, 1), 'quarter')
    """
    # imported here: the store is used by light commands (export) that need no spaCy
    from timeline.temporal.values import interval

    text = (value or "").strip()
    span = interval(text) if text else None
    if span is None:
        raise ValueError(f"{value!r} is not a date value (or not a real date); {HELP}")
    granularity, start, end = span
    return start, end, granularity
