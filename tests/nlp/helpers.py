"""Helpers of the nlp tests (imported by test modules; conftest.py keeps the fixtures)."""
import pytest

# The model ships with the code: a test that needs it fails, never skips, when it is missing.
needs_model = pytest.mark.slow


def annotate(nlp, text, ents=(), propn=(), tags=None):
    """Run the rule components on ``text`` after presetting statistical entities.

    ``ents``: (substring, label) pairs standing for what a statistical NER found; ``propn``:
    words a tagger would tag PROPN (every other word gets X); ``tags``: {word: tag}, and the
    Doc becomes one sentence."""
    doc = nlp.make_doc(text)
    if propn:
        for token in doc:
            token.pos_ = "PROPN" if token.text in propn else "X"
    if tags is not None:
        for token in doc:
            token.tag_ = tags.get(token.text, "X")
            token.is_sent_start = token.i == 0
    spans = []
    for sub, label in ents:
        start = text.index(sub)
        span = doc.char_span(start, start + len(sub), label=label)
        assert span is not None, sub
        spans.append(span)
    doc.ents = spans
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def ents_of(doc):
    return [(e.text, e.label_) for e in doc.ents]
