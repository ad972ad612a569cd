"""Rule-based sentence splitter: character ranges of plain text, no spaCy needed.

    split_text(text) -> [(start, end), ...]

It cuts after . ! ? (and closing quotes or brackets) before a capital, a digit or an opening
quote, except after abbreviations ("Mr.", "U.S.") and initials. A line break ends a sentence
unless it wraps one (hard-wrapped text: the next line starts in lower case, or the line ends
with a comma or a word like "and"), so a headline never runs into the first paragraph.
Ranges are stripped of surrounding whitespace, so every cut falls on whitespace.
"""
from __future__ import annotations

import re

# End of a sentence: terminal punctuation, optional closers, whitespace, then a
# likely sentence start. Abbreviations like "Mr." or "U.S." are protected below.
_BREAK = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr vs etc inc ltd co corp no "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m".split()
)
TERMINAL = frozenset(".!?…\"'”’)]")
_NEWLINE = re.compile(r"[ \t]*\n(?:[ \t]*\n)*")
_CONTINUES = frozenset(",;(-–—/&")
_RUNNING_WORDS = frozenset(
    "a an the and or but nor of to in on at for with by from as than that which who".split())


def _ends_with_abbreviation(text: str, end: int) -> bool:
    """True when the period at ``text[end - 1]`` closes an abbreviation or an initial."""
    start = end - 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:end].rstrip(".").lower().lstrip("\"'“‘(")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_text(text: str) -> list[tuple[int, int]]:
    """Sentence ranges ``(start, end)`` of plain text, stripped of surrounding space."""
    cuts = [0]
    for match in _BREAK.finditer(text):
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start() + 1):
            continue
        cuts.append(match.end())
    cuts.append(len(text))
    return clean(text, zip(cuts, cuts[1:]))


def _breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets after the line breaks in ``text[start:end]`` that end a sentence: a blank line,
    or a single break that does not wrap a running sentence (the next line starts in lower
    case, or the line ends with a comma, a dash or a word such as "and", "of", "with")."""
    out = []
    for match in _NEWLINE.finditer(text, start, end):
        if match.group().count("\n") < 2:
            before = text[start:match.start()].rstrip()
            after = text[match.end():end].lstrip()
            last = before.rsplit(None, 1)[-1].lower() if before else ""
            if (after[:1].islower() or before[-1:] in _CONTINUES or last in _RUNNING_WORDS):
                continue
        out.append(match.end())
    return out


def clean(text: str, ranges) -> list[tuple[int, int]]:
    """Split ranges at sentence-ending line breaks and strip whitespace; drop empty ranges."""
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        pieces = [start] + _breaks(text, start, end)
        for s, e in zip(pieces, pieces[1:] + [end]):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append((s, e))
    return out
