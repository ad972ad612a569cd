"""What the entity rules add to the statistical NER: a watch list of news entities, and the
names of people in world news.

    python -m benchmarks.entity_rules_gain [FILE ...]

1. Default files: the articles benchmarks/data/nlp/*.txt (written for this benchmark; not
   people.txt) and, when present, ../shared/examples/coalition-of-the-willing.txt. For every
   occurrence of a watch-list name (benchmarks/data/nlp/watchlist.tsv) the pipeline must
   produce an entity with an accepted label over exactly the name (for "Mr Putin" / "Sir
   Keir" / "President Trump": over the name without the title).
2. Each name of benchmarks/data/nlp/people.txt in the sentences of ``TEMPLATES`` (sentence
   start, after a date, after a preposition, two names in one sentence): the name must come
   out as exactly one PERSON entity.

Prints found/total with the statistical model alone and with the rules (``--misses`` lists
the people missed with the rules).
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
WATCHLIST = HERE / "data" / "nlp" / "watchlist.tsv"
SEED = HERE.parents[1] / "shared" / "examples" / "coalition-of-the-willing.txt"
PEOPLE = HERE / "data" / "nlp" / "people.txt"
TITLES = ("Mr ", "Sir ", "President ")
TEMPLATES = ("{} will host talks in London next week.", "{} said on Monday that the talks had failed.",
             "On Tuesday, {} met reporters in the capital.", "Officials close to {} said the deal was off.",
             "The plan was backed by {} and the EU.", "{} spoke to {} by phone on Saturday.")


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


def people() -> list[str]:
    return [line.strip() for line in PEOPLE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def people_sentences(names: list[str]) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(sentence, [(start, end, name)]) for every template and name; a template with two slots
    takes the name seven places further down the list as the second."""
    out = []
    for template in TEMPLATES:
        for k, name in enumerate(names):
            chosen = [name, names[(k + 7) % len(names)]][:template.count("{}")]
            text, spans = template, []
            for other in chosen:
                at = text.index("{}")
                text = text[:at] + other + text[at + 2:]
                spans.append((at, at + len(other), other))
            out.append((text, spans))
    return out


def score_people(nlp, sentences) -> tuple[int, int, dict[str, int]]:
    hits, total, missed = 0, 0, {}
    for text, spans in sentences:
        ents = {(e.start_char, e.end_char, e.label_) for e in nlp(text).ents}
        for start, end, name in spans:
            total += 1
            if (start, end, "PERSON") in ents:
                hits += 1
            else:
                missed[name] = missed.get(name, 0) + 1
    return hits, total, missed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="What the entity rules add to the statistical NER.")
    parser.add_argument("files", nargs="*", type=Path, help="texts to check against the watch list")
    parser.add_argument("--misses", action="store_true", help="list the people missed with the rules")
    args = parser.parse_args(argv)
    from timeline.nlp import load_base
    from timeline.nlp.ruler import add_entity_rules

    articles = [path for path in sorted((HERE / "data" / "nlp").glob("*.txt")) if path != PEOPLE]
    files = args.files or articles + ([SEED] if SEED.is_file() else [])
    for path in files:
        if not path.is_file():
            parser.error(f"{path}: no such file")
    base, ruled = load_base(), add_entity_rules(load_base())
    totals = [0, 0, 0]
    print(f"{'file':40s} {'mentions':>8s} {'model':>6s} {'+rules':>7s}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        (b, n), (r, _) = score(base, text), score(ruled, text)
        totals = [totals[0] + n, totals[1] + b, totals[2] + r]
        print(f"{path.name:40s} {n:8d} {b:6d} {r:7d}")
    n, b, r = totals
    print(f"{'total':40s} {n:8d} {b:6d} {r:7d}   recall {b / max(n, 1):.1%} -> {r / max(n, 1):.1%}")
    sentences = people_sentences(people())
    (b, n, _), (r, _, missed) = score_people(base, sentences), score_people(ruled, sentences)
    print(f"{'people in news sentences (' + PEOPLE.name + ')':40s} {n:8d} {b:6d} {r:7d}"
          f"   PERSON {b / n:.1%} -> {r / n:.1%}")
    if args.misses:
        for name, count in sorted(missed.items(), key=lambda item: -item[1]):
            print(f"  missed {count} times: {name}")


if __name__ == "__main__":
    main()
