"""The one tense interface: is the clause around a span about the past, the future or now?

Tenses: "past", "future", "present", "later" (the future seen from the past: "was expected
to sign on Friday", "said it would vote on Monday") or None (no cue).

``tense_of(span)`` reads the cue words first (resources/en/cues.ini: will, 'll, going to, expected to, said, was,
-ed forms ...: what the rule-only path reads), and when they find nothing, the best
annotation the Doc has:
  1. a dependency parse + morphology: the verb governing the span, its auxiliaries/modals
     (a governing verb without tense, "an agreement *to buy* in January", gives no tense:
     the news convention decides, not a verb of another clause);
  2. morphology only: the nearest finite verb in the sentence window.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from timeline.doctext import doc_text
from timeline.temporal import cues
from timeline.settings import SETTINGS, Settings

# the cue words are data: resources/en/cues.ini (one section a set, with examples the tests run)
CUES = cues.english()
FUTURE_WORDS = CUES["future_words"].words
FUTURE_BEFORE_TO = CUES["future_before_to"].words
PAST_WORDS = CUES["past_words"].words
INTENT_PAST = CUES["intent_past"].words
PAST_AUX = CUES["past_aux"].words
FUTURE_IN_PAST_NEXT = CUES["future_in_past_next"].words
BEFORE_DUE_TO = CUES["before_due_to"].words
DUE_NEXT = CUES["due_next"].words
REPORTING_PAST = CUES["reporting_past"].words
PRESENT_WORDS = CUES["present_words"].words
DEADLINE_PRESENT = CUES["deadline_present"].after
SCHEDULE_PRESENT = CUES["schedule_present"].words
SCHEDULE_BASE = CUES["schedule_base"].words
NOT_FINITE_LEAD = CUES["not_finite_lead"].words
NOT_PAST_ED = CUES["not_past_ed"].words
FUTURE_LEAD = CUES["future_lead"].words
NOUN_LEAD = CUES["noun_lead"].words
UNTIL_LEAD = CUES["until_lead"].words
SKIP_LEAD = CUES["skip_lead"].words
ADJECTIVE_LEAD = CUES["adjective_lead"].words
FUTURE_BEFORE_FOR = CUES["future_before_for"].words
CLAUSE_AFTER_AND = CUES["clause_after_and"].words
PASSIVE_LEAD = CUES["passive_lead"].words
BOUNDARY = CUES["boundary"].words
SCHEDULE_OBJECT = CUES["schedule_object"].after
FUTURE_BEFORE_ONLY = CUES["future_before_only"].words
FUTURE_AUX = CUES["future_aux"].words
WEAK_MODALS = CUES["weak_modals"].words
WOULD_PERFECT = CUES["would_perfect"].words
PERFECT_AUX = CUES["perfect_aux"].words
PERFECT_PARSE = CUES["perfect_parse"].words
POSSESSIVE = CUES["possessive"].words
CLAUSE_JOINERS = CUES["clause_joiners"].words
PLUPERFECT = CUES["pluperfect"].words
PERFECT_SKIP = CUES["perfect_skip"].words
ASIDE_LEAD = CUES["aside_lead"].words
ASIDE_BEFORE = CUES["aside_before"].words
BRACKETS = CUES["brackets"].after
# word endings, longest first: a past verb ("voted"), a participle after "had" ("taken", "flown")
PAST_ENDINGS = tuple(sorted(CUES["past_endings"].words, key=len, reverse=True))
PARTICIPLE_ENDINGS = tuple(sorted(CUES["participle_endings"].words, key=len, reverse=True))
# auxiliary dependency labels: spaCy's English (ClearNLP) ones and Universal Dependencies ones
AUX_DEPS = frozenset({"aux", "auxpass", "aux:pass"})


def _word_cue(tokens: list, i: int, left: bool, settings: Settings) -> str | None:
    """The cue of tokens[i] ("later": the future seen from the past); ``left``:
    the word comes before the expression."""
    tok = tokens[i]
    low = tok.lower_
    nxt = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
    prev = tokens[i - 1].lower_ if i > 0 else ""
    if low == "due" and nxt == "to" and prev not in BEFORE_DUE_TO:  # "fell due to inflation": a cause
        return None
    if nxt == "for" and low in FUTURE_BEFORE_FOR and left:
        return "future"
    if nxt == "to" and (low in FUTURE_BEFORE_TO or low in INTENT_PAST):
        if prev in PAST_AUX:  # "was expected to arrive on Friday": ahead of a past moment
            return "later"
        if low in INTENT_PAST:  # "agreed to buy it in May"; "On Friday, it agreed to ..."
            return "later" if left else "past"
        return "future"
    if low in PAST_AUX and nxt in FUTURE_IN_PAST_NEXT:  # "were planning", "was about to"
        return "later"
    if low == "due" and nxt in DUE_NEXT:  # "elections are due in the autumn": a date ahead
        return "later" if prev in PAST_AUX else "future"
    if low in FUTURE_WORDS and low not in FUTURE_BEFORE_ONLY:
        return "future"
    if low == "would" and nxt not in WOULD_PERFECT:
        # "said it would vote on Friday": future seen from a past report, no direction
        return "later" if REPORTING_PAST.intersection(
            t.lower_ for t in tokens[max(0, i - settings.tense_report_lookback_words):i]) else "future"
    if low in PAST_WORDS:
        return None if prev in PASSIVE_LEAD else "past"
    if low in PERFECT_AUX and nxt.endswith(PAST_ENDINGS):
        return "past"
    if low.endswith(PAST_ENDINGS) and len(low) >= settings.tense_past_ed_min_letters and low not in NOT_PAST_ED and tok.is_alpha:
        return None if prev in PASSIVE_LEAD or prev == "to" or prev in ADJECTIVE_LEAD else "past"
    if _scheduled(low, prev, nxt):
        return "future"
    if low in DEADLINE_PRESENT:  # "the deadline is 31 December": ahead
        near = settings.tense_deadline_words
        if DEADLINE_PRESENT[low].intersection(t.lower_ for t in tokens[max(0, i - near):i + near + 1]):
            return "future"
    if low in PRESENT_WORDS:
        return "present"
    return None


def _scheduled(low: str, prev: str, nxt: str) -> bool:
    """A verb of the timetable present: "begins", "take effect", "goes ahead"."""
    if prev in NOT_FINITE_LEAD:
        return False
    return low in SCHEDULE_PRESENT or low in SCHEDULE_BASE or nxt in SCHEDULE_OBJECT.get(low, ())


def _morph_cue(tokens: list, i: int, left: bool, settings: Settings) -> str | None:
    tok = tokens[i]
    if tok.tag_ == "MD" or tok.lower_ in FUTURE_AUX:
        return "future" if tok.lower_ not in WEAK_MODALS else None
    if tok.lower_ in FUTURE_BEFORE_TO and i + 1 < len(tokens) and tokens[i + 1].lower_ == "to":
        return "future"
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    tense = tok.morph.get("Tense")
    if "Past" in tense and "Fin" in tok.morph.get("VerbForm"):
        return "past"
    if "Past" in tense and tok.tag_ == "VBN" and any(c.lower_ in PERFECT_PARSE for c in tok.children):
        return "past"
    if "Pres" in tense and "Fin" in tok.morph.get("VerbForm"):
        return "present"
    return None


def _window(tokens, first: int, last: int, settings: Settings) -> tuple[list, int, int]:
    """The clause-ish stretch of ``tokens`` around tokens[first:last] (stops at . ! ? ; :)."""
    left, right = settings.tense_window_left, settings.tense_window_right
    lo = first
    while lo > 0 and first - lo < left and tokens[lo - 1].text.strip() not in BOUNDARY:
        lo -= 1
    hi = last
    while hi < len(tokens) and hi - last < right and tokens[hi].text.strip() not in BOUNDARY \
            and not (tokens[hi].lower_ in CLAUSE_JOINERS and hi + 1 < len(tokens)
                     and tokens[hi + 1].lower_ in CLAUSE_AFTER_AND):
        hi += 1
    return list(tokens[lo:hi]), first - lo, last - lo


def _nearest(tokens: list, first: int, last: int, cue, settings: Settings) -> str | None:
    """The cue nearest to tokens[first:last], a word on the right counting
    ``settings.tense_right_weight`` times
    its distance (the verb governing an adverbial mostly comes before it), left first on ties;
    "later" (future-in-past: "was expected to") is a cue like the others: the search stops."""
    for i, left in _search_order(first, last, len(tokens), settings.tense_right_weight):
        found = cue(tokens, i, left, settings)
        if found:
            return found
    return None


@lru_cache(maxsize=4096)
def _search_order(first: int, last: int, n: int, right_weight: float) -> tuple[tuple[int, bool], ...]:
    order = sorted([(d, 0, first - d) for d in range(1, first + 1)]
                   + [(d * right_weight, 1, last - 1 + d) for d in range(1, n - last + 1)])
    return tuple((i, not right) for _, right, i in order)


def _verb_above(tok, steps: int | None = None):
    """The first verb or auxiliary from ``tok`` up its heads (at most ``steps`` up), or None."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps != 0:
        tok = tok.head
        steps = None if steps is None else steps - 1
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _parse_tense(span, settings: Settings) -> str | None:
    head = _verb_above(span.root, steps=settings.tense_parse_steps)
    if head is None:
        return None
    group = [c for c in head.children if c.dep_ in AUX_DEPS] + [head]
    for tok in group:
        following = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
        if tok.lower_ in FUTURE_AUX or (tok.lower_ == "going" and following == "to"):
            return "future"
    if head.dep_ == "xcomp" and head.head.lower_ in FUTURE_BEFORE_TO:
        return "future"
    for tok in group:
        if "Past" in tok.morph.get("Tense") and "Fin" in tok.morph.get("VerbForm"):
            return "past"
        if tok.lower_ in PERFECT_PARSE and tok is not head:
            return "past"
    for tok in group:
        if "Pres" in tok.morph.get("Tense") and "Fin" in tok.morph.get("VerbForm"):
            return "present"
    return None


