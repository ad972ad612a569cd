"""Rebuild the shipped English model: convert -> train -> evaluate -> package.

    python training/build.py [DATA_DIR]            # DATA_DIR defaults to ../shared/data
    python training/build.py --step package        # only copy the trained model into the package
    python training/build.py --train-only          # train on train alone, package model-best

Steps (all by default, in order): convert, vectors, train, evaluate, package.
CPU only, one process, fixed seed ([system] seed = 0 in config.cfg).

The shipped model is trained on train + dev for the config's fixed number of steps and
model-last is packaged (a train-only run's model-last scores as its model-best on test, so
the step count stands in for dev's choice). --train-only trains on train alone and packages
model-best by dev score, for experiments that need dev scores. See training/README.md for
what each scored. The test split is never trained on.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
PACKAGE = ROOT / "timeline" / "nlp" / "model"
VECTORS = HERE / "vectors"
STEPS = ("convert", "vectors", "train", "evaluate", "package")
# What the runtime needs from model-best: config, meta, tokenizer, vocab strings and the weights.
DROP = {"vocab/lookups.bin"}


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run(cmd, check=True, env=env)


def convert(data_dir: Path) -> None:
    sys.path.insert(0, str(HERE))
    from convert import convert as do_convert

    print(do_convert(data_dir, CORPUS))


def vectors() -> None:
    sys.path.insert(0, str(HERE))
    from vectors import build

    print(build(VECTORS))


def train_and_dev() -> Path:
    """train.spacy + dev.spacy in one corpus (``corpus/train-dev.spacy``): the shipped recipe's."""
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("en").vocab
    docs = [doc for split in ("train", "dev") for doc in DocBin().from_disk(CORPUS / f"{split}.spacy").get_docs(vocab)]
    out = CORPUS / "train-dev.spacy"
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    return out


def trained(with_dev: bool) -> Path:
    """The model the evaluate and package steps use."""
    return OUTPUT / ("model-last" if with_dev else "model-best")


def train(with_dev: bool = True) -> None:
    start = time.time()
    corpus = train_and_dev() if with_dev else CORPUS / "train.spacy"
    # with dev in the training data its scores during training only show progress
    run([sys.executable, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", str(OUTPUT),
         "--paths.train", str(corpus), "--paths.dev", str(CORPUS / "dev.spacy"),
         "--paths.vectors", str(VECTORS), "--gpu-id", "-1"])
    print(f"training took {(time.time() - start) / 60:.1f} min")


def evaluate(with_dev: bool = True) -> dict:
    """Score the trained model on the test split twice: documents of up to 10 sentences (the parser
    finds the boundaries) and one sentence per document (gold boundaries, the usual parsing
    benchmark setting). The figures go into the packaged meta.json."""
    scores = {}
    for name, corpus in (("test-scores.json", "test.spacy"), ("test-sentences-scores.json", "test-sentences.spacy")):
        out = OUTPUT / name
        run([sys.executable, "-m", "spacy", "evaluate", str(trained(with_dev)),
             str(CORPUS / corpus), "--output", str(out), "--gpu-id", "-1"])
        scores[corpus] = json.loads(out.read_text())
    return scores


def package(with_dev: bool = True) -> None:
    best = trained(with_dev)
    if not (best / "meta.json").is_file():
        raise SystemExit(f"{best}: no trained model (run the train step first)")
    if PACKAGE.exists():
        shutil.rmtree(PACKAGE)
    shutil.copytree(best, PACKAGE)
    for rel in DROP:
        path = PACKAGE / rel
        if path.is_file():
            path.unlink()
    meta_path = PACKAGE / "meta.json"
    meta = json.loads(meta_path.read_text())
    if with_dev:  # dev was trained on: its scores measure nothing
        meta.pop("performance", None)
    meta.update(
        name="timeline", version="1.0.0", license="CC BY-SA 4.0",
        description="English tagger, morphologizer, parser and NER (PERSON, ORG, GPE) for timeline, "
                    "trained on UD English-EWT and UniversalNER English-EWT.",
        sources=[
            {"name": "UD English-EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
             "license": "CC BY-SA 4.0"},
            {"name": "UniversalNER English-EWT", "url": "https://github.com/UniversalNER/UNER_English-EWT",
             "license": "CC BY-SA 4.0"},
            {"name": "all-MiniLM-L6-v2 word-piece embeddings (static vectors, training/vectors.py)",
             "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2", "license": "Apache-2.0"},
        ],
    )
    for key, name in (("test_performance", "test-scores.json"),
                      ("test_performance_gold_sentences", "test-sentences-scores.json")):
        if (OUTPUT / name).is_file():
            meta[key] = json.loads((OUTPUT / name).read_text())
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    size = sum(p.stat().st_size for p in PACKAGE.rglob("*") if p.is_file())
    print(f"packaged {PACKAGE} ({size / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--step", choices=STEPS, action="append", help="run only these steps")
    parser.add_argument("--train-only", action="store_true",
                        help="train on train alone and package model-best by dev score "
                             "(default: train + dev for the fixed number of steps, model-last)")
    args = parser.parse_args(argv)
    with_dev = not args.train_only
    for step in args.step or STEPS:
        if step == "convert":
            convert(args.data_dir)
        elif step == "vectors":
            vectors()
        elif step == "train":
            train(with_dev)
        elif step == "evaluate":
            print(json.dumps(evaluate(with_dev), indent=1)[:2000])
        else:
            package(with_dev)


if __name__ == "__main__":
    main()
