"""Ingest speed and memory: articles/s into the store (SQLite or PostgreSQL), in one process,
on a local Dask cluster, and (as the peer it replaced) the hand-written process pool of an
older commit.

    python -m benchmarks.ingest_speed [--articles 2000] [--runs process dask:1 dask:2 pool:2]
                                      [--pool-rev 4fce4bb] [--checkpoints 500 1000 2000]
                                      [--db postgresql://USER@HOST:PORT/any]

Each run stores into a new database: a temporary SQLite file, or with ``--db`` a new database
on that PostgreSQL server (created and dropped by the run).

Articles are made by varying the demo corpus: each copy gets other people's names (the
capitalised two-word names of the text swapped for generated ones) and its publication
date moved by a week per round, so every text differs (no duplicate is skipped) and its
relative dates resolve differently. They are generated lazily and streamed through
extract_many into EventStore.add_article (one transaction each), as `timeline ingest` does.

Each run is its own child process (so memory peaks stay apart), one after the other:
- ``process``: ``extract_many(n_process=1)``, the pipeline in this process, no Dask.
- ``dask:N``: a LocalCluster of N single-threaded worker processes is started first (its
  start is timed apart, ``startup``), then ``extract_many(cluster=address)``: the clock
  includes each worker loading the pipeline (the worker plugin) and every chunk.
- ``ingest:N``: the ingest service (``timeline ingest --workers N``): N = 1 runs the pipeline in
  this process; N > 1 starts a local cluster inside the clock, its workers tag, and this
  process reads, dedupes, stores and groups (on either database).
- ``pool:N``: ``extract_many(n_process=N)`` of ``--pool-rev`` (read from git history: the
  multiprocessing pool that Dask replaced; it forks after loading the pipeline in the
  parent, before the clock starts). Its row gives the clock alone (``startup`` is the
  parent's import of spaCy and load of the pipeline, timed apart); the row "pool:N with its
  load" adds that startup: what a user of the old ``timeline ingest --workers N`` waited
  for, as the ``ingest:N`` clocks include the workers' imports and loads and the main
  process's import of spaCy. Compare ``ingest:N`` with that row.

Memory: peak resident set size (ru_maxrss) of the main process at each checkpoint; it stays
flat when nothing accumulates. CPU: seconds of user + system time of the main process while the
clock runs (with an in-process Dask scheduler) and of its children (the pool's or the local cluster's worker
processes), which, unlike the wall clock, hardly depends on what else the machine runs
(PostgreSQL's own processes are not counted). Workers: each Dask worker's own peak (asked of the worker at the
end), the pool's largest worker (RUSAGE_CHILDREN after it ends).
"""
from __future__ import annotations

import argparse
import itertools
import json
import platform
import re
import resource
import subprocess
import sys
import time
import types
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.store_writers import fresh_database  # noqa: E402
from timeline.model import Article  # noqa: E402

POOL_REV = "4fce4bb"  # the last commit with the multiprocessing pool in timeline/events/extract.py
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


def old_pool(rev: str = POOL_REV):
    """The module timeline/events/extract.py as it was at ``rev`` (its ``extract_many`` with
    the multiprocessing pool), importable by the forked workers."""
    source = subprocess.run(["git", "show", f"{rev}:timeline/events/extract.py"], cwd=ROOT,
                            capture_output=True, text=True, timeout=30, check=True).stdout
    module = types.ModuleType("benchmarks._old_pool")
    module.__file__ = f"<{rev}:timeline/events/extract.py>"
    sys.modules[module.__name__] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def worker_peak_mb() -> float:
    return peak_rss_mb()


