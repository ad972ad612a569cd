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


@pytest.mark.parametrize("sentence, expression, expected", [
    ("COTONOU, March 28 (West Africa Wire) - Nigeria, Niger and Benin signed a treaty on Friday.",
     "on Friday", "Nigeria, Niger and Benin signed a treaty on Friday"),
    ("DERAA, Syria (Reuters) - Syrian forces killed six people on Wednesday.",
     "on Wednesday", "Syrian forces killed six people on Wednesday"),
])
def test_a_dateline_glued_before_the_news_is_no_part_of_the_summary(nlp, sentence, expression, expected):
    doc = nlp(sentence)
    at = sentence.index(expression)
    assert summary.summarise(doc, sentence, 0, at, at + len(expression)) == expected


def test_without_a_parse_the_dateline_is_cut_too():
    import spacy

    sentence = "COTONOU, March 28 (West Africa Wire) - The treaty was signed on Friday."
    doc = spacy.blank("en")(sentence)
    at = sentence.index("on Friday")
    assert summary.summarise(doc, sentence, 0, at, at + 9) == "The treaty was signed on Friday."


def test_an_expression_inside_the_dateline_keeps_the_whole_sentence():
    import spacy

    sentence = "COTONOU, March 28 (West Africa Wire) - The treaty was signed."
    doc = spacy.blank("en")(sentence)
    at = sentence.index("March 28")
    assert summary.summarise(doc, sentence, 0, at, at + 8) == sentence
