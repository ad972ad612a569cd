"""Two prefilters for the rule regexes: the same matches, found faster.

1. A first-character test in front of a regex.

Python's regex search tries every position of the text. For a big alternation (a rule with
its month, number and unit tables inlined) most tries walk many branches before failing.
``first_char_guard(source, flags)`` compiles ``(?=[C])(?:source)``, where C holds every ASCII
character a match can start with (worked out from the parsed pattern, case variants included)
and every non-ASCII character: positions that cannot start a match fail at one set test.
A pattern that can match the empty string, or one the analysis does not know, is compiled as is.

2. Required strings: ``required(source, flags)`` works out a set of lower-case ASCII strings one
of which every match contains (for a rule: its month names, "ago", "quarter" ...). A stretch of
``fold(text)`` that contains none of them cannot hold a match, and is not searched.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C
    import sre_parse as P

ASCII = range(128)
_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = tuple(getattr(C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(C, name))


class Unknown(Exception):
    """A pattern element whose first characters are not worked out (then: no guard)."""


@lru_cache(maxsize=1024)
def parsed(source: str, flags: int):
    """The parsed pattern (read only): every analysis of a pattern (both prefilters here,
    ``rules.can_match_digit``) reads the same parse."""
    return P.parse(source, flags)


@lru_cache(maxsize=None)
def _ascii_matches(char_class: str) -> frozenset:
    """ASCII codes that ``char_class`` matches with or without case (a superset of either)."""
    exact, folded = re.compile(char_class), re.compile(char_class, re.I)
    return frozenset(c for c in ASCII if exact.fullmatch(chr(c)) or folded.fullmatch(chr(c)))


def _class_source(items) -> str:
    parts = []
    for op, av in items:
        if op is C.NEGATE:
            parts.insert(0, "^")
        elif op is C.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is C.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            raise Unknown(op)
    return f"[{''.join(parts)}]"


def _first(items) -> tuple[set, bool]:
    """(ASCII codes a match of the sequence can start with, whether it can match empty)."""
    out: set = set()
    for op, av in items:
        codes, empty = _first_of(op, av)
        out |= codes
        if not empty:
            return out, False
    return out, True


def _first_of(op, av) -> tuple[set, bool]:
    if op is C.LITERAL:
        return set(_ascii_matches(_class_source([(op, av)]))), False
    if op is C.NOT_LITERAL:
        return set(_ascii_matches(_class_source([(C.NEGATE, None), (C.LITERAL, av)]))), False
    if op is C.IN:
        return set(_ascii_matches(_class_source(av))), False
    if op is C.ANY:
        return set(ASCII), False
    if op in _ZERO_WIDTH:
        return set(), True
    if op is C.SUBPATTERN:
        return _first(av[-1])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _first(av)
    if op is C.BRANCH:
        out, empty = set(), False
        for branch in av[1]:
            codes, can_be_empty = _first(branch)
            out, empty = out | codes, empty or can_be_empty
        return out, empty
    if op in _REPEATS:
        codes, empty = _first(av[2])
        return codes, empty or av[0] == 0
    raise Unknown(op)


def first_chars(source: str, flags: int = 0) -> frozenset | None:
    """ASCII codes a match of ``source`` can start with; None if it can match the empty
    string or has an element the analysis does not know (back-references ...)."""
    try:
        codes, empty = _first(parsed(source, flags))
    except Unknown:
        return None
    return None if empty else frozenset(codes)


def first_char_guard(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)`` with a first-character test in front (same matches)."""
    codes = first_chars(source, flags)
    if codes is None or len(codes) == len(ASCII):
        return re.compile(source, flags)
    refused = "".join(re.escape(chr(c)) for c in ASCII if c not in codes)  # all else may start a match
    try:
        return re.compile(rf"(?=(?-i:[^{refused}]))(?:{source})", flags)
    except re.error:  # e.g. global flags at the start of ``source``: they must stay first
        return re.compile(source, flags)


# ---------------------------------------------------------------------------- required strings

# every character that matches an ASCII letter ignoring case, as that letter: one for one, so
# offsets stay (the non-ASCII ones are all there are; tests/temporal/test_prefilter.py checks)
FOLD = str.maketrans({**{c: c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
                      "\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
LIMIT = 64  # the most strings a set may hold
MIN_LENGTH = 2  # shorter strings are no filter
_EDGES = re.compile(r"^[^a-z0-9]+|[^a-z0-9]+$")


def fold(text: str) -> str:
    """``text`` in lower case, one character for one (str.lower is the fast path when it is so)."""
    lowered = text.lower()
    if len(lowered) == len(text) and "\u0131" not in text and "\u017f" not in text:
        return lowered
    return text.translate(FOLD)


def _join(left, right):
    """Every concatenation of the two sets (None: unknown, or too many)."""
    if left is None or right is None or len(left) * len(right) > LIMIT:
        return None
    return {a + b for a in left for b in right}


def _usable(strings) -> bool:
    return bool(strings) and len(strings) <= LIMIT and min(map(len, strings)) >= MIN_LENGTH


def _trim(strings):
    """The strings without the spaces and marks at their ends (part of a needed string is needed):
    a search for "day old" skips along the text faster than one for " day old"."""
    return None if strings is None else {_EDGES.sub("", s) for s in strings}


def _best(sets):
    """The most selective set: longest shortest string, then fewest strings."""
    usable = [s for s in map(_trim, sets) if _usable(s)]
    return min(usable, key=lambda s: (-min(map(len, s)), len(s)), default=None)


def _strings(items) -> tuple[set | None, set | None]:
    """(the exact strings a sequence can match, or None; a set one of which each match contains)."""
    needed, run, whole = [], {""}, {""}
    for op, av in items:
        exact, need = _strings_of(op, av)
        needed.append(need)
        whole = _join(whole, exact)
        longer = _join(run, exact)
        if longer is None:  # the stretch of exact parts ends: what it held is needed
            needed.append(run)
            run = set(exact) if exact is not None else {""}
        else:
            run = longer
    return whole, _best(needed + [run])


def _strings_of(op, av) -> tuple[set | None, set | None]:
    if op is C.LITERAL:
        return ({chr(av).lower()} if av < 128 else None), None
    if op is C.IN:
        chars = set()
        for kind, value in av:
            if kind is C.LITERAL and value < 128:
                chars.add(chr(value).lower())
            elif kind is C.RANGE and value[1] < 128 and value[1] - value[0] < 4:
                chars |= {chr(c).lower() for c in range(value[0], value[1] + 1)}
            else:
                return None, None
        return chars, None
    if op in _ZERO_WIDTH:
        return {""}, None
    if op is C.SUBPATTERN:
        return _strings(av[-1])
    if op is C.BRANCH:
        found = [_strings(branch) for branch in av[1]]
        exact = set().union(*(e for e, _ in found)) if all(e is not None for e, _ in found) else None
        needs = [e if _usable(e) else n for e, n in found]
        return exact, set().union(*needs) if all(needs) else None
    if op in _REPEATS[:2]:  # greedy or lazy repeat
        low, high, item = av
        exact, need = _strings(item)
        if low == 0:
            return ({""} | exact if exact is not None and high == 1 else None), None
        if low == high == 1:
            return exact, need
        return None, need or (exact if _usable(exact) else None)
    return None, None


def required(source: str, flags: int = 0) -> frozenset | None:
    """Lower-case strings one of which every match of ``source`` contains (in ``fold(text)``);
    None when no useful set is found."""
    exact, need = _strings(parsed(source, flags))
    found = _trim(exact) if _usable(_trim(exact)) else need
    return frozenset(found) if _usable(found) else None
