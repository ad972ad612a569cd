"""Undated leads get an event dated by the article; the cues' own examples run here."""
from datetime import date

import pytest

from timeline.events import extract
from timeline.events.leads import LEAD_ANCHOR, LEAD_DIRECTION, cues, day_of_lead, find_lead
from timeline.model import Article

CUES = cues()
PUBLISHED = date(2025, 3, 17)


@pytest.mark.parametrize("cue", CUES, ids=[c.name for c in CUES])
def test_every_cue_dates_its_examples(cue):
    assert cue.examples
    for lead, published, day in cue.examples:
        assert day_of_lead(lead, published) == day, lead


def test_the_lead_is_the_first_real_sentence_after_the_title():
    text = "Carmaker recalls two million cars over brakes\nThe carmaker has recalled two million vehicles over faulty brakes."
    ranges = [(0, 46), (47, len(text))]
    assert find_lead(text, ranges, title="Carmaker recalls two million cars over brakes") == (47, len(text))
    assert find_lead("Too short.", [(0, 10)]) is None


@pytest.fixture(scope="module")
def rules_nlp():
    from timeline.nlp import load_rules

    return load_rules()


def events_of(text, rules_nlp, title=""):
    return extract(Article(text=text, published=PUBLISHED, title=title), rules_nlp)


def test_a_perfect_lead_is_todays_news_told_apart_from_a_stated_date(rules_nlp):
    text = ("Carmaker recalls cars\n"
            "The carmaker has recalled two million vehicles over faulty brakes, the company said.\n"
            "Regulators will meet its managers on Friday.")
    events = events_of(text, rules_nlp, title="Carmaker recalls cars")
    lead = [e for e in events if e.direction == LEAD_DIRECTION]
    assert len(lead) == 1
    (ev,) = lead
    assert (ev.value, ev.expression, ev.anchor, ev.status) == ("2025-03-17", "", LEAD_ANCHOR, "happened")
    assert ev.sentence.startswith("The carmaker has recalled")
    assert [e.expression for e in events if e.direction != LEAD_DIRECTION] == ["Friday"]


def test_a_simple_past_lead_is_the_day_before(rules_nlp):
    (ev,) = events_of("Protesters stormed the finance ministry as talks with the unions collapsed.", rules_nlp)
    assert ev.value == "2025-03-16" and ev.expression == ""


def test_a_dated_lead_or_a_plan_gets_no_lead_event(rules_nlp):
    dated = events_of("Protesters stormed the finance ministry on Saturday as talks with the unions collapsed.", rules_nlp)
    assert [e.expression for e in dated] == ["Saturday"]
    assert events_of("The government will raise taxes to pay for the new hospitals, ministers said.", rules_nlp) == []
