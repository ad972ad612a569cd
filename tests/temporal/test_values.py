from datetime import date

import pytest

from timeline.temporal import values as v

REF = date(2025, 3, 17)  # a Monday


@pytest.mark.parametrize("unit, offset, expected", [
    ("week", -1, "2025-W11"), ("week", 0, "2025-W12"), ("week", 1, "2025-W13"),
    ("weekend", -1, "2025-W11-WE"), ("month", -1, "2025-02"), ("month", 10, "2026-01"),
    ("quarter", 0, "2025-Q1"), ("quarter", -1, "2024-Q4"), ("half", 1, "2025-H2"),
    ("year", -1, "2024"), ("decade", -1, "201"), ("century", 0, "20"), ("day", -1, "2025-03-16"),
    ("season", 0, "2025-SP"), ("season", 1, "2025-SU"), ("season", -1, "2025-WI"),
])
def test_relative(unit, offset, expected):
    assert v.relative(REF, unit, offset) == expected


@pytest.mark.parametrize("value, granularity, start, end", [
    ("2025-03-18", "day", date(2025, 3, 18), date(2025, 3, 19)),
    ("2025-W11", "week", date(2025, 3, 10), date(2025, 3, 17)),
    ("2025-W11-WE", "weekend", date(2025, 3, 15), date(2025, 3, 17)),
    ("2025-Q1", "quarter", date(2025, 1, 1), date(2025, 4, 1)),
    ("2025-H2", "half", date(2025, 7, 1), date(2026, 1, 1)),
    ("2025-SU", "season", date(2025, 6, 1), date(2025, 9, 1)),
    ("2025-WI", "season", date(2024, 12, 1), date(2025, 3, 1)),
    ("2025-12", "month", date(2025, 12, 1), date(2026, 1, 1)),
    ("2025", "year", date(2025, 1, 1), date(2026, 1, 1)),
    ("199", "decade", date(1990, 1, 1), date(2000, 1, 1)),
    ("19", "century", date(1900, 1, 1), date(2000, 1, 1)),
    ("2025-03-18T15:00", "time", date(2025, 3, 18), date(2025, 3, 19)),
    ("2025-03-18TMO", "time", date(2025, 3, 18), date(2025, 3, 19)),
])
def test_interval(value, granularity, start, end):
    assert v.interval(value) == (granularity, start, end)


@pytest.mark.parametrize("value", ["P30D", "PXY", "PRESENT_REF", "XXXX-WXX-2", "2025-02-30", "2025-13", ""])
def test_no_interval(value):
    assert v.interval(value) is None
    assert v.value_interval(value) == (None, None, None)


@pytest.mark.parametrize("day, direction, expected", [
    (3, "future", date(2025, 3, 20)), (3, "past", date(2025, 3, 13)),
    # no cue: the nearer one, a day ahead weighing 1.5 days behind (3 ahead loses to 4 behind)
    (3, None, date(2025, 3, 13)), (2, None, date(2025, 3, 19)), (4, None, date(2025, 3, 14)),
    (5, "past", date(2025, 3, 15)), (5, None, date(2025, 3, 15)), (1, "future", date(2025, 3, 18)),
    (0, "past", REF), (0, "future", REF), (6, None, date(2025, 3, 16)),
])
def test_weekday(day, direction, expected):
    assert v.weekday(REF, day, direction, future_cost=1.5) == expected


def test_weekday_future_cost_is_a_parameter():
    # the arithmetic has no bias of its own: the resolver passes its settings' one
    assert v.weekday(REF, 3, None) == date(2025, 3, 20)
    assert v.weekday(REF, 3, None, future_cost=1.5) == date(2025, 3, 13)


@pytest.mark.parametrize("month, direction, expected", [
    (5, "past", "2024-05"), (5, "future", "2025-05"), (5, None, "2025-05"), (10, None, "2024-10"),
    (12, None, "2024-12"), (3, None, "2025-03"),
    (3, "past", "2025-03"), (1, "future", "2026-01"), (1, "past", "2025-01"),
])
def test_place_in_year(month, direction, expected):
    assert v.place_in_year(REF, lambda y: f"{y:04d}-{month:02d}", direction, future_cost=2.0) == expected


@pytest.mark.parametrize("value, unit, n, expected", [
    ("2024-Q3", "year", -1, "2023-Q3"), ("2025-03-10", "day", 2, "2025-03-12"),
    ("2025-01-31", "month", 1, "2025-02-28"), ("2025-03-18T15:00", "day", 1, "2025-03-19T15:00"),
    ("2025-W11", "week", 1, "2025-W12"), ("PAST_REF", "year", 1, "PAST_REF"),
])
def test_shift(value, unit, n, expected):
    assert v.shift(value, unit, n) == expected


@pytest.mark.parametrize("n, unit, expected", [
    (30, "day", "P30D"), (2, "hour", "PT2H"), (3, "year", "P3Y"), (None, "year", "PXY"),
    (1.5, "year", "P1Y6M"), (5.5, "hour", "PT5H30M"), (0.5, "day", "PT12H"), (2.5, "week", "P2.5W"), (2, "decade", "P20Y"), (None, "decade", "PXY"), (10, "minute", "PT10M"),
    (3, "quarter", "P3Q"), (1, "century", "P100Y"), (None, "century", "PXY"),
])
def test_duration(n, unit, expected):
    assert v.duration(n, unit) == expected


