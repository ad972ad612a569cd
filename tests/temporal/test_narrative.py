"""Narrative time: a text that narrates a past period places year-less dates near the
story's time, which explicit dates move; news stays on the publication date."""
from datetime import date

import pytest

from timeline.temporal import rules, tag_time
from timeline.temporal.rules import RESOURCES
from timeline.temporal.tagger import Tagger

DCT = date(2024, 6, 5)  # the day the history was downloaded, nothing more

HISTORY = (
    "The rebellion began on 12 April 1861, when rebels fired on the fort. In 1862 the army "
    "advanced slowly. In August, it reached the river, and on 30 August it was beaten. "
    "The next day the army fell back. In November 1863 the siege ended; in January, the "
    "government raised new troops. By 1864 the tide had turned: that spring the navy took the "
    "port. In 1865 the last armies surrendered; on 9 April, the war was over. Historians "
    "still debate it today."
)


def values(text, dct=DCT):
    return {t.text: t.value for t in tag_time(text, dct)}


def test_a_history_takes_its_years_from_the_story():
    found = values(HISTORY)
    assert found["August"] == "1862-08"
    assert found["30 August"] == "1862-08-30"
    assert found["The next day"] == "1862-08-31"
    assert found["January"] == "1864-01"  # after November 1863: the story moves forward
    assert found["that spring"] == "1864-SP"
    assert found["9 April"] == "1865-04-09"
    assert found["today"] == "2024-06-05"  # the writer's day, which does not move the story


def test_the_story_anchor_is_recorded():
    august = next(t for t in tag_time(HISTORY, DCT) if t.text == "August")
    assert august.anchor == "1862" and august.direction == ""


def test_news_with_a_few_old_years_stays_on_the_publication_date():
    text = ("The company, founded in 1998 and listed in 2004, said on Monday that it will open a "
            "plant in August. Its chief executive joined in 2011. Shares rose 4% today.")
    found = values(text, date(2025, 3, 19))
    assert found["August"] == "2025-08"
    assert found["Monday"] == "2025-03-17"


@pytest.mark.parametrize("kind, text", [
    tuple(line[2:].split(":", 1)) for line in (RESOURCES / "en" / "deictic.txt").read_text().splitlines()
    if line.startswith("> ")
])
def test_deictic_examples(kind, text):
    tagger = Tagger("en")
    cands = rules.find(text.strip(), tagger.ruleset)
    assert cands, text
    assert any(tagger.deictic(c) for c in cands) == (kind == "deictic")


NEWS_WITH_HISTORY = (
    "Shares of the retailer rose 4% today after it said on Monday that it will open a store in "
    "August.\n\n"
    "The retailer was founded in 1950 and listed in 1962. In August it opened its first store "
    "abroad.\n\n"
    "Its chief executive says the new store will open on 1 September."
)


def test_a_paragraph_of_history_in_news_takes_its_years_from_the_story():
    found = [(t.text, t.value) for t in tag_time(NEWS_WITH_HISTORY, date(2025, 3, 19))]
    assert found == [("today", "2025-03-19"), ("Monday", "2025-03-17"), ("August", "2025-08"),
                     ("1950", "1950"), ("1962", "1962"), ("August", "1962-08"), ("1 September", "2025-09-01")]


def test_one_old_year_in_a_paragraph_is_no_story():
    found = values("The retailer was founded in 1950. In August it will open a store.", date(2025, 3, 19))
    assert found["August"] == "2025-08"


RETROSPECTIVE = (
    "On Friday, April 24, the governor closed the schools. Monday was the beginning of the first "
    "full week with the virus, and the shops closed on Tuesday.\n\n"
    "Today the shops reopened. They had closed on Tuesday."
)


def test_a_retrospective_passage_in_news_places_weekdays_near_its_days():
    found = [(t.text, t.value, t.anchor) for t in tag_time(RETROSPECTIVE, date(2020, 5, 10))]
    assert found == [
        ("Friday, April 24", "2020-04-24", "2020-05-10"),
        ("Monday", "2020-04-27", "2020-04-24"),  # the story's Monday, after the Friday it set
        ("Tuesday", "2020-04-28", "2020-04-27"),
        ("Today", "2020-05-10", "2020-05-10"),  # back to the publication date ...
        ("Tuesday", "2020-05-05", "2020-05-10"),  # ... and its week
    ]


def test_a_weekday_with_its_date_near_the_publication_date_is_no_retrospective():
    text = "On Friday, May 8, the governor closed the schools. Shops closed on Tuesday."
    found = values(text, date(2020, 5, 10))
    assert found["Tuesday"] == "2020-05-05"


def test_the_morning_of_a_death_is_on_the_day_the_text_is_talking_about():
    text = ("He was arrested on 3 March 2019. He had been drinking at 1.30 am on the morning of "
            "his death, police said.")
    found = [(t.text, t.value, t.type, t.anchor) for t in tag_time(text, date(2020, 5, 10))]
    assert found == [("3 March 2019", "2019-03-03", "DATE", ""),
                     ("1.30 am", "2019-03-03T01:30", "TIME", "2019-03-03"),  # anchored on that day, not the DCT
                     ("the morning of his death", "2019-03-03TMO", "TIME", "2019-03-03T01:30")]
    # with no day named, no value: it is not the publication date's morning
    assert values("He had been drinking on the morning of his death.", date(2020, 5, 10)) == {}


