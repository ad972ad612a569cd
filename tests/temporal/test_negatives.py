"""Phrases that look like time expressions but name no time (resources/en/negatives.txt)."""
from datetime import date

import pytest

from timeline.temporal import tag_time

DCT = date(2025, 3, 17)


@pytest.mark.parametrize("text", [
    "The crisis shapes today's youth more than any war.",
    "These are the engineers of tomorrow, she said.",
    "For the villagers, high noon comes with the vote.",
    'He told ABC\'s "This Week" that talks would go on.',
    "She was named employee of the month.",
    "The Communist Party daily Granma compared him with a saint.",
    "The financial daily Nikkei reported the deal.",
    "He resigned in protest at May's Brexit agreement.",
    "The siege lasted until the fall of Budapest.",
    "Crowds celebrated the fall of the Bastille.",
    "It was the fall of his government.",
])
def test_no_time_expression(text):
    assert tag_time(text, DCT) == []


@pytest.mark.parametrize("text, expected", [
    ("Today's vote is close.", "2025-03-17"),
    ("The vote is set for tomorrow.", "2025-03-18"),
    ("Shops close on Good Friday.", "2025-04-18"),
    ("Turnout beat last May's record.", "2024-05"),
    ("Crops wilted in May's heat.", "2024-05"),
    ("The talks failed in the fall of 2023.", "2023-FA"),
])
def test_near_misses_are_still_dates(text, expected):
    assert [t.value for t in tag_time(text, DCT)] == [expected]


def test_daily_before_a_weekday_is_still_a_set():
    assert [(t.text, t.type) for t in tag_time("Flights leave daily Monday to Friday.", DCT)][:1] == [("daily", "SET")]
    assert [(t.text, t.type) for t in tag_time("Daily Mail readers wrote daily to the paper.", DCT)] == [("daily", "SET")]


def test_speeds_are_no_sets():
    found = tag_time("Winds reached 75 miles per hour (120 kilometers an hour) on Monday.", DCT)
    assert [(t.text, t.value) for t in found] == [("Monday", "2025-03-17")]


@pytest.mark.parametrize("text", [
    "The storm makes landfall at 6 p.m. local time (1700 UTC).",
    "The victim, eighteen-years-old, was a student.",
    "Children under 5 years of age are most at risk.",
    "The Daily Telegraph reported the strike.",
    "The 2019-nCoV virus spread fast.",
])
def test_clock_digits_ages_and_names(text):
    assert all(t.type != "DATE" and t.type != "DURATION" for t in tag_time(text, DCT)), tag_time(text, DCT)


def test_year_end_as_an_adjective_is_no_date():
    assert tag_time("Year-end net was below forecasts.", DCT) == []


def test_a_number_after_a_date_is_not_a_second_day():
    found = tag_time("Prices rose in March 3 to 5 percent, the bank said.", DCT)
    assert [t.text for t in found] == ["March 3"]


@pytest.mark.parametrize("text, expected", [
    # a four-digit count after a count word and its verb is no year; only the number is vetoed
    ("The total number of those infected until now is 1501.", [("now", "PRESENT_REF")]),
    ("The death toll on Monday rose to 1501.", [("Monday", "2025-03-17")]),
    ("The number of dead reached 1501 on Monday.", [("Monday", "2025-03-17")]),
    ("The tally of infections is 1501, officials said.", []),
    ("The number of cases stood at 1501.", []),
    ("The death toll has now risen to about 1501.", [("now", "PRESENT_REF")]),
    ("Cases rose to 2019 by Friday.", [("Friday", "2025-03-14")]),
    # ... while the years of such sentences stay
    ("The number of visitors in 1998 was 300.", [("1998", "1998")]),
    ("The tally was 1501 in 1998.", [("1998", "1998")]),
    ("The deadline is 2025.", [("2025", "2025")]),
    ("The number of cases peaked in 2020.", [("2020", "2020")]),
    ("The number of attacks has risen since 2001.", [("2001", "2001")]),
    ("The population grew from 1901 to 1911.", [("1901", "1901"), ("1911", "1911")]),
    ("Unemployment fell to 1990 levels.", [("1990", "1990")]),
])
def test_a_count_is_no_year(text, expected):
    assert [(t.text, t.value) for t in tag_time(text, DCT)] == expected
