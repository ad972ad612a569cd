"""Load on `timeline serve` (gunicorn) on 127.0.0.1: issue 19's server targets.

    python -m benchmarks.server_load [--events 100000] [--clients 4] [--seconds 60]
                                     [--sequential 5000] [--nofile 256] [--db FILE|URL]

1. Builds a store of synthetic events (benchmarks.store_queries.synthetic), unless --db names
   one that is already filled.
2. Starts `timeline serve` in a subprocess with ``ulimit -n`` set to --nofile.
3. --clients threads send mixed filtered GET /api/events queries (dates, actor, source, text,
   status, JSON and CSV) for --seconds; every answer must be 200. Latency percentiles, and the
   resident memory of the server (arbiter + workers) sampled every second.
4. One unfiltered JSON and one unfiltered CSV answer of the whole store (streamed): time, size
   and the server's memory before and after.
5. --sequential requests in a row, each on a new connection (ulimit -n still --nofile): all
   must be 200; the server's open files before and after.

Prints a Markdown summary; exits 1 when a target is missed (errors, p99 >= 300 ms, memory
>= 500 MB or growing by more than 10% from the first to the last quarter of the run).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.store_queries import synthetic  # noqa: E402


def build_store(path: str, n_events: int) -> float:
    from timeline.store import EventStore

    store = EventStore(path)
    t0 = time.perf_counter()
    if store.count() < n_events:
        for article, events in synthetic(n_events):
            store.add_article(article, events, [])
    store.close()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: str, *args: str, nofile: int | None = None,
                 wait: float = 120) -> tuple[subprocess.Popen, str]:
    """`timeline serve --db db *args` in its own process group (with ``ulimit -n nofile``);
    returns (process, base URL) once it answers, else RuntimeError with its output."""
    def limit():
        if nofile:
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", "--db", db, "--port", str(port), *args],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, preexec_fn=limit, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stdout.read().decode(errors="replace"))
        try:
            requests.get(base + "/api/articles", timeout=5)
            return proc, base
        except requests.ConnectionError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError(f"timeline serve did not answer within {wait:.0f} s")


def stop(proc: subprocess.Popen) -> str:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
    return out.decode(errors="replace")


def tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root] + root.children(recursive=True)


def rss_mb(pid: int) -> float:
    total = 0
    for p in tree(pid):
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 1e6


def open_files(pid: int) -> int:
    total = 0
    for p in tree(pid):
        try:
            total += p.num_fds()
        except psutil.NoSuchProcess:
            pass
    return total


def queries(db: str, rng: random.Random) -> list[str]:
    """A pool of mixed filtered queries built from what is in the store."""
    from timeline.store import EventStore

    store = EventStore(db)
    actors = [name for name, _ in store.actors()[:200]]
    sources = [name for name, _ in store.sources()]
    store.close()
    words = ["ceasefire", "talks", "summit", "election", "vote", "minister", "agreement"]
    pool = []
    for _ in range(400):
        year = rng.randrange(2015, 2025)
        month = rng.randrange(1, 13)
        span = [("start", f"{year}-{month:02d}-01"), ("end", f"{year}-{month:02d}-28")]
        kind = rng.randrange(6)
        params = {
            0: span + [("limit", "500")],
            1: [("actors", rng.choice(actors)), ("limit", "500")],
            2: [("q", rng.choice(words)), ("limit", "200")],
            3: span + [("statuses", "scheduled"), ("format", "csv"), ("limit", "1000")],
            4: [("sources", rng.choice(sources)), ("q", rng.choice(words)), ("limit", "500")],
            5: [("start", f"{year}-01-01"), ("end", f"{year}-12-31"),
                ("actors", rng.choice(actors)), ("q", rng.choice(words))],
        }[kind]
        pool.append("/api/events?" + urlencode(params))
    return pool


def load(base: str, pid: int, pool: list[str], clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    memory: list[tuple[float, float]] = []
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()

    def client(k: int):
        rng = random.Random(k)
        with requests.Session() as session:
            while time.monotonic() < stop_at:
                path = rng.choice(pool)
                t0 = time.perf_counter()
                try:
                    resp = session.get(base + path, timeout=30)
                    ok = resp.status_code == 200
                    problem = f"{resp.status_code} {path}"
                except requests.RequestException as exc:
                    ok, problem = False, f"{type(exc).__name__} {path}"
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(ms)
                    if not ok:
                        errors.append(problem)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        memory.append((time.monotonic() - t0, rss_mb(pid)))
        time.sleep(1)
    for t in threads:
        t.join(timeout=60)
    latencies.sort()
    quarter = max(1, len(memory) // 4)
    return {
        "requests": len(latencies), "errors": errors,
        "p50": latencies[len(latencies) // 2], "p95": latencies[int(len(latencies) * 0.95)],
        "p99": latencies[int(len(latencies) * 0.99)], "max": latencies[-1],
        "rate": len(latencies) / seconds,
        "rss_first": statistics.mean(m for _, m in memory[:quarter]),
        "rss_last": statistics.mean(m for _, m in memory[-quarter:]),
        "rss_max": max(m for _, m in memory),
    }


def whole_store(base: str, pid: int) -> list[tuple[str, float, float, float, float]]:
    """(format, seconds, MB sent, server MB before, server MB peak) of unfiltered answers."""
    out = []
    for fmt in ("json", "csv"):
        before = rss_mb(pid)
        peak = [before]
        done = threading.Event()

        def watch():
            while not done.is_set():
                peak.append(rss_mb(pid))
                time.sleep(0.2)

        watcher = threading.Thread(target=watch)
        watcher.start()
        t0 = time.perf_counter()
        size = 0
        with requests.get(f"{base}/api/events?format={fmt}", stream=True, timeout=300) as resp:
            resp.raise_for_status()
            for chunk in resp.iter_content(1 << 16):
                size += len(chunk)
        seconds = time.perf_counter() - t0
        done.set()
        watcher.join(timeout=10)
        out.append((fmt, seconds, size / 1e6, before, max(peak)))
    return out


def sequential(base: str, pid: int, n: int) -> dict:
    files_before = open_files(pid)
    bad = 0
    t0 = time.perf_counter()
    for i in range(n):
        try:
            resp = requests.get(f"{base}/api/events?limit=5&q=talks", timeout=30,
                                headers={"Connection": "close"})
            bad += resp.status_code != 200
        except requests.RequestException:
            bad += 1
    return {"n": n, "bad": bad, "seconds": time.perf_counter() - t0,
            "files_before": files_before, "files_after": open_files(pid), "rss": rss_mb(pid)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--sequential", type=int, default=5000)
    parser.add_argument("--nofile", type=int, default=256)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--db", help="SQLite file or postgresql:// URL (default: a temporary file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "load.db")
        built = build_store(db, args.events)
        extra = ["--workers", str(args.workers)] if args.workers else []
        proc, base = start_server(db, *extra, nofile=args.nofile)
        try:
            pid = proc.pid
            pool = queries(db, random.Random(19))
            for path in pool[:20]:  # warm the caches as a first visitor would
                requests.get(base + path, timeout=60)
            ld = load(base, pid, pool, args.clients, args.seconds)
            whole = whole_store(base, pid)
            seq = sequential(base, pid, args.sequential)
        finally:
            log = stop(proc)
    grows = ld["rss_last"] > 1.10 * ld["rss_first"]
    print(f"store: {args.events:,} synthetic events ({built:.0f} s to build); server: "
          f"`timeline serve` (gunicorn{'' if not args.workers else f', {args.workers} workers'}), "
          f"`ulimit -n {args.nofile}`; Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print(f"| {args.clients} clients x {args.seconds:.0f} s, mixed filtered queries | value |")
    print("| --- | ---: |")
    print(f"| requests (rate) | {ld['requests']:,} ({ld['rate']:.0f}/s) |")
    print(f"| errors | {len(ld['errors'])} |")
    print(f"| latency p50 / p95 / p99 / max | {ld['p50']:.0f} / {ld['p95']:.0f} / "
          f"{ld['p99']:.0f} / {ld['max']:.0f} ms |")
    print(f"| server memory (RSS, all processes): first quarter / last quarter / max | "
          f"{ld['rss_first']:.0f} / {ld['rss_last']:.0f} / {ld['rss_max']:.0f} MB |")
    print("\n| whole store, unfiltered, streamed | seconds | MB sent | server MB before -> peak |")
    print("| --- | ---: | ---: | ---: |")
    for fmt, seconds, size, before, peak in whole:
        print(f"| {fmt} | {seconds:.1f} | {size:.1f} | {before:.0f} -> {peak:.0f} |")
    print(f"\n{seq['n']:,} requests in a row, a new connection each: {seq['bad']} not 200, "
          f"{seq['seconds']:.0f} s; server open files {seq['files_before']} -> "
          f"{seq['files_after']}; memory {seq['rss']:.0f} MB")
    if ld["errors"]:
        print("\nerrors (first 10):", *ld["errors"][:10], sep="\n  ")
    if "Traceback" in log or "was sent" in log:
        print("\nserver log:\n" + log[-3000:])
    missed = (ld["errors"] or seq["bad"] or ld["p99"] >= 300 or ld["rss_max"] >= 500 or grows)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