def test_a_date_opening_a_paragraph_in_the_past_opens_a_retrospective_passage_to_its_end():
    text = ("Schools reopened today.\n"
            "On April 24, the governor closed the schools. Monday was the first full week with the virus.\n"
            "On Monday, the shops reopened.")
    found = [(t.text, t.value) for t in tag_time(text, date(2020, 5, 10))]
    assert found == [("today", "2020-05-10"), ("April 24", "2020-04-24"),
                     ("Monday", "2020-04-27"),  # the story's Monday, in the paragraph the date opened
                     ("Monday", "2020-05-04")]  # the next paragraph is news again


@pytest.mark.parametrize("text, monday", [
    ("The governor closed the schools on April 24. Monday was the first full week.", "2020-05-04"),  # not opening
    ("On April 24, the governor will close the schools. Monday is the first full week.", "2020-05-11"),  # not past
])
def test_a_date_that_does_not_open_a_past_paragraph_opens_no_passage(text, monday):
    assert values(text, date(2020, 5, 10))["Monday"] == monday


# A date told aside from a story's line (a past perfect, a relative clause, brackets, "earlier")
# resolves, but the year-less dates after it stay near the story's time: (text, expression,
# value). Each story paragraph names two past years, so it narrates a past period.
ASIDES = [
    ("In March 1918 the offensive began. On 28 March, reserves arrived. The council had been created "
     "on 5 November 1917. On 15 July, the last attack began.", "15 July", "1918-07-15"),
    ("In March 1918 the offensive began. On 28 March, reserves arrived. The council, which met on "
     "5 November 1917, agreed. On 15 July, the last attack began.", "15 July", "1918-07-15"),
    ("In March 1918 the offensive began. On 28 March, the council (created on 5 November 1917) "
     "met. On 15 July, the last attack began.", "15 July", "1918-07-15"),
    ("In March 1918 the offensive began. On 28 March, reserves arrived. Earlier, on 5 November 1917, "
     "the council met. On 15 July, the last attack began.", "15 July", "1918-07-15"),
    ("In 2008 the army advanced. It was the first incursion since 1995. Troops withdrew on February 29.",
     "February 29", "2008-02-29"),
    # the date an aside tells is still its own, and "later that year" counts from it
    ("In March 1918 the offensive began. The council had been created on 5 November 1917 and "
     "met again later that year. On 15 July, the last attack began.", "later that year", "1917"),
    ("In March 1918 the offensive began. The council had been created on 5 November 1917 and "
     "met again later that year. On 15 July, the last attack began.", "5 November 1917", "1917-11-05"),
]
# the same stories told on the main line: the date moves the story's time
MAIN_LINE = [
    ("In March 1918 the offensive began. On 28 March, reserves arrived. The council met on "
     "5 November 1917. On 15 July, the last attack began.", "15 July", "1917-07-15"),
    ("In March 1917 the offensive began. By 5 November 1918, the council had been created. "
     "On 15 July, the last attack began.", "15 July", "1918-07-15"),
]


@pytest.mark.parametrize("text, expression, value", ASIDES + MAIN_LINE)
def test_a_date_told_aside_does_not_move_the_story(text, expression, value):
    assert values(text)[expression] == value


def test_the_story_anchor_of_a_date_after_an_aside_is_the_main_line():
    text, _, _ = ASIDES[0]
    july = next(t for t in tag_time(text, DCT) if t.text == "15 July")
    assert july.anchor == "1918-03-28"


def test_news_is_not_changed_by_an_aside():
    text = ("Shares rose on Monday. The firm, which had listed on 5 November 2019, said it will open "
            "a plant in August.")
    found = values(text, date(2025, 3, 19))
    assert found["August"] == "2025-08" and found["5 November 2019"] == "2019-11-05"


@pytest.mark.slow  # the shipped model: the Doc path reads the parse
@pytest.mark.parametrize("text, published, expected", [
    (RETROSPECTIVE, date(2020, 5, 10), [("Friday, April 24", "2020-04-24"), ("Monday", "2020-04-27"),
                                        ("Tuesday", "2020-04-28"), ("Today", "2020-05-10"), ("Tuesday", "2020-05-05")]),
    ("He was arrested on 3 March 2019. He had been drinking at 1.30 am on the morning of his death, police said.",
     date(2020, 5, 10), [("3 March 2019", "2019-03-03"), ("1.30 am", "2019-03-03T01:30"),
                         ("the morning of his death", "2019-03-03TMO")]),
])
def test_news_with_a_retrospective_passage_through_the_shipped_pipeline(text, published, expected):
    from timeline.nlp import load

    nlp = load()
    doc = nlp.make_doc(text)
    doc._.dct = published
    assert [(t.text, t.value) for t in nlp(doc)._.timexes] == expected
