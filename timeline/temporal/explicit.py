"""Explicit date strings -> dates. The only module of the project that imports dateparser.

Common numeric forms are read with a small table-free parser first (fast, no ambiguity
surprises); anything else goes to ``dateparser.parse`` with explicit settings. Never used
to *find* dates in text (no ``search_dates``): the rules find spans, this reads them.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time

from timeline.settings import SETTINGS, Settings

_NUMERIC = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})$")


def _full_year(year: int, pivot: int) -> int:
    if year >= 100:
        return year
    return year + (1900 if year >= pivot else 2000)


def parse_numeric(text: str, date_order: str = "MDY", settings: Settings = SETTINGS) -> date | None:
    """17/03/2025, 03/17/2025, 2025-03-17, 17.03.25. Day-first when the first number
    cannot be a month, month-first when the second cannot; else ``date_order`` decides (a
    two-digit year: ``settings.temporal_numeric_year_pivot``)."""
    m = _NUMERIC.match(text.strip())
    if not m:
        return None
    a, b, c = (int(x) for x in m.groups())
    if len(m.group(1)) == 4:
        year, month, day = a, b, c
    else:
        year = _full_year(c, settings.temporal_numeric_year_pivot)
        if a > 12:
            day, month = a, b
        elif b > 12:
            month, day = a, b
        elif date_order.startswith("D"):
            day, month = a, b
        else:
            month, day = a, b
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, reference: date | None, date_order: str = "MDY",
               timezone: str = "UTC", settings: Settings = SETTINGS) -> date | None:
    """Read one explicit date string (no searching), relative parts against ``reference``."""
    found = parse_numeric(text, date_order, settings)
    if found or _NUMERIC.match(text.strip()):
        return found
    import dateparser  # slow import, only for the rare forms the fast path does not read

    settings = {
        "DATE_ORDER": date_order,
        "TIMEZONE": timezone,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    if reference is not None:
        settings["RELATIVE_BASE"] = datetime.combine(reference, time())
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None
