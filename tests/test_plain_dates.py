"""Plain-language dates: every granularity, the early/mid/late parts and unknown values."""
from datetime import date

import pytest

from timeline.plain_dates import plain_date, plural, span_text


@pytest.mark.parametrize("value, expected", [
    ("2025-03-20", "Thursday 20 March 2025"),
    ("2025-W11", "week of 10 March 2025"),
    ("2025-W11-WE", "weekend of 15 \u2013 16 March 2025"),
    ("2025-03", "March 2025"),
    ("2025-Q1", "first quarter of 2025"),
    ("2024-H2", "second half of 2024"),
    ("2023-SP", "spring 2023"),
    ("2025", "2025"),
    ("1720", "1720"),
    ("202", "the 2020s"),
    ("17", "the 18th century"),
    ("20", "the 21st century"),
    ("2019-09-04TEV", "evening of Wednesday 4 September 2019"),
    ("2025-03-16TNI", "night of Sunday 16 March 2025"),
    ("2025-03-13T15:00", "Thursday 13 March 2025, 15:00"),
])
def test_each_granularity_reads_as_words(value, expected):
    assert plain_date(value) == expected


@pytest.mark.parametrize("value, start, end, expected", [
    ("2025-03", date(2025, 3, 1), date(2025, 3, 11), "early March 2025"),
    ("2025-03", date(2025, 3, 11), date(2025, 3, 22), "mid-March 2025"),
    ("2025", date(2025, 9, 2), date(2026, 1, 1), "late 2025"),   # "the end of the year"
    ("202", date(2020, 1, 1), date(2023, 5, 2), "the early 2020s"),
    ("2025-03", date(2025, 3, 1), date(2025, 4, 1), "March 2025"),  # the whole month
    ("2025-03", date(2025, 3, 3), date(2025, 3, 6), "3 \u2013 5 March 2025"),  # narrowed by hand
])
def test_a_part_of_the_period_says_which_part(value, start, end, expected):
    assert plain_date(value, None, start, end) == expected


def test_values_without_a_calendar_reading_fall_back_to_the_interval():
    assert plain_date("PRESENT_REF", None, date(2025, 3, 17), date(2025, 3, 18)) == \
        "Monday 17 March 2025"
    assert plain_date("P3D") == "P3D"
    assert span_text(date(2024, 12, 30), date(2025, 1, 3)) == "30 December 2024 \u2013 2 January 2025"


def test_plural_counts_in_words_for_every_door():
    from timeline.ingest.service import ItemResult

    assert (plural(0, "event"), plural(1, "event"), plural(1204, "source")) == ("0 events", "1 event", "1,204 sources")
    assert plural(2, "entry", "entries") == "2 entries"
    assert ItemResult("a.txt", "added", 1).line() == "added: a.txt (1 event)"  # was "1 events"
