"""The reporting verbs of English news (resources/reporting_verbs.txt): one list, each form with
the uses it serves; ``reporting_verbs(use)`` gives a use's forms. Read by the summaries
(use "attribution": timeline/events/resources/summary.ini) and the tense cues (use "tense":
timeline/temporal/resources/en/cues.ini). Pure: no spaCy."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

PATH = Path(__file__).resolve().parent / "resources" / "reporting_verbs.txt"
USES = ("attribution", "tense")


@lru_cache(maxsize=None)  # immutable: one shared copy
def _table(path: Path = PATH) -> Mapping[str, frozenset[str]]:
    """use -> its forms; a bad line raises ValueError naming the file, the line and the reason."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the reporting verbs: {exc}") from exc
    forms: dict[str, set[str]] = {use: set() for use in USES}
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        form, uses = parts[0], parts[1:]
        unknown = [u for u in uses if u not in USES]
        problem = ("not one word in lower case" if not (form.isalpha() and form == form.lower())
                   else "the form again" if form in seen
                   else "no use" if not uses
                   else f"unknown use {unknown[0]!r} (want {' or '.join(USES)})" if unknown
                   else None)
        if problem:
            raise ValueError(f"{path}, line {number} {line.strip()!r}: {problem}")
        seen.add(form)
        for use in uses:
            forms[use].add(form)
    return MappingProxyType({use: frozenset(found) for use, found in forms.items()})


def reporting_verbs(use: str, path: Path = PATH) -> frozenset[str]:
    """The forms marked ``use`` ("attribution" or "tense"); ValueError for another use."""
    if use not in USES:
        raise ValueError(f"{path}: no use {use!r} (want {' or '.join(USES)})")
    return _table(path)[use]
