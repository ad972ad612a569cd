from datetime import date

import pytest
import spacy

from timeline.temporal import add_temporal, tag_time

DCT = date(2025, 3, 17)  # a Monday


def values(text, dct=DCT):
    return [(t.text, t.value) for t in tag_time(text, dct)]


def test_news_paragraph_is_resolved_against_the_publication_date():
    text = (
        "The prime minister chaired a weekend video call with allies. Army chiefs will meet on "
        "Thursday, his office told journalists on Monday, adding that he spoke over the weekend "
        "with the president. The envoy is expected to travel to Riyadh on Tuesday to discuss a "
        "proposed 45-day truce. Aid fell last year. After a summit on Saturday with 20 other "
        "countries, officials said 40 nations had signed up."
    )
    found = {t.text: t for t in tag_time(text, DCT)}
    assert found["weekend"].value == "2025-W11-WE"
    assert found["the weekend"].value == "2025-W11-WE"
    assert found["Thursday"].value == "2025-03-20"
    assert found["Monday"].value == "2025-03-17"
    assert found["Tuesday"].value == "2025-03-18"
    assert found["last year"].value == "2024"
    assert found["Saturday"].value == "2025-03-15"
    assert (found["45-day"].type, found["45-day"].value) == ("DURATION", "P45D")
    assert set(found) == {"weekend", "Thursday", "Monday", "the weekend", "Tuesday", "45-day",
                          "last year", "Saturday"}


def test_offsets_are_str_indices_and_intervals_half_open():
    text = "Café “news” — prices rose on 3 March 2025 and fell yesterday."
    for t in tag_time(text, DCT):
        assert text[t.start:t.end] == t.text
    march = [t for t in tag_time(text, DCT) if t.value == "2025-03-03"][0]
    assert (march.start_date, march.end_date, march.granularity) == (date(2025, 3, 3), date(2025, 3, 4), "day")


@pytest.mark.parametrize("text", [
    "You may leave now if you wish, Mrs May said.",
    "The March on Washington drew crowds.",
    "He won the second round 3-2.",
    "A 30-year-old man was arrested.",
    "More than 30 countries and 26 other nations joined.",
    "Call 555-123-4567 for tickets.",
    "It cost $2000 and 1,000 people came; 2000 people left.",
    "Prices rose 15 percent.",
    "He failed on the 3rd attempt.",
    "Section 2025 of the code applies.",
    "The Sunday Times reported it, and so did the Mail on Sunday.",
    "The office on the 15th floor is closed.",
])
def test_false_positives_are_not_dates(text):
    assert [v for v in values(text) if v[1][:1].isdigit()] == []


def test_narrative_anchoring():
    text = "The bank failed on May 2, 2008. Two days later shares fell. The following year it was sold."
    assert values(text)[1:] == [("Two days later", "2008-05-04"), ("The following year", "2009")]


def test_ranges_are_two_dates():
    assert values("He ruled from 2001 to 2009.") == [("2001", "2001"), ("2009", "2009")]
    assert values("Talks ran between March and May.", date(2025, 6, 1)) == [("March", "2025-03"), ("May", "2025-05")]


def test_month_with_past_verb_is_the_previous_one():
    assert values("The law was passed in November.") == [("November", "2024-11")]
    assert values("The law will be passed in November.") == [("November", "2025-11")]


def test_modifiers_join_the_span():
    (t,) = tag_time("Talks stalled in late November.", DCT)
    assert (t.text, t.value, t.mod) == ("late November", "2024-11", "END")


def test_sets_times_and_refs():
    assert values("The index is published daily.") == [("daily", "P1D")]
    # a clock time with its day word is one TIME on that day ("10 p.m. yesterday" is not today)
    assert values("Polls close at 9 p.m. tonight.") == [("9 p.m. tonight", "2025-03-17T21:00")]
    assert values("He was shot at 10 p.m. yesterday.") == [("10 p.m. yesterday", "2025-03-16T22:00")]
    assert values("The firm is now profitable.") == [("now", "PRESENT_REF")]


def test_bad_input():
    assert tag_time("", DCT) == []
    assert tag_time("   \n", DCT) == []
    with pytest.raises(TypeError):
        tag_time(b"bytes", DCT)
    # no reference date: only what needs none is resolved
    assert values("It happened on March 3, 2021 and on Monday.", None) == [("March 3, 2021", "2021-03-03")]


