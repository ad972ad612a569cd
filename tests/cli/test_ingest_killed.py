"""kill -9 in the middle of `timeline ingest --workers 2` (the ingest process and its Dask
workers, which store what they tag): the database stays intact, and a rerun ends with exactly
what one uninterrupted run stores (issue 19: this held, and must keep holding)."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.ingest_speed import varied_articles
from timeline.model import EventFilter
from timeline.store import EventStore

pytestmark = pytest.mark.slow  # the shipped model, a local Dask cluster
ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ARTICLES = 48


def ingest(corpus: Path, db: Path, *options, **popen):
    return subprocess.Popen([sys.executable, "-m", "timeline", "ingest", str(corpus), "--db",
                             str(db), *options], env=ENV, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is being made
        return 0


def events_of(db: Path):
    with EventStore(db) as store:
        return sorted((e.event_id, e.value, e.status, e.summary)
                      for e in store.iter_events(EventFilter()))


def test_kill_9_mid_ingest_then_rerun_equals_a_clean_run(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"title": a.title, "text": a.text,
                                          "published": a.published.isoformat()}) + "\n"
                              for a in varied_articles(ARTICLES)), "utf-8")
    clean = ingest(corpus, tmp_path / "clean.db")
    _, err = clean.communicate(timeout=600)
    assert clean.returncode == 0, err

    db = tmp_path / "killed.db"
    run = ingest(corpus, db, "--workers", "2", start_new_session=True)
    try:
        deadline = time.monotonic() + 600
        while stored_articles(db) < 4 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        at_kill = stored_articles(db)
        os.killpg(run.pid, signal.SIGKILL)  # the ingest process and its workers, at once
    finally:
        run.wait(timeout=60)
    assert 4 <= at_kill < ARTICLES, "the run ended before it could be killed"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    rerun = ingest(corpus, db, "--workers", "2")
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert events_of(db) == events_of(tmp_path / "clean.db")
    with EventStore(db) as store:
        assert len(list(store.articles())) == ARTICLES