def local_cue(tokens, first: int, last: int, settings: Settings = SETTINGS) -> str | None:
    """A cue in the words touching tokens[first:last]: "by Friday", "payable Dec. 15" point
    ahead; "Friday's meeting" points back unless its clause is in the present or the future
    ("preparations are under way for Saturday's concert"): "possessive"; "until" is returned
    for by/until/till."""
    if last < len(tokens) and tokens[last].lower_ in POSSESSIVE:
        return "possessive"
    i = first - 1
    while i >= 0 and first - i <= settings.tense_lead_skip_words and tokens[i].lower_ in SKIP_LEAD:
        i -= 1
    if i >= 0 and tokens[i].lower_ in FUTURE_LEAD and not (
            tokens[i].lower_ == "record" and i > 0 and tokens[i - 1].lower_ in NOUN_LEAD):
        return "future"  # "holders of record Dec. 15", not "a record in the first quarter"
    if i >= 0 and tokens[i].lower_ in UNTIL_LEAD:
        return "until"
    return None


def _combine(local: str | None, clause: str | None) -> str | None:
    if local == "possessive":
        return clause if clause in ("present", "future") else "past"
    if local and local != "until":
        return local
    if local == "until":  # "by May", "through January": a boundary, the nearest one unless clearly ahead
        return "future" if clause == "future" else None
    return clause


