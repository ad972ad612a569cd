"""Pure TIMEX3 value arithmetic: render, parse, shift and resolve values.

Nothing here knows about text. Values follow TimeML:

    2025-03-18 day          2025-W11 week        2025-W11-WE weekend    2025-03 month
    2025-Q1 quarter         2025-H1 half         2025-SU season         2025 year
    199 decade (1990s)      19 century (1900s)   2025-03-18T15:00 time  2025-03-18TMO part of day
    P30D / PT2H / PXY durations                  PRESENT_REF / PAST_REF / FUTURE_REF
    XXXX-WXX-2 sets (with P1W-like periods)

Intervals are half-open ``[start, end)`` in dates. Directions are "past", "future",
"same" or None (nearest / the reference's own period).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

UNITS = ("day", "weekend", "week", "month", "quarter", "half", "season", "year", "decade", "century")
SEASONS = ("SP", "SU", "FA", "WI")  # meteorological: Mar-May, Jun-Aug, Sep-Nov, Dec-Feb
PARTS_OF_DAY = ("MO", "MI", "AF", "EV", "NI", "DT")
_DURATION_LETTER = {
    "second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"),
    "week": ("", "W"), "weekend": ("", "WE"), "month": ("", "M"), "quarter": ("", "Q"),
    "half": ("", "H"), "season": ("", "M"), "year": ("", "Y"), "decade": ("", "DE"),
    "century": ("", "CE"),
}
_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])"
    r"|(?P<s>SP|SU|FA|WI)|(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?P<t>\d\d:\d\d(?::\d\d)?|MO|MI|AF|EV|NI|DT))?)?))?$"
)


def add_months(d: date, months: int) -> date:
    """First day of the month ``months`` after the month of ``d``."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def unit_start(d: date, unit: str) -> date:
    """Start of the period of ``unit`` containing ``d``."""
    if unit == "day":
        return d
    if unit in ("week", "weekend"):
        monday = d - timedelta(days=d.weekday())
        return monday + timedelta(days=5) if unit == "weekend" else monday
    if unit == "month":
        return d.replace(day=1)
    if unit == "quarter":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if unit == "half":
        return date(d.year, 1 if d.month <= 6 else 7, 1)
    if unit == "season":
        first = add_months(d, -(d.month % 3))  # Dec, Mar, Jun, Sep
        return first
    if unit == "year":
        return date(d.year, 1, 1)
    if unit == "decade":
        return date(d.year - d.year % 10, 1, 1)
    if unit == "century":
        return date(d.year - d.year % 100, 1, 1)
    raise ValueError(f"unknown unit {unit!r}")


def add(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (months keep the day when it exists, else the month end)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12,
              "decade": 120, "century": 1200}.get(unit)
    if months is None:
        raise ValueError(f"unknown unit {unit!r}")
    first = add_months(d, months * n)
    last_day = (add_months(first, 1) - timedelta(days=1)).day
    return first.replace(day=min(d.day, last_day))


def render(d: date, unit: str) -> str:
    """The TIMEX3 value of the period of ``unit`` containing ``d``."""
    if unit == "day":
        return d.isoformat()
    if unit in ("week", "weekend"):
        year, week, _ = d.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if unit == "season":
        start = unit_start(d, "season")
        year = start.year + (1 if start.month == 12 else 0)
        return f"{year:04d}-{SEASONS[(start.month // 3 + 3) % 4]}"
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown unit {unit!r}")


def interval(value: str) -> tuple[str, date, date] | None:
    """(granularity, start, end) of a calendar value; None for durations, REFs, sets."""
    if re.fullmatch(r"\d{3}", value):
        start = date(int(value) * 10, 1, 1) if value != "000" else None
        return ("decade", start, date(int(value) * 10 + 10, 1, 1)) if start else None
    if re.fullmatch(r"\d{2}", value) and value != "00":
        return "century", date(int(value) * 100, 1, 1), date(int(value) * 100 + 100, 1, 1)
    m = _VALUE.match(value)
    if not m:
        return None
    year = int(m["y"])
    if year < 1:
        return None
    try:
        if m["w"]:
            start = date.fromisocalendar(year, int(m["w"]), 6 if m["we"] else 1)
            return ("weekend", start, start + timedelta(days=2)) if m["we"] else ("week", start, start + timedelta(days=7))
        if m["q"]:
            start = date(year, 3 * int(m["q"]) - 2, 1)
            return "quarter", start, add_months(start, 3)
        if m["h"]:
            start = date(year, 6 * int(m["h"]) - 5, 1)
            return "half", start, add_months(start, 6)
        if m["s"]:
            month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m["s"]]
            start = date(year - 1 if m["s"] == "WI" else year, month, 1)
            return "season", start, add_months(start, 3)
        if m["d"]:
            start = date(year, int(m["m"]), int(m["d"]))
            return ("time" if m["t"] else "day"), start, start + timedelta(days=1)
        if m["m"]:
            start = date(year, int(m["m"]), 1)
            return "month", start, add_months(start, 1)
    except ValueError:
        return None
    return "year", date(year, 1, 1), date(year + 1, 1, 1)


