"""The English of issue #15's table, on the rule-only path (publication date Wednesday
2025-03-19), and the non-dates that must make no time expression."""
from datetime import date

import pytest

from timeline.temporal import tag_time

DCT = date(2025, 3, 19)  # a Wednesday


def found(text):
    return [(t.text, t.value) for t in tag_time(text, DCT)]


@pytest.mark.parametrize("text, expected", [
    # the clause's tense, not a verb of the next clause ("and has offered")
    ("The school will re-open on Thursday and has offered pupils medication.", [("Thursday", "2025-03-20")]),
    # "stay closed" is no past tense: "until" with a future clause looks ahead
    ("Schools will stay closed until Monday.", [("Monday", "2025-03-24")]),
    # a possessive weekday in a present clause is the coming one
    ("Final preparations are under way for Saturday's concert in Cardiff.", [("Saturday", "2025-03-22")]),
    # "plans for" looks ahead of the past verb that backed them
    ("Councillors backed plans for a concert on 8 October.", [("8 October", "2025-10-08")]),
    # a part of day with a day or a date: that part of that day
    ("The ceasefire talks resumed on Friday afternoon.", [("Friday afternoon", "2025-03-14TAF")]),
    ("The vote is set for Tuesday night.", [("Tuesday night", "2025-03-25TNI")]),
    ("He arrived late Monday evening.", [("late Monday evening", "2025-03-17TEV")]),
    ("Troops entered the town on the morning of 12 March.", [("the morning of 12 March", "2025-03-12TMO")]),
    # an abbreviated year
    ("In the spring of '82, prices rose.", [("the spring of '82", "1982-SP")]),
    # a clock time with its zone and its day is one expression
    ("The meeting is at 15:00 GMT Saturday.", [("15:00 GMT Saturday", "2025-03-22T15:00")]),
    # a span of ten years from now
    ("Over the next decade the city will build 10,000 homes.", [("the next decade", "P10Y")]),
    # ranges of years: both ends
    ("Fighting raged from 1957-58 and again in 2009-2010.",
     [("1957", "1957"), ("58", "1958"), ("2009", "2009"), ("2010", "2010")]),
])
def test_the_table(text, expected):
    assert found(text) == expected


def test_over_the_next_decade_is_dated_from_the_publication_date():
    (decade,) = tag_time("Over the next decade the city will build 10,000 homes.", DCT)
    assert (decade.type, decade.start_date, decade.end_date) == ("DURATION", date(2025, 3, 20), date(2035, 3, 20))
    assert decade.dated


