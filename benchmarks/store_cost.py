"""The CPU the ingest process spends storing and grouping what the workers tagged, this
checkout against another commit in the same run, with a digest of what each stored.

    python -m benchmarks.store_cost [--articles 1500] [--against main] [--repeat 2]
                                    [--db postgresql://USER@HOST:PORT/any] [--profile DIR]

On a 2-core machine a two-worker ingest is bound by the total CPU of its processes; the ingest
process's share is reading the workers' results, storing each article (one transaction) and
grouping its mentions with a kept grouping (``EventStore.grouping_session``). This measures
that share alone: ``--articles`` varied articles (benchmarks.ingest_speed.varied_articles,
the ingest benchmark's corpus) are tagged once in one process by the ``--against`` commit
(kept in the temporary folder, keyed by its git tree and the count) and then, in a fresh
child process per run, stored with ``EventStore.add_article`` into a new database (a
temporary SQLite file, or a new database on the ``--db`` PostgreSQL server), as ``timeline
ingest`` stores them.

Each run reports the child's CPU seconds (user + system) while storing, the wall clock, the
PostgreSQL server processes' CPU for the run's database (read from /proc when the server runs
on this machine; 0 on SQLite), the statements sent (an executemany counts once) and a digest
of everything stored except clocks and random tokens: articles, events, mentions, event_actors,
event_reports (which mention reports which event, in order) and actor_months. Equal digests:
the two commits stored the same thing. The runs of the two commits take turns.
``--profile DIR`` writes each run's cProfile statistics there.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.store_writers import fresh_database  # noqa: E402

# tables and the columns left out of the digest (clocks; event_reports' seq is kept as order)
DIGESTED = {"articles": {"ingested_at"}, "events": set(), "mentions": set(),
            "event_actors": set(), "event_reports": {"seq"}, "actor_months": set()}
ORDER = {"event_reports": "seq"}


def tagged(n: int, rev: str, tree: Path, timeout: float) -> Path:
    """The ``n`` varied articles tagged by the timeline of ``rev`` (checked out in ``tree``),
    pickled as ``[(article, events, timexes), ...]``: tagged once per commit tree, kept in the
    temporary folder."""
    key = subprocess.run(["git", "rev-parse", f"{rev}:timeline"], cwd=ROOT, capture_output=True,
                         text=True, timeout=30, check=True).stdout.strip()
    path = Path(tempfile.gettempdir()) / f"timeline-tagged-{key[:12]}-{n}.pkl"
    if not path.exists():
        spec = {"tree": str(tree), "articles": n, "into": str(path)}
        subprocess.run([sys.executable, "-m", "benchmarks.store_cost", "--tag", json.dumps(spec)],
                       cwd=ROOT, timeout=timeout, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    return path


def tag(spec: dict) -> None:
    """In a child process: ``spec["tree"]``'s timeline tags the varied articles."""
    sys.path.insert(0, spec["tree"])
    import timeline  # the tree's, before ingest_speed puts this checkout first on the path

    from benchmarks.ingest_speed import varied_articles
    from timeline.events.extract import extract_many

    assert Path(timeline.__file__).resolve().is_relative_to(Path(spec["tree"]).resolve())

    done = list(extract_many(varied_articles(spec["articles"])))
    part = Path(spec["into"]).with_suffix(".part")
    part.write_bytes(pickle.dumps(done))
    part.replace(spec["into"])


def checkout(rev: str, into: Path) -> Path:
    """The tree of ``rev`` (``git archive``) in ``into``."""
    archive = subprocess.run(["git", "archive", rev, "timeline"], cwd=ROOT, capture_output=True,
                             timeout=120, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, timeout=120, check=True)
    return into


