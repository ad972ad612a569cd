"""Bounded work on one Doc: the tokenizer never sees a long run of non-space characters,
and an analysis carries its own time budget on the Doc.

    doc = make_doc(nlp, text, settings)      # == nlp.make_doc(text), runs cut for the tokenizer
    start_budget(doc, seconds)               # the deadline travels on the Doc (Doc.user_data)
    check_budget(doc)                        # raises BudgetExceeded past it

spaCy's tokenizer strips prefixes and suffixes from a whitespace-free run one at a time, each
step copying the rest: 40,000 '&' took 155 s. ``make_doc`` tokenizes runs longer than
``settings.max_token_run_chars`` in pieces of that size and joins the pieces with
``Doc.from_docs``: the Doc's text (and every offset) is the text given, and the work is linear.
"""
from __future__ import annotations

import re
import time
from functools import lru_cache

from timeline.settings import SETTINGS, Settings

DEADLINE = "timeline_deadline"  # Doc.user_data key: time.monotonic() past which work stops


class BudgetExceeded(RuntimeError):
    """The analysis of one article ran past its time budget (``max_item_seconds``)."""


@lru_cache(maxsize=8)
def _long_run(limit: int) -> re.Pattern:
    return re.compile(r"\S{%d,}" % (limit + 1))


def pieces(text: str, limit: int) -> list[str]:
    """``text`` in consecutive pieces, each run of non-space characters longer than ``limit``
    cut every ``limit`` characters; ``"".join(pieces) == text``."""
    out, at = [], 0
    for match in _long_run(limit).finditer(text):
        if match.start() > at:
            out.append(text[at:match.start()])
        out.extend(text[k:min(k + limit, match.end())] for k in range(match.start(), match.end(), limit))
        at = match.end()
    if at < len(text) or not out:
        out.append(text[at:])
    return out


def make_doc(nlp, text: str, settings: Settings = SETTINGS):
    """``nlp.make_doc(text)`` with no tokenizer call on a run longer than
    ``settings.max_token_run_chars``."""
    parts = pieces(text, settings.max_token_run_chars)
    if len(parts) == 1:
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    return Doc.from_docs([nlp.make_doc(part) for part in parts], ensure_whitespace=False)


def start_budget(doc, seconds: float) -> None:
    doc.user_data[DEADLINE] = time.monotonic() + seconds


def check_budget(doc) -> None:
    """Raise BudgetExceeded when ``doc``'s analysis is past its deadline (none set: no limit)."""
    deadline = doc.user_data.get(DEADLINE)
    if deadline is not None and time.monotonic() > deadline:
        raise BudgetExceeded("analysis ran past its time budget")