@pytest.mark.parametrize("text", [
    "1720 patients had already been discharged, officials said.",
    "She listened to BBC Radio 4's Today programme.",
    "About a quarter of its dealers closed.",
    "The Russell 2000 fell 2%.",
    "He watched 28 Days Later again.",
])
def test_non_dates(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("In the first quarter of 2019 sales rose.", [("the first quarter of 2019", "2019-Q1")]),
    ("The show airs today on BBC Radio 4.", [("today", "2025-03-19")]),
    ("In 1720 the patients' hospital opened.", [("1720", "1720")]),
])
def test_near_misses_of_the_vetoes_are_still_found(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # compositional expressions read as one
    ("In 1940 they fought. In August of that year, the army moved.",
     [("1940", "1940"), ("August of that year", "1940-08")]),
    ("The treaty was signed in 1919. In March of the following year it came into force.",
     [("1919", "1919"), ("March of the following year", "1920-03")]),
    ("In 1940 they fought. In the fall of that year they lost.", [("1940", "1940"), ("the fall of that year", "1940-FA")]),
    # decades without a century
    ("Prices soared in the 70s.", [("the 70s", "197")]),
    ("Prices soared in the late 80s.", [("late 80s", "198")]),
    # the 70s of a thermometer are no decade
    ("Temperatures in the 70s are expected.", []),
])
def test_other_gaps(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a full stop after a full month name ends the sentence: no date runs across it
    ("The siege ended on 3 June.\n1633 was a hard year.", [("3 June", "2024-06-03"), ("1633", "1633")]),
    ("It ended in June. 1633 was worse.", [("June", "2024-06"), ("1633", "1633")]),
    # ... nor across a blank line; a line break inside a date is kept, and so is an abbreviation
    ("The war began on 3 June\n\n1633 was a hard year.", [("3 June", "2024-06-03"), ("1633", "1633")]),
    ("The war began on 3 June\n1633, in the north.", [("3 June\n1633", "1633-06-03")]),
    ("Talks began in Jan.\n1633 and failed.", [("Jan.\n1633", "1633-01")]),
])
def test_no_expression_across_a_sentence_or_paragraph_end(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a part of day with its day is one expression
    ("Troops attacked before dawn Thursday.", [("dawn Thursday", "2025-03-13TMO")]),
    ("The curfew starts at dusk on Friday.", [("dusk on Friday", "2025-03-21TEV")]),
    # years before the common era
    ("Caesar was killed in 44 BC.", [("44 BC", "BC0044")]),
    ("The city was founded about 300 BCE.", [("300 BCE", "BC0300")]),
    ("The wall was built between 1500 BC and 1400 BC.", [("1500 BC", "BC1500"), ("1400 BC", "BC1400")]),
    # compositional: the same month a year back, the year before the one talked about
    ("Sales were up 5% on the same month a year ago.", [("the same month a year ago", "2024-03")]),
    ("Sales in February rose 5% from the same month last year.",
     [("February", "2025-02"), ("the same month last year", "2024-02")]),
    ("The plant closed in 2019, after losses in the year previous.", [("2019", "2019"), ("the year previous", "2018")]),
    # "last year" compared with the quarter just named: that quarter, a year back
    ("Profit rose 5% in the third quarter, up from last year.",
     [("the third quarter", "2024-Q3"), ("last year", "2023-Q3")]),
    # ... but not when the text has moved on to a year
    ("Profit in the third quarter was $5. Sales for this year rose, up from last year.",
     [("the third quarter", "2024-Q3"), ("this year", "2025"), ("last year", "2024")]),
    # doing something in a number of days takes that long; a date that far ahead stays a date
    ("He promised to do it in 100 days.", [("100 days", "P100D")]),
    ("The vote will be held in 100 days.", [("100 days", "2025-06-27")]),
    # a set of parts of days
    ("She runs every morning.", [("every morning", "XXXX-XX-XXTMO")]),
    # a count of days with four digits is a duration, not a year
    ("The siege lasted 1720 days.", [("1720 days", "P1720D")]),
    ("The siege lasted 1,720 days.", [("1,720 days", "P1720D")]),
    ("It lasted 2.5 years.", [("2.5 years", "P2Y6M")]),
])
def test_more_english(text, expected):
    assert found(text) == expected


def test_bc_years_and_durations_are_typed_and_not_dated():
    (bc,) = tag_time("Caesar was killed in 44 BC.", DCT)
    assert (bc.type, bc.dated, bc.start_date) == ("DATE", False, None)
    (days,) = tag_time("He promised to do it in 100 days.", DCT)
    assert (days.type, days.dated, days.anchor) == ("DURATION", False, "")
    (every,) = tag_time("She runs every morning.", DCT)
    assert every.type == "SET" and not every.dated


@pytest.mark.parametrize("text, expected", [
    # a month range: the first month is no "March to Washington" nor the modal "May"
    ("Polls will be open from May to July.", [("May", "2025-05"), ("July", "2025-07")]),
    ("Polls are open from March to May.", [("March", "2025-03"), ("May", "2025-05")]),
    # ... while the marches stay no dates
    ("Protesters plan a March on Washington.", []),
    ("The March to Selma began.", []),
])
def test_month_ranges(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a date without its year joined to a date with one takes that year
    ("Russia lost battles in August and September 1914.", [("August", "1914-08"), ("September 1914", "1914-09")]),
    ("The battle (26 June - 4 August 1952) was costly.", [("26 June", "1952-06-26"), ("4 August 1952", "1952-08-04")]),
    ("They prepared in the spring and summer of 1943.", [("the spring", "1943-SP"), ("summer of 1943", "1943-SU")]),
    # ... the year before when its month comes later
    ("Between December and February 1917 they starved.", [("December", "1916-12"), ("February 1917", "1917-02")]),
    # ... and only a date of the year: a bare year joined to a month places nothing
    ("It rained in May and in 2019.", [("May", "2024-05"), ("2019", "2019")]),
])
def test_a_coordinated_date_shares_the_year(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # that part of the day after (before) the one the text is talking about
    ("On April 14, 1865, Lincoln was shot. He died early the next morning.",
     [("April 14, 1865", "1865-04-14"), ("early the next morning", "1865-04-15TMO")]),
    ("The bank failed on May 2, 2008. The previous evening, shares fell.",
     [("May 2, 2008", "2008-05-02"), ("The previous evening", "2008-05-01TEV")]),
    # a part of a date, with its weekday or its year
    ("He was shot on the night of Friday, Oct. 23, 1998.", [("the night of Friday, Oct. 23, 1998", "1998-10-23TNI")]),
    ("Troops left early in the morning of 29 April 1975.",
     [("early in the morning of 29 April 1975", "1975-04-29TMO")]),
])
def test_a_part_of_a_named_day(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a month or season with a year before the common era
    ("The army crossed into Europe in April 480 BC.", [("April 480 BC", "BC0480-04")]),
    ("Even during the 4th century BC the treaty was disputed.", [("the 4th century BC", "BC03")]),
    # a story before the common era: year-less dates take the story's year, moving forward
    ("After 490 BC and 486 BC, in 481 BC the army gathered in the summer. It passed the winter at Sardis. "
     "Early in spring it moved.",
     [("490 BC", "BC0490"), ("486 BC", "BC0486"), ("481 BC", "BC0481"), ("the summer", "BC0481-SU"),
      ("the winter", "BC0481-WI"), ("spring", "BC0480-SP")]),
    # counting years counts down; a day has no calendar date there
    ("In 491 BC the envoys came. The following year, the fleet sailed. Two years later, it returned.",
     [("491 BC", "BC0491"), ("The following year", "BC0490"), ("Two years later", "BC0489")]),
    ("In 480 BC the army crossed. The next day it camped.", [("480 BC", "BC0480")]),
])
def test_a_story_before_the_common_era(text, expected):
    assert found(text) == expected



