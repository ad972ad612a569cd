"""Every example written next to a rule in resources/en/rules.ini is a test case."""
import re
from datetime import date

import pytest

from timeline.temporal import rules, tag_time
from timeline.temporal.prefilter import fold

EXAMPLES = [
    pytest.param(rule.name, *example[:4], example[4] if len(example) > 4 else None, id=f"{rule.name}-{n}")
    for rule in rules.load("en").rules
    for n, example in enumerate(rule.examples)
]


def test_every_rule_has_examples():
    assert all(rule.examples for rule in rules.load("en").rules)


@pytest.mark.parametrize("rule, text, dct, expected_text, expected_value, expected_type", EXAMPLES)
def test_rule_example(rule, text, dct, expected_text, expected_value, expected_type):
    found = tag_time(text, date.fromisoformat(dct))
    got = [(t.text, t.value, t.type) for t in found]
    matching = [t for t in found if t.text == expected_text]
    assert matching, f"[{rule}] {expected_text!r} not found in {text!r}: {got}"
    assert matching[0].value == expected_value, f"[{rule}] {text!r}: {got}"
    if expected_type:
        assert matching[0].type == expected_type


def test_examples_have_dct_and_value():
    for rule in rules.load("en").rules:
        for example in rule.examples:
            assert len(example) in (4, 5), (rule.name, example)
            date.fromisoformat(example[1])


def test_every_resolve_kind_exists():
    from timeline.temporal.resolve import Resolver

    assert all(hasattr(Resolver, "r_" + rule.resolve) for rule in rules.load("en").rules)


def test_each_rule_can_be_reached_by_the_trigger_prefilter():
    ruleset = rules.load("en")
    for rule in ruleset.rules:
        assert rule.words or rule.digits, rule.name


def test_a_broken_rule_file_is_named_in_the_error(tmp_path, monkeypatch):
    import shutil

    folder = tmp_path / "xx"
    shutil.copytree(rules.RESOURCES / "en", folder)
    with open(folder / "rules.ini", "a", encoding="utf-8") as handle:
        handle.write("\n[broken]\npattern = (unclosed\n")
    monkeypatch.setattr(rules, "RESOURCES", tmp_path)
    rules.load.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"rules.ini: rule \[broken\]"):
            rules.load("xx")
    finally:
        rules.load.cache_clear()


def test_first_char_guard_keeps_every_rule_match():
    ruleset = rules.load("en")
    text = " ".join(example[0] for rule in ruleset.rules for example in rule.examples)
    for rule in ruleset.rules:
        plain = re.compile(rule.source, re.I)
        assert [m.span() for m in rule.regex.finditer(text)] == [m.span() for m in plain.finditer(text)], rule.name


def test_every_rule_match_holds_one_of_the_strings_the_rule_needs():
    ruleset = rules.load("en")
    text = " ".join(example[0] for rule in ruleset.rules for example in rule.examples)
    folded = fold(text)
    for rule in ruleset.rules:
        for m in rule.regex.finditer(text):
            assert rule.needs is None or rule.needs.search(folded, m.start(), m.end()), (rule.name, m.group())
    assert sum(rule.needs is not None for rule in ruleset.rules) > len(ruleset.rules) // 2


def test_every_negative_match_holds_one_of_the_strings_it_needs():
    ruleset = rules.load("en")
    text = ("Mrs May said the March on Washington drew 30-year-olds, aged 40, at 1600 Pennsylvania Avenue; "
            "a second round; High Noon; 60 Minutes; $5 million; 3 percent; two-quarters of; Super Tuesday. "
            "May we? Flight 370, (555) 123-4567, 5 units a year.")
    folded = fold(text)
    hits = 0
    for rx, needs in zip(ruleset.negatives, ruleset.negative_needs):
        for m in rx.finditer(text):
            hits += 1
            assert needs is None or needs.search(folded, m.start(), m.end()), (rx.pattern, m.group())
    assert hits >= 8


def test_find_keeps_nothing_between_calls():
    """No shared state: the rule pass runs afresh on each text (the pipeline keeps the
    result on the Doc instead, Doc._.timex_candidates)."""
    ruleset = rules.load("en")
    first = rules.find("They met on Monday.", ruleset)
    again = rules.find("They met on Monday.", ruleset)
    assert [c.text for c in first] == ["Monday"] and again == first and again is not first
    assert not any(isinstance(v, dict) for k, v in vars(rules).items() if not k.startswith("__"))


def test_dated_rules_are_those_an_event_can_be_placed_at():
    ruleset = rules.load("en")
    text = "The strike lasted three weeks, talks resume every week, and now they met on Monday in 2019."
    assert {c.text: c.rule.dated for c in rules.find(text, ruleset)} == {
        "three weeks": False, "every week": False, "now": False, "Monday": True, "2019": True}
    ahead = rules.find("Over the next decade the city will build homes.", ruleset)
    assert [(c.text, c.rule.dated) for c in ahead] == [("the next decade", True)]


@pytest.mark.parametrize("pattern, can", [
    (r"(?<!\d-)spring(?!\s+(?:of\s+)?\d)", False),  # digits only in look-arounds
    (r"(?:one|two|three)\s+days", False),
    (r"[a-z]+\s+ago", False),
    (r"\d{4}", True),
    (r"[0-9]+", True),
    (r"(?:one|2)", True),
    (r"\w+day", True),      # \w holds the digits
    (r"[^a-z]", True),      # a negated set without the digits
    (r"a.b", True),         # any character
])
def test_can_match_digit_reads_the_parsed_pattern(pattern, can):
    assert rules.can_match_digit(pattern) is can


def test_a_rule_said_to_match_no_digit_matches_none():
    ruleset = rules.load("en")
    text = " ".join(example[0] for rule in ruleset.rules for example in rule.examples)
    digitless = [rule for rule in ruleset.rules if not rule.digits]
    assert len(digitless) > len(ruleset.rules) // 3  # the prefilter's gain: windows with a number
    for rule in digitless:
        for m in rule.regex.finditer(text):
            assert not re.search(r"\d", m.group()), (rule.name, m.group())
