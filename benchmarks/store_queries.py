"""Query speed of the SQLite EventStore with 100,000 events (issue 5's targets).

    python -m benchmarks.store_queries [--events 100000] [--repeat 7] [--db FILE]

Builds a temporary database of synthetic events: sentences made by varying the demo
corpus (names, places, dates swapped), when timeline.demo is there, and a few
templates otherwise, spread over ten years, 10 events per article, 300 actors, 25
sources. Then times the queries the dashboard and the export make, median of
``--repeat`` runs, in milliseconds. Targets: a filtered events query (date range +
actor + text, limit 5000) < 300 ms; counts per month < 100 ms.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.model import Article, Event, EventFilter, event_id  # noqa: E402
from timeline.store import EventStore  # noqa: E402

TEMPLATES = [
    "{a} met {b} in {place} {when} to discuss the ceasefire plan.",
    "{a} said {when} that talks with {b} would resume in {place}.",
    "Officials in {place} expect {a} to sign the agreement {when}.",
    "{a} and {b} announced new sanctions {when}, according to {place} media.",
    "A summit of defence ministers, chaired by {a}, is planned in {place} {when}.",
    "{b} criticised {a} {when} over the handling of the crisis in {place}.",
]
PLACES = ["London", "Paris", "Kyiv", "Warsaw", "Berlin", "Rome", "Madrid", "Oslo",
          "Vienna", "Prague", "Helsinki", "Riga", "Dublin", "Lisbon", "Athens"]
FIRST = ["Anna", "Boris", "Carla", "David", "Elena", "Farid", "Greta", "Hugo", "Ines",
         "Jonas", "Kira", "Luca", "Maya", "Nils", "Olga", "Pavel", "Rosa", "Sami",
         "Tara", "Ugo"]
LAST = ["Adler", "Brandt", "Costa", "Dumas", "Eriksen", "Fischer", "Garcia", "Horvat",
        "Ivanova", "Jansen", "Keller", "Lopez", "Moreau", "Novak", "Olsen"]
GRAINS = [("day", 0.7), ("month", 0.12), ("week", 0.08), ("year", 0.06), ("quarter", 0.04)]


def demo_sentences() -> list[str]:
    """Sentences of the demo corpus with its names and places as slots, if it exists."""
    try:
        from timeline.demo import demo_articles
    except ImportError:
        return []
    out = []
    for article in demo_articles():
        for sentence in article.text.replace("\n", " ").split(". "):
            if 40 < len(sentence) < 300:
                out.append(sentence.strip().rstrip(".").replace("{", "(").replace("}", ")")
                           + " {when}, {a} said.")
    return out


def value_of(rng: random.Random, day: date) -> tuple[str, date, date, str]:
    grain = rng.choices([g for g, _ in GRAINS], [w for _, w in GRAINS])[0]
    if grain == "day":
        return day.isoformat(), day, day + timedelta(days=1), grain
    if grain == "week":
        year, week, _ = day.isocalendar()
        start = date.fromisocalendar(year, week, 1)
        return f"{year}-W{week:02d}", start, start + timedelta(days=7), grain
    if grain == "month":
        start = day.replace(day=1)
        return start.isoformat()[:7], start, (start + timedelta(days=32)).replace(day=1), grain
    if grain == "quarter":
        q = (day.month - 1) // 3
        start = date(day.year, 3 * q + 1, 1)
        end = date(day.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
        return f"{day.year}-Q{q + 1}", start, end, grain
    return str(day.year), date(day.year, 1, 1), date(day.year + 1, 1, 1), "year"


def synthetic(n_events: int, per_article: int = 10, seed: int = 7):
    """Yield ``(article, events)`` pairs, ``n_events`` events in all."""
    rng = random.Random(seed)
    templates = demo_sentences() + TEMPLATES
    actors = [f"{f} {last}" for f in FIRST for last in LAST][:300]
    sources = [f"Source {i:02d}" for i in range(25)]
    first_day = date(2015, 1, 1)
    for n in range(0, n_events, per_article):
        published = first_day + timedelta(days=rng.randrange(3650))
        sentences, slots = [], []
        for _ in range(min(per_article, n_events - n)):
            a, b = rng.sample(actors, 2)
            day = published + timedelta(days=rng.randint(-60, 30))
            value, start, end, grain = value_of(rng, day)
            expression = f"on {day:%d %B %Y}" if grain == "day" else f"in {value}"
            text = rng.choice(templates).format(a=a, b=b, place=rng.choice(PLACES),
                                                when=expression)
            sentences.append(text)
            slots.append((expression, value, start, end, grain, (a, b)))
        text = " ".join(sentences) + f" (report {n})"
        article = Article(text=text, published=published, title=f"Report {n}",
                          url=f"https://example.org/{n}", source=rng.choice(sources))
        events, offset = [], 0
        for sentence, (expression, value, start, end, grain, pair) in zip(sentences, slots):
            at = sentence.index(expression)
            events.append(Event(
                event_id=event_id(article.article_id, offset, at, at + len(expression)),
                article_id=article.article_id, value=value, start_date=start, end_date=end,
                granularity=grain, expression=expression,
                status="happened" if end <= published else "scheduled",
                summary=sentence[:120], sentence=sentence, expr_start=at,
                expr_end=at + len(expression), sentence_start=offset, actors=pair,
                article_title=article.title, source=article.source, published=published))
            offset += len(sentence) + 1
        yield article, events


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", help="database file (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or str(Path(tmp) / "bench.db")
        store = EventStore(path)
        t0 = time.perf_counter()
        for article, events in synthetic(args.events):
            store.add_article(article, events)
        load_s = time.perf_counter() - t0
        total = store.count()
        actor = store.actors()[5][0]
        start, end = date(2019, 1, 1), date(2022, 12, 31)
        cases = [
            ("events: date range + actor + text, limit 5000",
             lambda: store.events(EventFilter(start=start, end=end, actors=(actor,),
                                              text="ceasefire"), limit=5000)),
            ("events: date range (4 years), limit 5000",
             lambda: store.events(EventFilter(start=start, end=end), limit=5000)),
            ("events: no filter, limit 5000", lambda: store.events(limit=5000)),
            ("events: text only, limit 5000",
             lambda: store.events(EventFilter(text="summit"), limit=5000)),
            ("count: text only",
             lambda: store.count(EventFilter(text="ceasefire"))),
            ("count: date range + actor + text",
             lambda: store.count(EventFilter(start=start, end=end, actors=(actor,),
                                             text="ceasefire"))),
            ("counts per month: no filter", lambda: store.counts(by="month")),
            ("counts per month: date range + status",
             lambda: store.counts(EventFilter(start=start, end=end, statuses=("happened",)),
                                  by="month")),
            ("counts per day: no filter", lambda: store.counts(by="day")),
            ("actors with counts: no filter", lambda: store.actors()),
            ("actors with counts: date range", lambda: store.actors(EventFilter(start=start, end=end))),
            ("sources with counts: no filter", lambda: store.sources()),
            ("statuses + granularities + date bounds",
             lambda: (store.statuses(), store.granularities(), store.date_bounds())),
            ("articles list with counts", lambda: store.articles()),
        ]
        print(f"{total:,} events, {len(store.articles()):,} articles stored in {load_s:.1f} s "
              f"({total / load_s:,.0f} events/s); SQLite via Python {sys.version.split()[0]}")
        print(f"\n| query | median ms | rows |\n| --- | ---: | ---: |")
        for name, fn in cases:
            ms, result = timed(fn, args.repeat)
            rows = result if isinstance(result, int) else len(result)
            print(f"| {name} | {ms:.1f} | {rows:,} |")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
