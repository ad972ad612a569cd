"""Speed of the story parts on a stored collection, against peers in the same run.

    python -m benchmarks.story_speed --db /tmp/tls-stores/libya.db [--sample 40] [--repeat 3]

(a store made by `timeline tls-eval ../shared/data/tls/t17 --stores /tmp/tls-stores`, or any.)

- key dates (30 days, 2 sentences, the whole collection) and grouping every mention into events
  (`story_events`), each against the peer "read every event from the store";
- the ingest-time additions (page furniture on every dated expression, the undated-lead check)
  against the peer "analyse the article" (`timeline.events.analyse`, the shipped pipeline), on
  ``--sample`` articles of the store.

Medians of ``--repeat`` runs, in seconds; figures in docs/STORY.md come from one run.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.events.furniture import furniture  # noqa: E402
from timeline.events.leads import lead_day  # noqa: E402
from timeline.nlp.splitter import split_text  # noqa: E402
from timeline.store import EventStore  # noqa: E402
from timeline.story.happenings import story_events  # noqa: E402
from timeline.story.service import store_key_dates  # noqa: E402


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    store = EventStore(args.db)
    infos = store.articles()
    events = store.events()
    print(f"{args.db}: {len(infos)} articles, {len(events)} events")
    read = median_time(store.events, args.repeat)
    keys = median_time(lambda: store_key_dates(store, 30, 2), args.repeat)
    grouped = median_time(lambda: story_events(store.events()), args.repeat)
    print(f"read every event (peer)   {read:8.3f} s")
    print(f"key dates (30 x 2)        {keys:8.3f} s   {keys / read:5.2f}x the read")
    print(f"group into events         {grouped:8.3f} s   {grouped / read:5.2f}x the read"
          f"   ({len(story_events(events))} events)")

    from timeline.events import analyse

    articles = [store.article(info.article_id) for info in infos[:args.sample]]
    timexes = {a.article_id: store.article_timexes(a.article_id) for a in articles}

    def additions():
        for article in articles:
            found = timexes[article.article_id]
            for t in found:
                if t.dated:
                    furniture(article.text, t.start, t.end)
            lead_day(article.text, split_text(article.text), article.published, article.title,
                     [(t.start, t.end) for t in found])

    analyse(articles[0])  # load the pipeline outside the timing
    analysed = median_time(lambda: [analyse(a) for a in articles], 1)
    added = median_time(additions, args.repeat)
    print(f"analyse {len(articles)} articles (peer) {analysed:8.3f} s")
    print(f"furniture + undated leads {added:8.3f} s   {100 * added / analysed:5.1f}% of the analysis")
    store.close()


if __name__ == "__main__":
    main()
