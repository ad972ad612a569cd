"""The store's write rate with several writers at once: what a Dask ingest meets as it grows.

    python -m benchmarks.store_writers --db postgresql://user@host/any [--writers 1 2 4] [--articles 400] [--stored 100000]
    python -m benchmarks.store_writers --sqlite [--writers 1 2 4]

For each writer count W, a new database (PostgreSQL: a database created on the server of
``--db`` and dropped afterwards; SQLite: a temporary file) holding ``--stored`` synthetic events
already grouped (10 per article, dates over ten years, as the writers'), and W processes that
each store ``--articles`` distinct synthetic articles (benchmarks.store_queries.synthetic, 10
events each, a seed per writer) with ``EventStore.add_article``, one transaction per article,
each keeping one grouping session for its run, as the ingest's writer does. They start
together; the rate is all articles stored / the time from the start to the last writer's end.
Also reported, summed over the writers: how often a kept grouping started afresh (everything
read again), the months it read again because another writer changed them, and the stored
events read for grouping per article stored. Nothing else is measured: no tagging.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

EVENTS_PER_ARTICLE = 10


def write(url: str, seed: int, articles: int, start_at: float) -> tuple:
    """One writer: (articles added, events added, seconds from ``start_at`` to its end, times
    its grouping started afresh, stored events it read for grouping, months read again)."""
    from benchmarks.store_queries import synthetic
    from timeline.store import EventStore

    batch = list(synthetic(articles * EVENTS_PER_ARTICLE, EVENTS_PER_ARTICLE, seed=seed))
    added = events = 0
    with EventStore(url) as store:
        store.has_article("warm-up")  # connected before the start
        grouping = store.grouping_session()
        time.sleep(max(0.0, start_at - time.time()))
        for article, evs in batch:
            result = store.add_article(article, evs, grouping=grouping)
            added += result.added
            events += result.events
    return (added, events, time.time() - start_at, grouping.afresh, grouping.seeded,
            getattr(grouping, "stale_months", 0))  # (none before grouping by month)


def prefill(url: str, n_events: int) -> None:
    """``n_events`` synthetic events stored and grouped (as stored articles would be)."""
    from benchmarks.store_queries import fill
    from timeline.store import EventStore
    from timeline.store.groups import group_all

    with EventStore(url) as store:
        if n_events:
            fill(store, n_events, seed=7)
            with store._db.transaction() as conn:
                group_all(conn)


@contextmanager
def fresh_database(server: str | None):
    """A new empty database: on the PostgreSQL ``server``, or a temporary SQLite file."""
    if server is None:
        with tempfile.TemporaryDirectory() as tmp:
            yield str(Path(tmp) / "writers.db")
        return
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(server)
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure(server: str | None, writers: int, articles: int, stored: int,
            timeout: float) -> dict:
    with fresh_database(server) as url:
        prefill(url, stored)  # and the schema exists before the writers race to it
        start_at = time.time() + 3.0 + writers  # every writer has imported and connected
        with ProcessPoolExecutor(writers, mp_context=get_context("spawn")) as pool:
            jobs = [pool.submit(write, url, 1000 + k, articles, start_at) for k in range(writers)]
            done = [job.result(timeout=timeout) for job in jobs]
    seconds = max(d[2] for d in done)
    added = sum(d[0] for d in done)
    return {"writers": writers, "articles": added, "events": sum(d[1] for d in done),
            "seconds": seconds, "articles_per_s": added / seconds,
            "events_per_s": sum(d[1] for d in done) / seconds,
            "afresh": sum(d[3] for d in done), "read_per_article": sum(d[4] for d in done) / added,
            "months_again": sum(d[5] for d in done)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="a PostgreSQL URL (the server is used; a new database made)")
    where.add_argument("--sqlite", action="store_true", help="a temporary SQLite file")
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--articles", type=int, default=400, help="per writer")
    parser.add_argument("--stored", type=int, default=100_000,
                        help="events stored (and grouped) before the writers start")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per writer")
    args = parser.parse_args(argv)
    print(f"{'PostgreSQL' if args.db else 'SQLite'}, {args.stored} events stored, "
          f"{args.articles} articles x {EVENTS_PER_ARTICLE} events per writer; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}\n")
    print("| writers | articles | events | seconds | articles/s | events/s "
          "| grouping started afresh | months read again | stored events read per article |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for w in args.writers:
        r = measure(args.db, w, args.articles, args.stored, args.timeout)
        print(f"| {w} | {r['articles']} | {r['events']} | {r['seconds']:.1f} | "
              f"{r['articles_per_s']:.1f} | {r['events_per_s']:.0f} | {r['afresh']} | "
              f"{r['months_again']} | {r['read_per_article']:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
