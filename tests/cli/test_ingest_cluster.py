"""`timeline ingest --workers/--cluster`: the options reach the ingest service's Dask session
(session and tagger faked here; the real ones: tests/events/test_cluster*.py)."""
import importlib
from contextlib import contextmanager

from click.testing import CliRunner

import timeline.events
import timeline.events.cluster
from timeline.cli import main

EXTRACT = importlib.import_module("timeline.events.extract")  # the name is also a function


def test_one_session_serves_the_whole_run_and_workers_exclude_cluster(monkeypatch, tmp_path):
    opened, calls = [], []

    @contextmanager
    def parallel(n_process=1, cluster=None, nlp=None, settings=None):
        opened.append((n_process, cluster))
        yield object()

    def fake(session, articles, batch_size=32, settings=None):
        calls.append(session)
        articles = list(articles)
        for k in range(0, len(articles), 4):
            yield articles[k:k + 4], [([], [])] * len(articles[k:k + 4])

    monkeypatch.setattr(EXTRACT, "parallel", parallel)
    monkeypatch.setattr(timeline.events.cluster, "tag_chunks", fake)
    texts = tmp_path / "in"
    texts.mkdir()
    for k in range(12):
        (texts / f"a{k}.txt").write_text(f"Talks {k} began on 2025-03-01.", encoding="utf-8")
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", str(texts), "--db", db, "--published", "2025-03-02",
                                "--cluster", "tcp://127.0.0.1:8786"])
    assert done.exit_code == 0, done.output
    assert opened == [(1, "tcp://127.0.0.1:8786")] and "12 articles added" in done.output
    assert len(calls) == 1  # one stream of chunks in one session for the whole run
    both = runner.invoke(main, ["ingest", str(texts), "--db", db,
                                "--workers", "2", "--cluster", "tcp://127.0.0.1:8786"])
    assert both.exit_code == 2 and "--workers or --cluster, not both" in both.output


def test_an_unreachable_scheduler_is_one_line(monkeypatch, tmp_path):
    @contextmanager
    def parallel(n_process=1, cluster=None, nlp=None, settings=None):
        raise EXTRACT.ClusterError(f"cannot reach the Dask scheduler at {cluster}")
        yield

    monkeypatch.setattr(EXTRACT, "parallel", parallel)
    (tmp_path / "a.txt").write_text("Talks began on 2025-03-01.", encoding="utf-8")
    done = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db",
                                     str(tmp_path / "t.db"), "--cluster", "tcp://127.0.0.1:9"])
    assert done.exit_code == 1
    assert "Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.output
