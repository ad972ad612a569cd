"""Resolution that depends on what the text said before: the period an earnings story reports on."""
from datetime import date

from timeline.temporal import tag_time


def values_of(text, dct):
    return [(t.text, t.value) for t in tag_time(text, date.fromisoformat(dct))]


def test_year_ago_refers_to_the_quarter_the_story_leads_with():
    text = ("Acme's third-quarter net rose 8%. After a weak second quarter, sales picked up. "
            "It expects a fourth-quarter charge. Net was $5 million, against $4 million a year earlier. "
            "In the latest quarter, costs fell.")
    found = dict(values_of(text, "2025-11-03"))
    assert found["a year earlier"] == "2024-Q3"
    assert found["the latest quarter"] == "2025-Q3"


def test_the_latest_quarter_with_no_lead_is_the_last_one_completed():
    found = dict(values_of("Profit fell in the latest quarter, the bank said.", "2025-11-03"))
    assert found["the latest quarter"] == "2025-Q3"


def test_an_old_quarter_is_not_the_reported_one():
    text = "Profit peaked in the third quarter of 2019. Third-quarter net fell 9% from a year ago."
    found = dict(values_of(text, "2025-11-03"))
    assert found["a year ago"] == "2024-Q3"


def test_a_spoken_thousand_before_a_unit_is_a_count_not_the_year_2000():
    found = values_of("The craft has survived for two thousand years in the valley.", "1998-01-21")
    assert all(value != "2000" for _, value in found)


def test_clock_time_with_a_date_after_it_takes_that_date():
    found = dict(values_of("The tender offer runs until 5 p.m. EST, Nov. 6, the firm said.", "1989-10-30"))
    assert found["5 p.m. EST, Nov. 6"] == "1989-11-06T17:00"


def test_after_the_nine_months_a_year_earlier_is_the_year():
    text = ("Third-quarter net rose to $5 million from $4 million a year earlier. "
            "In the nine months, net rose to $15 million from $12 million a year earlier. "
            "The year-ago quarter included a charge.")
    found = values_of(text, "2025-11-03")
    earlier = [value for span, value in found if span == "a year earlier"]
    assert earlier == ["2024-Q3", "2024"]
    assert dict(found)["The year-ago quarter"] == "2024-Q3"


def test_that_day_after_a_bare_year_is_not_placed():
    found = values_of("In 1987 the market crashed. Traders lost money that day.", "1989-10-30")
    assert found == [("1987", "1987")]


def test_quarter_codes_and_fiscal_years():
    found = dict(values_of("Revenue rose in Q3 2024 and fell in FY2023.", "2025-03-17"))
    assert found == {"Q3 2024": "2024-Q3", "FY2023": "2023"}


def test_since_points_back():
    assert dict(values_of("Prices have doubled since March, traders say.", "2025-02-10")) == {"March": "2024-03"}
