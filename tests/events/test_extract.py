"""analyse / extract / extract_many with the rule-only pipeline (no trained model needed)."""
from datetime import date

import pytest

from timeline.events import analyse, extract, extract_many
from timeline.model import Article
from timeline.nlp import load_rules

TEXTS = [
    "Harbour workers went on strike on Monday. Talks will resume on Friday, the union hopes.",
    "The museum reopens next week after two years of repairs. It closed in 2023.",
    "Nothing here has a date at all, only words.",
]


def articles():
    return [Article(text=text, published=date(2025, 3, 19), title=f"t{k}") for k, text in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def nlp():
    return load_rules()


def test_analyse_returns_events_and_every_time_expression(nlp):
    events, timexes = analyse(articles()[0], nlp)
    assert [(e.value, e.status) for e in events] == [("2025-03-17", "happened"), ("2025-03-21", "scheduled")]
    assert [e.expression for e in events] == [t.text for t in timexes]
    assert events[0].expression.endswith("Monday") and events[1].expression.endswith("Friday")
    assert events[1].sentence == "Talks will resume on Friday, the union hopes."
    assert extract(articles()[0], nlp) == events


def test_durations_are_mentions_but_not_events(nlp):
    events, timexes = analyse(articles()[1], nlp)
    assert {t.type for t in timexes} >= {"DURATION", "DATE"}
    assert all(e.expression != "two years" for e in events)
    assert [e.value for e in events] == ["2025-W13", "2023"]


def test_extract_many_streams_in_order_and_reads_input_lazily(nlp):
    pulled = []

    def source():
        for article in articles():
            pulled.append(article.title)
            yield article

    stream = extract_many(source(), nlp=nlp, batch_size=1)
    article, events, timexes = next(stream)
    assert article.title == "t0" and len(events) == 2 and len(timexes) == 2
    assert pulled == ["t0"]
    rest = list(stream)
    assert [a.title for a, _, _ in rest] == ["t1", "t2"] and rest[1][1] == []


def test_parallel_workers_give_the_same_results(nlp):
    serial = [(a.title, ev, tx) for a, ev, tx in extract_many(articles(), nlp=nlp)]
    parallel = [(a.title, ev, tx) for a, ev, tx in extract_many(articles(), nlp=nlp, n_process=2, batch_size=1)]
    assert parallel == serial
    assert sum(len(ev) for _, ev, _ in parallel) == 4


def test_a_pipeline_without_temporal_components_finds_no_events():
    import spacy

    assert analyse(articles()[0], spacy.blank("en")) == ([], [])


def test_parallel_workers_read_input_in_bounded_batches(nlp):
    pulled = []

    def source():
        for k in range(40):
            pulled.append(k)
            yield Article(text=f"Item {k} opened on Monday.", published=date(2025, 3, 19))

    stream = extract_many(source(), nlp=nlp, n_process=2, batch_size=2)
    first = next(stream)
    assert first[1][0].value == "2025-03-17"
    assert len(pulled) <= 2 * 2 * 2 + 2  # at most two batches per worker in flight, plus one
    assert len(list(stream)) == 39
