"""timeline_sentences: the statistical pipeline run sentence by sentence ("all" / "timex")."""
from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from tests.nlp.helpers import needs_model
from timeline.nlp.focus import COMPONENT, dated_candidates, sentence_pipeline
from timeline.nlp.splitter import split_text

# Written for this test: a headline, sentences with and without time expressions, a quote,
# a wrapped line and a sentence the parser may cut in two.
ARTICLE = (
    "Port talks stall as unions dig in\n\n"
    "Negotiators for the dock workers met harbour officials in Rotterdam on Wednesday, "
    "Ms. Ingrid Vos told reporters. The union wants a pay rise and shorter shifts. "
    "“We will not sign anything before the end of the month,” said Pieter Jansen, "
    "who leads the union. Talks broke down last year after a similar dispute.\n"
    "Shipping lines have moved cargo to Antwerp and Hamburg. The Dutch transport minister, "
    "Mark de Groot, is expected to visit the port next Tuesday; his office declined to comment. "
    "Ms. Vos said the mood was tense."
)
PUBLISHED = date(2025, 6, 2)
ATTRS = ("tag_", "pos_", "dep_", "lemma_", "ent_iob_", "ent_type_")


def blank_pipeline(mode: str):
    return sentence_pipeline(spacy.blank("en"), f"test-blank-{mode}", mode)


def run(nlp, text=ARTICLE, published=PUBLISHED):
    doc = nlp.make_doc(text)
    if Doc.has_extension("dct"):
        doc._.dct = published
    return nlp(doc)


def token_view(doc, start: int, end: int):
    """Everything the model wrote on tokens start..end-1 (heads relative to the start)."""
    return [(t.text, *(getattr(t, a) for a in ATTRS), str(t.morph), t.head.i - start) for t in doc[start:end]]


# -- with the shipped model -----------------------------------------------------------

@pytest.fixture(scope="module")
def docs():
    from timeline.nlp import load

    return {mode: run(load(None, mode=mode)) for mode in ("all", "timex")}


@needs_model
@pytest.mark.slow
def test_timex_sentences_are_annotated_identically_in_both_modes(docs):
    full, focused = docs["all"], docs["timex"]
    from timeline.nlp import load

    analyser = load(None, mode="timex").get_pipe(COMPONENT)
    chosen = [(a, b) for a, b, on in analyser.plan(full) if on]
    texts = [full[a:b].text.strip() for a, b in chosen]
    with_time = {full[a:b].text.strip() for a, b, _ in analyser.plan(full)
                 if any(full[a].idx <= s < full[b - 1].idx + len(full[b - 1]) for s, _ in dated_candidates(full))}
    assert set(texts) == with_time and len(texts) < 8
    for words in ("Rotterdam on Wednesday", "broke down last year", "next Tuesday"):
        assert any(words in t for t in texts), words
    for a, b in chosen:
        assert token_view(focused, a, b) == token_view(full, a, b)
        assert {(e.start, e.end, e.label_) for e in focused.ents if a <= e.start < b} == \
            {(e.start, e.end, e.label_) for e in full.ents if a <= e.start < b}
    assert [(t.text, t.value) for t in focused._.timexes] == [(t.text, t.value) for t in full._.timexes]


def make_doc(text, published=PUBLISHED):
    import timeline.temporal.component  # noqa: F401  (the Doc extensions)

    doc = spacy.blank("en").make_doc(text)
    doc._.dct = published
    return doc


def test_dated_candidates_keep_only_what_an_event_can_be_placed_at():
    text = "The strike lasted three weeks. Talks resume every week. Talks resumed on Monday. They last met in 2019."
    doc = make_doc(text)
    assert [text[a:b] for a, b in dated_candidates(doc)] == ["Monday", "2019"]
    assert dated_candidates(make_doc("  \n")) == []