def test_time_of_day():
    assert v.time_of_day("2025-03-18", 15) == "2025-03-18T15:00"


def test_place_in_year_grace_keeps_a_reported_deadline():
    make = lambda y: f"{y:04d}-04-02"  # noqa: E731
    assert v.place_in_year(REF, make, "past") == "2024-04-02"
    assert v.place_in_year(REF, make, "past", grace=31) == "2025-04-02"


def test_nth_weekday():
    assert v.nth_weekday(1999, 11, 3, 4) == date(1999, 11, 25)  # Thanksgiving
    assert v.nth_weekday(2025, 5, 0, -1) == date(2025, 5, 26)  # Memorial Day


def test_place_in_year_leans_to_the_past_without_a_cue():
    # late October: March is 122 days ahead (x2 = 244) or 212 days behind -> the past one
    march = lambda y: f"{y:04d}-03"  # noqa: E731
    assert v.place_in_year(date(1989, 10, 30), march, None, future_cost=2.0) == "1989-03"
    assert v.place_in_year(date(1989, 10, 30), march, None, future_cost=1.5) == "1990-03"
    assert v.place_in_year(date(1989, 10, 30), march, None) == "1990-03"  # no bias of its own
    assert v.place_in_year(date(1989, 10, 30), march, "future") == "1990-03"


@pytest.mark.parametrize("year, expected", [
    (1998, date(1998, 4, 12)), (2000, date(2000, 4, 23)), (2019, date(2019, 4, 21)),
    (2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2038, date(2038, 4, 25)),
])
def test_easter(year, expected):
    assert v.easter(year) == expected


@pytest.mark.parametrize("rule, expected", [
    ("12-25", "2025-12-25"),            # fixed
    ("11-3-4", "2025-11-27"),           # fourth Thursday of November
    ("05-0--1", "2025-05-26"),          # last Monday of May
    ("11-0-1+1", "2025-11-04"),         # Tuesday after the first Monday of November
    ("easter-2", "2025-04-18"),         # Good Friday
    ("easter+0/week", "2025-W16"),      # the week of Easter
])
def test_holiday(rule, expected):
    assert v.holiday(2025, rule) == expected


def test_midnight_ends_its_day():
    assert v.interval("2025-03-21T24:00") == ("time", date(2025, 3, 21), date(2025, 3, 22))


@pytest.mark.parametrize("value, unit, expected", [
    ("1987", "day", True), ("1987-10", "week", True), ("1987-10-19", "day", False),
    ("1987-10-19", "year", False), ("PRESENT_REF", "day", False), ("", "day", False),
])
def test_coarser(value, unit, expected):
    assert v.coarser(value, unit) is expected


def test_part_of_takes_the_third_a_modifier_points_at():
    from timeline.temporal.values import part_of

    march = (date(2025, 3, 1), date(2025, 4, 1))
    assert part_of(*march, "START") == (date(2025, 3, 1), date(2025, 3, 11))
    assert part_of(*march, "MID") == (date(2025, 3, 11), date(2025, 3, 22))
    assert part_of(*march, "END") == (date(2025, 3, 22), date(2025, 4, 1))
    assert part_of(date(2025, 3, 17), date(2025, 3, 18), "END") == (date(2025, 3, 17), date(2025, 3, 18))
    assert part_of(*march, "APPROX") == march


def test_an_early_or_late_period_is_placed_at_its_part():
    from timeline.temporal import tag_time

    (early,) = tag_time("Talks resume in early March.", date(2025, 2, 10))
    assert (early.value, early.mod, early.start_date, early.end_date) == \
        ("2025-03", "START", date(2025, 3, 1), date(2025, 3, 11))
    (end,) = tag_time("A deal is due by the end of the year.", date(2025, 4, 2))
    assert (end.value, end.mod) == ("2025", "END")  # its last third: Sep 2 - Dec 31
    assert end.start_date == date(2025, 9, 2) and end.end_date == date(2026, 1, 1)


def test_day_of_month_near_the_reference():
    from timeline.temporal.values import day_of_month

    ref = date(2025, 3, 17)
    assert day_of_month(ref, 15, None, 1.5) == date(2025, 3, 15)  # two days back beats 29 ahead
    assert day_of_month(ref, 20, None, 1.5) == date(2025, 3, 20)
    assert day_of_month(ref, 20, None, 10.0) == date(2025, 2, 20)  # 3 ahead weigh 30 behind
    assert day_of_month(ref, 15, "future") == date(2025, 4, 15)
    assert day_of_month(ref, 20, "past") == date(2025, 2, 20)
    assert day_of_month(ref, 17, "past") == ref  # the reference's own day
    assert day_of_month(date(2025, 3, 17), 31, "past") == date(2025, 1, 31)  # no February 31st
    assert day_of_month(date(2025, 4, 10), 31, "future") == date(2025, 5, 31)  # no April 31st


def test_a_leap_day_is_placed_in_the_nearest_leap_year_in_the_direction():
    def make(y):
        return f"{y:04d}-02-29"
    ref = date(2025, 3, 19)
    assert v.place_in_year(ref, make, "past") == "2024-02-29"
    assert v.place_in_year(ref, make, "future") == "2028-02-29"
    assert v.place_in_year(ref, make, None) == "2024-02-29"
    assert v.place_in_year(date(2024, 2, 1), make, "future") == "2024-02-29"
