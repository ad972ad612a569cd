"""What the entity rules add to the statistical NER, on a watch list of news entities.

    python benchmarks/entity_rules_gain.py [FILE ...]

Default files: benchmarks/data/nlp/*.txt (articles written for this benchmark) and, when
present, ../shared/examples/coalition-of-the-willing.txt. For every occurrence of a watch-list
name (benchmarks/data/nlp/watchlist.tsv) the pipeline must produce an entity with an accepted
label over exactly the name (for "Mr Putin" / "Sir Keir" / "President Trump": over the name
without the title). Prints found/total with the statistical model alone and with the rules.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WATCHLIST = HERE / "data" / "nlp" / "watchlist.tsv"
SEED = HERE.parents[1] / "shared" / "examples" / "coalition-of-the-willing.txt"
TITLES = ("Mr ", "Sir ", "President ")


def watchlist() -> list[tuple[str, set[str]]]:
    rows = []
    for line in WATCHLIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, labels = line.split("\t")
            rows.append((text, set(labels.split(","))))
    return rows


def expected(text: str) -> list[tuple[int, int, set[str]]]:
    """(start, end, labels) of every watch-list mention, titles cut off."""
    out = []
    for name, labels in watchlist():
        # a titled short form ("Sir Keir") only counts when no surname follows it
        after = r"(?![\w])(?! [A-Z])" if name.startswith(TITLES) else r"(?![\w])"
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}{after}", text):
            start = m.start()
            for title in TITLES:
                if name.startswith(title):
                    start += len(title)
            out.append((start, m.end(), labels))
    return sorted(set((s, e, frozenset(l)) for s, e, l in out))


def score(nlp, text: str) -> tuple[int, int]:
    doc = nlp(text)
    ents = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
    gold = expected(text)
    hits = sum(1 for s, e, labels in gold if ents.get((s, e)) in labels)
    return hits, len(gold)


def main() -> None:
    from timeline.nlp import load_base
    from timeline.nlp.ruler import add_entity_rules

    files = [Path(a) for a in sys.argv[1:]] or sorted((HERE / "data" / "nlp").glob("*.txt")) + (
        [SEED] if SEED.is_file() else [])
    base, ruled = load_base(), add_entity_rules(load_base())
    totals = [0, 0, 0]
    print(f"{'file':40s} {'mentions':>8s} {'model':>6s} {'+rules':>7s}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        (b, n), (r, _) = score(base, text), score(ruled, text)
        totals = [totals[0] + n, totals[1] + b, totals[2] + r]
        print(f"{path.name:40s} {n:8d} {b:6d} {r:7d}")
    n, b, r = totals
    print(f"{'total':40s} {n:8d} {b:6d} {r:7d}   recall {b / n:.1%} -> {r / n:.1%}")


if __name__ == "__main__":
    main()
