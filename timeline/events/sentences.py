"""Sentence boundaries as character ranges of the article text.

The Doc's own sentences are used when the pipeline set them (parser, senter or
sentencizer); otherwise a small splitter cuts after . ! ? (and closing quotes
or brackets) before a capital, a digit or an opening quote. In both cases a line
break ends a sentence unless it wraps one (hard-wrapped text: the next line starts in
lower case, or the line ends with a comma or a word like "and"), so a headline never runs
into the first paragraph.
"""
from __future__ import annotations

import re
from bisect import bisect_right

# End of a sentence: terminal punctuation, optional closers, whitespace, then a
# likely sentence start. Abbreviations like "Mr." or "U.S." are protected below.
_BREAK = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr vs etc inc ltd co corp no "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m".split()
)
_TERMINAL = frozenset(".!?…\"'”’)]")
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
    return _clean(text, zip(cuts, cuts[1:]))


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


def _clean(text: str, ranges) -> list[tuple[int, int]]:
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


def _joined(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges with a model's mid-sentence cuts undone: a "sentence" that does not end with
    terminal punctuation runs on into the next one on the same line ("On May 6," + "he left.")."""
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and text[out[-1][1] - 1] not in _TERMINAL and "\n" not in text[out[-1][1]:start]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def sentence_ranges(doc) -> list[tuple[int, int]]:
    """Sentence ranges of a Doc: its own sentences if it has any, else ``split_text``."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return _joined(doc.text, _clean(doc.text, ((s.start_char, s.end_char) for s in doc.sents)))
    return split_text(doc.text)


class SentenceIndex:
    """Finds the sentence that holds a character range (``find``)."""

    def __init__(self, ranges: list[tuple[int, int]]):
        self.ranges = ranges
        self._starts = [s for s, _ in ranges]

    def find(self, start: int, end: int) -> tuple[int, int]:
        """The sentence range holding ``[start, end)``; sentences an expression straddles are
        joined, and text outside every sentence yields the expression's own range."""
        i = bisect_right(self._starts, start) - 1
        if i < 0 or self.ranges[i][1] <= start:
            return (start, end)
        s, e = self.ranges[i]
        j = i
        while e < end and j + 1 < len(self.ranges):
            j += 1
            e = self.ranges[j][1]
        return (s, max(e, end))
