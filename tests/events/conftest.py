"""Hand-built Docs for the events tests: no trained model needed."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from timeline.model import TimeExpression

NO_SPACE_BEFORE = {",", ".", ":", ";", "’s", "'s", "”", "?", "!", "n't"}
NO_SPACE_AFTER = {"“"}


def build_doc(rows, ents=None, vocab=None):
    """A Doc from ``rows`` of (word, head, dep, pos[, morph]); head is the token index.

    ``head=None`` leaves the Doc unparsed (then dep/pos are ignored). ``ents`` is a
    list of (start_token, end_token, label).
    """
    vocab = vocab or spacy.blank("en").vocab
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER
              for i, w in enumerate(words)]
    kwargs = {}
    if rows and rows[0][1] is not None:
        kwargs = dict(heads=[r[1] for r in rows], deps=[r[2] for r in rows],
                      pos=[r[3] for r in rows], morphs=[r[4] if len(r) > 4 else "" for r in rows])
    doc = Doc(vocab, words=words, spaces=spaces, **kwargs)
    if ents:
        doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label)
                    for s, e, label in ents]
    return doc


def timex_for(doc, text, value, start_date, end_date, type_="DATE", granularity="day", occurrence=0,
              direction=""):
    """A TimeExpression over the ``occurrence``-th ``text`` in ``doc`` (``direction``: the one
    the tagger would have recorded)."""
    at = -1
    for _ in range(occurrence + 1):
        at = doc.text.index(text, at + 1)
    return TimeExpression(start=at, end=at + len(text), text=text, type=type_, value=value,
                          granularity=granularity, start_date=start_date, end_date=end_date,
                          direction=direction)


@pytest.fixture
def make_doc():
    return build_doc


@pytest.fixture
def make_timex():
    return timex_for


def text_doc(text, ents=()):
    """An unparsed Doc of ``text`` (words and punctuation) with entities given as (surface, label)."""
    import re

    doc = build_doc([(w, None, "", "") for w in re.findall(r"\w+|[^\w\s]|\n", text)])
    spans, at = [], 0
    for surface, label in ents:
        at = doc.text.index(surface, at)
        spans.append(doc.char_span(at, at + len(surface), label=label))
        at += len(surface)
    doc.ents = spans
    return doc


@pytest.fixture
def make_text_doc():
    return text_doc
