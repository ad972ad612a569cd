"""Fuzzing the time-expression tagger (hypothesis): whatever the text and the publication date
(from 0001-01-01 to 9999-12-31, or none), ``tag_time`` and the spaCy component never raise,
every expression's offsets are inside the text and cut out its own text, and every value has
a TIMEX3 shape with a real calendar date in it. The texts are built from words the rules
react to (months, weekdays, numbers, 'last', 'ago', clock times...) mixed with random text."""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.model import GRANULARITIES, TIMEX_TYPES
from timeline.temporal import default_tagger, rule_pipeline, tag_time

WORDS = [
    "January", "March", "Sept.", "December", "Monday", "Thursday", "tomorrow", "yesterday", "today",
    "tonight", "now", "last", "next", "this", "coming", "past", "previous", "ago", "later", "earlier",
    "early", "mid", "mid-", "late", "end", "beginning", "of", "the", "in", "on", "since", "until",
    "between", "and", "from", "to", "by", "week", "weekend", "weeks", "month", "months", "year",
    "years", "decade", "century", "quarter", "half", "spring", "winter", "morning", "evening",
    "night", "a.m.", "pm", "noon", "midnight", "o'clock", "daily", "every", "each", "1", "3", "12",
    "17", "29", "30", "31", "99", "0", "2025", "1999", "0001", "9999", "10000", "1990s", "'90s",
    "20th", "21st", "2025-03-17", "17/03/2025", "3/17", "10:30", "25:61", "Q3", "H2", "FY2024",
    "two", "twenty", "hundred", "first", "second", "fortnight", "Ramadan", "Christmas", "BC", "AD",
    ",", ".", "-", "–", "/", "(", ")", "'", "\n", "\u200b", "\x00", "\ud800", "٣", "２０２５",
]
TOKENS = st.one_of(st.sampled_from(WORDS), st.text(max_size=6))
SEPARATORS = st.sampled_from([" ", " ", " ", "", ", ", "\n", "  ", "-"])
TEXTS = st.one_of(
    st.lists(st.tuples(TOKENS, SEPARATORS), max_size=30).map(
        lambda parts: "".join(word + sep for word, sep in parts)),
    st.text(max_size=80),
)
REFERENCES = st.one_of(st.none(), st.dates(), st.sampled_from(
    [date(1, 1, 1), date(1, 1, 31), date(9999, 12, 31), date(9999, 12, 1), date(2024, 2, 29)]))

CLOCK = r"T(?:(?:[01]\d|2[0-4]):[0-5]\d(?::[0-5]\d)?|MO|MI|AF|EV|NI|DT)"
DATE_VALUE = re.compile(
    r"(?:PRESENT_REF|PAST_REF|FUTURE_REF|BC\d{4}(?:-(?:\d\d|SP|SU|FA|WI))?|BC\d\d"
    r"|(?P<y>[\dX]{4})(?:-(?:W(?P<w>[\dX]{2})(?:-WE|-[1-7])?|Q[1-4X]|H[12X]|SP|SU|FA|WI"
    rf"|(?P<m>[\dX]{{2}})(?:-(?P<d>[\dX]{{2}})(?:{CLOCK})?)?))?"
    r"|[\dX]{2,3})")  # a decade (199) or a century (19)
DURATION_VALUE = re.compile(r"P(?:(?:[\d.]+|X)(?:Y|M|W|D|Q|H|DE|CE|WE|L|C))*"
                            r"(?:T(?:(?:[\d.]+|X)[HMS])+)?")
MODS = ("", "START", "MID", "END", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN",
        "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "APPROX")


def check(text: str, found) -> None:
    for timex in found:
        assert 0 <= timex.start < timex.end <= len(text), timex
        assert text[timex.start:timex.end] == timex.text, timex
        assert timex.type in TIMEX_TYPES and timex.mod in MODS, timex
        assert timex.granularity is None or timex.granularity in GRANULARITIES, timex
        if timex.type == "DURATION" or (timex.type == "SET" and timex.value.startswith("P")):
            assert DURATION_VALUE.fullmatch(timex.value) and timex.value != "P", timex
        else:
            shape = DATE_VALUE.fullmatch(timex.value)
            assert shape, timex
            year, week, month, day = shape["y"], shape["w"], shape["m"], shape["d"]
            if year and year.isdigit() and month and month.isdigit():
                assert 1 <= int(month) <= 12, timex
                if day and day.isdigit():
                    date(max(int(year), 1), int(month), int(day))  # a real day (ValueError if not)
            if week and week.isdigit():
                assert 1 <= int(week) <= 53, timex
        if timex.start_date is not None and timex.end_date is not None:
            assert timex.start_date < timex.end_date, timex


@pytest.fixture(scope="module")
def nlp():
    default_tagger()  # loaded before the examples' deadlines start
    return rule_pipeline()


FUZZ = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@FUZZ
@given(TEXTS, REFERENCES)
def test_tag_time_never_raises_and_gives_timex3_values(nlp, text, reference):
    check(text, tag_time(text, reference))


@FUZZ
@given(TEXTS, REFERENCES)
def test_the_spacy_component_never_raises_and_gives_timex3_values(nlp, text, reference):
    text = LONE_SURROGATE.sub("?", text)  # spaCy cannot hold one; the readers remove them
    doc = nlp.make_doc(text)
    doc._.dct = reference
    check(text, nlp(doc)._.timexes)


def test_found_by_the_fuzz_in_ci():
    """Cases hypothesis found: a narrative time at the calendar's last day, a BC year, and a
    dated day against a publication date at the calendar's first day."""
    twice = tag_time("2025-03-17 2025-03-17 ", date(9999, 12, 31))
    assert [t.value for t in twice] == ["2025-03-17", "2025-03-17"]
    check("1 BC ", tag_time("1 BC ", None))
    assert [t.value for t in tag_time("2025-03-17 ", date(1, 1, 1))] == ["2025-03-17"]