def test_a_trailing_report_tells_when_it_was_said_not_when_the_clause_happens():
    text = ("NATO has decided to admit Poland, Hungary and the Czech Republic in early March, an official "
            "from the organization said on Wednesday.")
    assert [(t.text, t.value) for t in tag_time(text, date(1999, 2, 10))] == [
        ("early March", "1999-03"), ("Wednesday", "1999-02-10")]


@pytest.mark.parametrize("text, expected", [
    # when the clause has no cue of its own, the report places the date
    ("Talks resumed on Monday, the minister said.", [("Monday", "2025-03-17")]),
    ("On Monday, the minister said talks will resume.", [("Monday", "2025-03-17")]),
])
def test_a_report_without_a_cue_in_the_clause(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a season of a year said in words, or of the year before or after
    ("Oil fell to the level we saw in the winter of nineteen ninety-four.",
     [("the winter of nineteen ninety-four", "1994-WI")]),
    ("In the autumn of last year, prices fell.", [("the autumn of last year", "2024-FA")]),
    # a week of a month is that month (its start or end), never "last week"
    ("Sales slumped in the last week of August.", [("the last week of August", "2024-08")]),
    ("Talks resume in the second week of April.", [("the second week of April", "2025-04")]),
    ("Growth was strong in the first half of 2024.", [("the first half of 2024", "2024-H1")]),
    ("Demand stays weak through the first two quarters of 1990.", [("the first two quarters of 1990", "1990-H1")]),
    # February 29 in the leap year the tense points to
    ("The bill was passed on Feb. 29.", [("Feb. 29", "2024-02-29")]),
    # abbreviated years and decades, ranges of seasons written with a slash
    ("It was built in '98 and sold in '05.", [("'98", "1998"), ("'05", "2005")]),
    ("Rents rose in the 90's.", [("the 90's", "199")]),
    ("The 2023/24 season was his last.", [("2023", "2023"), ("24", "2024")]),
    # summers counted back are a set of summers, not "the past"
    ("Violence has flared for the past three summers.", [("the past three summers", "XXXX-SU")]),
    # "than last": the last such unit
    ("It paid a higher dividend this year than last.", [("this year", "2025"), ("last", "2024")]),
    # a part of a day named by its weekday; a clock time with its full date
    ("Two men were arrested in the early hours of Sunday.", [("the early hours of Sunday", "2025-03-16TMO")]),
    ("The ship sank at 2:20 a.m. on April 15, 1912.", [("2:20 a.m. on April 15, 1912", "1912-04-15T02:20")]),
    # a year before a plural verb is still a year when a preposition or "and" leads to it
    ("Sales in 2018 and 2019 were strong.", [("2018", "2018"), ("2019", "2019")]),
    # the story's time, not the publication date's
    ("In 2019 the plant closed. The following spring it reopened.", [("2019", "2019"), ("The following spring", "2020-SP")]),
    ("In the first days of 2020, the virus spread.", [("the first days of 2020", "2020")]),
    # fiscal years with two digits
    ("Revenue rose 5% in FY24 and will rise in Q3 FY25.", [("FY24", "2024"), ("Q3 FY25", "2025-Q3")]),
])
def test_news_english(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, span, value, mod", [
    ("The vote is due in mid-March.", "mid-March", "2025-03", "MID"),
    ("Prices rose late last year.", "late last year", "2024", "END"),
    ("The deal closes at the end of the month.", "the end of the month", "2025-03", "END"),
    ("A decision is due early next week.", "early next week", "2025-W13", "START"),
    ("Sales slumped in the last week of August.", "the last week of August", "2024-08", "END"),
])
def test_a_part_of_a_period_keeps_its_modifier(text, span, value, mod):
    (timex,) = tag_time(text, DCT)
    assert (timex.text, timex.value, timex.mod) == (span, value, mod)


