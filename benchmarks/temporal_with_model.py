"""TempEval-3 scores of the temporal tagger without and with the English model.

    python benchmarks/temporal_with_model.py [CORPUS_DIR]   # default ../shared/data/tempeval3/train

"rules": timeline.temporal.tag_time (blank English, word cues for tense);
"model": timeline.nlp.load() (shipped model: tense from morphology and auxiliaries).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3" / "train"


def model_tagger():
    from timeline.nlp import load

    nlp = load()

    def tag(text, dct):
        doc = nlp.make_doc(text)
        doc._.dct = dct
        return nlp(doc)._.timexes

    return tag


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="TempEval-3 scores without and with the English model.")
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT,
                        help=f"a directory of TimeML .tml files (default {DEFAULT})")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus}: no such directory")
    from timeline.evaluation import read_corpus, score

    docs, problems = read_corpus(args.corpus)
    for problem in problems:
        print("skipped:", problem, file=sys.stderr)
    print(f"{'tagger':6s} {'strict F1':>9s} {'relaxed F1':>10s} {'type F1':>8s} {'value F1':>8s}")
    for label, tagger in (("rules", None), ("model", model_tagger())):
        t = score(docs, tagger).total
        print(f"{label:6s} {t.strict_f1:9.4f} {t.relaxed_f1:10.4f} {t.type_f1:8.4f} {t.value_f1:8.4f}")


if __name__ == "__main__":
    main()
