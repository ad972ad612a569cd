"""Load the rules-as-data of resources/<lang>/ and find candidate matches in a text.

tables.ini     normalisation tables (phrase -> value), some matched in Title Case only
fragments.ini  named regex fragments
rules.ini      one section per rule: pattern, type, resolve, parameters, examples
negatives.txt  regexes whose matches (or their group "veto", when they have one) veto
               overlapping candidates
"""
from __future__ import annotations

import configparser
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

try:  # the opcodes of a parsed pattern (can_match_digit)
    import re._constants as _c
except ImportError:  # Python 3.10
    import sre_constants as _c

from timeline.settings import SETTINGS, Settings
from timeline.temporal.prefilter import first_char_guard, fold, parsed, required

RESOURCES = Path(__file__).parent / "resources"
_REF = re.compile(r"\{(\w+)(?::(\w+))?\}")
_RULE_KEYS = {"pattern", "type", "resolve", "unit", "offset", "sign", "anchor", "value",
              "table", "span", "examples", "part", "keeps_anchor", "mod", "number", "past_duration", "tense", "years",
              "runs", "reported"}


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern
    type: str
    resolve: str
    params: dict
    groups: dict  # group name -> table or fragment name
    examples: list = field(default_factory=list)
    words: frozenset = frozenset()  # trigger words the rule can match (filled by load)
    digits: bool = True  # whether a match can contain digits
    source: str = ""  # the full pattern (tables and fragments filled in), before the first-character guard
    needs: re.Pattern | None = None  # strings one of which each match holds, in the folded text

    @property
    def dated(self) -> bool:
        """Whether a match can be placed on the calendar (what an event is dated by): a DATE or
        TIME rule that resolves to a day, month, year ... (not "now", "recently": a literal or
        table value), or a duration that runs ahead from now ("over the next decade"). The
        sentence focus analyses the sentences that hold such a candidate; tense never changes it."""
        if self.type in ("DATE", "TIME"):
            return self.resolve not in UNPLACED
        return self.type == "DURATION" and self.params.get("runs") == "ahead"


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    fields: dict  # group name -> matched text
    order: int  # rule position: lower wins ties
    text: str = ""  # the matched text, before any modifier is pulled in
    mod: str = ""


@dataclass(frozen=True)
class RuleSet:
    tables: dict
    rules: tuple
    negatives: tuple
    modifier: re.Pattern
    quantity_modifier: re.Pattern
    triggers: frozenset = frozenset()  # words one of which every match contains (lower case)
    trigger_numbers: re.Pattern | None = None  # numbers that can be or start an expression
    negative_needs: tuple = ()  # per negative: like Rule.needs
    deictic: re.Pattern = re.compile("(?!)")  # words that tie an expression to the publication date


UNPLACED = frozenset({"literal", "table"})  # resolve kinds whose values are not on the calendar
# Tables whose words never make a time expression on their own: not triggers.
_NOT_TRIGGERS = {"numword", "this", "ordinal", "modifier", "quantity_modifier", "side"}
_STOP_WORDS = {"the", "a", "an", "of", "at", "as", "for", "st", "and", "in", "after", "before", "last",
               "first", "second", "end", "new", "right", "six", "long", "near", "possible",
               "these", "martin", "luther", "king", "boxing", "labor", "labour", "memorial"}
_WORD = re.compile(r"[^\W\d_]+")


def normal_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace(".", "").lower()).strip()


def _title(key: str) -> str:
    """"fourth of july" -> "Fourth of July", "st patrick's day" -> "St Patrick's Day"."""
    words = key.split(" ")
    return " ".join(w if k and w in ("of", "the", "and") else w.title() for k, w in enumerate(words)).replace("'S", "'s")


def _alternation(keys, title_case: bool) -> str:
    forms = []
    for key in sorted(keys, key=len, reverse=True):
        pattern = re.escape(key).replace("'", "['’]").replace(r"\ ", r"\s+")
        if title_case:
            title = re.escape(_title(key)).replace("'", "['’]").replace(r"\ ", r"\s+")
            forms += [title, pattern.upper()]
        else:
            forms.append(pattern)
    inner = "|".join(forms)
    return f"(?-i:{inner})" if title_case else f"(?:{inner})"


def _read_ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str.lower
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except (OSError, configparser.Error) as exc:
        raise ValueError(f"{path}: cannot read rules file: {exc}") from exc
    return parser