def cpu_seconds(who=resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run(n: int, workers: int, checkpoints: list[int], db: str, mechanism: str = "dask",
        pool_rev: str = POOL_REV) -> dict:
    """Ingest ``n`` varied articles into ``db``; ``mechanism`` is "process" (one process),
    "dask" (a local cluster of ``workers``), "ingest" (the ingest service with ``workers``) or
    "pool" (the old pool of ``pool_rev``)."""
    from timeline.store import EventStore  # imports no spaCy: each run's clock holds its own

    startup, startup_cpu, cluster, worker_peaks, kwargs = 0.0, 0.0, None, [], {}
    if mechanism == "dask":
        import logging

        from distributed import Client, LocalCluster

        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
        startup = time.perf_counter() - t0
        from timeline.events import extract_many

        kwargs = {"cluster": cluster.scheduler_address}
    elif mechanism == "pool":
        t0, cpu0 = time.perf_counter(), cpu_seconds()  # what its user also waits for: importing
        extract_many = old_pool(pool_rev).extract_many  # spaCy, loading the pipeline in the parent
        from timeline.nlp import load

        kwargs = {"nlp": load(), "n_process": workers}  # loaded and shared with the forked workers
        startup, startup_cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    elif mechanism == "process":
        from timeline.events import extract_many
        from timeline.nlp import load

        kwargs = {"nlp": load()}
    store = EventStore(db)
    memory, events, stored = {}, 0, 0
    t0, cpu0 = time.perf_counter(), cpu_seconds()
    if mechanism == "ingest":  # the ingest service: with workers > 1 they tag
        from timeline.ingest.service import ingest

        added = ((r.status == "added", r.events)
                 for r in ingest(store, varied_articles(n), workers=workers))
    else:
        grouping = store.grouping_session()  # kept between articles, as the ingest service does
        added = ((result.added, result.events) for result in (
            store.add_article(article, found, timexes, grouping)
            for article, found, timexes in extract_many(varied_articles(n), **kwargs)))
    for was_added, count in added:
        stored += was_added
        events += count
        if stored in checkpoints:
            memory[stored] = peak_rss_mb()
    seconds = time.perf_counter() - t0
    store.close()
    cpu = cpu_seconds() - cpu0  # while the clock ran
    if cluster is not None:
        worker_peaks = sorted(client.run(worker_peak_mb).values())
        client.close()
        cluster.close()
    elif mechanism == "pool":
        worker_peaks = [peak_rss_mb(resource.RUSAGE_CHILDREN)]
    children_cpu = cpu_seconds(resource.RUSAGE_CHILDREN)  # the workers, once they have ended
    return {"mechanism": mechanism, "workers": workers, "articles": stored, "events": events,
            "seconds": seconds, "startup": startup, "rate": stored / seconds, "memory": memory,
            "main_peak": peak_rss_mb(), "worker_peaks": worker_peaks,
            "cpu": cpu, "children_cpu": children_cpu, "startup_cpu": startup_cpu,
            "children": max(worker_peaks) if worker_peaks else None}


def one(spec: dict, timeout: float) -> dict:
    """``run(**spec)`` in a child process (its own memory peaks), or an error."""
    cmd = [sys.executable, "-m", "benchmarks.ingest_speed", "--one", json.dumps(spec)]
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {**spec, "error": f"timed out after {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {**spec, "error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(lines[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", nargs="+", default=["process", "dask:1", "dask:2", "pool:2"],
                        help="process | dask:N | ingest:N | pool:N, measured in this order")
    parser.add_argument("--pool-rev", default=POOL_REV, help="commit of the old pool")
    parser.add_argument("--checkpoints", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per run")
    parser.add_argument("--db", help="a PostgreSQL server URL: each run gets a new database "
                                     "there (default: a temporary SQLite file)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a run's spec, in the child process
    args = parser.parse_args(argv)
    from timeline.nlp.ops import one_blas_thread

    one_blas_thread()  # one core per process, as each worker
    if args.one:
        spec = json.loads(args.one)
        server = spec.pop("server", None)
        with fresh_database(server) as url:
            print(json.dumps(run(**spec, db=url)))
        return 0
    texts = {a.text for a in itertools.islice(varied_articles(args.articles), args.articles)}
    print(f"{args.articles} varied demo articles, {len(texts)} distinct texts; "
          f"Python {platform.python_version()}, {platform.machine()}, "
          f"{len(__import__('os').sched_getaffinity(0))} cores, load average "
          f"{__import__('os').getloadavg()[0]:.2f}; store: "
          f"{'PostgreSQL' if args.db else 'SQLite'}\n")
    print("| run | articles | events | startup s | seconds | articles/s | main peak RSS MB at "
          + " / ".join(map(str, args.checkpoints))
          + " | each worker's peak RSS MB | CPU s main / workers |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |")
    for name in args.runs:
        mechanism, _, count = name.partition(":")
        spec = {"n": args.articles, "workers": int(count or 1), "checkpoints": args.checkpoints,
                "mechanism": mechanism, "pool_rev": args.pool_rev, "server": args.db}
        r = one(spec, args.timeout)
        if "error" in r:
            print(f"| {name} | {r['error']} | | | | | | | |", flush=True)
            continue
        mem = " / ".join(f"{r['memory'][str(c)]:.0f}" if str(c) in r["memory"] else "-"
                         for c in args.checkpoints)
        peaks = ", ".join(f"{p:.0f}" for p in r["worker_peaks"]) or "-"
        print(f"| {name} | {r['articles']} | {r['events']} | {r['startup']:.1f} | "
              f"{r['seconds']:.1f} | {r['rate']:.1f} | {mem} | {peaks} | "
              f"{r['cpu']:.1f} / {r['children_cpu']:.1f} |", flush=True)
        if mechanism == "pool":  # what its user waits for: the parent's load inside the clock
            seconds = r["seconds"] + r["startup"]
            print(f"| {name} with its load | {r['articles']} | {r['events']} | - | "
                  f"{seconds:.1f} | {r['articles'] / seconds:.1f} | | | "
                  f"{r['cpu'] + r['startup_cpu']:.1f} / {r['children_cpu']:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
