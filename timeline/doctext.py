"""``doc_text(doc)``: a Doc's text, built once.

spaCy's ``Doc.text`` joins the text of every token on each access; the pipeline reads it in
several places (the sentence focus, the temporal component, the actors, the events). A Doc's
text never changes (retokenizing merges and splits tokens but keeps the characters), so it is
kept in ``doc.user_data`` the first time.
"""
from __future__ import annotations

_KEY = "timeline.text"


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None or not _fits(doc, text):
        text = doc.user_data[_KEY] = doc.text
    return text


def _fits(doc, text: str) -> bool:
    """A kept text still spans the Doc (a guard against a copied or rebuilt ``user_data``)."""
    if not len(doc):
        return text == ""
    last = doc[-1]
    return len(text) == last.idx + len(last.text_with_ws)
