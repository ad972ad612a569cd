from datetime import date

import pytest

from timeline.model import Event, EventFilter, event_id, export_row, text_key


def test_text_key_ignores_whitespace_and_unicode_form():
    assert text_key("Caf\u00e9  opens\n today ") == text_key("Cafe\u0301 opens today")
    assert text_key("a") != text_key("b")


def test_filter_round_trips_through_query_string():
    flt = EventFilter(start=date(2025, 3, 1), end=date(2025, 3, 31), text="ceasefire",
                      actors=("Keir Starmer", "Donald Trump"), statuses=("scheduled",))
    assert EventFilter.from_query(flt.to_query()) == flt
    assert EventFilter.from_query("") == EventFilter()


def test_filter_rejects_bad_dates():
    with pytest.raises(ValueError):
        EventFilter.from_query("start=yesterday")


def test_event_json_round_trip_and_export_row():
    ev = Event(event_id=event_id("abc", 10, 3, 9), article_id="abc", value="2025-03-20",
               start_date=date(2025, 3, 20), end_date=date(2025, 3, 21), granularity="day",
               expression="Thursday", status="scheduled", summary="chiefs will meet",
               sentence="Chiefs will meet on Thursday.", expr_start=20, expr_end=28,
               actors=("Keir Starmer",), published=date(2025, 3, 17))
    assert Event.from_json(ev.to_json()) == ev
    row = export_row(ev)
    assert row["date"] == "2025-03-20" and row["actors"] == "Keir Starmer"
    assert row["published"] == "2025-03-17"


def test_event_id_is_stable_and_position_dependent():
    assert event_id("a", 0, 1, 2) == event_id("a", 0, 1, 2)
    assert event_id("a", 0, 1, 2) != event_id("a", 0, 1, 3)