def _word_clause(tokens, first: int, last: int, settings: Settings) -> str | None:
    """The nearest cue word around tokens[first:last]; a trailing report after a comma ("...
    in early March, an official said on Wednesday") tells when it was said, not when the
    clause happens: the clause's own cues come first."""
    window, a, b = _window(tokens, first, last, settings)
    cut = _attribution(window, b, settings.tense_attribution_words)
    if cut is not None:
        found = _nearest(window[:cut], a, b, _word_cue, settings)
        if found:
            return found
    return _nearest(window, a, b, _word_cue, settings)


def _attribution(window, b: int, words: int) -> int | None:
    """Where a trailing report starts after the expression (its comma), or None."""
    for i in range(b, len(window)):
        if window[i].text == ",":
            return i if any(t.lower_ in REPORTING_PAST for t in window[i + 1:i + 1 + words]) else None
    return None


def _pluperfect(tokens: list, i: int) -> bool:
    """Whether the verb cue tokens[i] is a past perfect: "had" before a participle ("had been
    signed", "had already left"), or a participle after "had"."""
    if tokens[i].lower_ in PLUPERFECT:
        j = i + 1
        while j < len(tokens) and tokens[j].lower_ in PERFECT_SKIP:
            j += 1
        following = tokens[j] if j < len(tokens) else None
        return following is not None and (following.lower_ == "been" or (
            following.is_alpha and following.lower_.endswith(PARTICIPLE_ENDINGS)))
    j = i - 1
    while j >= 0 and tokens[j].lower_ in PERFECT_SKIP:
        j -= 1
    return j >= 0 and tokens[j].lower_ in PLUPERFECT


def _bracketed(tokens: list, first: int, last: int) -> bool:
    """Whether tokens[first:last] stand inside brackets of their window ("(on 5 November 1917)")."""
    closers = {c for closing in BRACKETS.values() for c in closing}
    for i in range(first - 1, -1, -1):
        low = tokens[i].lower_
        if low in BRACKETS:
            return any(t.lower_ in BRACKETS[low] for t in tokens[last:])
        if low in closers:
            return False
    return False


