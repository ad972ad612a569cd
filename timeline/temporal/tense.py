"""The one tense interface: is the clause around a span about the past, the future or now?

``tense_of(span)`` uses the best annotation the Doc has:
  1. a dependency parse + morphology: the verb governing the span, its auxiliaries/modals;
  2. morphology only: the nearest finite verb in the sentence window;
  3. nothing (blank pipeline): the nearest cue word (will, 'll, going to, expected to, said,
     was, -ed forms ...).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

WINDOW_LEFT = 15
WINDOW_RIGHT = 10
FUTURE_WORDS = {
    "will", "'ll", "’ll", "shall", "wo", "gonna", "tomorrow", "upcoming", "scheduled",
    "planned", "plans", "plan", "intends", "aims", "hopes", "due", "expects", "must",
    "should", "planning", "preparing",
}
FUTURE_BEFORE_TO = {"going", "expected", "set", "due", "scheduled", "planned", "plans",
                    "plan", "likely", "hopes", "aims", "intends", "is", "are"}
PAST_WORDS = {
    "was", "were", "had", "did", "said", "told", "met", "held", "came", "went", "took",
    "made", "gave", "saw", "began", "left", "spoke", "won", "lost", "rose", "fell", "sold",
    "bought", "paid", "led", "got", "became", "brought", "thought", "felt", "kept", "ran",
    "wrote", "sent", "built", "found", "heard", "knew", "meant", "stood", "struck", "fought",
    "ago", "yesterday", "last", "earlier", "wrote", "broke", "chose", "drove", "flew", "grew",
    "shot", "slid", "spent", "swept", "threw", "wore", "hit", "quit", "bid", "reported",
}
PRESENT_WORDS = {"is", "are", "am", "says", "say", "now", "currently", "does", "do"}
NOT_PAST_ED = {"need", "speed", "seed", "feed", "bed", "red", "shed", "breed", "greed",
               "bleed", "proceed", "exceed", "succeed", "indeed", "creed", "deed", "weed",
               "steed", "united", "limited", "related", "based", "proposed", "expected",
               "planned", "scheduled", "detailed", "advanced", "interested", "concerned"}
# words right before an expression that point ahead ("payable Dec. 15", "by Friday")
FUTURE_LEAD = {"effective", "payable", "record", "deadline", "next", "upcoming", "coming", "soon"}
UNTIL_LEAD = {"by", "until", "till"}  # ahead, unless the clause is in the past ("had left by May")
SKIP_LEAD = {"on", "the", "of", "as", "early", "late", "mid", "in", ","}
# an -ed word after these is an adjective ("a still unspecified date"), not a past verb
ADJECTIVE_LEAD = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "still",
                  "newly", "recently", "previously", "already", "once", "long", "well", "fully"}
BOUNDARY = {".", "!", "?", ";", "\n", "\n\n", ":"}


def _word_cue(tokens: list, i: int) -> str | None:
    tok = tokens[i]
    low = tok.lower_
    nxt = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
    if low in FUTURE_BEFORE_TO and nxt == "to":
        return "future"
    if low in FUTURE_WORDS and low not in ("plans", "plan", "due", "aims", "hopes", "intends"):
        return "future"
    if low == "would" and nxt not in ("have", "'ve"):
        return "future"
    if low in PAST_WORDS:
        prev = tokens[i - 1].lower_ if i > 0 else ""
        return None if prev in ("be", "been", "being") else "past"
    if low in ("has", "have", "'s", "'ve") and nxt.endswith("ed"):
        return "past"
    if low.endswith("ed") and len(low) > 4 and low not in NOT_PAST_ED and tok.is_alpha:
        prev = tokens[i - 1].lower_ if i > 0 else ""
        return None if prev in ("be", "been", "being", "to") or prev in ADJECTIVE_LEAD else "past"
    if low in PRESENT_WORDS:
        return "present"
    return None


def _morph_cue(tokens: list, i: int) -> str | None:
    tok = tokens[i]
    if tok.tag_ == "MD" or tok.lower_ in ("will", "'ll", "shall", "wo"):
        return "future" if tok.lower_ not in ("could", "might", "should", "may", "can", "must") else None
    if tok.lower_ in FUTURE_BEFORE_TO and i + 1 < len(tokens) and tokens[i + 1].lower_ == "to":
        return "future"
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    tense = tok.morph.get("Tense")
    if "Past" in tense and "Fin" in tok.morph.get("VerbForm"):
        return "past"
    if "Past" in tense and tok.tag_ == "VBN" and any(c.lower_ in ("has", "have") for c in tok.children):
        return "past"
    if "Pres" in tense and "Fin" in tok.morph.get("VerbForm"):
        return "present"
    return None


def _window(span) -> tuple[list, int, int]:
    doc = span.doc
    lo = span.start
    while lo > 0 and span.start - lo < WINDOW_LEFT and doc[lo - 1].text.strip() not in BOUNDARY:
        lo -= 1
    hi = span.end
    while hi < len(doc) and hi - span.end < WINDOW_RIGHT and doc[hi].text.strip() not in BOUNDARY:
        hi += 1
    return list(doc[lo:hi]), span.start - lo, span.end - lo


def _nearest(tokens: list, first: int, last: int, cue) -> str | None:
    """The cue nearest to tokens[first:last], left side first on ties."""
    for distance in range(1, max(first, len(tokens) - last) + 1):
        for i in (first - distance, last - 1 + distance):
            if 0 <= i < len(tokens):
                found = cue(tokens, i)
                if found:
                    return found
    return None


def _parse_tense(span) -> str | None:
    head: Token = span.root
    steps = 0
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and steps < 6:
        head, steps = head.head, steps + 1
    if head.pos_ not in ("VERB", "AUX"):
        return None
    group = [c for c in head.children if c.dep_ in ("aux", "auxpass")] + [head]
    for tok in group:
        following = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
        if tok.lower_ in ("will", "'ll", "shall", "wo") or (tok.lower_ == "going" and following == "to"):
            return "future"
    if head.dep_ == "xcomp" and head.head.lower_ in FUTURE_BEFORE_TO:
        return "future"
    for tok in group:
        if "Past" in tok.morph.get("Tense") and "Fin" in tok.morph.get("VerbForm"):
            return "past"
        if tok.lower_ in ("has", "have", "had") and tok is not head:
            return "past"
    for tok in group:
        if "Pres" in tok.morph.get("Tense") and "Fin" in tok.morph.get("VerbForm"):
            return "present"
    return None


def local_cue(span) -> str | None:
    """A cue in the words touching the expression: "by Friday", "payable Dec. 15" point
    ahead; "Friday's meeting" points back."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
        return "past"
    i = span.start - 1
    while i >= 0 and span.start - i <= 3 and doc[i].lower_ in SKIP_LEAD:
        i -= 1
    if i >= 0 and doc[i].lower_ in FUTURE_LEAD:
        return "future"
    if i >= 0 and doc[i].lower_ in UNTIL_LEAD:
        return "until"
    return None