def digest(conn) -> str:
    """A digest of the stored values (``DIGESTED``), rows in a fixed order."""
    from sqlalchemy import select

    from timeline.store import tables

    sha = hashlib.sha256()
    for name, left_out in DIGESTED.items():
        table = getattr(tables, name)
        columns = [c for c in table.c if c.name not in left_out]
        order = [table.c[ORDER[name]]] if name in ORDER else columns
        for row in conn.execute(select(*columns).order_by(*order)):
            sha.update(json.dumps([name, *row], default=str).encode())
    return sha.hexdigest()[:16]


def _server_cpu(conn) -> float:
    """CPU seconds of the PostgreSQL processes serving this database (this machine only)."""
    from sqlalchemy import text

    pids = conn.execute(text("SELECT pid FROM pg_stat_activity "
                             "WHERE datname = current_database()")).scalars().all()
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def store(spec: dict) -> dict:
    """One run, in a child process: ``spec["tree"]``'s timeline stores the pickled articles
    into ``spec["url"]``."""
    sys.path.insert(0, spec["tree"])
    import cProfile

    from sqlalchemy import event

    import timeline
    from timeline.store import EventStore

    assert Path(timeline.__file__).resolve().is_relative_to(Path(spec["tree"]).resolve())
    batch = pickle.loads(Path(spec["tagged"]).read_bytes())
    statements = 0

    def count(*_args):
        nonlocal statements
        statements += 1

    with EventStore(spec["url"]) as store_:
        event.listen(store_._db.engine, "before_cursor_execute", count)
        pg = store_.dialect == "postgresql"
        with store_._db.reading() as conn:
            server_before = _server_cpu(conn) if pg else 0.0
        statements = 0
        grouping = store_.grouping_session()
        profile = cProfile.Profile() if spec.get("profile") else None
        wall, cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        added = sum(store_.add_article(article, events, timexes, grouping).added
                    for article, events, timexes in batch)
        if profile:
            profile.disable()
            profile.dump_stats(spec["profile"])
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        sent = statements
        with store_._db.reading() as conn:
            server = _server_cpu(conn) - server_before if pg else 0.0
            stored = digest(conn)
    return {"added": added, "cpu": cpu, "wall": wall, "server": server, "statements": sent,
            "digest": stored}


def run(tree: Path, tagged_path: Path, server: str | None, profile: str | None,
        timeout: float) -> dict:
    with fresh_database(server) as url:
        spec = {"tree": str(tree), "tagged": str(tagged_path), "url": url, "profile": profile}
        done = subprocess.run([sys.executable, "-m", "benchmarks.store_cost", "--one",
                               json.dumps(spec)], cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise RuntimeError(f"{tree}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--against", default="main", help="the commit compared with (git rev)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, taking turns")
    parser.add_argument("--db", help="a PostgreSQL URL (a new database on its server per run)")
    parser.add_argument("--profile", help="a folder for each run's cProfile statistics")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a run's spec, in the child process
    parser.add_argument("--tag", help=argparse.SUPPRESS)  # the tagging's spec, likewise
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(store(json.loads(args.one))))
        return 0
    if args.tag:
        tag(json.loads(args.tag))
        return 0
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        trees = {args.against: checkout(args.against, Path(tmp)), "this checkout": ROOT}
        tagged_path = tagged(args.articles, args.against, trees[args.against], args.timeout)
        print(f"{'PostgreSQL' if args.db else 'SQLite'}, {args.articles} tagged articles stored "
              f"with a kept grouping; {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.2f}\n")
        print("| code | run | CPU s | wall s | server CPU s | statements per article "
              "| stored digest |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for k in range(args.repeat):
            for name, tree in trees.items():
                profile = (str(Path(args.profile) / f"{name.replace(' ', '-')}-{k + 1}.prof")
                           if args.profile else None)
                r = run(tree, tagged_path, args.db, profile, args.timeout)
                print(f"| {name} | {k + 1} | {r['cpu']:.2f} | {r['wall']:.2f} | "
                      f"{r['server']:.2f} | {r['statements'] / max(r['added'], 1):.1f} | "
                      f"{r['digest']} |", flush=True)
        print(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