@pytest.mark.parametrize("text", [
    "A 2000-strong army marched on the city.",
    "Police arrested 2015 protesters.",
    "Some founders left to form the Club of '89.",
    "He spent the last week of the campaign in Ohio.",
    "Temperatures in the 90's are expected.",
    "They talked into the early hours.",
    "In total 1846 persons were hospitalized and 1720 had already been discharged.",
    "Fighting broke out by the evening hours.",
    "The NT News, a daily printed in Darwin, ran the story.",
    "He won in the year he turned 40.",
    "The politics of the period drove France towards war.",
])
def test_more_non_dates(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    # a part of day with a plural weekday is a set; a weekday joined to one shares its part
    ("Flights leave on Monday and Tuesday nights.", [("Monday", "XXXX-WXX-1TNI"), ("Tuesday nights", "XXXX-WXX-2TNI")]),
    ("Every Sunday morning he runs.", [("Every Sunday morning", "XXXX-WXX-7TMO")]),
    # a day counted from a weekday
    ("The day before last Tuesday's hearing, he left.", [("The day before last Tuesday", "2025-03-17")]),
])
def test_sets_of_parts_of_days_and_days_next_to_a_weekday(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, start, end", [
    # a count of units ahead is a span from now ...
    ("Over the next five years the city will build 10,000 homes.", date(2025, 3, 20), date(2030, 3, 20)),
    # ... or from the time a story or a past clause is talking about
    ("In 1990 the plant closed. Over the following three years it was rebuilt.", date(1991, 1, 1), date(1994, 1, 1)),
    ("The army crossed on 12 August 1914. Over the next two weeks it took four towns.", date(1914, 8, 13), date(1914, 8, 27)),
])
def test_a_count_of_units_ahead_is_a_dated_span(text, start, end):
    span = tag_time(text, DCT)[-1]
    assert (span.type, span.start_date, span.end_date, span.dated) == ("DURATION", start, end, True)


def test_a_vague_count_ahead_stays_undated():
    (days,) = tag_time("Over the next few days it will rain.", DCT)
    assert (days.value, days.start_date) == ("PXD", None)


@pytest.mark.parametrize("text, expected", [
    # a deadline, a date something is due or expires on, told in the present: ahead
    ("The deadline is 11.59pm on 31 December.", [("11.59pm on 31 December", "2025-12-31T23:59")]),
    ("The deadline for entries is 31 December.", [("31 December", "2025-12-31")]),
    ("Applications are due on 31 December.", [("31 December", "2025-12-31")]),
    ("The offer expires on 31 December.", [("31 December", "2025-12-31")]),
    ("The deadline was 31 December.", [("31 December", "2024-12-31")]),
    # a day counted from a holiday or a weekday
    ("Shoppers crowded the stores two weeks before Christmas.", [("two weeks before Christmas", "2024-12-11")]),
    ("The day after Christmas, the stores were full.", [("The day after Christmas", "2024-12-26")]),
    ("He resigned two days after Monday's vote.", [("two days after Monday", "2025-03-19")]),
])
def test_news_english_left_from_15(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, span, value, start, end", [
    # a period that ends at the date after it: its length, back from the end of that date
    ("Sales rose 3% in the week to March 14.", "the week", "P1W", date(2025, 3, 8), date(2025, 3, 15)),
    ("Prices rose 2.1% in the 12 months to February.", "the 12 months", "P12M", date(2024, 3, 1), date(2025, 3, 1)),
    ("The economy grew 0.5% in the three months to June.", "the three months", "P3M", date(2024, 4, 1), date(2024, 7, 1)),
    ("Net income for the six months ended Oct. 1 slipped 5%.", "the six months", "P6M", date(2024, 4, 2), date(2024, 10, 2)),
])
def test_a_period_to_a_date_ends_with_that_date(text, span, value, start, end):
    period, last = tag_time(text, DCT)
    assert (period.text, period.type, period.value, period.start_date, period.end_date) == (span, "DURATION", value, start, end)
    assert period.anchor == last.value and period.dated
