"""Load the cue words of the tense reading (resources/<lang>/cues.ini) and the context patterns
over raw text (context.ini): one section each, with examples the tests run. Loaded once into
immutable sets and compiled patterns (shared between threads)."""
from __future__ import annotations

import re
from configparser import ConfigParser
from configparser import Error as ConfigError
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, NamedTuple

from timeline.nlp.reporting import reporting_verbs

RESOURCES = Path(__file__).parent / "resources"
TENSES = ("past", "future", "present", "later", "none")
ASIDES = ("aside", "main")  # the examples of the aside reading (tense.aside_in_text)


class Example(NamedTuple):
    """A sentence, the expression in it, and the tense the cue words must give (None: no cue),
    or, in the sections of the aside reading, "aside" or "main"."""

    text: str
    expression: str
    tense: str | None


class CueSet(NamedTuple):
    words: frozenset[str]  # the words of "words ="
    after: Mapping[str, frozenset[str]]  # the other keys: a word and the words after it
    examples: tuple[Example, ...]


def _words(value: str) -> frozenset[str]:
    return frozenset(w.replace("\\n", "\n") for w in value.split())


def _example(path: Path, name: str, line: str) -> Example:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != 3 or parts[1] not in parts[0] or parts[2] not in TENSES + ASIDES:
        raise ValueError(f"{path}: [{name}] example {line!r}: want 'sentence | expression in it | "
                         f"{' or '.join(TENSES + ASIDES)}'")
    return Example(parts[0], parts[1], None if parts[2] == "none" else parts[2])


def _read(path: Path, what: str) -> ConfigParser:
    parser = ConfigParser(interpolation=None, comment_prefixes=("#",), inline_comment_prefixes=None)
    try:
        with open(path, encoding="utf-8") as f:
            parser.read_file(f)
    except (OSError, ConfigError) as exc:
        raise ValueError(f"{path}: cannot read {what}: {exc}") from exc
    return parser


def load(path: Path) -> Mapping[str, CueSet]:
    """The cue sets of ``path`` by section name; a clear ValueError naming the file and section."""
    parser = _read(path, "cue words")
    sets = {}
    for name in parser.sections():
        section = parser[name]
        examples = tuple(_example(path, name, line) for line in section.get("examples", "").splitlines()
                         if line.strip())
        after = {key: _words(value) for key, value in section.items()
                 if key not in ("words", "examples", "shared")}
        # shared = USE: the words are the forms marked USE in the one list of reporting verbs
        words = reporting_verbs(section["shared"]) if "shared" in section else _words(section.get("words", ""))
        if not words and not after:
            raise ValueError(f"{path}: [{name}] has no words")
        sets[name] = CueSet(words, MappingProxyType(after), examples)
    return MappingProxyType(sets)


@lru_cache(maxsize=None)  # immutable: one shared copy
def english() -> Mapping[str, CueSet]:
    return load(RESOURCES / "en" / "cues.ini")


class Pattern(NamedTuple):
    """A named context pattern and its examples: (text, dct, span, value)."""

    regex: re.Pattern
    examples: tuple[tuple[str, str, str, str], ...]


def load_patterns(path: Path) -> Mapping[str, Pattern]:
    """The context patterns of ``path`` by section name, compiled once."""
    parser = _read(path, "context patterns")
    patterns = {}
    for name in parser.sections():
        section = parser[name]
        source = "".join(line.strip() for line in section.get("pattern", "").splitlines())
        if not source:
            raise ValueError(f"{path}: [{name}] has no pattern")
        try:
            regex = re.compile(source, 0 if section.get("case") == "sensitive" else re.I)
        except re.error as exc:
            raise ValueError(f"{path}: [{name}] pattern does not compile: {exc}") from exc
        examples = []
        for line in section.get("examples", "").splitlines():
            if line.strip():
                parts = tuple(p.strip() for p in line.split("|"))
                if len(parts) != 4:
                    raise ValueError(f"{path}: [{name}] example {line.strip()!r}: want 'text | dct | span | value'")
                examples.append(parts)
        patterns[name] = Pattern(regex, tuple(examples))
    return MappingProxyType(patterns)


@lru_cache(maxsize=None)  # immutable: resolve.py and tagger.py share the compiled patterns
def english_patterns() -> Mapping[str, Pattern]:
    return load_patterns(RESOURCES / "en" / "context.ini")
