from datetime import date

import pytest

from timeline.ingest.dates import dateline_of, find_dateline, parse_date_value

REF = date(2025, 3, 20)


@pytest.mark.parametrize("value, expected", [
    ("2025-03-17", date(2025, 3, 17)),
    ("2025-03-17T09:30:00+01:00", date(2025, 3, 17)),
    # the date in the article's own time zone, not converted to UTC (which would be the 18th)
    ("2025-03-17T23:30:00-05:00", date(2025, 3, 17)),
    ("2025-03-17T00:30:00+09:00", date(2025, 3, 17)),
    ("2025-03-17T09:30:00Z", date(2025, 3, 17)),
    ("Mon, 17 Mar 2025 09:30:00 GMT", date(2025, 3, 17)),
    ("Tue, 18 Mar 2025 01:00:00 +1100", date(2025, 3, 18)),
    ("17 March 2025", date(2025, 3, 17)),
    ("March 17, 2025", date(2025, 3, 17)),
    ("Monday, January 7, 2019", date(2019, 1, 7)),
    ("Sept. 3, 2024", date(2024, 9, 3)),
    (date(2024, 2, 29), date(2024, 2, 29)),
])
def test_metadata_values_are_dates(value, expected):
    assert parse_date_value(value) == expected


@pytest.mark.parametrize("value", ["", "soon", "2025-13-01", "31 February 2025", "March 17", None, 20250317])
def test_values_that_are_not_full_dates(value):
    assert parse_date_value(value) is None


@pytest.mark.parametrize("line, expected, whole", [
    ("LONDON, March 17 (Reuters) - Ministers met on Monday.", date(2025, 3, 17), False),
    ("GENEVA, Switzerland, 17 March 2025 — Talks resumed.", date(2025, 3, 17), False),
    ("Monday, January 7, 2019", date(2019, 1, 7), True),
    ("17 March 2025", date(2025, 3, 17), True),
    ("Thursday 13 March 2025 10.30 GMT", date(2025, 3, 13), True),
    ("Published: 2025-03-17", date(2025, 3, 17), True),
    ("Posted on March 3rd, 2025 at 9:30 am GMT", date(2025, 3, 3), True),
    ("Date: Tue, 18 Mar 2025 10:00:00 +0100", date(2025, 3, 18), True),
    ("2025-03-16T22:00:00+01:00", date(2025, 3, 16), True),
])
def test_datelines(line, expected, whole):
    assert dateline_of(line, REF) == (expected, whole)


@pytest.mark.parametrize("line", [
    "The council met on March 17 - and again later.",
    "may 5 people - attend",
    "Ministers said talks would continue.",
])
def test_lines_that_are_not_datelines(line):
    assert dateline_of(line, REF)[0] is None


def test_yearless_dateline_takes_the_year_nearest_the_reference():
    assert dateline_of("PARIS, Dec 30 (AFP) - Text.", date(2025, 1, 2))[0] == date(2024, 12, 30)
    assert dateline_of("PARIS, Dec 30 (AFP) - Text.", None)[0] is None


def test_dateline_only_counts_near_the_top():
    lines = ["Para one.", "Para two.", "Para three.", "Para four.", "17 March 2025"]
    assert find_dateline("\n".join(lines)) == (None, [])
    assert find_dateline("\nPara one.\n17 March 2025\nMore.") == (date(2025, 3, 17), [2])
