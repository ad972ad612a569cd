"""Sentence boundaries as character ranges of the article text.

The Doc's own sentences are used when the pipeline set them (parser, senter or
sentencizer); otherwise the rule splitter of ``timeline.nlp.splitter`` cuts after . ! ?
(and closing quotes or brackets) before a capital, a digit or an opening quote. In both cases a line
break ends a sentence unless it wraps one (hard-wrapped text: the next line starts in
lower case, or the line ends with a comma or a word like "and"), so a headline never runs
into the first paragraph.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from timeline.doctext import doc_text
from timeline.nlp.splitter import TERMINAL as _TERMINAL, clean as _clean, split_text
from timeline.settings import SETTINGS, Settings

__all__ = ["SentenceIndex", "sentence_ranges", "split_text"]


def _joined(text: str, ranges: list[tuple[int, int]], size=None, limit: int | None = None) -> list[tuple[int, int]]:
    """Ranges with a model's mid-sentence cuts undone: a "sentence" that does not end with
    terminal punctuation runs on into the next one on the same line ("On May 6," + "he left.").
    ``size(start, end)`` counts a range's tokens: no join grows past ``limit`` tokens (a
    sentence the pipeline analysed in parts stays in parts, so its work stays bounded)."""
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and text[out[-1][1] - 1] not in _TERMINAL and "\n" not in text[out[-1][1]:start] \
                and (limit is None or size(out[-1][0], end) <= limit):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def sentence_ranges(doc, settings: Settings = SETTINGS) -> list[tuple[int, int]]:
    """Sentence ranges of a Doc: its own sentences if it has any, else ``split_text``. A
    joined sentence holds at most ``settings.max_sentence_tokens`` tokens."""
    text = doc_text(doc)
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        starts = doc.to_array(["IDX"]).tolist()

        def size(start: int, end: int) -> int:
            return bisect_left(starts, end) - bisect_left(starts, start)

        return _joined(text, _clean(text, ((s.start_char, s.end_char) for s in doc.sents)),
                       size, settings.max_sentence_tokens)
    return split_text(text)


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
