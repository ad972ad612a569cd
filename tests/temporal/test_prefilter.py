import re

import pytest

from timeline.temporal.prefilter import first_char_guard, first_chars, fold, required


def chars(source, flags=0):
    codes = first_chars(source, flags)
    return None if codes is None else "".join(sorted(map(chr, codes)))


@pytest.mark.parametrize("source, flags, expected", [
    (r"may", 0, "Mm"),                      # case variants always included
    (r"(?:the\s+)?\d+ days", 0, "0123456789Tt"),  # an optional part lets the next one start
    (r"\b(?:Mon|Tue)day\b", 0, "MTmt"),     # zero-width assertions are skipped
    (r"(?<!\d-)(?=x)ab|c", re.I, "ACac"),
    (r"(?:^|[.!?]\s+)May", 0, "!.?Mm"),
    (r"a*", 0, None),                        # can match the empty string: no guard
    (r"(a)?(?(1)b|c)", 0, None),             # conditional group: not worked out
])
def test_first_chars(source, flags, expected):
    assert chars(source, flags) == expected


def test_negated_class_keeps_both_case_readings():
    # case-insensitively [^a] refuses "A"; inside (?-i:...) it takes it: the set keeps "A"
    assert "A" in chars(r"(?-i:[^a])b", re.I)


TEXT = ("On Monday, may 5 \u212aelvin and Kelvin met; MAY 6th, ſunday. 30-day talks, "
        "A-b (?) 12:30 p.m. in mid-May x ")


@pytest.mark.parametrize("source, flags", [
    (r"(?<![\w'’])(?<!\d-)(?:(?:mid-)?may|monday|sunday)(?![\w])", re.I),
    (r"kelvin", re.I),             # the Kelvin sign matches k ignoring case: non-ASCII always passes
    (r"(?-i:[^a-z])\w", re.I),
    (r"\d+(?:st|th)?|[ap]\.m\.", 0),
    (r"(?i)may", 0),                # global flags must stay first: compiled as is
])
def test_guard_finds_the_same_matches(source, flags):
    plain, guarded = re.compile(source, flags), first_char_guard(source, flags)
    for pos in range(len(TEXT)):
        for end in (len(TEXT), pos + 7):
            assert [m.span() for m in guarded.finditer(TEXT, pos, end)] == \
                   [m.span() for m in plain.finditer(TEXT, pos, end)]
    assert list(plain.finditer(TEXT))  # the pattern is no trivial case: it matches something


def test_guard_is_in_front():
    assert first_char_guard("may").pattern.startswith("(?=(?-i:[^")
    assert first_char_guard("a*").pattern == "a*"


def test_fold_knows_every_character_that_matches_an_ascii_letter():
    import sys

    letters = re.compile("[a-z]", re.I)
    odd = {chr(c) for c in range(128, sys.maxunicode + 1) if letters.fullmatch(chr(c))}
    assert {c for c in odd if len(fold(c)) == 1 and fold(c).isascii()} == odd


@pytest.mark.parametrize("text", ["Plain ASCII, MAY 5", "İstanbul ſunday Kelvin ı", "Ǆ ß ﬁ"])
def test_fold_keeps_offsets(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(f == c.lower() for f, c in zip(folded, text) if c.isascii())


@pytest.mark.parametrize("source, expected", [
    (r"\d+ (?:days?|weeks?) ago", {"day ago", "days ago", "week ago", "weeks ago"}),  # ends trimmed
    (r"(?:the\s+)?(?-i:May|June)\s+\d", {"may", "june"}),  # the optional part is not needed
    (r"a[bc]d|efg", {"abd", "acd", "efg"}),
    (r"(?:next|last)\s+\w+", {"next", "last"}),
    (r"x?", None),             # matches the empty string
    (r"\d{4}", None),          # nothing literal to require
    (r"ab|\d+", None),         # one branch has no literal
])
def test_required(source, expected):
    assert required(source, re.I) == (frozenset(expected) if expected else None)


@pytest.mark.parametrize("source, text", [
    (r"(?<![\w])(?:\d+\s+(?:days?|weeks?)\s+ago)(?![\w])", "It ended 3 DAYS AGO, or 2 weeks\nago."),
    (r"(?:the\s+)?(?-i:May|June|MAY)\s+\d+", "In ſome MAY 5 and the June 6 talks"),
    (r"\bs(?:ept|unday)\b", "On ſunday in Sept, SUNDAY"),
    (r"kilo(?:meters|metres)", "10 \u212aILOMETRES"),
])
def test_every_match_holds_a_required_string(source, text):
    strings, folded = required(source, re.I), fold(text)
    matches = list(re.finditer(source, text, re.I))
    assert matches
    for m in matches:
        assert any(s in folded[m.start():m.end()] for s in strings), (m.group(), strings)
