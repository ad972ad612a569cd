"""CPU per article of a worker's task (tagging chunks of articles), by malloc setting.

    python -m benchmarks.worker_cpu [--articles 640] [--rounds 2]

Each run is a fresh child process that loads the pipeline, tags one warm-up chunk, then tags
``--articles`` varied demo articles in chunks of ``chunk_articles`` (64), ``BATCH`` Docs per
``nlp.pipe`` batch: what a Dask worker's ``tag_chunk`` does, without Dask. The runs differ only in
the environment glibc's malloc reads as the process starts, and take turns (``--rounds``):

- ``dask``: ``MALLOC_TRIM_THRESHOLD_=65536``, what Dask's nannies give their workers by default
- ``glibc``: no malloc variable (glibc's adaptive thresholds; the old pool's forked workers)
- ``ours``: ``WORKER_MALLOC`` of timeline/events/cluster.py, what a local cluster's workers get

Printed per run: CPU ms per article (user + system, load excluded), the kernel's share (system
seconds), minor page faults, peak RSS. The results are the same in every run (checked: a digest
of every article's events and time expressions).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def settings() -> dict[str, dict[str, str]]:
    from timeline.events.cluster import WORKER_MALLOC

    return {"dask": {"MALLOC_TRIM_THRESHOLD_": "65536"}, "glibc": {},
            "ours": {name: str(value) for name, value in WORKER_MALLOC.items()}}


def one(n: int) -> dict:
    """Tag ``n`` articles in this process as a worker does; CPU and faults of the tagging alone."""
    from benchmarks.ingest_speed import varied_articles
    from timeline.events.extract import _analyse_batch
    from timeline.ingest.service import BATCH
    from timeline.nlp import load
    from timeline.nlp.ops import one_blas_thread
    from timeline.settings import SETTINGS

    one_blas_thread()
    nlp = load()
    size = SETTINGS.chunk_articles
    articles = list(varied_articles(n + size))
    _analyse_batch(nlp, articles[n:], BATCH)  # warm-up chunk (not counted)
    before, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    digest = hashlib.sha256()
    for start in range(0, n, size):
        for events, timexes in _analyse_batch(nlp, articles[start:start + size], BATCH):
            digest.update(repr((events, timexes)).encode())
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"ms_per_article": 1000 * cpu / n, "system_s": after.ru_stime - before.ru_stime,
            "faults": after.ru_minflt - before.ru_minflt, "peak_mb": after.ru_maxrss / 1024,
            "seconds": time.perf_counter() - t0, "digest": digest.hexdigest()[:12]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=640)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a run, in the child process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one)))
        return 0
    print(f"{args.articles} varied demo articles per run, load average {os.getloadavg()[0]:.2f}\n")
    print("| malloc | CPU ms per article | system s | minor page faults | peak RSS MB | results |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    base = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    for _ in range(args.rounds):
        for name, env in settings().items():
            done = subprocess.run([sys.executable, "-m", "benchmarks.worker_cpu", "--one", str(args.articles)],
                                  cwd=ROOT, env={**base, **env}, capture_output=True, text=True,
                                  timeout=args.timeout)
            if done.returncode:
                print(f"| {name} | {(done.stderr.strip().splitlines() or ['failed'])[-1]} | | | | |")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"| {name} | {r['ms_per_article']:.2f} | {r['system_s']:.2f} | {r['faults']:,} | "
                  f"{r['peak_mb']:.0f} | {r['digest']} |", flush=True)
    print(f"\nload average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
