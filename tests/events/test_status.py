"""Each row of the status table in timeline/events/status.py."""
from datetime import date

import pytest

from timeline.events.status import event_status

PUB = date(2025, 3, 17)


@pytest.mark.parametrize("start, end, tense, expected", [
    # ends on or before the publication day -> happened, whatever the tense
    (date(2025, 3, 13), date(2025, 3, 14), None, "happened"),
    (date(2025, 3, 16), date(2025, 3, 17), "future", "happened"),
    (date(2024, 1, 1), date(2025, 1, 1), "present", "happened"),
    # starts after the publication day -> scheduled, whatever the tense
    (date(2025, 3, 20), date(2025, 3, 21), None, "scheduled"),
    (date(2025, 3, 18), date(2025, 3, 19), "past", "scheduled"),
    # holds the publication day -> the tense decides
    (date(2025, 3, 17), date(2025, 3, 18), "past", "happened"),
    (date(2025, 3, 17), date(2025, 3, 18), "future", "scheduled"),
    (date(2025, 3, 1), date(2025, 4, 1), "present", "ongoing"),
    (date(2025, 1, 1), date(2026, 1, 1), None, "ongoing"),
])
def test_status_table(start, end, tense, expected):
    assert event_status(start, end, PUB, tense) == expected


@pytest.mark.parametrize("text, expression, expected", [
    # "March" is resolved with no direction (the tagger records ""): the month holds the
    # publication day, so the bid's elections are ongoing, not happened
    ("Monday's bid for March elections is on hold.", "March", "ongoing"),
    ("Monday's bid for March elections is on hold.", "Monday", "happened"),
    # the resolver looks ahead after "postponed until", whatever the verb's tense
    ("The vote was postponed until Wednesday.", "Wednesday", "scheduled"),
])
def test_the_status_reads_the_direction_the_tagger_recorded(text, expression, expected):
    from timeline.events import build_events
    from timeline.model import Article
    from timeline.temporal import rule_pipeline

    published = date(2025, 3, 19)  # a Wednesday
    doc = rule_pipeline().make_doc(text)
    doc._.dct = published
    doc = rule_pipeline()(doc)
    timex = next(t for t in doc._.timexes if t.text == expression)
    (event,) = [e for e in build_events(Article(text=text, published=published), doc) if e.expression == expression]
    assert event.direction == timex.direction
    assert event.status == expected
