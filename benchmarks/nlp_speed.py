"""Words per second of the English pipeline, with and without the entity rules.

    python benchmarks/nlp_speed.py [TEXT_FILE ...] [--repeat N]

Without files it reads the UD English-EWT dev/test text from ../shared/data (plain text only).
Single process, one thread. Prints one line per configuration.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "ud-english-ewt"


def ud_texts(folder: Path) -> list[str]:
    texts, current = [], []
    for name in ("en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc") and current:
                texts.append(" ".join(current))
                current = []
            elif line.startswith("# text = "):
                current.append(line[9:])
    if current:
        texts.append(" ".join(current))
    return texts


def measure(nlp, texts: list[str], repeat: int) -> tuple[int, float]:
    list(nlp.pipe(texts[:20]))  # warm up
    words, start = 0, time.perf_counter()
    for _ in range(repeat):
        for doc in nlp.pipe(texts, batch_size=64):
            words += sum(1 for t in doc if not t.is_space)
    return words, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in args.files] if args.files else ud_texts(DEFAULT)

    from timeline.nlp import load_base, load_rules
    from timeline.nlp.ruler import add_entity_rules

    base = load_base()
    ruled = add_entity_rules(load_base())
    configs = [
        ("statistical model only", base),
        ("model + entity rules", ruled),
        ("rules only (blank + sentencizer + temporal)", load_rules()),
    ]
    try:
        from timeline.nlp import load
        configs.insert(2, ("full pipeline (model + rules + temporal)", load()))
    except ImportError:
        pass
    for label, nlp in configs:
        words, seconds = measure(nlp, texts, args.repeat)
        print(f"{label:45s} {words:8d} words {seconds:7.2f} s {words / seconds:9,.0f} words/s")


if __name__ == "__main__":
    main()
