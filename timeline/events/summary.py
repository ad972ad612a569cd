"""A short summary of an event: the clause around the verb its time expression modifies.

With a dependency parse (``doc.has_annotation("DEP")``):

1. from the expression's root token, walk up to the governing predicate (a verb, or
   a word with its own subject or copula: "The summit is on Friday"); climb out of
   open complements ("is expected *to speak* on Tuesday" -> "expected");
2. take that predicate's subtree, dropping, in tiers and only while the result is
   longer than ``limit`` words (tier 1 always): adverbial/relative clauses,
   parataxis, coordinated clauses (tier 1); complement clauses, clausal noun
   modifiers, appositions (tier 2); other modifiers (tier 3). Whatever holds the
   expression is never dropped.
3. a coordinated verb without its own subject borrows its head's subject and
   auxiliaries ("Chiefs met on Monday and will *meet again* on Friday" ->
   "Chiefs will meet again on Friday"); a relative or participial clause gets
   the noun it modifies in place of its relative pronoun ("the talks, which
   resume on Friday" -> "The talks resume on Friday");
4. only the part between strong punctuation (: ; —) that holds the expression is kept
   ("He told reporters on Monday: ..." stops at the colon);
5. a clause that only attributes ("Officials said on Monday": a reporting verb from
   the shared list, ``timeline/nlp/resources/reporting_verbs.txt``, its subject and the expression) carries what was said, from the
   verb's complement clause or the clause it reports on: "Officials said on Monday that
   negotiators will meet on Thursday", 'The minister said on Wednesday: "This is ..."';
6. leading subordinators ("after", "although", "when") or an opening phrase set off by
   a comma ("Since 1949, ..."), dangling punctuation and unbalanced quotes are removed,
   the first letter is capitalised, and a text still too long is cut at a word boundary
   with "…".

Parses go astray, so a clause is trusted only when it reads on its own: it lies inside
the sentence, has a subject (or borrows one, or is a non-finite adjunct such as
"Following talks on Monday") and says more than the expression. Otherwise the summary
is the sentence's opening phrase up to a comma when it holds the expression and has at
least five words, else the sentence around the expression.

Without a parse, the sentence itself is cut to ``limit`` words around the expression.
"""
from __future__ import annotations

import configparser
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from timeline.doctext import doc_text
from timeline.events.furniture import news_start
from timeline.nlp.bounded import check_budget
from timeline.nlp.reporting import reporting_verbs

LIMIT = 25
ELLIPSIS = "…"
RULES_PATH = Path(__file__).resolve().parent / "resources" / "summary.ini"

_TIER1 = frozenset({"advcl", "parataxis", "dep", "list", "discourse", "vocative",
                    "reparandum", "orphan", "relcl"})
_TIER2 = frozenset({"ccomp", "acl", "appos"})
_TIER3 = frozenset({"obl", "nmod", "prep", "advmod", "npadvmod", "agent", "dative"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_PREDICATE_MARKERS = _SUBJECTS | {"cop"}
# Subordinators dropped at the start of a summary; "if", "unless", "whether" stay
# because they change the meaning.
_SUBORDINATORS = frozenset({
    "after", "although", "as", "because", "before", "once", "since", "though", "till",
    "until", "when", "whenever", "where", "whereas", "while", "that", "and", "but", "or",
    "so", "yet", "nor", "which", "who", "whom",
})
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "obj", "dobj"})
_MAIN = frozenset({"root", "parataxis", "conj", "dep", "list", "discourse", "orphan"})
_BOUNDARIES = frozenset({":", ";", "—", "–", "--"})
_COMMAS = _BOUNDARIES | {","}
MIN_PHRASE = 5  # words of a comma-bounded phrase used when the parse gives no clause
MIN_CLAUSE = 2  # words besides the expression for a clause to say something
_OPENERS = {"“": "”", "‘": "’", "(": ")", "[": "]"}
_PAIRS = [*_OPENERS.items(), ('"', '"')]
_PAIRED = frozenset(c for pair in _PAIRS for c in pair)


@dataclass(frozen=True)
class SummaryRules:
    reporting_verbs: frozenset[str]
    examples: tuple[tuple[str, str, str], ...]  # sentence, expression, summary


