"""Every example of resources/en/cues.ini (read as the rule-only path and the Doc path read it)
and of resources/en/context.ini (through tag_time)."""
import re

import pytest
import spacy

from timeline.temporal import cues, resolve, tag_time, tagger, tense
from timeline.temporal.tense import aside_in_text, aside_of, tense_in_text, tense_of

NLP = spacy.blank("en")
CUES = cues.english()
EXAMPLES = [(name, example) for name, cue_set in CUES.items() for example in cue_set.examples]


@pytest.mark.parametrize("name, example", EXAMPLES, ids=[f"{n}: {e.text}" for n, e in EXAMPLES])
def test_cue_examples(name, example):
    start = example.text.index(example.expression)
    end = start + len(example.expression)
    span = NLP.make_doc(example.text).char_span(start, end, alignment_mode="expand")
    if example.tense in cues.ASIDES:  # the aside reading: is the date told aside from the story's line?
        assert aside_in_text(example.text, start, end) == (example.tense == "aside")
        assert aside_of(span) == (example.tense == "aside")
        return
    assert tense_in_text(example.text, start, end) == example.tense
    assert tense_of(span) == example.tense


def test_every_set_has_an_example_and_tense_reads_them_all():
    assert all(cue_set.examples for cue_set in CUES.values())
    used = {name.lower() for name in vars(tense) if name.isupper()}
    assert set(CUES) <= used  # no set in the file that the code does not read


def test_sets_are_immutable():
    assert isinstance(tense.PAST_WORDS, frozenset)
    assert tense.BOUNDARY >= {".", "\n", "\n\n"}
    assert tense.SCHEDULE_OBJECT["takes"] >= {"effect", "place"}
    with pytest.raises(TypeError):
        tense.SCHEDULE_OBJECT["makes"] = frozenset()


@pytest.mark.parametrize("content, message", [
    ("[a]\nwords = x\nexamples =\n    no bars here\n", r"\[a\] example 'no bars here'"),
    ("[a]\nwords = x\nexamples =\n    They met. | Friday | past\n", r"\[a\] example"),
    ("[a]\nwords = x\nexamples =\n    They met on Friday. | Friday | soon\n", r"\[a\] example"),
    ("[a]\nexamples =\n", r"\[a\] has no words"),
    ("words = x\n", "cannot read cue words"),
])
def test_a_bad_file_is_named_with_the_reason(tmp_path, content, message):
    path = tmp_path / "cues.ini"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        cues.load(path)
    assert str(path) in str(info.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="cannot read cue words"):
        cues.load(tmp_path / "nope.ini")


PATTERNS = cues.english_patterns()
PATTERN_EXAMPLES = [(name, example) for name, pattern in PATTERNS.items() for example in pattern.examples]


def _value(text: str, dct: str, span: str, interval: bool = False) -> str | None:
    """The value of the expression ``span``; with ``interval``, followed by "[start, end)"."""
    found = next((t for t in tag_time(text, dct) if t.text == span), None)
    if found is None or not interval:
        return found and found.value
    return f"{found.value} [{found.start_date}, {found.end_date})"


def _users(regex):
    """The (module, name) pairs that hold ``regex``: the code that reads the pattern."""
    return [(module, name) for module in (resolve, tagger) for name, value in vars(module).items() if value is regex]


@pytest.mark.parametrize("name, example", PATTERN_EXAMPLES, ids=[f"{n}: {e[0]}" for n, e in PATTERN_EXAMPLES])
def test_context_pattern_examples(name, example, monkeypatch):
    text, dct, span, value = example
    interval = "[" in value
    assert _value(text, dct, span, interval) == value
    users = _users(PATTERNS[name].regex)
    assert users, f"no code reads [{name}]"
    for module, attr in users:  # the example shows the pattern's work: without it the value differs
        monkeypatch.setattr(module, attr, re.compile("(?!)"))
    assert _value(text, dct, span, interval) != value


def test_every_pattern_has_an_example():
    assert all(pattern.examples for pattern in PATTERNS.values())


@pytest.mark.parametrize("content, message", [
    ("[a]\nexamples =\n", r"\[a\] has no pattern"),
    ("[a]\npattern = (\n", r"\[a\] pattern does not compile"),
    ("[a]\npattern = x\nexamples =\n    x | 2025-03-19\n", r"\[a\] example 'x \| 2025-03-19'"),
])
def test_a_bad_pattern_file_is_named_with_the_reason(tmp_path, content, message):
    path = tmp_path / "context.ini"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        cues.load_patterns(path)
    assert str(path) in str(info.value)
