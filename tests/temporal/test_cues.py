"""Every example of resources/en/cues.ini, read as the rule-only path and the Doc path read it."""
import pytest
import spacy

from timeline.temporal import cues, tense
from timeline.temporal.tense import tense_in_text, tense_of

NLP = spacy.blank("en")
CUES = cues.english()
EXAMPLES = [(name, example) for name, cue_set in CUES.items() for example in cue_set.examples]


@pytest.mark.parametrize("name, example", EXAMPLES, ids=[f"{n}: {e.text}" for n, e in EXAMPLES])
def test_cue_examples(name, example):
    start = example.text.index(example.expression)
    end = start + len(example.expression)
    assert tense_in_text(example.text, start, end) == example.tense
    assert tense_of(NLP.make_doc(example.text).char_span(start, end, alignment_mode="expand")) == example.tense


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
