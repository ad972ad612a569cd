"""The spaCy component: find time expressions in ``doc.text`` and resolve them against
``doc._.dct`` (the publication date), tense-aware (the Doc's parse when it has one) and
narrative-anchored. The tagging itself is tagger.Tagger, which needs no spaCy.

State lives on the Doc, one pass each:
    Doc._.timex_candidates  the rule pass's candidates (rules.find), found once: by the sentence
                            focus (timeline.nlp.focus) when it runs first, else here
    Doc._.timexes           the resolved TimeExpressions (direction and anchor on each)
    Span._.timex            the TimeExpression of an expression's span
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from timeline.doctext import doc_text
from timeline.model import TimeExpression
from timeline.nlp.bounded import check_budget
from timeline.settings import SETTINGS, Settings
from timeline.temporal import rules
from timeline.temporal.rules import Candidate, RuleSet
from timeline.temporal.tagger import Tagger
from timeline.temporal.tense import aside_in_text, aside_of, tense_of

if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)
if not Doc.has_extension("timex_candidates"):
    Doc.set_extension("timex_candidates", default=None)
if not Doc.has_extension("timexes"):
    Doc.set_extension("timexes", default=[])
if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)


class TemporalTagger(Tagger):
    def __init__(self, nlp: Language, name: str, lang: str, date_order: str, settings: Settings = SETTINGS):
        super().__init__(lang, date_order, settings)
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = self.tag(doc)
        return doc

    def tag(self, doc: Doc) -> list[TimeExpression]:
        spans: dict[tuple[int, int], Span | None] = {}
        text = doc_text(doc)
        settings = self.settings

        def tense_at(start: int, end: int) -> str | None:
            check_budget(doc)  # once per expression: a text dense with dates stops in time
            span = spans[start, end] = doc.char_span(start, end, alignment_mode="expand")
            return tense_of(span, settings) if span is not None and len(span) else None

        def aside_at(start: int, end: int) -> bool:
            span = spans.get((start, end)) or doc.char_span(start, end, alignment_mode="expand")
            return aside_of(span, settings) if span is not None and len(span) \
                else aside_in_text(text, start, end, settings)

        found = self.tag_text(text, doc._.dct, tense_at, candidates_of(doc, self.ruleset, settings), aside_at)
        for timex in found:
            span = spans.get((timex.start, timex.end))
            if span is not None and span.start_char == timex.start and span.end_char == timex.end:
                span._.timex = timex
        return found


def candidates_of(doc: Doc, ruleset: RuleSet, settings: Settings = SETTINGS) -> tuple[Candidate, ...]:
    """The rule pass's candidates of ``doc``: found once and kept on the Doc."""
    found = doc._.timex_candidates
    if found is None:
        found = doc._.timex_candidates = rules.find(doc_text(doc), ruleset, settings)
    return found


@Language.factory(
    "timeline_temporal",
    default_config={"lang": "en", "date_order": "MDY"},
)
def make_temporal(nlp: Language, name: str, lang: str, date_order: str) -> TemporalTagger:
    return TemporalTagger(nlp, name, lang, date_order)
