"""Ingest speed and memory: articles/s into the SQLite store, one process and with workers.

    python -m benchmarks.ingest_speed [--articles 2000] [--workers 1 2] [--checkpoints 500 1000 2000]

Articles are made by varying the demo corpus: each copy gets other people's names (the
capitalised two-word names of the text swapped for generated ones) and its publication
date moved by a week per round, so every text differs (no duplicate is skipped) and its
relative dates resolve differently. They are generated lazily and streamed through
timeline.events.extract_many into EventStore.add_article (one transaction each), as
`timeline ingest` does. The pipeline is loaded before the clock starts.

Memory: peak resident set size (resource.getrusage, ru_maxrss) of the main process at each
checkpoint; it stays flat when nothing accumulates. With workers, the workers' peak is
read after the pool ends (RUSAGE_CHILDREN: the largest child).
"""
from __future__ import annotations

import argparse
import itertools
import platform
import re
import resource
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.model import Article  # noqa: E402

NAME = re.compile(r"\b(?:Mr |Ms |Dr )?([A-Z][a-z]+) ([A-Z][a-z]{2,})\b")
FIRST = ["Amina", "Bruno", "Chloe", "Dmitri", "Esther", "Felix", "Grace", "Hassan", "Irene",
         "Jamal", "Katya", "Leon", "Mariam", "Nadia", "Omar", "Priya", "Quentin", "Rania",
         "Stefan", "Tomas", "Uma", "Victor", "Wanjiru", "Yusuf", "Zara"]
LAST = ["Abara", "Bello", "Cisse", "Diallo", "Eze", "Fofana", "Gueye", "Hamani", "Idris",
        "Jallow", "Kone", "Lawal", "Mensah", "Ndiaye", "Obi", "Sow", "Toure", "Yeboah"]


def varied_articles(n: int) -> Iterator[Article]:
    """``n`` distinct articles made from the demo corpus, generated one at a time."""
    from timeline.demo import demo_articles

    base = demo_articles()
    for i in range(n):
        article = base[i % len(base)]
        round_ = i // len(base)
        names: dict[str, str] = {}

        def swap(match: re.Match) -> str:
            key = match.group(0)
            if key not in names:
                k = round_ * 31 + len(names) * 7
                names[key] = f"{FIRST[k % len(FIRST)]} {LAST[(k // len(FIRST) + round_) % len(LAST)]}"
            return names[key]

        text = NAME.sub(swap, article.text) if round_ else article.text
        yield replace(article, text=f"{text}\n\n(Report {round_}.{i % len(base)})",
                      published=article.published + timedelta(weeks=round_),
                      url=f"{article.url}?v={round_}")


def peak_rss_mb(who=resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MB (ru_maxrss is in kB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if platform.system() == "Darwin" else peak / 1024


def run(n: int, workers: int, checkpoints: list[int], db: str) -> dict:
    from timeline.events import extract_many
    from timeline.nlp import load
    from timeline.store import EventStore

    nlp = load()  # loaded (and shared with forked workers) before the clock starts
    store = EventStore(db)
    memory, events, stored = {}, 0, 0
    t0 = time.perf_counter()
    for article, found, *timexes in extract_many(varied_articles(n), nlp=nlp, n_process=workers):
        result = store.add_article(article, found, timexes[0] if timexes else None)
        stored += result.added
        events += result.events
        if stored in checkpoints:
            memory[stored] = peak_rss_mb()
    seconds = time.perf_counter() - t0
    store.close()
    return {"workers": workers, "articles": stored, "events": events, "seconds": seconds,
            "rate": stored / seconds, "memory": memory,
            "children": peak_rss_mb(resource.RUSAGE_CHILDREN) if workers > 1 else None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--checkpoints", type=int, nargs="+", default=[500, 1000, 2000])
    args = parser.parse_args(argv)
    from timeline.nlp.ops import one_blas_thread

    one_blas_thread()  # one core per process, as each worker of the pool
    texts = {a.text for a in itertools.islice(varied_articles(args.articles), args.articles)}
    print(f"{args.articles} varied demo articles, {len(texts)} distinct texts; "
          f"Python {platform.python_version()}, {platform.machine()}, "
          f"{len(__import__('os').sched_getaffinity(0))} cores\n")
    print("| workers | articles | events | seconds | articles/s | peak RSS MB at "
          + " / ".join(map(str, args.checkpoints)) + " | workers' peak RSS MB |")
    print("| ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for workers in args.workers:
        with tempfile.TemporaryDirectory() as tmp:
            r = run(args.articles, workers, args.checkpoints, str(Path(tmp) / "ingest.db"))
        mem = " / ".join(f"{r['memory'][c]:.0f}" if c in r["memory"] else "-"
                         for c in args.checkpoints)
        child = f"{r['children']:.0f}" if r["children"] else "-"
        print(f"| {workers} | {r['articles']} | {r['events']} | {r['seconds']:.1f} | "
              f"{r['rate']:.1f} | {mem} | {child} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
