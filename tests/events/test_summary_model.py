"""The examples of resources/summary.ini, through the shipped model: an attribution alone
("Officials said on Monday") carries what was said."""
import pytest

from timeline.events import summary
from timeline.events.summary import clause_summary, rules


@pytest.fixture(scope="module")
def nlp():
    from timeline.nlp import load

    return load()


@pytest.mark.parametrize("sentence, expression, expected", rules().examples)
def test_examples(nlp, sentence, expression, expected):
    doc = nlp(sentence)
    at = sentence.index(expression)
    assert clause_summary(doc, at, at + len(expression)) == expected


def test_every_verb_form_is_one_word_in_lower_case():
    assert all(word == word.lower() and word.isalpha() for word in rules().reporting_verbs)


def test_an_attribution_with_more_to_say_keeps_its_own_clause(nlp):
    sentence = "The minister announced new sanctions on Monday, officials said."
    doc = nlp(sentence)
    at = sentence.index("on Monday")
    assert clause_summary(doc, at, at + len("on Monday")) == "The minister announced new sanctions on Monday"


@pytest.mark.parametrize("content, reason", [
    ("[reporting_verbs]\nshared = attribution\nexamples =\n    only a sentence\n", "example"),
    ("[reporting_verbs]\nwords = said\n", "names no use of the shared list"),
])
def test_a_bad_file_names_itself(tmp_path, monkeypatch, content, reason):
    bad = tmp_path / "summary.ini"
    bad.write_text(content)
    monkeypatch.setattr(summary, "RULES_PATH", bad)
    rules.cache_clear()
    try:
        with pytest.raises(ValueError, match=f"summary.ini.*{reason}"):
            rules()
    finally:
        rules.cache_clear()


@pytest.mark.parametrize("sentence, expression", [
    ("No arrests were reported on Monday after the march.", "on Monday"),  # passive: no speaker
    ("Courts are weighing the emergency he declared on Friday, lawyers said.", "on Friday"),
])
def test_no_attribution_no_reported_clause(nlp, sentence, expression):
    doc = nlp(sentence)
    at = sentence.index(expression)
    assert " that " not in clause_summary(doc, at, at + len(expression))
