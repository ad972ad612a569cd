"""ROUGE-1/-2 counts as ROUGE-1.5.5 computes them with ``-m -s`` (stemmed, stopwords removed).

The timeline summarisation field scores with tilse, which runs the Perl ROUGE-1.5.5 script
with Porter stemming (``-m``), the SMART stopword list removed (``-s``) and raw counts
(``-t 2``). This module repeats that script's steps in Python so an evaluation needs neither
Perl nor temporary files:

1. lower-case; put spaces round ``-``; every character other than ``a-z 0-9 -`` becomes a space;
2. drop the stopwords (``resources/rouge_stopwords.txt``, ROUGE-1.5.5's ``smart_common_words.txt``)
   and every token not starting with a letter or digit;
3. a token longer than three characters is replaced by its WordNet 2.0 base form when it is an
   irregular one (``resources/rouge_exceptions.tsv``, the script's ``WordNet-2.0.exc.db``: "said"
   -> "say"), else Porter-stemmed (``timeline.story.porter``, the script's own variant);
4. n-grams run over the summary's tokens across sentence boundaries; hits are clipped counts.

On Timeline17 timelines scored by tilse (the Perl script) and by this module the counts are the
same (docs/STORY.md).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from timeline.story import porter

RESOURCES = Path(__file__).resolve().parent / "resources"
STOPWORDS_PATH = RESOURCES / "rouge_stopwords.txt"
EXCEPTIONS_PATH = RESOURCES / "rouge_exceptions.tsv"

_HYPHEN = re.compile(r"-")
_OTHER = re.compile(r"[^a-z0-9\-]")
_START = re.compile(r"^[a-z0-9$]")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(w.strip() for w in STOPWORDS_PATH.read_text(encoding="utf-8").split() if w.strip())


@lru_cache(maxsize=1)
def exceptions() -> dict[str, str]:
    """Irregular word -> base form (WordNet 2.0 exception lists, words longer than three letters)."""
    pairs = (line.split("\t") for line in EXCEPTIONS_PATH.read_text(encoding="utf-8").splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2}


@lru_cache(maxsize=65536)
def _stem(token: str) -> str:
    if len(token) <= 3:
        return token
    base = exceptions().get(token)
    return base if base is not None else porter.stem(token)


def tokens(sentences: Iterable[str]) -> list[str]:
    """The tokens ROUGE-1.5.5 counts for a summary made of ``sentences``."""
    text = " ".join(s.lower() for s in sentences)
    text = _OTHER.sub(" ", _HYPHEN.sub(" - ", text))
    stop = stopwords()
    return [_stem(t) for t in text.split() if t not in stop and _START.match(t)]


def ngrams(toks: list[str], n: int) -> Counter:
    return Counter(zip(*(toks[i:] for i in range(n))))


@dataclass(frozen=True, slots=True)
class Counts:
    """Raw ROUGE-N counts of one summary against one reference."""

    hits: int = 0        # clipped n-gram matches (precision and recall numerator)
    predicted: int = 0   # n-grams in the summary (precision denominator)
    reference: int = 0   # n-grams in the reference (recall denominator)


def rouge_counts(summary: Iterable[str], reference: Iterable[str], n: int) -> Counts:
    """ROUGE-``n`` counts of ``summary`` (sentences) against ``reference`` (sentences)."""
    return counts_of(ngrams(tokens(summary), n), ngrams(tokens(reference), n))


def counts_of(predicted: Counter, reference: Counter) -> Counts:
    hits = sum(min(c, reference[g]) for g, c in predicted.items() if g in reference)
    return Counts(hits, sum(predicted.values()), sum(reference.values()))
