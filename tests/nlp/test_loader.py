from datetime import date

import pytest
import spacy

from timeline.nlp import loader
from timeline.nlp.loader import ENV_VAR, MODE_VAR, ModelNotFoundError, load, load_rules


@pytest.fixture
def tiny_pipeline(tmp_path):
    """A saved blank English pipeline standing in for 'another spaCy pipeline'."""
    path = tmp_path / "tiny"
    spacy.blank("en").to_disk(path)
    return path


def test_other_pipeline_by_name_gets_rules_and_temporal(tiny_pipeline):
    nlp = load(str(tiny_pipeline))
    assert nlp.pipe_names == ["timeline_sentences", "timeline_honorifics", "timeline_gazetteer",
                              "timeline_temporal"]
    # a pipeline without parser or NER: the splitter's sentences, the rules' entities
    doc = nlp.make_doc("Talks ended\nMr Lee flew to Paris on Monday. It rained.")
    doc._.dct = date(2025, 3, 19)
    doc = nlp(doc)
    assert [s.text.strip() for s in doc.sents] == ["Talks ended", "Mr Lee flew to Paris on Monday.", "It rained."]
    assert {(e.text, e.label_) for e in doc.ents} == {("Lee", "PERSON"), ("Paris", "GPE")}
    assert [(t.text, t.value) for t in doc._.timexes] == [("Monday", "2025-03-17")]


def test_both_sentence_modes_share_the_statistical_pipeline(tiny_pipeline):
    timex, every = load(str(tiny_pipeline), mode="timex"), load(str(tiny_pipeline), mode="all")
    assert timex is not every
    assert timex.get_pipe("timeline_sentences").inner is every.get_pipe("timeline_sentences").inner
    assert timex.vocab is every.vocab


def test_sentence_mode_from_the_environment(tiny_pipeline, monkeypatch):
    monkeypatch.setenv(MODE_VAR, "all")
    assert load(str(tiny_pipeline)) is load(str(tiny_pipeline), mode="all")
    monkeypatch.setenv(MODE_VAR, "some")
    with pytest.raises(ValueError, match=r"TIMELINE_SENTENCES='some': use one of timex, all"):
        load(str(tiny_pipeline))


def test_load_is_cached_per_name(tiny_pipeline):
    assert load(str(tiny_pipeline)) is load(str(tiny_pipeline))


def test_environment_variable_picks_the_pipeline(tiny_pipeline, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tiny_pipeline))
    assert load() is load(str(tiny_pipeline))
    assert "tagger" not in load().pipe_names


def test_missing_shipped_model_says_how_to_rebuild(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(loader, "MODEL_DIR", tmp_path / "nothing")
    monkeypatch.setattr(loader, "_cache", {})
    with pytest.raises(ModelNotFoundError, match=r"training/build.py") as info:
        load()
    assert str(tmp_path / "nothing") in str(info.value)


def test_unknown_pipeline_name_is_a_clear_error():
    with pytest.raises(ModelNotFoundError, match=r"cannot load the spaCy pipeline 'xx_no_such_pipeline'"):
        load("xx_no_such_pipeline")


def test_load_rules_is_blank_with_sentences_and_temporal():
    nlp = load_rules()
    assert nlp is load_rules()
    assert nlp.pipe_names == ["sentencizer", "timeline_temporal"]
    doc = nlp("It rained. We left on 3 March 2025.")
    assert len(list(doc.sents)) == 2
    assert not doc.has_annotation("TAG") and not doc.ents
