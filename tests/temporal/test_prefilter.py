import re

import pytest

from timeline.temporal.prefilter import first_char_guard, first_chars


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
    assert first_char_guard("may").pattern.startswith("(?=(?-i:[Mm")
    assert first_char_guard("a*").pattern == "a*"
