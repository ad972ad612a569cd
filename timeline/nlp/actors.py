"""Actor names normalised within one article.

    actor_names(doc) -> {Span: canonical name}

People: a name is replaced by the longest full name of the article that contains it as a
sequence of words ("Putin", "Mr Putin" -> "Vladimir Putin"; "Sir Keir" -> "Keir Starmer" when
"Keir Starmer" appears). When several full names fit ("Trump": "Donald Trump" and "Melania
Trump"), the most frequent wins, then the first seen. Places and organisations take the
gazetteer's canonical name ("UK", "Britain" -> "United Kingdom"); anything else keeps its
text, tidied (a leading "the" and a trailing possessive go).
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from timeline.nlp.ruler import canonical_place

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
_POSSESSIVE = ("'s", "’s", "'", "’")


def _words(span: Span) -> tuple[str, ...]:
    words = [t.text for t in span if not t.is_punct or t.text in (".", "-")]
    while words and words[-1] in _POSSESSIVE:
        words.pop()
    return tuple(words)


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """``part``'s words appear in ``full`` in order ("Donald Trump" in "Donald J. Trump")."""
    remaining = iter(w.casefold() for w in full)
    return all(any(word.casefold() == other for other in remaining) for word in part)


def _tidy(span: Span) -> str:
    text = " ".join(span.text.split())
    if text.lower().startswith("the ") and len(span) > 1:
        text = text[4:]
    for ending in _POSSESSIVE:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)].rstrip()
    return text


def _person_names(people: list[Span]) -> dict[Span, str]:
    words = {span: _words(span) for span in people}
    counts = Counter(words.values())
    first_seen: dict[tuple[str, ...], int] = {}
    for span in people:
        first_seen.setdefault(words[span], span.start)
    out = {}
    for span in people:
        own = words[span]
        if not own:
            out[span] = _tidy(span)
            continue
        fits = [full for full in counts if len(full) >= len(own) and _contains(full, own)]
        best = max(fits, key=lambda full: (len(full), counts[full], -first_seen[full]))
        out[span] = " ".join(best)
    return out


def actor_names(doc: Doc) -> dict[Span, str]:
    """Each actor-like entity of ``doc`` (PERSON, ORG, GPE, NORP, LOC, FAC) -> canonical name."""
    ents = [ent for ent in doc.ents if ent.label_ in ACTOR_LABELS]
    out = _person_names([ent for ent in ents if ent.label_ == "PERSON"])
    for ent in ents:
        if ent.label_ != "PERSON":
            out[ent] = ent.id_ or canonical_place(_tidy(ent)) or _tidy(ent)
    return out
