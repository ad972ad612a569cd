from datetime import date

import pytest

from timeline.store.intervals import interval_of


@pytest.mark.parametrize("value, start, end, granularity", [
    ("2025", date(2025, 1, 1), date(2026, 1, 1), "year"),
    ("2025-12", date(2025, 12, 1), date(2026, 1, 1), "month"),
    ("2024-02-29", date(2024, 2, 29), date(2024, 3, 1), "day"),
    ("2025-03-18T15:00", date(2025, 3, 18), date(2025, 3, 19), "time"),
    ("2025-03-18TMO", date(2025, 3, 18), date(2025, 3, 19), "time"),
    ("2025-W01", date(2024, 12, 30), date(2025, 1, 6), "week"),
    ("2025-Q4", date(2025, 10, 1), date(2026, 1, 1), "quarter"),
    ("2025-H1", date(2025, 1, 1), date(2025, 7, 1), "half"),
    (" 2025-03 ", date(2025, 3, 1), date(2025, 4, 1), "month"),
    ("2025-W11-WE", date(2025, 3, 15), date(2025, 3, 17), "weekend"),
])
def test_interval_of_values(value, start, end, granularity):
    assert interval_of(value) == (start, end, granularity)


@pytest.mark.parametrize("value", [
    "2025-02-30", "2025-13", "2025-W54", "0000", "P3D", "", "2025-Q5", "25-03-01",
    "PRESENT_REF", "next Tuesday",
])
def test_interval_of_refuses_with_a_hint(value):
    with pytest.raises(ValueError, match=r"not a date value .*YYYY-MM-DD"):
        interval_of(value)


@pytest.mark.parametrize("typed, stored", [
    ("\u0662\u0660\u0662\u0665-\u0660\u0663-\u0661\u0667", "2025-03-17"),  # Arabic-Indic digits
    ("\u06f2\u06f0\u06f2\u06f5-W\u06f1\u06f2", "2025-W12"),              # Persian digits
    ("\uff12\uff10\uff12\uff15\uff0d\uff10\uff13", "2025-03"),          # full-width
    (" 2025-Q2 ", "2025-Q2"),
])
def test_typed_digits_are_stored_in_ascii(typed, stored):
    from timeline.store.intervals import clean_value

    assert clean_value(typed) == stored and interval_of(typed) == interval_of(stored)


@pytest.mark.parametrize("value", ["9999-12-31", "9999", "9999-W52", "9999-12"])
def test_intervals_past_the_calendar_are_refused_with_a_reason(value):
    with pytest.raises(ValueError, match="ends after 9999-12-31|not a real date"):
        interval_of(value)
