"""Actors of an event: the named people, organisations and places of its sentence.

Labels kept (OntoNotes and UNER names): PERSON / PER, ORG, GPE, LOC, FAC. Countries and
cities act in the news ("Russia said", "Kyiv rejected"), and UNER tags them LOC, so places
are actors; a building such as the White House (FAC) often speaks for its tenant.
NORP ("Russian", "Ukrainian") is left out: it names a group by adjective, which would
list "Russian" next to "Russia" for one actor.

Names are normalised within the article by ``timeline.nlp.actor_names(doc)`` ("Mr Putin"
and "Vladimir Putin" are one actor; "UK" is "United Kingdom"); an entity it leaves out
keeps its own text; duplicates are removed and the order of appearance kept. An entity that
overlaps a time expression ("Thursday" mistaken for a place) or that is only a title
("Prime Minister", "the President", "US President", "Senate Majority Leader": it names a role,
not who) is not an actor, nor is a
"name" of more than six words or with quotes or brackets (a recogniser's runaway span), nor the
news agency a dateline credits ("COTONOU, March 6 (West Africa Wire) -").
"""
from __future__ import annotations

from bisect import bisect_left

ACTOR_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "LOC", "FAC"})
DASHES = ("-", "–", "—", "--")
MAX_WORDS = 6
TITLE_WORDS = frozenset(
    "the prime deputy vice first minister ministers president chancellor secretary premier "
    "king queen prince princess pope spokesman spokeswoman spokesperson mayor governor senator "
    "general ambassador envoy chief leader leaders mr mrs ms dr sir dame lord lady "
    "of state foreign defence defense interior finance justice attorney speaker chairman "
    "chairwoman commissioner director representative congressman congresswoman taoiseach "
    "judge district magistrate prosecutor "
    "tropical storm hurricane typhoon cyclone adviser advisor".split())  # "Tropical Storm" names no one
# the body a title belongs to, in front of it: "Senate Majority Leader", "White House Press Secretary"
INSTITUTION_WORDS = frozenset(
    "senate house white press majority minority opposition party parliament parliamentary "
    "assembly congressional cabinet national security army military council".split())


def is_title(text: str) -> bool:
    """True for a bare title such as "Prime Minister" or "the President", also after a place
    or nationality ("US President", "United States Senator", "Russian Foreign Minister") or
    the body it belongs to ("Senate Majority Leader", "House Speaker")."""
    from timeline.nlp.ruler import canonical_place

    words = text.split()
    for n in range(len(words) - 1, 0, -1):  # the longest listed place in front
        if canonical_place(" ".join(words[:n])):
            words = words[n:]
            break
    words = " ".join(words).replace(".", " ").lower().split()
    while len(words) > 1 and words[0] in INSTITUTION_WORDS:
        words = words[1:]
    return bool(words) and all(w in TITLE_WORDS for w in words)


def article_names(doc) -> dict[tuple[int, int], str]:
    """Canonical name of each entity, keyed by its token range ``(start, end)``."""
    from timeline.nlp import actor_names

    return {(span.start, span.end): name for span, name in actor_names(doc).items()}


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return STOP_WORDS


def plausible(name: str) -> bool:
    """A name, not a run of text an entity recogniser swallowed: at most six words, no
    quotes, brackets, colons, semicolons or lists ("Italy, Chile, and Peru."), not only stop
    words ("Per", "Nobody"), and no final full stop unless the last word is an abbreviation
    ("U.S.", "Inc.")."""
    words = name.split()
    if not words or len(words) > MAX_WORDS or any(c in name for c in '"“”()[]:;'):
        return False
    if all(w.lower() in _stop_words() for w in words):  # "Per request of ...": "Per" is no one
        return False
    if ", and " in name or ", or " in name or name.count(",") > 1:
        return False
    last = words[-1]
    return not last.endswith(".") or "." in last[:-1] or len(last) <= 4


def _credited(doc, ent) -> bool:
    """The entity stands alone in brackets before a dash: a dateline's "(Agency) -"."""
    return (0 < ent.start and ent.end + 1 < len(doc) and doc[ent.start - 1].text == "("
            and doc[ent.end].text == ")" and doc[ent.end + 1].text in DASHES)


def sentence_actors(doc, start_char: int, end_char: int, names: dict[tuple[int, int], str],
                    times: list[tuple[int, int]] = (), ents: list | None = None) -> tuple[str, ...]:
    """Actors named by the entities inside ``[start_char, end_char)`` of ``doc``; entities
    overlapping one of the ``times`` character ranges are skipped. ``ents``: ``doc.ents``
    made once for all of a Doc's sentences (each call of ``doc.ents`` builds every Span)."""
    seen: dict[str, None] = {}
    ents = list(doc.ents) if ents is None else ents
    # entities and expressions are in text order: look only at those of this sentence
    first = bisect_left(ents, start_char, key=lambda e: e.start_char)
    lo = max(0, bisect_left(times, start_char, key=lambda t: t[0]) - 1)
    near = times[lo:bisect_left(times, end_char, key=lambda t: t[0])]
    for k in range(first, len(ents)):
        ent = ents[k]
        if ent.start_char >= end_char:
            break
        if ent.end_char > end_char or ent.label_ not in ACTOR_LABELS:
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in near):
            continue
        if ent.start_char < 200 and _credited(doc, ent):
            continue  # "COTONOU, March 6 (West Africa Wire) -": the agency, not an actor
        name = names.get((ent.start, ent.end)) or " ".join(ent.text.split())
        if name and not is_title(name) and plausible(name):
            seen.setdefault(name, None)
    return tuple(seen)
