"""Page furniture: dated expressions that belong to the page, not the news.

Datelines, bylines, "updated" stamps, reader comments, "this article appeared ...", live-blog
clock stamps, photo credits, "all times are ...", copyright lines. The rules are data
(``resources/furniture.ini``: a pattern per kind, with examples that must match and
counter-examples that must not; the tests run them all). A pattern is tried on the line that
holds the expression and takes the expression when a match covers it.

``strip_furniture`` cuts the furniture a sentence splitter glued in front of a sentence's news
(a headline, a wire stamp, an agency tag: ``resources/sentence_furniture.ini``, same format and
fragments) from a sentence shown to a person; ``news_start`` says where its news starts
(summaries).

Pure: no spaCy.
"""
from __future__ import annotations

import configparser
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RULES_PATH = Path(__file__).resolve().parent / "resources" / "furniture.ini"
SENTENCE_RULES_PATH = RULES_PATH.with_name("sentence_furniture.ini")
WINDOW = 500  # characters searched on each side of an expression (furniture is short)
_FRAGMENT = re.compile(r"\{(\w+)\}")
_LEFT_OVER = " |-:\u2013\u2014"   # separators left in front of the news after a cut


@dataclass(frozen=True)
class Example:
    text: str
    expression: str


@dataclass(frozen=True)
class FurnitureRule:
    name: str
    regex: re.Pattern
    examples: tuple[Example, ...]
    keeps: tuple[Example, ...]


def _examples(raw: str, rule: str, key: str) -> tuple[Example, ...]:
    out = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        text, sep, expression = line.strip().rpartition(" | ")
        if not sep or expression not in text:
            raise ValueError(f"{RULES_PATH}: [{rule}] {key}: {line.strip()!r} is not "
                             "'text | expression in the text'")
        out.append(Example(text, expression))
    return tuple(out)


def _parser(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    if not parser.read(path, encoding="utf-8"):
        raise ValueError(f"{path}: cannot read the furniture rules")
    return parser


def _compile(path: Path, name: str, section, fragments: dict[str, str]) -> re.Pattern:
    def fill(match: re.Match) -> str:
        key = match.group(1)
        if key not in fragments:
            return match.group(0)   # a regex quantifier such as {1,40} is no fragment
        return f"(?i:{fragments[key]})"   # fragments ignore case inside case-sensitive rules

    flags = re.MULTILINE | (0 if section.get("case", "no") == "yes" else re.IGNORECASE)
    try:
        return re.compile(_FRAGMENT.sub(fill, section["pattern"]), flags)
    except (KeyError, re.error) as err:
        raise ValueError(f"{path}: [{name}]: bad or missing pattern: {err}") from None


@lru_cache(maxsize=1)
def _fragments() -> dict[str, str]:
    parser = _parser(RULES_PATH)
    return dict(parser["fragments"]) if parser.has_section("fragments") else {}


@lru_cache(maxsize=1)
def rules() -> tuple[FurnitureRule, ...]:
    parser = _parser(RULES_PATH)
    out = []
    for name in parser.sections():
        if name == "fragments":
            continue
        section = parser[name]
        out.append(FurnitureRule(name, _compile(RULES_PATH, name, section, _fragments()),
                                 _examples(section.get("examples", ""), name, "examples"),
                                 _examples(section.get("keeps", ""), name, "keeps")))
    return tuple(out)


@dataclass(frozen=True)
class SentenceRule:
    name: str
    regex: re.Pattern
    examples: tuple[tuple[str, str], ...]   # (sentence, what is shown)
    keeps: tuple[str, ...]                  # sentences shown as they are


@lru_cache(maxsize=1)
def sentence_rules() -> tuple[int, tuple[SentenceRule, ...]]:
    """(reach, rules) of ``sentence_furniture.ini``."""
    path = SENTENCE_RULES_PATH
    parser = _parser(path)
    reach = parser.getint("settings", "reach", fallback=300)
    out = []
    for name in parser.sections():
        if name == "settings":
            continue
        section = parser[name]
        examples = []
        for line in section.get("examples", "").splitlines():
            if line.strip():
                text, sep, shown = line.strip().partition(" =>")
                if not sep:
                    raise ValueError(f"{path}: [{name}] examples: {line.strip()!r} is not "
                                     "'text => the sentence shown'")
                examples.append((text.strip(), shown.strip()))
        keeps = tuple(line.strip() for line in section.get("keeps", "").splitlines() if line.strip())
        out.append(SentenceRule(name, _compile(path, name, section, _fragments()), tuple(examples), keeps))
    return reach, tuple(out)


def news_start(sentence: str) -> int:
    """Where the news of ``sentence`` starts: after the last furniture match that starts within
    its first ``reach`` characters and the bars or dashes left behind it (0: no furniture)."""
    reach, found = sentence_rules()
    cut = 0
    for rule in found:
        for match in rule.regex.finditer(sentence, 0, len(sentence)):
            if match.start() >= reach:
                break
            cut = max(cut, match.end())
    if not cut:
        return 0
    rest = sentence[cut:]
    return cut + len(rest) - len(rest.lstrip(_LEFT_OVER))


def strip_furniture(sentence: str) -> str:
    """``sentence`` without the page furniture glued in front of its news ("" when nothing is
    left)."""
    cut = news_start(sentence)
    return sentence[cut:].strip() if cut else sentence


def furniture(text: str, start: int, end: int) -> str | None:
    """The name of the rule that makes ``text[start:end]`` page furniture, else None.

    An expression that runs over a line break (a tagger joining a stamp to the next line) is
    furniture when its part on any one line is."""
    pos = start
    while pos < end:
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        name = _on_line(text, line_start, line_end, pos, min(end, line_end))
        if name:
            return name
        pos = line_end + 1
    return None


def _on_line(text: str, line_start: int, line_end: int, s: int, e: int) -> str | None:
    """The rule whose match on the line covers ``text[s:e]``. Only ``WINDOW`` characters on
    each side of the expression are searched (``^`` still means the line's start): furniture
    is short, and a paragraph of one 300,000-character line stays linear, not quadratic."""
    if not text[s:e].strip():
        return None
    lo, hi = max(line_start, s - WINDOW), min(line_end, e + WINDOW)
    for rule in rules():
        for match in rule.regex.finditer(text, lo, hi):
            if match.start() > s:
                break
            if e <= match.end():
                return rule.name
    return None
