"""Actors of an event: the named people, organisations and places of its sentence.

Labels kept (OntoNotes and UNER names): PERSON / PER, ORG, GPE, LOC, FAC. Countries and
cities act in the news ("Russia said", "Kyiv rejected"), and UNER tags them LOC, so places
are actors; a building such as the White House (FAC) often speaks for its tenant.
NORP ("Russian", "Ukrainian") is left out: it names a group by adjective, which would
list "Russian" next to "Russia" for one actor.

Names are normalised within the article by ``timeline.nlp.actor_names(doc)`` ("Mr Putin"
and "Vladimir Putin" are one actor) when the nlp package provides it, else the entity
text is used; duplicates are removed and the order of appearance kept.
"""
from __future__ import annotations

ACTOR_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "LOC", "FAC"})


def article_names(doc) -> dict[tuple[int, int], str]:
    """Canonical name of each entity, keyed by its token range ``(start, end)``."""
    try:
        from timeline.nlp import actor_names
    except ImportError:  # the nlp package is optional for hand-built Docs
        return {}
    return {(span.start, span.end): name for span, name in actor_names(doc).items()}


def sentence_actors(doc, start_char: int, end_char: int, names: dict[tuple[int, int], str]) -> tuple[str, ...]:
    """Actors named by the entities inside ``[start_char, end_char)`` of ``doc``."""
    seen: dict[str, None] = {}
    for ent in doc.ents:
        if ent.start_char < start_char or ent.end_char > end_char or ent.label_ not in ACTOR_LABELS:
            continue
        name = names.get((ent.start, ent.end)) or " ".join(ent.text.split())
        if name:
            seen.setdefault(name, None)
    return tuple(seen)
