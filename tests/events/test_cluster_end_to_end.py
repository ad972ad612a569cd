"""`timeline ingest --cluster` end to end: a `dask scheduler` and two `dask worker` processes on
127.0.0.1 tag the Wikinews corpus (../shared/data/wikinews) into PostgreSQL; the stored
events equal those of the embedded path (one process, SQLite)."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline.model import EventFilter
from timeline.store import EventStore

import distributed  # noqa: E402,F401  (a dependency: missing, it is a failure, never a skip)
from distributed import Client, get_task_stream  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CORPUS = next((p for p in (ROOT.parent / "shared/data/wikinews/articles.jsonl",
                           Path("/work/shared/data/wikinews/articles.jsonl")) if p.is_file()), None)
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
TIMEOUT = 600  # seconds for one ingest of the 90 articles


def stop(processes) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


@pytest.fixture
def scheduler(tmp_path):
    """The address of a `dask scheduler` with two single-threaded `dask worker`s."""
    info = tmp_path / "scheduler.json"
    logs = (tmp_path / "dask.log").open("w")
    dask = [sys.executable, "-m", "dask"]
    started = [subprocess.Popen(dask + ["scheduler", "--host", "127.0.0.1", "--port", "0",
                                        "--no-dashboard", "--scheduler-file", str(info)],
                                env=ENV, stdout=logs, stderr=logs)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline and started[0].poll() is None:
            time.sleep(0.2)
        assert info.exists(), (tmp_path / "dask.log").read_text()
        for name in ("w1", "w2"):
            started.append(subprocess.Popen(
                dask + ["worker", "--scheduler-file", str(info), "--nthreads", "1",
                        "--no-dashboard", "--host", "127.0.0.1", "--name", name],
                env=ENV, stdout=logs, stderr=logs))
        with Client(scheduler_file=str(info), timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            yield client
    finally:
        stop(started[::-1])
        logs.close()


def ingest(*args) -> str:
    done = subprocess.run([sys.executable, "-m", "timeline", "ingest", str(CORPUS), *args],
                          env=ENV, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().rsplit(" -> ", 1)[0]


def stored(url: str):
    with EventStore(url) as store:
        return sorted(store.iter_events(EventFilter()), key=lambda e: e.event_id)


@pytest.mark.skipif(CORPUS is None, reason="../shared/data/wikinews/articles.jsonl is not here")
def test_two_dask_workers_fill_postgresql_with_the_events_of_the_embedded_path(scheduler, tmp_path,
                                                                               pg_url):
    url = pg_url  # a new PostgreSQL database (tests/conftest.py)
    embedded = tmp_path / "embedded.db"
    alone = ingest("--db", str(embedded))
    with get_task_stream(scheduler) as tasks:
        on_cluster = ingest("--db", url, "--cluster", scheduler.scheduler.address)
    assert on_cluster == alone and alone.startswith("90 articles added")
    events = stored(url)
    assert events == stored(str(embedded)) and len(events) > 500
    workers = set(scheduler.scheduler_info()["workers"])
    chunks = [t for t in tasks.data if "-chunk-" in str(t["key"])]
    assert len(chunks) >= 2 and {t["worker"] for t in chunks} <= workers