def test_reference_may_be_a_datetime_or_iso_string():
    from datetime import datetime

    expected = [("yesterday", "2025-03-16")]
    assert values("He left yesterday.", datetime(2025, 3, 17, 23, 59)) == expected
    nlp = add_temporal(spacy.blank("en"))
    doc = nlp.make_doc("He left yesterday.")
    doc._.dct = "2025-03-17"
    assert [(t.text, t.value) for t in nlp(doc)._.timexes] == expected


def test_huge_single_line_is_linear():
    import time

    line = ("word 1999 and 12 more words, " * 40000)
    start = time.perf_counter()
    found = tag_time(line, DCT)
    assert len(found) == 40000
    assert time.perf_counter() - start < 30


def test_component_in_any_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_temporal(nlp)
    add_temporal(nlp)  # idempotent
    assert nlp.pipe_names == ["sentencizer", "timeline_temporal"]
    doc = nlp.make_doc("They met on Thursday.")
    doc._.dct = DCT
    doc = nlp(doc)
    assert [(t.text, t.value) for t in doc._.timexes] == [("Thursday", "2025-03-13")]
    span = doc.char_span(12, 20)
    assert span._.timex is None or span._.timex.value == "2025-03-13"


def test_tag_time_agrees_with_the_component_on_a_blank_pipeline():
    text = ("Ministers met on Thursday and will meet again next Tuesday. The plan, due by Dec. 15, "
            "follows a 30-day review that ended last month; sales rose 4% a year earlier.")
    nlp = add_temporal(spacy.blank("en"))
    doc = nlp.make_doc(text)
    doc._.dct = DCT
    doc = nlp(doc)
    assert [t.to_json() for t in doc._.timexes] == [t.to_json() for t in tag_time(text, DCT)]


def test_coordinated_expressions_share_their_direction():
    """A cue nearer the second ("said" after the comma) does not pull it the other way."""
    found = tag_time("Benin offered to release more water in May and June, but Niger said it was not enough.",
                     date(2025, 3, 10))
    assert [(t.text, t.value) for t in found] == [("May", "2025-05"), ("June", "2025-06")]
    found = tag_time("Benin offered to release water in May and in June, but Niger said no.", date(2025, 3, 10))
    assert [t.value for t in found] == ["2025-05", "2025-06"]


def test_the_timetable_present_is_ahead():
    wednesday = date(2025, 3, 19)
    assert values("The treaty takes effect on Tuesday.", wednesday) == [("Tuesday", "2025-03-25")]
    assert values("Schools reopen on Monday after the storm.", wednesday) == [("Monday", "2025-03-24")]
    assert values("Leaders meet in Paris on Monday.", wednesday) == [("Monday", "2025-03-24")]
    assert values("The leaders did not meet on Monday.", wednesday) == [("Monday", "2025-03-17")]
    # a report in the present is no schedule: the nearest Monday, as before
    assert values("The minister says on Monday that talks failed.", wednesday) == [("Monday", "2025-03-17")]


def test_a_weekday_seen_from_a_past_day_of_the_week_is_the_next_one_from_it():
    text = ("Ms Moussa met union leaders on Tuesday afternoon and promised to report back. "
            "Her office said she would return to Cotonou on Sunday.")  # the future seen from then
    found = [(t.text, t.value) for t in tag_time(text, date(2025, 3, 12))]  # a Wednesday
    assert found == [("Tuesday afternoon", "2025-03-11TAF"), ("Sunday", "2025-03-16")]
    # that very day, when the day talked about is that weekday
    text = ("In an advisory issued yesterday evening, forecasters warned of the storm. "
            "It was expected to pass by Bermuda late Wednesday night.")
    found = [(t.text, t.value) for t in tag_time(text, date(2019, 9, 19))]  # a Thursday
    assert found == [("yesterday evening", "2019-09-18TEV"), ("late Wednesday night", "2019-09-18TNI")]
    # with no such day in the text, the convention: the nearest Sunday, the past preferred
    assert [(t.text, t.value) for t in tag_time("She was expected to return on Sunday.", date(2025, 3, 12))] == \
        [("Sunday", "2025-03-09")]


def test_a_range_of_clock_times_past_midnight_ends_the_next_day():
    monday = date(2025, 3, 17)
    assert values("A curfew runs from 10pm to 6am.", monday) == [("10pm", "2025-03-17T22:00"), ("6am", "2025-03-18T06:00")]
    assert values("Between 10 p.m. and 4 a.m. nobody may go out.", monday) == \
        [("10 p.m.", "2025-03-17T22:00"), ("4 a.m.", "2025-03-18T04:00")]
    # a day range, and two times that are no range, stay as they are
    assert values("Shops open from 9 a.m. to 5 p.m.", monday) == [("9 a.m.", "2025-03-17T09:00"), ("5 p.m.", "2025-03-17T17:00")]
    assert values("He spoke at 10 p.m. and 4 a.m. calls followed.", monday) == \
        [("10 p.m.", "2025-03-17T22:00"), ("4 a.m.", "2025-03-17T04:00")]