def _segment(tokens: list, first: int, last: int) -> tuple[int, int]:
    """The part of the clause that holds tokens[first:last]: from the last comma or bracket
    before it to the next one after it (a comma right after the expression does not end it:
    "On 5 August, the army had taken Warsaw")."""
    lo = first
    while lo > 0 and tokens[lo - 1].text not in SEGMENT_MARKS:
        lo -= 1
    hi = last + (last < len(tokens) and tokens[last].text == ",")
    while hi < len(tokens) and tokens[hi].text not in SEGMENT_MARKS:
        hi += 1
    return lo, hi


SEGMENT_MARKS = frozenset({",", "(", ")", "—", "–"})


def word_aside(tokens, first: int, last: int, settings: Settings = SETTINGS) -> bool:
    """Whether tokens[first:last] tell a time aside from the story's line, by cue words: in
    brackets, after "since" ("the first incursion since 1995"), in a part of the clause that a
    relative pronoun or "earlier" opens ("the council, which met on 5 November 1917"; "Earlier,
    on 5 November 1917, ..."), or in a past perfect
    ("had been created on 5 November 1917"), unless it is the time something had happened by
    ("By 1915, the Russians had retreated": the story's own time)."""
    window, a, b = _window(tokens, first, last, settings)
    if _bracketed(window, a, b):
        return True
    lo, hi = _segment(window, a, b)
    # its first words, or the word before the comma that opens it ("Earlier, on 5 November 1917")
    if any(t.lower_ in ASIDE_LEAD for t in window[max(0, lo - 2):min(a, lo + settings.tense_aside_lead_words)]):
        return True
    i = a - 1
    while i >= lo and window[i].lower_ in SKIP_LEAD:
        i -= 1
    if i >= lo and window[i].lower_ in ASIDE_BEFORE:  # "the first incursion since 1995"
        return True
    left = next((i for i in range(a - 1, lo - 1, -1) if _word_cue(window, i, True, settings)), None)
    verb = left if left is not None else next(
        (i for i in range(b, hi) if _word_cue(window, i, False, settings)), None)
    return verb is not None and _pluperfect(window, verb) and local_cue(window, a, b, settings) != "until"


def aside_in_text(text: str, start: int, end: int, settings: Settings = SETTINGS) -> bool:
    """``word_aside`` of text[start:end], without a spaCy Doc (the rule-only path)."""
    return word_aside(*_text_words(text, start, end, settings), settings)


def aside_of(span, settings: Settings = SETTINGS) -> bool:
    """``word_aside`` of a spaCy Span; when the cue words find no aside and the Doc is parsed:
    the verb governing the span heads a relative clause, or has "had" among its auxiliaries."""
    doc = span.doc
    words, first, last = _text_words(doc_text(doc), span.start_char, span.end_char, settings)
    if word_aside(words, first, last, settings):
        return True
    if not _annotations(doc)[0]:
        return False
    head = _verb_above(span.root, steps=settings.tense_parse_steps)
    if head is None:
        return False
    if head.dep_ in RELATIVE_DEPS:
        return True
    return local_cue(words, first, last, settings) != "until" and any(
        c.dep_ in AUX_DEPS and c.lower_ in PLUPERFECT for c in head.children)


# a clause that modifies a noun ("the council, which met on ...", "the treaty signed on ..."):
# spaCy's English and Universal Dependencies labels
RELATIVE_DEPS = frozenset({"relcl", "acl:relcl", "acl"})


def word_tense(tokens, first: int, last: int, settings: Settings = SETTINGS) -> str | None:
    """Tense of tokens[first:last] from cue words only (any objects with .text, .lower_, .is_alpha)."""
    clause = _word_clause(tokens, first, last, settings)
    return _combine(local_cue(tokens, first, last, settings), clause)


class Word(NamedTuple):
    """A token of the light tokenizer: what the word cues need, nothing more (immutable)."""

    text: str
    lower_: str
    is_alpha: bool


def make_word(text: str) -> Word:
    return Word(text, text.lower(), text.isalpha())


_word = lru_cache(maxsize=1 << 16)(make_word)  # the same word is one shared immutable object

# words, clitics, numbers with their decimal/thousands marks ("$5.2 million" is no sentence end)
_WORDS = re.compile(r"[^\W\d_]+(?=n['’]t\b)|n['’]t\b|['’](?:s|ll|re|ve|d|m)\b|\d+(?:[.,]\d+)+|[^\W_]+|\n|[^\w\s]")
# _WORDS looks at most 3 characters past the word it reads (the "n't" and "'s" tests): a word
# ending further than this before a cut reads the same with or without the cut
_LOOKAHEAD = 4