@lru_cache(maxsize=1)
def rules() -> SummaryRules:
    """The word lists of ``resources/summary.ini``; a bad file raises ValueError naming it."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(RULES_PATH, encoding="utf-8")
    if not parser.has_section("reporting_verbs"):
        raise ValueError(f"{RULES_PATH}: no [reporting_verbs] section")
    section = parser["reporting_verbs"]
    if "shared" not in section:
        raise ValueError(f"{RULES_PATH}: [reporting_verbs] names no use of the shared list "
                         "(shared = attribution)")
    words = reporting_verbs(section["shared"])
    examples = []
    for line in section.get("examples", "").splitlines():
        if line.strip():
            parts = tuple(p.strip() for p in line.split(" | "))
            if len(parts) != 3 or not all(parts):
                raise ValueError(f"{RULES_PATH}: [reporting_verbs] example {line.strip()!r}: "
                                 "write 'sentence | expression | summary'")
            examples.append(parts)
    return SummaryRules(words, tuple(examples))


@lru_cache(maxsize=512)  # a few dozen labels, asked for on every token of every summary
def _base(dep: str) -> str:
    dep = dep.lower()
    return "relcl" if dep.endswith("relcl") else dep.split(":")[0]


def subtree(tok) -> list:
    """The tokens of ``tok``'s subtree in text order, walked with a stack (``Token.subtree``
    recurses once per level and a deep parse overflows the C stack)."""
    out, stack = [], [(tok, False)]
    while stack:
        node, ready = stack.pop()
        if ready:
            out.append(node)
            continue
        stack.extend((t, False) for t in reversed(list(node.rights)))
        stack.append((node, True))
        stack.extend((t, False) for t in reversed(list(node.lefts)))
    return out


def _is_clausal_conj(tok) -> bool:
    return _base(tok.dep_) == "conj" and (
        tok.pos_ in ("VERB", "AUX") or any(_base(c.dep_) in _PREDICATE_MARKERS for c in tok.children))


def _is_predicate(tok) -> bool:
    return (tok.pos_ == "VERB" or tok.head.i == tok.i
            or any(_base(c.dep_) in _PREDICATE_MARKERS for c in tok.children))


def _has_subject(tok) -> bool:
    return any(_base(c.dep_) in _SUBJECTS for c in tok.children)


_NO_SUBJECT = frozenset({"amod", "compound", "nummod", "det", "case"})  # relations whose head takes no subject


def _misparsed(tok) -> bool:
    """A parse gone astray around the predicate: two subjects on one verb ("... his counterpart
    *Vladimir Putin* on Tuesday, as *the president* continues", the name read as the subject of
    "continues"), or a subject on a word attached as a modifier ("*Caloundra* defeated" read as
    an adjective of "Maroochydore")."""
    subjects = sum(_base(c.dep_) in _SUBJECTS and c.dep_ != "expl" for c in tok.children)  # "There were talks": one
    return subjects > 1 or subjects == 1 and _base(tok.dep_) in _NO_SUBJECT


def _across_semicolon(verb, span) -> bool:
    """A semicolon between the expression and the verb said to govern it: a semicolon joins
    independent clauses, so the expression belongs to the other one (a parse gone astray)."""
    lo, hi = sorted((verb.i, span.start))
    return any(t.text == ";" for t in verb.doc[lo + 1:max(hi, span.end - 1)])


def _coordinated(verb) -> bool:
    """A coordinated verb, or a finite "adverbial clause" that opens with "and" (a misparse)."""
    dep = _base(verb.dep_)
    if dep != "advcl" or not _finite(verb):
        return dep == "conj"
    opening = [t for t in subtree(verb) if t.i < verb.i and not t.is_punct][:1]
    return bool(opening) and _base(opening[0].dep_) == "cc"


def _lends_subject(head) -> bool:
    """A subject a coordinated or adverbial clause may borrow (not "which" or "who")."""
    return any(_base(c.dep_) in _SUBJECTS and c.lower_ not in _RELATIVE_PRONOUNS for c in head.children)


def _finite(tok) -> bool:
    """A finite verb, or one with a finite auxiliary ("was found")."""
    auxes = [c for c in tok.children if _base(c.dep_) == "aux"]
    auxes += [g for c in auxes for g in c.children if _base(g.dep_) == "aux"]
    return any("Fin" in t.morph.get("VerbForm") or t.tag_ in ("VBD", "VBZ", "VBP", "MD")
               for t in [tok, *auxes])


def governing_predicate(tok):
    """The verb (or nominal predicate) that ``tok`` depends on, out of open complements
    and purpose clauses that have no subject of their own ("expected *to speak*")."""
    while not _is_predicate(tok):
        tok = tok.head
    while tok.head.i != tok.i and not _has_subject(tok) and not _finite(tok) and (
            _base(tok.dep_) in _COMPLEMENTS or _base(tok.dep_) == "advcl" and _is_infinitival(tok)):
        tok = tok.head
    return tok


def _stands_alone(verb, inside: set[int]) -> bool:
    """A clause that reads on its own: inside the sentence, with a subject (its own, its
    coordinated head's, or the noun a relative clause modifies), or a non-finite verb
    attached to a main clause ("Following talks on Monday, ...")."""
    dep = _base(verb.dep_)
    if verb.is_space or verb.i not in inside:
        return False
    if dep not in ("relcl", "acl") and not _lends_subject(verb) and _has_subject(verb):
        return False  # "who gained fame in 2018" cut off from the noun it describes
    return (_has_subject(verb) or "Imp" in verb.morph.get("Mood")
            or dep in ("relcl", "acl") and verb.head.i in inside
            or _coordinated(verb) and _lends_subject(verb.head)
            or verb.pos_ == "VERB" and not _finite(verb) and dep not in _MAIN)


def _words(tokens) -> int:
    return sum(1 for t in tokens if not t.is_punct)


def _is_infinitival(tok) -> bool:
    """A purpose clause: "(met) to discuss the next steps"."""
    return any(_base(c.dep_) == "mark" and c.lower_ == "to" and c.i < tok.i for c in tok.children)


def _is_subordinate(tok) -> bool:
    """A clause with a subordinator and a subject, whatever its relation says ("as the
    talks continue" read as an oblique)."""
    return _base(tok.dep_) not in _TIER2 and _has_subject(tok) and any(
        _base(c.dep_) == "mark" and c.lower_ in _SUBORDINATORS for c in tok.children)


def _drop(keep: set[int], top, deps: frozenset, expr: range, conjuncts: bool) -> None:
    """Remove from ``keep`` the subtrees under ``top`` whose relation is in ``deps``
    (and coordinated clauses when ``conjuncts``) that do not hold ``expr``. One walk down
    the tree: a dropped subtree is removed whole and not entered (linear in the clause)."""
    stack = list(top.children)
    while stack:
        tok = stack.pop()
        if tok.i in keep and not (tok.right_edge.i >= expr.start and tok.left_edge.i < expr.stop):
            dep = _base(tok.dep_)
            if dep == "advcl" and _is_infinitival(tok):
                dep = "acl"  # purpose clauses read as part of the event: they go in tier 2
            if dep in deps or conjuncts and (_is_clausal_conj(tok) or _is_subordinate(tok)):
                keep.difference_update(t.i for t in subtree(tok))
                continue
        stack.extend(tok.children)


def _clause(verb, expr: range) -> tuple[object, set[int]]:
    """The top token and the token indices of the clause around ``verb``."""
    top = verb
    keep = {t.i for t in subtree(verb)}
    dep = _base(verb.dep_)
    if dep in ("relcl", "acl") and verb.head.i != verb.i:
        top = verb.head  # the noun the clause modifies stands in for its relative pronoun
        keep |= {t.i for t in subtree(top) if t.i < verb.left_edge.i}
        keep -= {c.i for c in top.children if _base(c.dep_) in ("case", "prep") and c.i < top.i}
        keep -= {c.i for c in verb.children
                 if _base(c.dep_) in _SUBJECTS | {"obj", "dobj", "nsubj"}
                 and c.lower_ in _RELATIVE_PRONOUNS}
        keep -= {c.i for c in verb.children if c.is_punct and c.i < verb.i}
    elif _coordinated(verb) and not _has_subject(verb) and _lends_subject(verb.head):
        head = verb.head
        for tok in subtree(verb):  # the "and" (and comma) that joined it to the borrowed subject
            if tok.i >= verb.i or not (tok.is_punct or _base(tok.dep_) == "cc"):
                break
            keep.discard(tok.i)
        for child in head.children:
            if child.i < head.i and _base(child.dep_) in _SUBJECTS:
                keep |= {t.i for t in subtree(child)}
            elif child.i < head.i and _base(child.dep_) == "aux" and not any(
                    _base(c.dep_) == "aux" for c in verb.children):
                keep.add(child.i)
    return top, keep


_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'"})
_ATTRIBUTION = frozenset({"aux", "advmod", "cc", "mark", "case", "cop"})


def _attribution_only(tokens, verb, expr: range) -> bool:
    """The clause is a reporting verb with its subject and the expression, nothing more."""
    if verb.lower_ not in rules().reporting_verbs or _base(verb.dep_) in ("relcl", "acl"):
        return False  # "the state of emergency he declared on Friday" reports nothing
    if not any(c.dep_.lower() == "nsubj" for c in verb.children) or any(
            "pass" in c.dep_.lower() for c in verb.children):
        return False  # "no arrests were reported on Monday": a passive has no speaker
    subject = {t.i for c in verb.children if _base(c.dep_) in _SUBJECTS for t in subtree(c)}
    return not any(not t.is_punct and t.i not in expr and t.i != verb.i and t.i not in subject
                   and _base(t.dep_) not in _ATTRIBUTION for t in tokens)


def _reported(verb, expr: range, inside: set[int]) -> set[int]:
    """The token indices of what ``verb`` reports: its complement clause ("said *that ...*",
    "*..., officials* said"), a finite clause the parse attached to it as an adverbial, or
    one with "that" attached to the expression (a parse gone astray: "said on Friday evening
    *that she would ...*"); else the clause ``verb`` itself is the complement of, or follows
    with no "and" ("*Talks will resume*, officials said")."""
    def holds(tok) -> bool:
        return tok.left_edge.i < expr.stop and tok.right_edge.i >= expr.start

    def marks(tok) -> set[str]:
        return {c.lower_ for c in tok.children if _base(c.dep_) == "mark"}

    doc = verb.doc
    children = [c for c in verb.children if not holds(c) and c.i in inside]
    found = [c for c in children if _base(c.dep_) in ("ccomp", "parataxis")]
    found += [c for c in children if _base(c.dep_) == "advcl" and _has_subject(c)
              and _finite(c) and marks(c) <= {"that"}]
    found += [c for i in expr for c in doc[i].children
              if _base(c.dep_) in ("relcl", "acl") and "that" in marks(c) and _has_subject(c)]
    def says_something(tok) -> bool:  # its own subject, and not itself "the commission said"
        return _has_subject(tok) and tok.lower_ not in rules().reporting_verbs

    if found:
        return {t.i for t in subtree(found[0])} & inside if says_something(found[0]) else set()
    head = verb.head
    tail = _base(verb.dep_) == "conj" and verb.i > head.i and not any(
        _base(c.dep_) == "cc" for c in verb.children)  # "Talks will resume, officials said": no "and"
    if (_base(verb.dep_) in ("ccomp", "parataxis") or tail) and head.i in inside \
            and says_something(head):
        return ({t.i for t in subtree(head)} - {t.i for t in subtree(verb)}) & inside
    return set()


def _with_reported(doc, attribution: list, said: set[int]) -> str:
    """The attribution followed by what was said: a quotation after a colon, in its quotes;
    else a "that" clause."""
    tokens = _tidy(doc, said, range(0))
    if _words(tokens) < MIN_CLAUSE:
        return ""
    first, last = tokens[0].i, tokens[-1].i
    quoted = doc[first].text in _QUOTES or first > 0 and doc[first - 1].text in _QUOTES
    quoted = quoted and any(t.text in _QUOTES for t in doc[last:last + 3])
    words = [t for t in tokens if t.text not in _QUOTES]
    text = render(doc, words)
    head = render(doc, attribution)
    if quoted:
        return f'{head}: "{text}"'
    first = words[0]
    if first.is_sent_start and first.text != "I" and (
            first.tag_ in ("NN", "NNS") or not first.ent_type_ and first.pos_ != "PROPN"):
        text = text[:1].lower() + text[1:]  # "Negotiators will meet" -> "that negotiators will meet"
    return f"{head} {text}" if first.lower_ == "that" else f"{head} that {text}"


def _unbalanced(tokens) -> set[str]:
    """Quote and bracket characters that lost their partner."""
    counts = Counter(text for t in tokens if (text := t.text) in _PAIRED)
    bad = set()
    for opener, closer in _PAIRS:
        opens, closes = counts[opener], counts[closer]
        if (opens % 2 if opener == closer else opens != closes):
            bad |= {opener, closer}
    return bad


def _is_junk_start(tok, expr: range) -> bool:
    if tok.i in expr:
        return False
    if tok.is_punct:
        return tok.text not in _OPENERS and tok.text != '"'
    dep = _base(tok.dep_)
    if tok.i + 1 < len(tok.doc) and tok.nbor().pos_ == "ADP":
        return False  # "As of Monday", "since before the war"
    if dep in ("case", "prep") and tok.head.i in expr:
        return False  # the expression's own preposition: "Since 1983, Westinghouse has shed ..."
    return tok.lower_ in _SUBORDINATORS and dep in ("mark", "advmod", "cc", "case", "prep")


def _segment(tokens: list, expr: range, marks: frozenset = _BOUNDARIES) -> list:
    """The part of ``tokens`` between the punctuation ``marks`` (: ; —) around ``expr``."""
    start, end = 0, len(tokens)
    for k, tok in enumerate(tokens):
        if tok.text in marks and tok.i not in expr:
            if tok.i < expr.start:
                start = k + 1
            elif k < end:
                end = k
    return tokens[start:end]


def _opening_phrase(tokens: list, expr: range) -> int:
    """How many tokens to drop at the start: a subordinator, or a whole opening phrase set
    off by a comma when the subordinator is a preposition ("Since 1949, it has grown")."""
    first = tokens[0]
    if first.is_punct or _base(first.dep_) not in ("case", "prep"):
        return 1
    head = first.head
    if head.i in expr or head.i == first.i:
        return 1
    edge = max(head.right_edge.i, first.right_edge.i)
    for k, tok in enumerate(tokens):
        if tok.i > edge:
            if tok.text == "," and not any(t.i in expr for t in tokens[:k]):
                return k + 1
            break
    return 1


def _tidy(doc, keep: set[int], expr: range) -> list:
    tokens = [tok for i in sorted(keep) if not (tok := doc[i]).is_space]
    part = _segment(tokens, expr)
    if _words(part) - len(expr) >= MIN_CLAUSE:  # an aside between dashes keeps its sentence
        tokens = part
    bad = _unbalanced(tokens)
    tokens = [t for t in tokens if t.text not in bad or t.i in expr]
    while True:
        size = len(tokens)
        while tokens and _is_junk_start(tokens[0], expr):
            tokens = tokens[_opening_phrase(tokens, expr):]
        while tokens and tokens[-1].i not in expr and tokens[-1].is_punct \
                and tokens[-1].text not in _OPENERS.values() and tokens[-1].text != '"':
            tokens.pop()
        if len(tokens) > 1 and _OPENERS.get(tokens[0].text, '"' if tokens[0].text == '"' else None) \
                == tokens[-1].text:
            tokens = tokens[1:-1]  # a quote around the whole summary
        if len(tokens) == size:
            break
    out = []
    for tok in tokens:  # one mark of punctuation where several met after a cut
        if out and tok.is_punct and out[-1].is_punct and tok.text in ",;:" and out[-1].text in ",;:":
            continue
        if out and tok.text == "," and tok.i > out[-1].i + 1 and doc[out[-1].i + 1].text == ",":
            continue  # the closing comma of a dropped aside: "The governor of Louisiana[, a state ...], declared"
        out.append(tok)
    return out


def render(doc, tokens) -> str:
    """The text of ``tokens`` (in order) with the document's own spacing."""
    parts = []
    for k, tok in enumerate(tokens):
        parts.append(tok.text)
        if k + 1 < len(tokens):
            nxt = tokens[k + 1]
            if nxt.i == tok.i + 1:
                parts.append(tok.whitespace_)
            else:
                gap = doc[tok.i:nxt.i]
                closing = nxt.is_punct and nxt.text in ",.;:!?)]”’"
                parts.append(" " if not closing and any(t.whitespace_ or t.is_space for t in gap) else "")
    return " ".join("".join(parts).split())


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def clause_summary(doc, start_char: int, end_char: int, limit: int = LIMIT,
                   sentence: tuple[int, int] | None = None) -> str:
    """Summary of the clause holding the expression at ``[start_char, end_char)`` of a parsed
    Doc, within the ``sentence`` character range when given. A finite clause without a
    subject, with two, or on a modifier (a parse gone astray), gives the part of the sentence
    around the expression."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    expr = range(span.start, span.end)
    s_start, s_end = sentence or (0, len(doc_text(doc)))
    whole = doc.char_span(s_start, s_end, alignment_mode="contract") or span
    inside = set(range(min(whole.start, span.start), max(whole.end, span.end)))
    verb = governing_predicate(span.root)
    alone = _stands_alone(verb, inside) and not _misparsed(verb) and not _across_semicolon(verb, span)
    tokens = []
    if alone:
        top, keep = _clause(verb, expr)
        keep &= inside
        tokens = None  # the tidied clause, while ``keep`` has not changed since
        for tier in (_TIER1, _TIER2, _TIER3):
            if tier is not _TIER1 and _words(tokens := _tidy(doc, keep, expr)) <= limit:
                break
            _drop(keep, top, tier, expr, conjuncts=tier is _TIER1)
            tokens = None
        tokens = tokens if tokens is not None else _tidy(doc, keep, expr)
        alone = _words(tokens) - len(expr) >= MIN_CLAUSE
        if alone and _attribution_only(tokens, verb, expr):
            text = _with_reported(doc, tokens, _reported(verb, expr, inside))
            if text:
                return _capitalise(cut_words(text, render(doc, list(span)), limit))
    if not alone:  # no clause to trust: the sentence, or its opening phrase up to a comma
        tokens = _tidy(doc, inside, expr)
        phrase = _segment(tokens, expr, _COMMAS)
        if phrase and tokens and phrase[0].i == tokens[0].i and _words(phrase) >= MIN_PHRASE:
            tokens = _tidy(doc, {t.i for t in phrase}, expr)
    if _words(tokens) > limit:
        return _capitalise(cut_words(render(doc, tokens), render(doc, list(span)), limit))
    return _capitalise(render(doc, tokens))


def cut_words(text: str, expression: str, limit: int = LIMIT) -> str:
    """``text`` cut to ``limit`` words at word boundaries, keeping ``expression`` in view."""
    words = text.split()
    if len(words) <= limit:
        return text
    at = text.find(expression)
    first = len(text[:at].split()) if at >= 0 else 0
    last = first + len(expression.split())
    start = 0 if last <= limit else max(0, min(first - limit // 2, len(words) - limit))
    end = start + limit
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(words) else ""
    return head + _balanced(" ".join(words[start:end])).rstrip(",;:") + tail


def _balanced(text: str) -> str:
    """``text`` without the quotes and brackets a cut left unpaired."""
    for opener, closer in list(_OPENERS.items()) + [('"', '"')]:
        if (text.count(opener) % 2 if opener == closer else text.count(opener) != text.count(closer)):
            text = text.replace(opener, "").replace(closer, "")
    return " ".join(text.split())


def sentence_summary(sentence: str, expr_start: int, expr_end: int, limit: int = LIMIT) -> str:
    """Summary without a parse: the sentence cut to ``limit`` words around the expression."""
    words = sentence.split()
    if len(words) <= limit:
        return " ".join(words)
    return cut_words(sentence, sentence[expr_start:expr_end], limit)


def summarise(doc, sentence: str, sentence_start: int, expr_start: int, expr_end: int,
              limit: int = LIMIT) -> str:
    """The event summary: a clause when the Doc is parsed, the (cut) sentence otherwise.
    Raises ``timeline.nlp.bounded.BudgetExceeded`` once the Doc's time budget is spent."""
    check_budget(doc)
    cut = news_start(sentence)  # a dateline or wire tag glued before the news is no summary
    if 0 < cut <= expr_start:
        sentence, sentence_start = sentence[cut:], sentence_start + cut
        expr_start, expr_end = expr_start - cut, expr_end - cut
    span = doc.char_span(sentence_start + expr_start, sentence_start + expr_end, alignment_mode="expand")
    if doc.has_annotation("DEP") and span is not None and len(span):
        text = clause_summary(doc, sentence_start + expr_start, sentence_start + expr_end, limit,
                              (sentence_start, sentence_start + len(sentence)))
        if text:
            return text
    return sentence_summary(sentence, expr_start, expr_end, limit)