def test_dated_candidates_are_what_the_tense_aware_tagger_dates():
    """The focus chooses from the rule pass alone (no resolution, no tense): the same spans
    the tagger dates once it has resolved them with tense."""
    from timeline.temporal import tag_time

    text = ("The envoys met on Thursday and will meet again on Thursday. The deal was expected to "
            "close in March, two days later than planned. Officials said last week that talks would "
            "resume the following week. It has not rained for 30 days. Over the next decade it grows.")
    spans = dated_candidates(make_doc(text))
    assert spans == [(t.start, t.end) for t in tag_time(text, PUBLISHED) if t.dated]
    assert len(spans) == 6  # not the two durations


def test_the_rule_pass_runs_once_and_the_component_reads_it_from_the_doc(monkeypatch):
    from timeline.temporal import rules
    from timeline.temporal import add_temporal

    nlp = add_temporal(sentence_pipeline(spacy.blank("en"), "test-once", "timex"))
    calls = []
    find = rules.find
    monkeypatch.setattr(rules, "find", lambda text, ruleset, settings: calls.append(text) or find(text, ruleset, settings))
    doc = nlp(make_doc("Talks resumed on Monday. Nothing else."))
    assert calls == [doc.text] and [c.text for c in doc._.timex_candidates] == ["Monday"]
    assert [(t.text, t.value) for t in doc._.timexes] == [("Monday", "2025-06-02")]


@needs_model
@pytest.mark.slow
def test_only_sentences_with_a_dated_expression_are_analysed():
    from timeline.nlp import load

    nlp = load(None, mode="timex")
    doc = run(nlp, "The strike lasted three weeks. Talks resume every week. Talks resumed on Monday.")
    sents = list(doc.sents)
    assert [bool(s[1].tag_) for s in sents] == [False, False, True]
    assert [t.value for t in doc._.timexes] == ["P3W", "P1W", "2025-06-02"]


@needs_model
@pytest.mark.slow
def test_each_sentence_is_analysed_alone(docs):
    """A sentence inside the article gets what the model gives it as a text of its own."""
    from timeline.nlp import load_base

    inner = load_base()
    full = docs["all"]
    sentence = "The union wants a pay rise and shorter shifts."
    start = full.text.index(sentence)
    span = full.char_span(start, start + len(sentence))
    alone = inner(sentence)
    assert token_view(full, span.start, span.end) == token_view(alone, 0, len(alone))


@needs_model
@pytest.mark.slow
def test_sentences_without_time_stay_flat_but_valid(docs):
    focused = docs["timex"]
    sentence = "The union wants a pay rise and shorter shifts."
    start = focused.text.index(sentence)
    span = focused.char_span(start, start + len(sentence))
    assert span.root.i == span.start and span.root.dep_ == "ROOT"
    assert all(t.head.i == span.start and t.dep_ == "dep" and not t.tag_ for t in span[1:])
    # boundaries: every splitter sentence starts a Doc sentence and no Doc sentence crosses
    # one (the parser may cut a sentence further, inside it), the headline apart
    splitter = [(focused.char_span(a, b).start, focused.char_span(a, b).end) for a, b in split_text(ARTICLE)]
    assert splitter[0] == (0, 7)  # "Port talks stall as unions dig in"
    for doc in docs.values():
        starts = {s.start for s in doc.sents}
        assert {a for a, _ in splitter} <= starts
        for sent in doc.sents:
            inside = [(a, b) for a, b in splitter if a <= sent.start < b]
            assert inside and sent.end <= inside[0][1] + 1  # + the whitespace after it
    # the entity rules still ran on the sentences left out
    late = focused.text.rindex("Ms. Vos")
    assert any(e.start_char == late + 4 and e.label_ == "PERSON" for e in focused.ents)
    assert "Antwerp" in {e.text for e in focused.ents}


