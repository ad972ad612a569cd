"""Actor names normalised within one article.

    actor_names(doc) -> {Span: canonical name}

People: a name is replaced by the longest full name of the article that contains it as a
sequence of words ("Putin", "Mr Putin" -> "Vladimir Putin"; "Sir Keir" -> "Keir Starmer" when
"Keir Starmer" appears). Full names also come from the text itself: a capitalised word
right before a one-word name ("Bill" in "Bill Clinton" for "Clinton", with a middle initial:
"John C. Marous") that is no title (nor a
word of resources/not_first_names.txt: "General", "Hurricane"), stop word, month, weekday or place, so a name given in full in a sentence the statistical model did
not analyse (timeline.nlp.focus, mode "timex") still counts. When several full names fit
("Trump": "Donald Trump" and "Melania Trump"), the most frequent wins, then the first seen. Places and organisations take the
gazetteer's canonical name ("UK", "Britain" -> "United Kingdom"); anything else keeps its
text, tidied (a leading "the" and a trailing possessive go).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span

from timeline.doctext import doc_text
from timeline.nlp.ruler import RESOURCES, canonical_place, honorifics

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
_POSSESSIVE = ("'s", "’s", "'", "’")
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today tonight yesterday".split())
# a capitalised word, a middle initial maybe ("John C. Marous"), and the word after them (in a
# lookahead, so that pairs overlap: "Former Bill Clinton")
_PAIR = re.compile(r"(?<![\w.’'-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?) (?=(?:([A-Z]\.) )?([^\W\d_]+)\b)")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Words that precede a name without being a first name: the honorifics' words and
    resources/not_first_names.txt."""
    extra = (RESOURCES / "not_first_names.txt").read_text(encoding="utf-8").splitlines()
    words = [w for title in honorifics() for w in title.split()]
    words += [line.strip() for line in extra if line.strip() and not line.startswith("#")]
    return frozenset(w.rstrip(".").casefold() for w in words)


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


def _spelled_out(doc: Doc, people: list[Span], words: dict) -> list[tuple[tuple[str, str], int]]:
    """("First", "Surname") written in the text for the one-word names of ``people``, outside
    the PERSON entities, with their character offset."""
    single = {w[0] for w in words.values() if len(w) == 1 and w[0][:1].isupper() and w[0].isalpha()}
    if not single:
        return []
    taken = [(span.start_char, span.end_char) for span in people]
    found, after = [], 0
    for m in _PAIR.finditer(doc_text(doc)):  # one compiled pattern; the surname is checked here
        if m.start() < after or m.group(3) not in single:
            continue
        after = m.end(3)  # a pair's surname is no first name of the next pair
        first = m.group(1)
        if (first.casefold() in _title_words() or first.casefold() in _CALENDAR
                or doc.vocab[first.lower()].is_stop or canonical_place(first)
                or any(s <= m.start() < e for s, e in taken)):
            continue
        found.append(((first, m.group(2), m.group(3)) if m.group(2) else (first, m.group(3)), m.start()))
    return found


def _person_names(doc: Doc, people: list[Span]) -> dict[Span, str]:
    words = {span: _words(span) for span in people}
    counts = Counter(words.values())
    first_seen: dict[tuple[str, ...], int] = {}
    for span in people:
        first_seen.setdefault(words[span], span.start_char)
    for full, at in _spelled_out(doc, people, words):
        counts[full] += 1
        first_seen[full] = min(at, first_seen.get(full, at))
    out = {}
    for span in people:
        own = words[span]
        if not own:
            out[span] = _tidy(span)
            continue
        fits = [full for full in counts if len(full) >= len(own) and _contains(full, own)]
        best = max(fits, key=lambda full: (len(full), counts[full], -first_seen[full]))
        out[span] = _joined(best)
    return out


def _joined(words: tuple[str, ...]) -> str:
    """A name from its words: spaces between them, none around a hyphen ("Bashar al-Assad")."""
    return " ".join(words).replace(" - ", "-")


def actor_names(doc: Doc) -> dict[Span, str]:
    """Each actor-like entity of ``doc`` (PERSON, ORG, GPE, NORP, LOC, FAC) -> canonical name."""
    ents = [ent for ent in doc.ents if ent.label_ in ACTOR_LABELS]
    out = _person_names(doc, [ent for ent in ents if ent.label_ == "PERSON"])
    for ent in ents:
        if ent.label_ != "PERSON":
            text = _tidy(ent)
            out[ent] = ent.id_ or canonical_place(text) or _shouted_place(text) or text
    return out


def _shouted_place(text: str) -> str | None:
    """A place written in capitals, as in a dateline ("WASHINGTON (AP) --" -> "Washington");
    short all-capital words are acronyms ("NATO", "UK") and stay as they are."""
    if len(text) > 4 and text.isupper():
        return canonical_place(text.title())
    return None
