"""TIMEX3 value -> half-open interval, for a person's correction of an event's date.

The arithmetic is timeline.temporal.values.interval (one place knows TIMEX3); this
adds the refusal with a reason a person can act on, for the CLI and the dashboard.
"""
from __future__ import annotations

import unicodedata
from datetime import date

HELP = ("use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm, YYYY-Www, YYYY-Www-WE, "
        "YYYY-Qn, YYYY-Hn or YYYY-SP|SU|FA|WI")


def clean_value(value: str) -> str:
    """A typed value as it is stored: NFKC (full-width forms folded) and every decimal digit
    written in ASCII ('٢٠٢٥-٠٣-١٧', Arabic-Indic, is '2025-03-17'), spaces around removed."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def interval_of(value: str) -> tuple[date, date, str]:
    """Return ``(start_date, end_date, granularity)`` of a TIMEX3 date value (read through
    ``clean_value``).

    >>> interval_of("2025-Q1")
    (datetime.date(2025, 1, 1), datetime.date(2025, 4, 1), 'quarter')
    """
    # imported here: the store is used by light commands (export) that need no spaCy
    from timeline.temporal.values import interval

    text = clean_value(value)
    try:
        span = interval(text) if text else None
    except (OverflowError, ValueError):  # an interval ending after 9999-12-31
        raise ValueError(f"{value!r} ends after 9999-12-31, the last day a date can have; "
                         f"{HELP}") from None
    if span is None:
        raise ValueError(f"{value!r} is not a date value (or not a real date); {HELP}")
    granularity, start, end = span
    return start, end, granularity
