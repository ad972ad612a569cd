"""analyse / extract / extract_many with the rule-only pipeline (no trained model needed)."""
import os
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from timeline.events import analyse, extract, extract_many
from timeline.model import Article
from timeline.nlp import load_rules
from timeline.settings import SETTINGS

ROOT = str(Path(__file__).resolve().parents[2])

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
    """n_process=2: a local Dask cluster of two worker processes, started and stopped here."""
    serial = [(a.title, ev, tx) for a, ev, tx in extract_many(articles(), nlp=nlp)]
    stream = extract_many(articles(), nlp=nlp, n_process=2, batch_size=1,
                          settings=SETTINGS.replace(chunk_articles=1, chunk_timeout=60))
    with closing(stream):
        parallel = [(a.title, ev, tx) for a, ev, tx in stream]
    assert parallel == serial
    assert sum(len(ev) for _, ev, _ in parallel) == 4


def test_one_process_does_not_start_or_import_dask():
    code = ("import sys\nfrom datetime import date\nfrom timeline.events import extract_many\n"
            "from timeline.model import Article\nfrom timeline.nlp import load_rules\n"
            "out = list(extract_many([Article('It opened on Monday.', date(2025, 3, 19))], "
            "nlp=load_rules()))\n"
            "print(len(out[0][1]), 'distributed' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": ROOT})
    assert done.stdout.split() == ["1", "False"], done.stderr


def test_a_pipeline_without_temporal_components_finds_no_events():
    import spacy

    assert analyse(articles()[0], spacy.blank("en")) == ([], [])
