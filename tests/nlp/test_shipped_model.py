"""The trained model end to end, on sentences written for these tests."""
from datetime import date

import pytest

from tests.nlp.helpers import needs_model

pytestmark = [needs_model, pytest.mark.slow]

TEXT = (
    "Keir Starmer will host Volodymyr Zelensky in London next week, Downing Street said on Friday. "
    "Donald Trump sent his envoy Steve Witkoff to Moscow, where Vladimir Putin received him. "
    "Mr Putin said Russia wanted guarantees before any deal with Ukraine. "
    "France and the UK offered troops, and Nato and the EU backed the plan. "
    "North Korean soldiers fought beside Russian units, a European diplomat said. "
    "Mr Zelensky welcomed the offer."  # news style: full name first, then the titled surname
)


@pytest.fixture(scope="module")
def doc():
    from timeline.nlp import load

    nlp = load(None, mode="all")  # the model on every sentence
    d = nlp.make_doc(TEXT)
    d._.dct = date(2025, 3, 7)
    return nlp(d)


def test_pipeline_components():
    from timeline.nlp import load

    nlp = load(None)
    assert nlp.pipe_names == ["timeline_sentences", "timeline_honorifics", "timeline_gazetteer",
                              "timeline_temporal"]
    inner = nlp.get_pipe("timeline_sentences").inner.pipe_names
    assert {"tagger", "morphologizer", "parser", "ner"} <= set(inner)


def test_news_entities(doc):
    found = {(e.text, e.label_) for e in doc.ents}
    expected = {
        ("Keir Starmer", "PERSON"), ("Volodymyr Zelensky", "PERSON"), ("Donald Trump", "PERSON"),
        ("Steve Witkoff", "PERSON"), ("Vladimir Putin", "PERSON"), ("Putin", "PERSON"),
        ("Russia", "GPE"), ("Ukraine", "GPE"), ("France", "GPE"), ("UK", "GPE"),
        ("Nato", "ORG"), ("EU", "ORG"), ("Downing Street", "ORG"),
        ("North Korean", "NORP"), ("Russian", "NORP"), ("European", "NORP"),
    }
    assert expected <= found, expected - found


def test_actor_normalisation(doc):
    from timeline.nlp import actor_names

    names = {(span.text, name) for span, name in actor_names(doc).items()}
    assert ("Putin", "Vladimir Putin") in names
    assert ("UK", "United Kingdom") in names


def test_tense_morphology_and_parser_sentences(doc):
    sents = list(doc.sents)
    assert len(sents) == 6
    said = [t for t in doc if t.text == "said"]
    assert said and all(t.morph.get("Tense") == ["Past"] for t in said)
    will = doc[[t.text for t in doc].index("will")]
    assert will.pos_ == "AUX" and will.head.text == "host"
    assert doc[[t.text for t in doc].index("sent")].morph.get("Tense") == ["Past"]


def test_time_expressions_are_tagged(doc):
    values = {t.text: t.value for t in doc._.timexes}
    assert values["next week"] == "2025-W11"