@lru_cache(maxsize=4)
def load(lang: str = "en") -> RuleSet:
    folder = RESOURCES / lang
    ini = _read_ini(folder / "tables.ini")
    title = set(ini["_title_case"]) if ini.has_section("_title_case") else set()
    tables = {name: dict(ini[name]) for name in ini.sections() if not name.startswith("_")}
    trigger_words = set(ini["_triggers"]) if ini.has_section("_triggers") else set()
    alternations = {name: _alternation(t, name in title) for name, t in tables.items()}

    raw_fragments = dict(_read_ini(folder / "fragments.ini")["fragments"])

    def inline(match):  # inside fragments: tables and fragments do not capture
        name = match.group(1)
        if name in alternations:
            return alternations[name]
        return f"(?:{_REF.sub(inline, raw_fragments[name])})"

    fragments = {name: _REF.sub(inline, rx) for name, rx in raw_fragments.items()}

    rules = []
    parser = _read_ini(folder / "rules.ini")
    for order, name in enumerate(parser.sections()):
        section = dict(parser[name])
        unknown = set(section) - _RULE_KEYS
        if unknown or "pattern" not in section:
            raise ValueError(f"{folder / 'rules.ini'}: rule [{name}] has bad keys {sorted(unknown) or 'no pattern'}")
        groups: dict[str, str] = {}

        def capture(match, groups=groups, rule=name):
            source, group = match.group(1), match.group(2) or match.group(1)
            if source in alternations:
                body = alternations[source]
            elif source in fragments:
                body = fragments[source]
            else:
                raise ValueError(f"rules.ini: rule [{rule}] refers to unknown {{{source}}}")
            if group in groups:  # the same name twice in alternatives: reuse a fresh name
                group = f"{group}{len(groups)}"
            groups[group] = source
            return f"(?P<{group}>{body})"

        source = rf"(?<![\w'’])(?<!\d-)(?:{_REF.sub(capture, section['pattern'])})(?![\w])"
        try:
            regex = first_char_guard(source, re.I)
        except re.error as exc:
            raise ValueError(f"rules.ini: rule [{name}] pattern does not compile: {exc}") from exc
        examples = [
            [part.strip() for part in line.split("|")]
            for line in section.get("examples", "").splitlines() if line.strip()
        ]
        params = {k: v for k, v in section.items() if k not in ("pattern", "type", "resolve", "examples")}
        rules.append(Rule(name, regex, section.get("type", "DATE"), section.get("resolve", "date"),
                          params, groups, examples, source=source))

    needs: dict[frozenset, re.Pattern] = {}  # one pattern per set: rules with the same set share the test

    def needs_of(source: str, flags: int = 0) -> re.Pattern | None:
        strings = required(source, flags)
        return needs.setdefault(strings, re.compile("|".join(map(re.escape, sorted(strings))))) if strings else None

    negatives, negative_needs = [], []
    for line in (folder / "negatives.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            negatives.append(first_char_guard(line.strip()))
            negative_needs.append(needs_of(line.strip()))
    trigger_words |= {k for name, t in tables.items() if name not in _NOT_TRIGGERS for k in t}
    triggers = frozenset(w for phrase in trigger_words for w in re.split(r"[\s.-]+", phrase.replace("’", "'"))
                         if w and w not in _STOP_WORDS)
    trigger_numbers = re.compile(raw_fragments.get("trigger_numbers", r"\d"))
    modifier = re.compile(rf"(?<![\w])({alternations['modifier']})(?:\s+|-)$", re.I)
    quantity = re.compile(rf"(?<![\w])({alternations['quantity_modifier']})\s+$", re.I)
    # which trigger words each rule can contain: windows without them are skipped
    rules = tuple(replace(rule, words=frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", rule.source)) & triggers,
                          digits=can_match_digit(rule.source), needs=needs_of(rule.source, re.I))
                  for rule in rules)
    deictic = _word_list(folder / "deictic.txt")
    return RuleSet(tables, rules, tuple(negatives), modifier, quantity, triggers, trigger_numbers,
                   tuple(negative_needs), re.compile(rf"\b(?:{'|'.join(map(re.escape, deictic))})\b", re.I))


def can_match_digit(source: str) -> bool:
    """Whether a match of the pattern ``source`` can hold a digit: read from the parsed pattern,
    so a digit tested only in a look-around ("(?<!\\d-)", "(?!\\s+\\d)") does not count; any
    construct not known here counts as one that can (a window with a number is then tried)."""
    return _digit_in(parsed(source, re.I).data)


_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_NO_DIGIT_CATEGORIES = {_c.CATEGORY_SPACE, _c.CATEGORY_NOT_DIGIT, _c.CATEGORY_LINEBREAK}


def _digit_in(items) -> bool:
    for op, arg in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        if op == _c.LITERAL:
            if chr(arg).isdigit():
                return True
        elif op == _c.IN:
            if _set_has_digit(arg):
                return True
        elif op == _c.SUBPATTERN:
            if _digit_in(arg[-1].data):
                return True
        elif op == _c.BRANCH:
            if any(_digit_in(branch.data) for branch in arg[1]):
                return True
        elif op in _REPEATS:
            if _digit_in(arg[2].data):
                return True
        elif op == getattr(_c, "ATOMIC_GROUP", None):
            if _digit_in(arg.data):
                return True
        else:  # ANY, NOT_LITERAL, GROUPREF, ...: may be a digit
            return True
    return False


def _set_has_digit(items) -> bool:
    negate = any(op == _c.NEGATE for op, _ in items)
    if negate:  # [^...]: a digit unless the set names every digit
        return not any((op == _c.RANGE and arg[0] <= 48 and arg[1] >= 57)
                       or (op == _c.CATEGORY and arg == _c.CATEGORY_DIGIT) for op, arg in items)
    for op, arg in items:
        if op == _c.LITERAL and chr(arg).isdigit():
            return True
        if op == _c.RANGE and arg[0] <= 57 and arg[1] >= 48:
            return True
        if op == _c.CATEGORY and arg not in _NO_DIGIT_CATEGORIES:
            return True
        if op not in (_c.LITERAL, _c.RANGE, _c.CATEGORY):
            return True
    return False


def _word_list(path: Path) -> list[str]:
    """The words of a list file (one a line, # comments; "> " lines are examples for the tests)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read word list: {exc}") from exc
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith(("#", ">"))]


def windows(text: str, ruleset: RuleSet, margin: int = SETTINGS.temporal_trigger_margin) -> list[list]:
    """Stretches of text ``margin`` characters around trigger words (merged): [start, end,
    words, has_number]. Rules only look there, and only where one of their own trigger words is."""
    words = ruleset.triggers
    hits = [(m.start(), w) for m in _WORD.finditer(text) if (w := m.group().lower()) in words]
    hits += [(m.start(), "") for m in ruleset.trigger_numbers.finditer(text)]
    hits.sort()
    out: list[list] = []
    for hit, word in hits:
        start, end = max(0, hit - margin), min(len(text), hit + margin)
        if not (out and start <= out[-1][1]):
            out.append([start, end, set(), False])
        window = out[-1]
        window[1] = end
        if word:
            window[2].add(word)
        else:
            window[3] = True
    return out


def find(text: str, ruleset: RuleSet, settings: Settings = SETTINGS) -> tuple[Candidate, ...]:
    """Longest non-overlapping candidates, in text order, vetoed by the negatives: an
    immutable tuple of frozen candidates. The pipeline finds them once per Doc and keeps them
    on it (``Doc._.timex_candidates``, timeline.temporal.component.candidates_of)."""
    found = []
    spans = windows(text, ruleset, settings.temporal_trigger_margin)
    folded, holds = fold(text), {}

    def has_needed(needs, a, b) -> bool:  # a window without any string a regex needs has no match of it
        found = holds.get((needs, a))
        if found is None:
            found = holds[needs, a] = needs is None or needs.search(folded, a, b) is not None
        return found

    for order, rule in enumerate(ruleset.rules):
        span_group = rule.params.get("span")
        todo = [(a, b) for a, b, words, number in spans
                if ((number and rule.digits) or not rule.words.isdisjoint(words)) and has_needed(rule.needs, a, b)]
        for m in (m for a, b in todo for m in rule.regex.finditer(text, a, b)):
            start, end = m.span(span_group) if span_group else m.span()
            if end <= start:
                continue
            fields = {g: v for g, v in m.groupdict().items() if v is not None}
            found.append(Candidate(start, end, rule, fields, order, text[start:end], rule.params.get("mod", "")))
    if not found:
        return ()
    taken = bytearray(len(text))  # 1 = vetoed or already chosen: linear, never quadratic
    for rx, needs in zip(ruleset.negatives, ruleset.negative_needs):
        part = "veto" if "veto" in rx.groupindex else 0  # a context around the vetoed words
        for m in (m for a, b, _, _ in spans if has_needed(needs, a, b) for m in rx.finditer(text, a, b)):
            start, end = m.span(part)
            taken[start:end] = b"\x01" * (end - start)
    found.sort(key=lambda c: (c.start - c.end, c.order, c.start))
    chosen: list[Candidate] = []
    for cand in found:
        if any(taken[cand.start:cand.end]):
            continue
        chosen.append(cand)
        taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    chosen.sort(key=lambda c: c.start)
    lookback = settings.temporal_modifier_lookback
    return tuple(_extend_modifier(text, cand, ruleset, lookback) for cand in chosen)


def _extend_modifier(text: str, cand: Candidate, ruleset: RuleSet, lookback: int) -> Candidate:
    """Pull "early", "late", "the end of", "nearly" ... (within ``lookback`` characters before
    the span) into the span and set ``mod``."""
    before = text[max(0, cand.start - lookback):cand.start]
    counts = "number" in cand.fields and not cand.text.lower().startswith("the ")
    table, rx = ("quantity_modifier", ruleset.quantity_modifier) if counts else ("modifier", ruleset.modifier)
    m = rx.search(before)
    if m and not (table == "modifier" and cand.rule.type in ("DURATION", "SET")):
        return replace(cand, start=cand.start - (len(before) - m.start()),
                       mod=ruleset.tables[table].get(normal_key(m.group(1)), ""))
    return cand
