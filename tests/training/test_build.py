"""training/build.py: the final model's corpus (train + dev) and which model gets packaged."""
import importlib.util
import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

SPEC = importlib.util.spec_from_file_location(
    "training_build", Path(__file__).resolve().parents[2] / "training" / "build.py")
build = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build)


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    for name in ("CORPUS", "OUTPUT", "PACKAGE"):
        monkeypatch.setattr(build, name, tmp_path / name.lower())
    (tmp_path / "corpus").mkdir()
    return tmp_path


def test_train_and_dev_joins_both_splits_in_order(dirs):
    vocab = spacy.blank("en").vocab
    for split, words in (("train", ["Putin", "met", "Trump"]), ("dev", ["Paris", "votes"])):
        doc = Doc(vocab, words=words, ents=["B-PERSON", "O", "B-PERSON"] if split == "train" else ["B-GPE", "O"])
        DocBin(docs=[doc]).to_disk(dirs / "corpus" / f"{split}.spacy")
    out = build.train_and_dev()
    docs = list(DocBin().from_disk(out).get_docs(vocab))
    assert [d.text for d in docs] == ["Putin met Trump ", "Paris votes "]
    assert [(e.text, e.label_) for e in docs[1].ents] == [("Paris", "GPE")]


def fake_model(path: Path, name: str) -> None:
    path.mkdir(parents=True)
    (path / "meta.json").write_text(json.dumps({"lang": "en", "name": name, "performance": {"ents_f": 0.9}}))
    (path / "which").write_text(name)


@pytest.mark.parametrize("with_dev, chosen, keeps_dev_scores", [(True, "last", False), (False, "best", True)])
def test_package_ships_model_best_or_with_dev_model_last(dirs, with_dev, chosen, keeps_dev_scores):
    fake_model(dirs / "output" / "model-last", "last")
    fake_model(dirs / "output" / "model-best", "best")
    (dirs / "output" / "test-scores.json").write_text(json.dumps({"ents_f": 0.66}))
    build.package(with_dev)
    meta = json.loads((dirs / "package" / "meta.json").read_text())
    assert meta["test_performance"] == {"ents_f": 0.66}
    assert meta["license"] == "CC BY-SA 4.0"
    assert (dirs / "package" / "which").read_text() == chosen
    assert ("performance" in meta) is keeps_dev_scores  # dev scores of a model trained on dev: dropped
