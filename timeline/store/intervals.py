"""TIMEX3 value -> half-open interval, for a person's correction of an event's date.

Only the values a person types when fixing a date: a year, a month, a day (with or
without a time of day), an ISO week, a quarter or a half-year. Anything else is a
ValueError with the reason, so the dashboard can show it.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

_FORMS = (
    ("day", re.compile(r"(\d{4})-(\d{2})-(\d{2})")),
    ("time", re.compile(r"(\d{4})-(\d{2})-(\d{2})T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|AF|EV|NI)")),
    ("month", re.compile(r"(\d{4})-(\d{2})")),
    ("week", re.compile(r"(\d{4})-W(\d{2})")),
    ("quarter", re.compile(r"(\d{4})-Q([1-4])")),
    ("half", re.compile(r"(\d{4})-H([12])")),
    ("year", re.compile(r"(\d{4})")),
)


def _month_start(year: int, month: int) -> date:
    """First day of a month, where month 13 is January of the next year."""
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def interval_of(value: str) -> tuple[date, date, str]:
    """Return ``(start_date, end_date, granularity)`` of a TIMEX3 date value.

    >>> interval_of("2025-Q1")
    (datetime.date(2025, 1, 1), datetime.date(2025, 4, 1), 'quarter')
    """
    value = (value or "").strip()
    for granularity, pattern in _FORMS:
        match = pattern.fullmatch(value)
        if match:
            break
    else:
        raise ValueError(
            f"{value!r} is not a date value; use YYYY, YYYY-MM, YYYY-MM-DD, "
            "YYYY-MM-DDThh:mm, YYYY-Www, YYYY-Qn or YYYY-Hn")
    nums = [int(g) for g in match.groups() if g and g.isdigit()]
    year = nums[0]
    if year < 1:
        raise ValueError(f"{value!r}: year 0000 does not exist")
    try:
        if granularity in ("day", "time"):
            start = date(year, nums[1], nums[2])
            return start, start + timedelta(days=1), granularity
        if granularity == "month":
            start = _month_start(year, nums[1])
            if nums[1] > 12 or nums[1] < 1:
                raise ValueError("month out of range")
            return start, _month_start(year, nums[1] + 1), "month"
        if granularity == "week":
            start = date.fromisocalendar(year, nums[1], 1)
            return start, start + timedelta(days=7), "week"
        if granularity == "quarter":
            first = 3 * (nums[1] - 1) + 1
            return _month_start(year, first), _month_start(year, first + 3), "quarter"
        if granularity == "half":
            first = 6 * (nums[1] - 1) + 1
            return _month_start(year, first), _month_start(year, first + 6), "half"
        if year == 9999:
            raise ValueError("year out of range")
        return date(year, 1, 1), date(year + 1, 1, 1), "year"
    except ValueError as err:
        raise ValueError(f"{value!r} is not a real date: {err}") from None