def tense_of(span) -> str | None:
    """"past" | "future" | "present" | None for the clause around a spaCy Span."""
    if not isinstance(span, Span):
        tokens = list(span)
        if not tokens:
            return None
        span = tokens[0].doc[tokens[0].i:tokens[-1].i + 1]
    doc = span.doc
    local = local_cue(span)
    if local and local != "until":
        return local
    found = _clause_tense(span)
    if local == "until" and found != "past":
        return "future"
    return found


def _annotations(doc) -> tuple[bool, bool]:
    """(has parse + morph, has morph + POS), computed once per Doc (has_annotation is O(n))."""
    key = "timeline.tense.annotations"
    found = doc.user_data.get(key)
    if found is None or found[0] != len(doc):
        morph = doc.has_annotation("MORPH")
        found = (len(doc), morph and doc.has_annotation("DEP"), morph and doc.has_annotation("POS"))
        doc.user_data[key] = found
    return found[1], found[2]


def _clause_tense(span) -> str | None:
    doc = span.doc
    parsed, tagged = _annotations(doc)
    if parsed:
        found = _parse_tense(span)
        if found:
            return found
    tokens, first, last = _window(span)
    if tagged:
        found = _nearest(tokens, first, last, _morph_cue)
        if found:
            return found
    return _nearest(tokens, first, last, _word_cue)
