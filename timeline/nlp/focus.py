"""The statistical model, sentence by sentence: the ``timeline_sentences`` component.

The pipeline ``timeline.nlp.load()`` returns is a blank Language that shares the statistical
pipeline's vocabulary and tokenizer and holds

    timeline_sentences -> timeline_honorifics -> timeline_gazetteer -> timeline_temporal

``timeline_sentences`` cuts the Doc into sentences with the rule splitter
(``timeline.nlp.splitter``), runs the statistical pipeline (tagger, morphologizer, parser,
NER ...) on each chosen sentence *alone* (a new Doc of its tokens, with their norms; the
sentences of a batch of Docs go through the model together) and writes the annotations back:
TAG, POS, MORPH, LEMMA, DEP and HEAD (inside the sentence), entities. A sentence analysed
alone gets the same annotations whichever other sentences are analysed, so the two modes
agree on every sentence they both analyse:

    "all"    every sentence
    "timex"  only the sentences that hold a time expression an event can be placed at: a
             candidate of the temporal rule pass whose rule dates (``Rule.dated``: a DATE or
             TIME on the calendar, a duration that runs ahead; not "now", durations, sets).
             The candidates are found once and kept on the Doc
             (``Doc._.timex_candidates``), where the temporal component reads them; events
             come only from such sentences, so this is load()'s default.

A sentence left out gets a flat structure (its first token the root, the others attached to
it with the label "dep"), no tags and no statistical entities; the entity rules that follow
in the pipeline still run over the whole Doc. Whitespace between sentences hangs on the last
token before it. Sentence starts are the splitter's (a parser that cuts a sentence further
keeps its cut inside that sentence); with a pipeline that has no parser they are set
directly.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import (DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS,
                         SENT_START, SPACY, TAG)
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from timeline.doctext import doc_text
from timeline.nlp.bounded import check_budget
from timeline.nlp.splitter import split_text
from timeline.settings import SETTINGS, Settings
from timeline.temporal import rules
from timeline.temporal.component import candidates_of

COMPONENT = "timeline_sentences"
MODES = ("timex", "all")
COPIED = [TAG, POS, MORPH, LEMMA, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]
OUTSIDE = 2  # ENT_IOB "O"
SENTENCE_BATCH = 256  # sentences per call of the statistical pipeline
BATCH_TOKENS = 8_192  # ... and at most about this many tokens (the model's memory follows them)

# statistical pipelines by key, for the factory (a Language cannot travel through a config)
_inner: dict[str, Language] = {}


def sentence_pipeline(inner: Language, key: str, mode: str = "timex") -> Language:
    """A blank Language sharing ``inner``'s vocab and tokenizer whose first component runs
    ``inner`` sentence by sentence (``mode`` "timex" or "all"). ``key`` names ``inner``."""
    check_mode(mode)
    import spacy

    _inner[key] = inner
    outer = spacy.blank(inner.lang, vocab=inner.vocab)
    outer.tokenizer = inner.tokenizer
    outer.add_pipe(COMPONENT, config={"model": key, "mode": mode})
    return outer


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"unknown sentence mode {mode!r}: use one of {', '.join(MODES)}")
    return mode


@Language.factory(COMPONENT, default_config={"model": "", "mode": "timex", "lang": "en"})
def make_sentences(nlp: Language, name: str, model: str, mode: str, lang: str) -> "SentenceAnalyser":
    inner = _inner.get(model)
    if inner is None or inner.vocab is not nlp.vocab:
        raise ValueError(f"{COMPONENT}: no statistical pipeline {model!r} sharing this vocabulary; "
                         "build the pipeline with timeline.nlp.focus.sentence_pipeline()")
    return SentenceAnalyser(inner, check_mode(mode), lang)


class SentenceAnalyser:
    def __init__(self, inner: Language, mode: str, lang: str = "en", settings: Settings = SETTINGS):
        self.inner = inner
        self.mode = mode
        assigns = {a for n in inner.pipe_names for a in inner.get_pipe_meta(n).assigns}
        self.parses = "token.dep" in assigns
        self.recognises = "doc.ents" in assigns or "token.ent_iob" in assigns
        self.attrs = COPIED + ([DEP, HEAD] if self.parses else [SENT_START])
        self.root = inner.vocab.strings.add("ROOT")
        self.dep = inner.vocab.strings.add("dep")
        self.lang = lang
        self.settings = settings
        self.stats = {"sentences": 0, "analysed": 0, "words": 0, "analysed_words": 0}

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, max(1, batch_size or 32)):
            plans = [self.plan(doc) for doc in batch]
            chosen = [sub for doc, plan in zip(batch, plans) for sub in self.copies(doc, plan)]
            size = max(1, min(SENTENCE_BATCH, BATCH_TOKENS * len(chosen) // max(1, sum(map(len, chosen)))))
            analysed = iter(self.inner.pipe(chosen, batch_size=size)) if chosen else iter(())
            for doc, plan in zip(batch, plans):
                yield self.write(doc, plan, analysed)

    def copies(self, doc: Doc, plan: list[tuple[int, int, bool]]) -> list[Doc]:
        """A new Doc for each chosen sentence: its words, spaces and norms (what the
        tokenizer set), nothing else (``Span.as_doc`` copies the whole Doc's arrays each time)."""
        chosen = [(a, b) for a, b, on in plan if on]
        if not chosen:
            return []
        arr = doc.to_array([ORTH, SPACY, NORM])
        strings = doc.vocab.strings
        out = []
        for a, b in chosen:
            part = arr[a:b]
            sub = Doc(doc.vocab, words=[strings[int(o)] for o in part[:, 0]],
                      spaces=[bool(x) for x in part[:, 1]])
            sub.from_array([NORM], part[:, 2:3])
            out.append(sub)
        return out

    # -- which sentences --------------------------------------------------------------

    def sentences(self, doc: Doc) -> list[list[int]]:
        """Token ranges [start, end) of the splitter's sentences; a cut that falls inside a
        token joins the two sentences it would separate. A sentence longer than
        ``max_sentence_tokens`` (settings) is analysed in parts of that size, so parse depth
        and the work per sentence stay bounded however a text is written."""
        out: list[list[int]] = []
        for start, end in split_text(doc_text(doc)):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            if out and span.start < out[-1][1]:
                out[-1][1] = max(out[-1][1], span.end)
            else:
                out.append([span.start, span.end])
        size = self.settings.max_sentence_tokens
        if all(b - a <= size for a, b in out):
            return out
        return [[k, min(k + size, b)] for a, b in out for k in range(a, b, size)]

    def plan(self, doc: Doc) -> list[tuple[int, int, bool]]:
        """(start, end, analyse?) for each sentence of ``doc``."""
        sents = self.sentences(doc)
        if self.mode == "all":
            chosen = [True] * len(sents)
        else:
            chosen = [False] * len(sents)
            starts = [doc[a].idx for a, _ in sents]
            for start, end in dated_candidates(doc, self.lang, self.settings):
                i = max(0, bisect_right(starts, start) - 1)
                while i < len(sents) and doc[sents[i][0]].idx < end:
                    last = doc[sents[i][1] - 1]
                    if last.idx + len(last) > start:
                        chosen[i] = True
                    i += 1
        stats = self.stats
        stats["sentences"] += len(sents)
        stats["analysed"] += sum(chosen)
        for (a, b), on in zip(sents, chosen):
            words = b - a
            stats["words"] += words
            stats["analysed_words"] += words if on else 0
        return [(a, b, on) for (a, b), on in zip(sents, chosen)]

    # -- writing back -----------------------------------------------------------------

    def write(self, doc: Doc, plan: list[tuple[int, int, bool]], analysed: Iterator[Doc]) -> Doc:
        n = len(doc)
        if not n:
            return doc
        attrs = self.attrs
        col = {attr: k for k, attr in enumerate(attrs)}
        arr = numpy.zeros((n, len(attrs)), dtype="uint64")
        if self.recognises:
            arr[:, col[ENT_IOB]] = OUTSIDE
        for a, b, on in plan:
            check_budget(doc)
            sub = next(analysed) if on else None
            if sub is not None and len(sub) == b - a:
                arr[a:b] = sub.to_array(attrs)
                if self.parses and not sub.has_annotation("DEP"):
                    self._flat(arr, col, a, b)
            elif self.parses:
                self._flat(arr, col, a, b)
        if self.parses:
            self._attach_gaps(arr, col, n, plan)
        else:
            self._sentence_starts(arr, col[SENT_START], n, plan)
        doc.from_array(attrs, arr)
        return doc

    def _flat(self, arr, col, a: int, b: int) -> None:
        """Tokens a..b-1 as one sentence: a is the root, the others hang on it."""
        arr[a, col[DEP]] = self.root
        arr[a, col[HEAD]] = 0
        if b > a + 1:
            arr[a + 1:b, col[DEP]] = self.dep
            arr[a + 1:b, col[HEAD]] = (a - numpy.arange(a + 1, b, dtype="int64")).view("uint64")

    def _attach_gaps(self, arr, col, n: int, plan) -> None:
        """Tokens outside every sentence (whitespace) hang on the token before them, or on the
        first token of the first sentence when they open the Doc."""
        if not plan:
            self._flat(arr, col, 0, n)
            return
        covered = numpy.zeros(n, dtype=bool)
        for a, b, _ in plan:
            covered[a:b] = True
        gaps = numpy.flatnonzero(~covered)
        if len(gaps):
            first = plan[0][0]
            heads = numpy.where(gaps < first, first, gaps - 1)
            arr[gaps, col[DEP]] = self.dep
            arr[gaps, col[HEAD]] = (heads - gaps).astype("int64").view("uint64")

    def _sentence_starts(self, arr, c: int, n: int, plan) -> None:
        """No parser: the splitter's starts (and any start the pipeline set inside a sentence);
        whitespace before the first sentence belongs to it."""
        starts = arr[:, c] == 1
        for a, _, _ in plan:
            starts[a] = True
        if plan:
            starts[plan[0][0]] = False
        starts[0] = True
        arr[:, c] = numpy.where(starts, 1, -1).astype("int64").view("uint64")


def dated_candidates(doc: Doc, lang: str = "en", settings: Settings = SETTINGS) -> list[tuple[int, int]]:
    """Character ranges of the candidates of ``doc`` that an event can be placed at
    (``Rule.dated``), from the rule pass kept on the Doc (found here when it has not run)."""
    return [(c.start, c.end) for c in candidates_of(doc, rules.load(lang), settings) if c.rule.dated]
