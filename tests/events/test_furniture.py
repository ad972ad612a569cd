"""Page furniture makes no event: the data rules' own examples, and whole pages built by hand."""
from datetime import date

import pytest

from timeline.events import extract
from timeline.events.furniture import furniture, rules, sentence_rules, strip_furniture
from timeline.model import Article

RULES = rules()


def located(text: str, expression: str) -> tuple[int, int]:
    start = text.index(expression)
    return start, start + len(expression)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_takes_its_examples_and_leaves_its_counter_examples(rule):
    assert rule.examples and rule.keeps, f"[{rule.name}] needs examples and keeps"
    for ex in rule.examples:
        assert furniture(ex.text, *located(ex.text, ex.expression)) == rule.name, ex
    for ex in rule.keeps:
        assert furniture(ex.text, *located(ex.text, ex.expression)) is None, ex


def test_an_expression_joined_across_a_line_break_is_furniture_if_one_part_is():
    text = "All times are BST. Last updated 14:32 Monday 3 June.\n1633: Troops fire."
    start = text.index("Monday")
    assert furniture(text, start, text.index("1633") + 4) == "all_times"


def test_on_a_very_long_line_only_the_expressions_neighbourhood_counts():
    """A paragraph of one long line (#19: 300,000 characters took 18 s per 100,000 here,
    each expression searching its whole line): a dateline at its start is still furniture,
    a date deep inside it is not, whatever came before on the line."""
    prose = "The minister said the talks had been difficult but useful. " * 5000
    text = "WASHINGTON | Wed Apr 29, 2009 5:24 pm EDT - " + prose + "They met on April 28, 2009."
    assert furniture(text, *located(text, "Wed Apr 29, 2009")) == "wire_dateline_bar"
    assert furniture(text, *located(text, "April 28, 2009")) is None
    text = "This article first appeared on " + prose + "March 3, 2025."
    assert furniture(text, *located(text, "March 3, 2025")) is None


REACH, SENTENCE_RULES = sentence_rules()


@pytest.mark.parametrize("rule", SENTENCE_RULES, ids=[r.name for r in SENTENCE_RULES])
def test_every_glued_furniture_rule_cuts_its_examples_and_keeps_its_counter_examples(rule):
    assert rule.examples and rule.keeps, f"[{rule.name}] needs examples and keeps"
    for text, shown in rule.examples:
        assert rule.regex.search(text[:REACH]), (rule.name, text)   # its own rule takes it
        assert strip_furniture(text) == shown
    for text in rule.keeps:
        assert strip_furniture(text) == text


def test_a_headline_and_a_wire_stamp_glued_before_the_news_are_cut():
    glued = ("Protesters storm ministry TRIPOLI | Tue Mar 1, 2011 6:36 pm EST TRIPOLI (Reuters) - "
             "Libya could descend into civil war, the United States said on Tuesday.")
    assert strip_furniture(glued) == "Libya could descend into civil war, the United States said on Tuesday."
    plain = "The United States said on Tuesday, March 1, 2011 that Libya could descend into civil war."
    assert strip_furniture(plain) is plain


def test_furniture_beyond_the_reach_of_a_long_sentence_is_left_alone():
    text = "The talks went on. " * 30 + "DERAA (Reuters) - Forces fired on Friday."
    assert strip_furniture(text) == text


PUBLISHED = date(2009, 4, 29)
PAGES = {
    "wire copy": ("""Protesters storm ministry as talks collapse
WASHINGTON | Wed Apr 29, 2009 5:24 pm EDT
By John Smith, 29 April 2009
COTONOU, March 6 (West Africa Wire) - Thousands of protesters stormed the finance ministry on Tuesday after talks with unions collapsed.
The unions will meet again on Friday, a spokesman said.
(Photo taken on April 28, 2009)
© 2009 West Africa Wire. All rights reserved.
""", {"Tuesday", "Friday"}),
    "live blog": ("""Election night: live
All times are BST. Last updated 14:32 Monday 3 June.
1633: Troops open fire on the crowd in the square, witnesses say.
16:45 BST: The president will address the nation on Thursday.
4.52pm: Polls closed on Sunday in the north.
""", {"Thursday", "Sunday"}),
    "comments and stamps": ("""Flu cases rise in Mexico
Page last updated at 10:39 GMT, Wednesday, 29 April 2009
The health ministry said on Tuesday that 20 more people had been infected.
This article appeared on p29 of the main section of the Guardian on Wednesday 29 April 2009.
At 08:11 am on 01 May 2009, shalimarguru wrote:
Posted by dave_h at 9:12 PM on May 2, 2009
Updated: 30 April 2009 17:24 EDT
First published on Tue 28 Apr 2009 18.02 BST
""", {"Tuesday"}),
}


@pytest.fixture(scope="module")
def rules_nlp():
    from timeline.nlp import load_rules

    return load_rules()


@pytest.mark.parametrize("name", PAGES)
def test_pages_keep_their_news_and_lose_their_furniture(name, rules_nlp):
    text, news = PAGES[name]
    events = extract(Article(text=text, published=PUBLISHED), rules_nlp)
    assert {e.expression for e in events} == news