@needs_model
@pytest.mark.slow
def test_pipe_batches_give_the_same_docs_as_one_by_one():
    from timeline.nlp import load

    nlp = load(None, mode="timex")
    texts = [ARTICLE, "Nothing dated here. Just words.", "", "Lee left on Friday.\n\n\nBye."]
    one = [run(nlp, t) for t in texts]
    docs = []
    for t in texts:
        d = nlp.make_doc(t)
        d._.dct = PUBLISHED
        docs.append(d)
    batched = list(nlp.pipe(docs, batch_size=3))
    for a, b in zip(one, batched):
        assert token_view(a, 0, len(a)) == token_view(b, 0, len(b))
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]


@needs_model
@pytest.mark.slow
def test_a_pipeline_without_parser_gets_the_splitter_sentences():
    from timeline.nlp.loader import MODEL_DIR

    inner = spacy.load(MODEL_DIR, exclude=["parser"])
    nlp = sentence_pipeline(inner, "test-no-parser", "all")
    doc = nlp("Talks ended\nLee flew to Paris on Monday. It rained.")
    assert [s.text.strip() for s in doc.sents] == ["Talks ended", "Lee flew to Paris on Monday.", "It rained."]
    assert doc[3].pos_ in ("PROPN", "NOUN") and not doc.has_annotation("DEP")


# -- mechanics, no model needed ----------------------------------------------------------

def test_timex_mode_without_a_publication_date_chooses_the_sentences_with_a_candidate():
    analyser = blank_pipeline("timex").get_pipe(COMPONENT)
    doc = analyser.inner.make_doc("Title line\nIt rained. They met on Friday. Nothing else.")
    plan = analyser.plan(doc)
    assert [(doc[a:b].text.strip(), on) for a, b, on in plan] == [
        ("Title line", False), ("It rained.", False), ("They met on Friday.", True), ("Nothing else.", False)]


def test_a_cut_inside_a_token_joins_the_two_sentences():
    nlp = blank_pipeline("all")
    doc = Doc(nlp.vocab, words=["It", "rained. Then", "sun", ".", "Bye", "."])
    doc = nlp(doc)
    assert [s.text.strip() for s in doc.sents] == ["It rained. Then sun .", "Bye ."]


def test_the_longest_sentence_is_read_from_the_analysers_settings():
    from timeline.nlp.focus import SentenceAnalyser
    from timeline.settings import SETTINGS

    inner = spacy.blank("en")
    doc = inner.make_doc("They met " + "and talked " * 20 + "on Friday.")
    whole = SentenceAnalyser(inner, "all").sentences(doc)
    parts = SentenceAnalyser(inner, "all", settings=SETTINGS.replace(max_sentence_tokens=20)).sentences(doc)
    assert whole == [[0, len(doc)]]
    assert parts == [[k, min(k + 20, len(doc))] for k in range(0, len(doc), 20)] and len(parts) == 3


def test_whitespace_only_and_empty_docs():
    nlp = blank_pipeline("all")
    assert len(nlp("")) == 0
    doc = nlp("  \n\n ")
    assert len(list(doc.sents)) == 1
    doc = nlp("\n\nLead in. Next one.\n\n")
    assert [s.text.strip() for s in doc.sents] == ["Lead in.", "Next one."]


def test_the_factory_needs_a_registered_pipeline():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="sentence_pipeline"):
        nlp.add_pipe(COMPONENT, config={"model": "never-registered"})


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="use one of timex, all"):
        sentence_pipeline(spacy.blank("en"), "test-bad", "some")


def test_a_pipeline_that_retokenises_leaves_that_sentence_unannotated():
    inner = spacy.blank("en")
    inner.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Acme Corp"},
                                                 {"label": "GPE", "pattern": "Oslo"}])
    inner.add_pipe("merge_entities")  # "Acme Corp" becomes one token: no longer aligned
    nlp = sentence_pipeline(inner, "test-retokenise", "all")
    doc = nlp("Acme Corp left. Talks went on in Oslo.")
    assert len(doc) == 10 and [s.text.strip() for s in doc.sents] == ["Acme Corp left.", "Talks went on in Oslo."]
    assert [(e.text, e.label_) for e in doc.ents] == [("Oslo", "GPE")]
