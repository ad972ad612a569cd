import re
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


@pytest.mark.parametrize("query, reason", [
    ("start=yesterday", "start 'yesterday' is not a date (use YYYY-MM-DD)"),
    ("start=2025-03-01&end=2025-13-01", "end '2025-13-01' is not a date (use YYYY-MM-DD)"),
])
def test_filter_rejects_bad_dates_naming_the_key(query, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        EventFilter.from_query(query)


@pytest.mark.parametrize("query, reason", [
    ("q=abc%00def", "q contains the control character U+0000"),
    ("sources=a%1Bb", "sources contains the control character U+001B"),
    ("q=" + "+".join(["a"] * 33), "q has 33 words; at most 32"),
    ("actors=" + "x" * 1001, "actors is 1,001 characters long"),
])
def test_filter_refuses_what_the_store_cannot_search(query, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        EventFilter.from_query(query)


def test_filter_limits_follow_the_settings():
    from timeline.settings import SETTINGS

    query = "q=" + "+".join(["a"] * 40)
    assert len(EventFilter.from_query(query, SETTINGS.replace(max_query_terms=40)).text.split()) == 40
    assert EventFilter.from_query("q=tab%09and+newline%0A").text == "tab\tand newline\n"


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
