"""Query speed and write rate of the EventStore, on SQLite and on PostgreSQL (issue 17).

    python -m benchmarks.store_queries [--events 1000000] [--repeat 7]
        [--db PATH|URL ...] [--writers 1,2,4] [--write-events 20000] [--only TEXT ...]

Each ``--db`` (default: a temporary SQLite file) is filled to ``--events`` synthetic events
(a database that already holds that many is reused as it is): sentences made by varying
the demo corpus (names, places, dates swapped), when timeline.demo is there, and a few
templates otherwise, spread over ten years, 10 events per article, 300 actors, 25
sources. The fill writes the store's own tables in batches of 1,000 articles per
transaction (``fill``: the rows add_article would write, faster to make a million). Then
the queries the dashboard and the export make are timed, median of ``--repeat`` runs, in
milliseconds. Targets: the dashboard's filter (date range + actor + text) and counts per
month < 300 ms at 1,000,000 events, in both databases.

The write rate is measured through the real path, ``EventStore.add_article`` (one
transaction per article, as every ingest does), with 1, 2, 4 ... writer processes at once
each storing ``--write-events / writers`` events of new articles into the filled database;
those articles are deleted again afterwards.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone
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


def fill(store: EventStore, n_events: int, batch: int = 1000, seed: int = 7) -> float:
    """Store ``n_events`` synthetic events, ``batch`` articles per transaction; seconds.

    The same rows as add_article writes (articles, events, actors, mentions), without its
    per-article checks: a benchmark fixture, not an ingest path."""
    from timeline.store import actor_months
    from timeline.store.event_store import _event_row, _now, article_row, mentions_of
    from timeline.store.tables import articles, event_actors, events, mentions

    def flush(pairs):
        if not pairs:
            return
        now = _now()
        with store._db.transaction() as conn:
            rows = [article_row(a, now) for a, _ in pairs]
            conn.execute(articles.insert(), rows)
            conn.execute(events.insert(), [_event_row(a.article_id, ev, row["search"])
                                           for (a, evs), row in zip(pairs, rows) for ev in evs])
            conn.execute(event_actors.insert(), [
                {"event_id": ev.event_id, "actor": actor}
                for _, evs in pairs for ev in evs for actor in dict.fromkeys(ev.actors)])
            actor_months.keep(conn, Counter(), events.c.article_id.in_(
                [a.article_id for a, _ in pairs]))  # the actor facet's summary
            conn.execute(mentions.insert(), [
                {"article_id": a.article_id, "start": t.start, "end": t.end, "text": t.text,
                 "type": t.type, "value": t.value, "granularity": t.granularity,
                 "start_date": t.start_date.isoformat(), "end_date": t.end_date.isoformat(),
                 "anchor": t.anchor, "direction": t.direction, "mod": t.mod}
                for a, evs in pairs for t in mentions_of(evs)])

    t0 = time.perf_counter()
    pairs = []
    for pair in synthetic(n_events, seed=seed):
        pairs.append(pair)
        if len(pairs) == batch:
            flush(pairs)
            pairs = []
    flush(pairs)
    if store.dialect == "postgresql":  # statistics for the planner, the visibility map
        with store._db.engine.connect() as conn:  # for index-only scans (as autovacuum would)
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE")
    return time.perf_counter() - t0


def _writer(args) -> int:
    """One writer process: add_article for its share of new synthetic articles."""
    db, n_events, seed = args
    stored = 0
    with EventStore(db) as store:
        for article, events in synthetic(n_events, seed=seed):
            stored += store.add_article(article, events).events
    return stored


def write_rate(db: str, n_events: int, writers: int, seed: int) -> dict:
    """``writers`` processes at once, ``n_events / writers`` events each, through
    add_article; events/s over the wall time, and the articles written (to delete)."""
    share = n_events // writers
    jobs = [(db, share, seed + w) for w in range(writers)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(writers) as pool:
        pool.map(_noop, range(writers))  # start the processes before the clock
        t0 = time.perf_counter()
        stored = sum(pool.map_async(_writer, jobs).get(timeout=3600))
        seconds = time.perf_counter() - t0
    return {"writers": writers, "events": stored, "seconds": seconds,
            "events_per_s": stored / seconds}


def _noop(_):
    return None


def _delete_written(store: EventStore, seeds: list[int], share: int) -> None:
    for seed in seeds:
        for article, _ in synthetic(share, seed=seed):
            store.delete_article(article.article_id)


def query_cases(store: EventStore) -> list:
    """The timed queries. The dashboard's filter comes with three words: "ceasefire" (in 9 %
    of the articles), "talks" (57 %, a common word) and "42420" (a rare one: 11 articles of
    100,000); "text only" is "summit" (85,590 events)."""
    actor = store.actors()[5][0]
    start, end = date(2019, 1, 1), date(2022, 12, 31)

    def dashboard(word):
        return EventFilter(start=start, end=end, actors=(actor,), text=word)

    cases = [
        ("events: date range + actor + text, limit 5000",
         lambda: store.events(dashboard("ceasefire"), limit=5000)),
        ("count: date range + actor + text", lambda: store.count(dashboard("ceasefire"))),
        ("counts per month: date range + actor + text",
         lambda: store.counts(dashboard("ceasefire"), by="month")),
        ("events: date range + actor + common word, limit 5000",
         lambda: store.events(dashboard("talks"), limit=5000)),
        ("counts per month: date range + actor + common word",
         lambda: store.counts(dashboard("talks"), by="month")),
        ("events: date range + actor + rare word, limit 5000",
         lambda: store.events(dashboard("42420"), limit=5000)),
        ("counts per month: no filter", lambda: store.counts(by="month")),
        ("counts per month: date range + status",
         lambda: store.counts(EventFilter(start=start, end=end, statuses=("happened",)),
                              by="month")),
        ("counts per month: date range + text",
         lambda: store.counts(EventFilter(start=start, end=end, text="ceasefire"), by="month")),
        ("events: date range (4 years), limit 5000",
         lambda: store.events(EventFilter(start=start, end=end), limit=5000)),
        ("events: no filter, limit 5000", lambda: store.events(limit=5000)),
        ("events: text only, limit 5000",
         lambda: store.events(EventFilter(text="summit"), limit=5000)),
        ("events: text only, rare word, limit 5000",
         lambda: store.events(EventFilter(text="42420"), limit=5000)),
        ("events: text only, common word, limit 5000",
         lambda: store.events(EventFilter(text="talks"), limit=5000)),
        ("count: text only", lambda: store.count(EventFilter(text="ceasefire"))),
        ("count: text only, rare word", lambda: store.count(EventFilter(text="42420"))),
        ("count: text only, common word", lambda: store.count(EventFilter(text="talks"))),
        ("counts per month: date range + rare word",
         lambda: store.counts(EventFilter(start=start, end=end, text="42420"), by="month")),
        ("counts per month: common word + rare word",
         lambda: store.counts(EventFilter(text="talks 42420"), by="month")),
        ("counts per day: no filter", lambda: store.counts(by="day")),
        ("actors with counts: no filter", lambda: store.actors()),
        ("actors with counts: date range",
         lambda: store.actors(EventFilter(start=start, end=end))),
        ("actors with counts: date range, mid-month ends",
         lambda: store.actors(EventFilter(start=date(2019, 1, 16), end=date(2022, 12, 15)))),
        ("sources with counts: no filter", lambda: store.sources()),
        ("statuses + granularities + date bounds",
         lambda: (store.statuses(), store.granularities(), store.date_bounds())),
    ]
    return cases


def describe(store: EventStore) -> str:
    with store._db.reading() as conn:
        if store.dialect == "sqlite":
            version = conn.exec_driver_sql("SELECT sqlite_version()").scalar()
            return f"SQLite {version}"
        version = conn.exec_driver_sql("SHOW server_version").scalar()
        return f"PostgreSQL {version.split()[0]}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", action="append",
                        help="database file or URL, repeatable (default: a temporary file)")
    parser.add_argument("--writers", default="",
                        help="writer counts for the write rate, e.g. 1,2,4 (default: none)")
    parser.add_argument("--write-events", type=int, default=20_000)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--only", action="append", default=[],
                        help="time only the queries whose name contains this, repeatable")
    args = parser.parse_args(argv)
    writers = [int(w) for w in args.writers.split(",") if w.strip()]
    report = {"measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "events": args.events, "repeat": args.repeat, "databases": []}
    with tempfile.TemporaryDirectory() as tmp:
        for db in args.db or [str(Path(tmp) / "bench.db")]:
            report["databases"].append(bench_one(db, args, writers))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


def bench_one(db: str, args, writers: list[int]) -> dict:
    store = EventStore(db)
    what = describe(store)
    have = store.count()
    fill_s = None
    if have < args.events:
        fill_s = fill(store, args.events - have, seed=7 + have)
    total = store.count()
    n_articles = len(store.articles())
    loaded = (f"filled in {fill_s:.1f} s ({(total - have) / fill_s:,.0f} events/s, 1,000 "
              f"articles per transaction)" if fill_s else "already filled")
    print(f"{total:,} events, {n_articles:,} articles; {what}; {loaded}; "
          f"Python {sys.version.split()[0]}")
    print("\n| query | median ms | rows |\n| --- | ---: | ---: |")
    out = {"database": what, "events": total, "articles": n_articles, "fill_s": fill_s,
           "queries": {}, "writes": []}
    for name, fn in query_cases(store):
        if args.only and not any(part in name for part in args.only):
            continue
        ms, result = timed(fn, args.repeat)
        rows = result if isinstance(result, int) else len(result)
        print(f"| {name} | {ms:.1f} | {rows:,} |")
        out["queries"][name] = {"ms": round(ms, 2), "rows": rows}
    if writers:
        print("\n| writers | events | seconds | events/s (add_article) |\n| ---: | ---: | ---: | ---: |")
    for n in writers:
        seed = 1_000_000 + 100 * n
        result = write_rate(db, args.write_events, n, seed)
        print(f"| {n} | {result['events']:,} | {result['seconds']:.1f} | "
              f"{result['events_per_s']:,.0f} |")
        out["writes"].append(result)
        _delete_written(store, [seed + w for w in range(n)], args.write_events // n)
    store.close()
    return out


if __name__ == "__main__":
    raise SystemExit(main())
