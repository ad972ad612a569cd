"""Publication dates from metadata values and from the dateline at the top of a text.

Only explicit, English, fixed-form dates are read here (ISO 8601, RFC 2822, "17 March 2025",
"Monday, January 7, 2019", "LONDON, March 17 (Reuters) -"), with the standard library and a
month table. A datetime with a time zone gives the date *in its own time zone*: the calendar
day the newsroom printed ("2025-03-17T23:30:00-05:00" is 17 March, not 18 March in UTC).
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})?)?"
_ISO = r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
# a date as written at the top of an article; the year may be missing in wire datelines
DATE_FORMS = (
    _ISO,
    _WEEKDAY + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?" + _TIME,
    _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?(?:\s+" + _YEAR + r")?" + _TIME,
)
_FORMS = tuple(re.compile(form, re.IGNORECASE) for form in DATE_FORMS)

# "Published: 2025-03-17", "Date: 17 March 2025" (one header line)
HEADER = re.compile(r"^(?:(?:published|posted)(?:\s+on|\s+at)?\s*[:\-–]?|(?:publication date|date|dateline)\s*[:\-–])"
                    r"\s*(?P<value>.+)$", re.IGNORECASE)
# "LONDON, March 17 (Reuters) -", "GENEVA, Switzerland, 17 March 2025 —"
_PLACE = r"(?-i:[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{1,30})?),?\s+"
_AFTER_DATELINE = r"\s*(?:\([^()\n]{1,40}\))?\s*[-–—:]\s+"
_MAX_LINES = 4  # how many non-empty lines at the top may hold a dateline


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value) -> date:
    """A date a person gives (a --published or --dct option, a form field, the date picker):
    a date, or YYYY-MM-DD optionally followed by a time ("2025-03-17T10:00"). ValueError
    naming the value otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else value
    if not isinstance(text, str) or not _DAY.fullmatch(text[:10]) or (len(text) > 10 and text[10] not in "T "):
        raise ValueError(f"{str(value)[:40]!r} is not a date of the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{str(value)[:40]!r} is not a valid calendar date") from None


def parse_date_value(value) -> date | None:
    """A metadata value (a date, a datetime, or a string in ISO 8601, RFC 2822 or a plain
    English form with a year) as a date, or None when it is not one of those."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    found = _iso_date(text)
    if found:
        return found
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    return _match_date(text, None, whole=True)


def _iso_date(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text).date()
    except ValueError:
        return None


def _match_date(text: str, reference: date | None, whole: bool = False) -> date | None:
    for form in _FORMS:
        match = form.fullmatch(text.strip()) if whole else form.match(text)
        if match:
            return _to_date(match, reference)
    return None


def _to_date(match: re.Match, reference: date | None) -> date | None:
    groups = match.groupdict()
    if groups.get("iso"):
        return _iso_date(groups["iso"])
    month = MONTHS[groups["month"].lower().rstrip(".")]
    day = int(groups["day"])
    if groups.get("year"):
        try:
            return date(int(groups["year"]), month, day)
        except ValueError:
            return None
    if reference is None:
        return None
    return _nearest(month, day, reference)


def _nearest(month: int, day: int, reference: date) -> date | None:
    """A year-less dateline ("March 17") in the year that puts it closest to the reference."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs(d - reference), default=None)


def dateline_of(line: str, reference: date | None = None) -> tuple[date | None, bool]:
    """(date, whole_line) when a line opens with a dateline: a header ("Published: ..."), a line
    that is only a date, or a place and date before a dash. whole_line says the line is
    metadata only (a header or a bare date) and can be left out of the article text."""
    line = line.strip()
    header = HEADER.match(line)
    if header:
        return parse_date_value(header.group("value")) or _match_date(header.group("value"), reference), True
    for form in _FORMS:
        bare = form.fullmatch(line.rstrip(" .|"))
        if bare:
            return _to_date(bare, reference), True
        opening = re.match(f"(?:{_PLACE})?(?:{form.pattern}){_AFTER_DATELINE}", line, re.IGNORECASE)
        if opening:
            return _to_date(opening, reference), False
    return None, False


def find_dateline(text: str, reference: date | None = None) -> tuple[date | None, list[int]]:
    """The publication date written at the top of a text, and the indexes of the lines that
    are only metadata (to drop). Looks at the first few non-empty lines only."""
    seen = 0
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        seen += 1
        if seen > _MAX_LINES:
            break
        found, whole = dateline_of(line, reference)
        if found:
            return found, [index] if whole else []
    return None, []
