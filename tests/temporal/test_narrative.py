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
