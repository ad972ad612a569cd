from datetime import date

from dashboard.controls import controls_from_filter, filter_from_controls, parse_query
from timeline.model import STATUSES, EventFilter

ALL_GRAINS = ["day", "week", "month", "quarter", "year"]


def test_everything_ticked_is_no_filter():
    flt = filter_from_controls(None, None, "", [], [], list(STATUSES), ALL_GRAINS)
    assert flt == EventFilter() and flt.to_query() == ""


def test_controls_round_trip_through_the_url():
    flt = filter_from_controls("2025-03-01", "2025-03-31T00:00:00", " treaty ", ["NATO"], ["Wire"],
                               ["scheduled"], ["day", "week"])
    assert flt.start == date(2025, 3, 1) and flt.end == date(2025, 3, 31) and flt.text == "treaty"
    assert flt.granularities == ("time", "day", "week", "weekend")
    back, problem = parse_query("?" + flt.to_query())
    assert back == flt and problem == ""
    controls = controls_from_filter(back)
    assert controls["statuses"] == ["scheduled"] and controls["precisions"] == ["day", "week"]
    assert controls["actors"] == ["NATO"] and controls["start"] == "2025-03-01"


def test_nothing_ticked_matches_nothing():
    flt = filter_from_controls(None, None, None, None, None, [], [])
    assert flt.statuses == ("none",) and flt.granularities == ("none",)


def test_bad_url_falls_back_with_a_message():
    flt, problem = parse_query("?start=yesterday")
    assert flt == EventFilter() and "could not be read" in problem


def test_every_tab_is_kept_in_the_url():
    from dashboard.callbacks.filters import page_state

    for tab in ("timeline", "story", "key-events", "articles"):
        assert page_state(f"?tab={tab}") == ("status", tab)
    assert page_state("?tab=nope&lanes=actor") == ("actor", "timeline")
