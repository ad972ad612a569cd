import json

from click.testing import CliRunner

from timeline.cli import main
from tests.nlp.helpers import needs_model


def fake_model(path):
    path.mkdir()
    (path / "parser").mkdir()
    (path / "parser" / "model").write_bytes(b"x" * 2_000_000)
    meta = {"lang": "en", "name": "fake", "version": "0.0.1", "spacy_version": ">=3.8",
            "pipeline": ["tok2vec", "parser"], "license": "CC BY-SA 4.0",
            "sources": [{"name": "UD English-EWT"}],
            "performance": {"dep_uas": 0.871, "dep_las": 0.842, "morph_per_feat": {"Tense": {"f": 0.95}}},
            "test_performance": {"dep_uas": 0.865},
            "test_performance_gold_sentences": {"dep_uas": 0.879}}
    (path / "meta.json").write_text(json.dumps(meta))
    return path


def test_info_prints_path_components_size_scores_licence(tmp_path):
    model = fake_model(tmp_path / "m")
    result = CliRunner().invoke(main, ["model", "info", "--model", str(model)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert str(model) in out
    assert "tok2vec, parser" in out
    assert "Size:       2.0 MB" in out
    assert "CC BY-SA 4.0" in out and "UD English-EWT" in out
    assert "UAS                      87.1   86.5                  87.9" in out
    assert "Tense F1                 95.0      -                     -" in out
    assert "Entities F1" not in out  # no score at all: no line


def test_info_json(tmp_path):
    model = fake_model(tmp_path / "m")
    result = CliRunner().invoke(main, ["model", "info", "--model", str(model), "--json"])
    data = json.loads(result.output)
    assert data["components"] == ["tok2vec", "parser"]
    assert data["scores"]["LAS"] == {"dev": 0.842, "test": None, "test_gold_sentences": None}
    assert data["scores"]["UAS"]["test_gold_sentences"] == 0.879
    assert data["sizes"]["parser"] == 2_000_000


def test_info_on_a_folder_without_model_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["model", "info", "--model", str(tmp_path)])
    assert result.exit_code == 1
    assert "meta.json missing" in result.output and "training/build.py" in result.output
    assert "Traceback" not in result.output


@needs_model
def test_info_on_the_shipped_model():
    result = CliRunner().invoke(main, ["model", "info"], env={"TIMELINE_SPACY_MODEL": ""})
    assert result.exit_code == 0, result.output
    assert "timeline/nlp/model" in result.output
    assert "tok2vec, tagger, morphologizer, parser, ner" in result.output
    assert "CC BY-SA 4.0" in result.output


def test_info_without_dev_scores_has_no_dev_column(tmp_path):
    model = fake_model(tmp_path / "m")
    meta = json.loads((model / "meta.json").read_text())
    del meta["performance"]  # trained on train + dev: build.py drops them
    (model / "meta.json").write_text(json.dumps(meta))
    out = CliRunner().invoke(main, ["model", "info", "--model", str(model)]).output
    assert "Scores (%)                 test  test, gold sentences" in out
    assert "UAS                      86.5                  87.9" in out
    assert "no dev scores" in out