_FINENESS = {"time": 0, "day": 0, "weekend": 1, "week": 1, "month": 2, "quarter": 3, "season": 3,
             "half": 3, "year": 4, "decade": 5, "century": 6}


def coarser(value: str, unit: str) -> bool:
    """Whether the calendar value is coarser than ``unit``: coarser("1987", "day") is True."""
    span = interval(value or "")
    return bool(span) and _FINENESS.get(span[0], 0) > _FINENESS.get(unit, 0)


def nth_weekday(year: int, month: int, day: int, n: int) -> date:
    """The ``n``-th weekday ``day`` (0=Monday) of a month; n=-1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(day - first.weekday()) % 7 + 7 * (n - 1))
    last = add_months(date(year, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - day) % 7)


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian calendar; anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def holiday(year: int, rule: str) -> str:
    """The value of a holiday in ``year`` from its table entry: ``MM-DD`` (fixed),
    ``MM-W-N`` (the N-th weekday W of month MM, N=-1 the last), ``easter+N`` (N days
    from Easter Sunday); ``+N`` after the entry adds days, ``/week`` gives the week."""
    rule, _, unit = rule.partition("/")
    if rule.startswith("easter"):
        day = easter(year) + timedelta(days=int(rule[6:]))
    else:
        rule, _, plus = rule.partition("+")
        parts = [int(x) for x in rule.split("-", 2)]  # "05-0--1": month 5, Monday, the last
        day = date(year, *parts) if len(parts) == 2 else nth_weekday(year, *parts)
        day += timedelta(days=int(plus or 0))
    return render(day, unit or "day")


def relative(reference: date, unit: str, offset: int) -> str:
    """The ``unit`` period ``offset`` units from the one containing ``reference``
    ("last week" = relative(ref, "week", -1))."""
    return render(add(unit_start(reference, unit) if unit != "day" else reference, unit, offset), unit)


def shift(value: str, unit: str, n: int) -> str:
    """``value`` moved by ``n`` units, keeping its own granularity
    ("a year earlier" than 2024-Q3 is 2023-Q3). Values without interval are returned as is."""
    span = interval(value)
    if span is None:
        return value
    granularity, start, _ = span
    if granularity == "time":
        return render(add(start, unit, n), "day") + value[10:]
    return render(add(start, unit, n), granularity)


def weekday(reference: date, day: int, direction: str | None, future_cost: float = 1.0) -> date:
    """The date of weekday ``day`` (0=Monday) near ``reference``: the same day when it
    is the reference's weekday, else the next one ("future"), the previous one ("past"),
    or the nearest one (None), a day ahead weighing ``future_cost`` days behind (the
    resolver passes its settings' past bias: news reports the past more often than it
    announces the future)."""
    ahead = (day - reference.weekday()) % 7
    if ahead == 0:
        return reference
    behind = ahead - 7
    if direction == "future":
        return reference + timedelta(days=ahead)
    if direction == "past":
        return reference + timedelta(days=behind)
    return reference + timedelta(days=ahead if ahead * future_cost < -behind else behind)


def day_of_month(reference: date, day: int, direction: str | None,
                 future_cost: float = 1.0) -> date | None:
    """The date of day ``day`` of a month near ``reference`` ("on the 15th"): this month's,
    an earlier or a later one's (the nearest months that have that day), as ``weekday``
    chooses (the same day when it is the reference's own)."""
    options = []
    for step in (-2, -1, 0, 1, 2):  # "the 31st" after a 30-day month: two months back
        index = reference.year * 12 + reference.month - 1 + step
        try:
            options.append(date(index // 12, index % 12 + 1, day))
        except ValueError:  # the 31st of a 30-day month
            continue
    if reference in options:
        return reference
    if direction == "future":
        options = [d for d in options if d > reference][:1]
    elif direction == "past":
        options = [d for d in options if d < reference][-1:]

    def cost(d: date) -> float:
        days = (d - reference).days
        return days * future_cost if days > 0 else -days

    return min(options, key=cost) if options else None


def place_in_year(reference: date, make, direction: str | None,
                  future_cost: float = 1.0, grace: int = 0) -> str:
    """Pick the year for a year-less value: ``make(year)`` gives the value for a year.
    Past: the latest one that has started by the reference; future: the first one not
    yet over (``grace`` days ahead still count as past: a reported deadline); None: the nearest
    one, a day ahead weighing ``future_cost`` days behind (news reports the past more often
    than it announces the future)."""
    value = make(reference.year)
    span = interval(value)
    if span is None:  # February 29 outside a leap year: the nearest leap years
        return _place_leap_day(reference, make, direction, future_cost, grace) or value
    _, start, end = span
    if direction == "past":
        return make(reference.year - 1) if start > reference + timedelta(days=grace) else value
    if direction == "future":
        return make(reference.year + 1) if end <= reference else value
    return make(min((reference.year - 1, reference.year, reference.year + 1),
                    key=lambda year: _distance(interval(make(year)), reference, future_cost)))


def _distance(span, reference: date, future_cost: float) -> float:
    """Days from ``reference`` to the interval ``span`` (a day ahead weighs ``future_cost``)."""
    if span is None:
        return float("inf")
    _, s, e = span
    if s > reference:
        return (s - reference).days * future_cost
    return max(0, (reference - e).days + 1)


def _place_leap_day(reference: date, make, direction, future_cost: float, grace: int) -> str | None:
    """``place_in_year`` for a value that exists in leap years only ("Feb. 29")."""
    spans = {y: span for y in range(reference.year - 4, reference.year + 5) if (span := interval(make(y)))}
    if direction == "past":
        years = [y for y, span in spans.items() if span[1] <= reference + timedelta(days=grace)]
        return make(max(years)) if years else None
    if direction == "future":
        years = [y for y, span in spans.items() if span[2] > reference]
        return make(min(years)) if years else None
    return make(min(spans, key=lambda y: _distance(spans[y], reference, future_cost))) if spans else None


def place_near(start: date, end: date, make, future_cost: float = 1.0) -> str:
    """The year-less value ``make(year)`` nearest to the period ``[start, end)`` (a story's
    time): one that overlaps it, else the closest before or after it, a day after weighing
    ``future_cost`` days before. "August" near 1939 is 1939-08; near 1941-12-07, "January"
    is 1942-01."""
    def cost(year: int) -> float:
        found = interval(make(year))
        if found is None:
            return float("inf")
        _, s, e = found
        if e <= start:
            return (start - e).days + 1
        if s >= end:
            return ((s - end).days + 1) * future_cost
        return 0

    return make(min((start.year - 1, start.year, start.year + 1), key=cost))


def place_after(start: date, end: date, make, step: int) -> str | None:
    """The first value ``make(year)`` that starts on or after ``end`` (``step`` 1: "the
    following spring" after the period ``[start, end)``), or the last one that ends on or
    before ``start`` (``step`` -1: "the previous winter")."""
    spans = {y: span for y in range(start.year - 2, end.year + 3) if (span := interval(make(y)))}
    if step > 0:
        years = [y for y, span in spans.items() if span[1] >= end]
        return make(min(years)) if years else None
    years = [y for y, span in spans.items() if span[2] <= start]
    return make(max(years)) if years else None


def duration(n: float | int | None, unit: str) -> str:
    """TIMEX3 duration value: duration(30, "day") = "P30D", duration(None, "year") = "PXY"."""
    prefix, letter = _DURATION_LETTER[unit]
    if unit == "season":
        n = None if n is None else n * 3
    if unit in ("decade", "century"):  # in years, as TimeBank writes them: P20Y, PXY, P100Y
        n = None if n is None else n * (10 if unit == "decade" else 100)
        unit, letter = "year", "Y"
    smaller = {"year": ("", 12, "M"), "day": ("T", 24, "H"), "hour": ("", 60, "M"), "minute": ("", 60, "S")}
    if n is not None and not float(n).is_integer() and unit in smaller:
        part, factor, small = smaller[unit]  # 2.5 years -> P2Y6M, 1.5 hours -> PT1H30M
        rest = round((n - int(n)) * factor)
        if float(rest).is_integer():
            whole = f"{int(n)}{letter}" if int(n) else ""
            return f"P{prefix}{whole}{part if not prefix else ''}{rest}{small}"
    if n is None:
        amount = "X"
    elif float(n).is_integer():
        amount = str(int(n))
    else:
        amount = f"{n:g}"
    return f"P{prefix}{amount}{letter}"


def time_of_day(day_value: str, hour: int, minute: int = 0) -> str:
    """``2025-03-18`` + 15:00 -> ``2025-03-18T15:00``."""
    return f"{day_value}T{hour:02d}:{minute:02d}"


def value_interval(value: str) -> tuple[str | None, date | None, date | None]:
    """(granularity, start, end) for any value; (None, None, None) when it has no interval."""
    span = interval(value)
    return span if span else (None, None, None)


PART_MODS = ("START", "MID", "END")


def part_of(start: date, end: date, mod: str) -> tuple[date, date]:
    """The third of [start, end) a TIMEX3 ``mod`` points at: "early March" (START) is
    March 1-11, "mid-2025" (MID) the middle third of the year, "the end of the year" (END)
    its last third. Spans under nine days are kept whole."""
    third = (end - start).days // 3
    if mod not in PART_MODS or third < 3:
        return start, end
    if mod == "START":
        return start, start + timedelta(days=third)
    if mod == "END":
        return end - timedelta(days=third), end
    return start + timedelta(days=third), end - timedelta(days=third)