def test_a_clock_time_is_on_the_day_that_follows_it():
    found = tag_time("The warning starts at 6 p.m. local time (1700 UTC) tomorrow.", date(2019, 10, 2))
    assert [(t.text, t.value) for t in found] == [("6 p.m.", "2019-10-03T18:00"), ("tomorrow", "2019-10-03")]
    assert found[0].start_date == date(2019, 10, 3)
    # placed through the day that follows it: anchored as that day is, not on the day of the story
    found = tag_time("He was arrested on 5 May 2019. It starts at 6 p.m. local time (1700 UTC) tomorrow.",
                     date(2019, 10, 2))
    assert [(t.text, t.value, t.anchor) for t in found][1:] == [("6 p.m.", "2019-10-03T18:00", "2019-10-02"),
                                                                ("tomorrow", "2019-10-03", "2019-10-02")]
    found = tag_time("He was arrested on 5 May 2019. At 6 p.m. on Thursday he left.", date(2019, 10, 2))
    assert (found[1].value, found[1].anchor) == ("2019-09-26T18:00", "2019-10-02")  # last Thursday, not 5 May
    found = tag_time("The hurricane center's 5 p.m. update on Monday had the storm 120 miles away.",
                     date(2019, 7, 23))
    assert [(t.text, t.value) for t in found] == [("5 p.m.", "2019-07-22T17:00"), ("Monday", "2019-07-22")]
    found = tag_time("Talks ran past 5 p.m. and on Monday they resumed.", date(2019, 7, 23))
    assert found[0].value == "2019-07-23T17:00"
    # a day in another sentence is not the clock time's day
    found = tag_time("At 9 a.m. the talks began. On Friday they ended.", date(2019, 10, 2))
    assert found[0].value == "2019-10-02T09:00"


def test_a_holiday_whose_date_depends_on_the_country_gets_none():
    found = values("Stores closed over the long weekend of Labour Day.", date(2020, 3, 13))
    assert found == [("weekend", "2020-W10-WE")]  # Labour Day: May 1, or September, or March ...
    assert values("Parades marked Labor Day in Chicago.", date(2020, 9, 9)) == [("Labor Day", "2020-09-07")]


def test_a_day_range_with_a_dash_and_not_a_count_after_one():
    assert values("The summit was held on Feb. 3-4 in Paris.") == [("Feb. 3", "2025-02-03"), ("4", "2025-02-04")]
    assert values("On March 9 - 10 people died in the blast.") == [("March 9", "2025-03-09")]


def test_later_and_earlier_this_period_are_the_part_after_or_before_the_publication_date():
    wednesday = date(2025, 3, 19)
    found = {t.text: t for t in tag_time("Talks resumed earlier this week and go on later this week.", wednesday)}
    early, late = found["earlier this week"], found["later this week"]
    assert early.value == late.value == "2025-W12"  # the TIMEX3 value is the week
    assert (early.start_date, early.end_date) == (date(2025, 3, 17), wednesday)
    assert (late.start_date, late.end_date) == (date(2025, 3, 20), date(2025, 3, 24))
    # on the week's first day nothing of it lies before: the whole week stays
    (monday,) = tag_time("Earlier this week the talks began.", date(2025, 3, 17))
    assert (monday.start_date, monday.end_date) == (date(2025, 3, 17), date(2025, 3, 24))


def test_the_early_hours_are_no_duration():
    # with their day they are the early part of that day; alone, no expression
    assert values("The quake struck in the early hours of Sunday.") == [("the early hours of Sunday", "2025-03-16TMO")]
    assert values("They talked into the early hours.") == []


@pytest.mark.parametrize("text", [
    "Vision 2030 is a Saudi plan; Agenda 2063 is the African Union's.",
    "The Summer Olympics drew crowds.",
    "They fought the Six-Day War and read about the Hundred Years' War.",
    "The October Revolution changed Russia.",
    "He was Time's Person of the Year and the player of the year.",
])
def test_names_that_hold_a_time_word_are_no_time_expressions(text):
    assert values(text) == []
