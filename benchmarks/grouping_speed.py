"""What grouping mentions into stored events adds to ingest, against peers in the same run.

    python -m benchmarks.grouping_speed --db /tmp/tls-stores/libya.db [--articles 0] [--sample 40]

(a store made by `timeline tls-eval ../shared/data/tls/t17 --stores /tmp/tls-stores`, or any.)
The articles of ``--db`` (all, or the first ``--articles`` by publication date) are stored again
with their mentions and time expressions, oldest first, into a new SQLite file, three ways:

- ``no grouping``: ``add_article`` with its grouping step replaced by nothing (the peer);
- ``kept``: one ``Grouping`` for the run, as `timeline ingest` passes it;
- ``read again``: no kept grouping (``grouping=None``): every article reads the stored events
  near its dates again (a writer between others, e.g. Dask workers storing in turn).

Then ``--sample`` articles are analysed with the shipped pipeline (``timeline.events.analyse``,
loaded before the clock): the rest of what ingest costs an article. Reported: seconds, ms per
article, and grouping's share of ingest = grouping / (analysis + storing without grouping).
One run on whatever machine; docs/STORY.md says which.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import timeline.store.event_store as event_store  # noqa: E402
from timeline.model import EventFilter  # noqa: E402
from timeline.store import EventStore  # noqa: E402
from timeline.story.grouping import content_words  # noqa: E402


def store_all(items, path: Path, kept: bool) -> float:
    content_words.cache_clear()  # each run starts cold
    with EventStore(str(path)) as store:
        grouping = store.grouping_session() if kept else None
        started = time.perf_counter()
        for article, events, timexes in items:
            store.add_article(article, events, timexes, grouping)
        return time.perf_counter() - started


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--articles", type=int, default=0, help="0: all")
    parser.add_argument("--sample", type=int, default=40)
    args = parser.parse_args(argv)
    with EventStore(args.db) as source:
        infos = sorted(source.articles(), key=lambda a: (a.published, a.article_id))
        infos = infos[:args.articles] if args.articles else infos
        items = [(source.article(i.article_id),
                  source.events(EventFilter(article_ids=(i.article_id,))),
                  source.article_timexes(i.article_id)) for i in infos]
    n = len(items)
    print(f"{args.db}: {n} articles, {sum(len(e) for _, e, _ in items)} mentions")
    with tempfile.TemporaryDirectory() as tmp:
        attach = event_store.attach
        event_store.attach = lambda conn, article_id, grouping=None: 0
        try:
            plain = store_all(items, Path(tmp, "plain.db"), kept=False)
        finally:
            event_store.attach = attach
        kept = store_all(items, Path(tmp, "kept.db"), kept=True)
        again = store_all(items, Path(tmp, "again.db"), kept=False)
        with EventStore(str(Path(tmp, "kept.db"))) as store:
            events = len(store.grouped_events())

    from timeline.events import analyse

    sample = [article for article, _, _ in items[:args.sample]]
    analyse(sample[0])  # the pipeline is loaded before the clock
    started = time.perf_counter()
    for article in sample:
        analyse(article)
    analysis = (time.perf_counter() - started) / len(sample)

    base = analysis + plain / n
    print(f"analysis (peer), per article       {1000 * analysis:8.1f} ms   ({len(sample)} articles)")
    print(f"store, no grouping (peer)          {plain:8.2f} s   {1000 * plain / n:6.1f} ms/article")
    for name, seconds in (("store + grouping, kept", kept), ("store + grouping, read again", again)):
        extra = (seconds - plain) / n
        print(f"{name:34} {seconds:8.2f} s   {1000 * seconds / n:6.1f} ms/article   grouping "
              f"{1000 * extra:5.1f} ms/article = {100 * extra / base:5.1f}% of ingest")
    print(f"({events} events)")


if __name__ == "__main__":
    main()