@lru_cache(maxsize=32)  # a batch of nlp.pipe: the sentence focus, the tagger and the events read each text
def word_index(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[Word, ...]]:
    """(starts, ends, words) of ``_WORDS`` over the whole text: read once per text (immutable:
    the cache shares it between threads)."""
    matches = list(_WORDS.finditer(text))
    return (tuple(m.start() for m in matches), tuple(m.end() for m in matches),
            tuple(_word(m.group()) for m in matches))


def words_between(text: str, lo: int, hi: int, index_limit: int = SETTINGS.tense_index_limit_chars) -> list[Word]:
    """The words of ``_WORDS.finditer(text, lo, hi)``, taken from the text's word index (a
    text up to ``index_limit`` characters long); only the edges, where the cut can read a word
    differently, are read again."""
    if len(text) > index_limit:
        return [_word(m.group()) for m in _WORDS.finditer(text, lo, hi)]
    starts, ends, words = word_index(text)
    out: list[Word] = []
    j, pos = bisect_left(starts, lo), lo
    if j and ends[j - 1] > lo:  # lo cuts a word: read until a word is the index's own again
        j, pos = len(starts), hi
        for m in _WORDS.finditer(text, lo, hi):
            k = bisect_left(starts, m.start())
            if k < len(starts) and starts[k] == m.start() and ends[k] == m.end():
                j, pos = k, m.start()
                break
            out.append(make_word(m.group()))
    last = bisect_right(ends, hi - _LOOKAHEAD)  # words from j to last are the index's own
    if last > j:
        out += words[j:last]
        pos = ends[last - 1]
    out += [make_word(m.group()) for m in _WORDS.finditer(text, pos, hi)]
    return out


def _text_words(text: str, start: int, end: int, settings: Settings) -> tuple[list[Word], int, int]:
    limit = settings.tense_index_limit_chars
    before = words_between(text, max(0, start - settings.tense_chars_before), start, limit)
    inside = words_between(text, start, end, limit) or [make_word(text[start:end])]
    after = words_between(text, end, min(len(text), end + settings.tense_chars_after), limit)
    return before + inside + after, len(before), len(before) + len(inside)


def tense_in_text(text: str, start: int, end: int, settings: Settings = SETTINGS) -> str | None:
    """Tense of text[start:end] from cue words, without a spaCy Doc (the fast rule-only path)."""
    return word_tense(*_text_words(text, start, end, settings), settings)


def _annotations(doc) -> tuple[bool, bool]:
    """(has parse + morph, has morph + POS), computed once per Doc (has_annotation is O(n))."""
    key = "timeline.tense.annotations"
    found = doc.user_data.get(key)
    if found is None or found[0] != len(doc):
        morph = doc.has_annotation("MORPH")
        found = (len(doc), morph and doc.has_annotation("DEP"), morph and doc.has_annotation("POS"))
        doc.user_data[key] = found
    return found[1], found[2]


def tense_of(span, settings: Settings = SETTINGS) -> str | None:
    """"past" | "future" | "present" | "later" | None for the clause around a spaCy Span (or
    tokens); "later" is the future seen from the past ("was expected to", "said it would")."""
    if not hasattr(span, "start_char"):  # tokens, not a Span (this module imports no spaCy)
        tokens = list(span)
        if not tokens:
            return None
        span = tokens[0].doc[tokens[0].i:tokens[-1].i + 1]
    doc = span.doc
    parsed, tagged = _annotations(doc)
    # the cue words first, read as the rule-only path reads them (future-in-past, intent verbs,
    # ...); the annotation only when they find nothing
    words, first, last = _text_words(doc_text(doc), span.start_char, span.end_char, settings)
    clause = _word_clause(words, first, last, settings)
    if clause is None and parsed:
        clause = _parse_tense(span, settings)
    if clause is None and tagged and not parsed:  # a parse without tense: the convention decides
        window, a, b = _window(doc, span.start, span.end, settings)
        clause = _nearest(window, a, b, _morph_cue, settings)
    elif clause is None and parsed and _verb_above(span.root) is None:
        # a parse gone astray (a noun made the root): the sentence's verbs
        sent = span.sent
        clause = _nearest(list(sent), span.start - sent.start, span.end - sent.start, _morph_cue, settings)
    return _combine(local_cue(words, first, last, settings), clause)
