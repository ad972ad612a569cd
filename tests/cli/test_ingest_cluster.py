"""`timeline ingest --workers/--cluster`: the options reach the ingest service's Dask session
(session and tagger faked here; the real ones: tests/events/test_cluster*.py)."""
from contextlib import contextmanager

from click.testing import CliRunner

import timeline.events
import timeline.events.extract
from timeline.cli import main


def test_one_session_serves_the_whole_run_and_workers_exclude_cluster(monkeypatch, tmp_path):
    opened, calls = [], []

    @contextmanager
    def parallel(n_process=1, cluster=None, nlp=None, settings=None):
        opened.append((n_process, cluster))
        yield type("Session", (), {"articles_in_flight": lambda self: 1})()

    def fake(articles, nlp=None, n_process=1, batch_size=32, cluster=None):
        calls.append(cluster)
        for article in articles:
            yield article, [], []

    monkeypatch.setattr(timeline.events.extract, "parallel", parallel)
    monkeypatch.setattr(timeline.events, "extract_many", fake)
    for k in range(3):
        (tmp_path / f"a{k}.txt").write_text(f"Talks {k} began on 2025-03-01.", encoding="utf-8")
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", str(tmp_path), "--db", db, "--published", "2025-03-02",
                                "--cluster", "tcp://127.0.0.1:8786"])
    assert done.exit_code == 0, done.output
    assert opened == [(1, "tcp://127.0.0.1:8786")] and "3 articles added" in done.output
    assert len(calls) == 3 and len({id(c) for c in calls}) == 1  # batches share the session
    both = runner.invoke(main, ["ingest", str(tmp_path), "--db", db,
                                "--workers", "2", "--cluster", "tcp://127.0.0.1:8786"])
    assert both.exit_code == 2 and "--workers or --cluster, not both" in both.output


def test_an_unreachable_scheduler_is_one_line(monkeypatch, tmp_path):
    @contextmanager
    def parallel(n_process=1, cluster=None, nlp=None, settings=None):
        raise timeline.events.extract.ClusterError(f"cannot reach the Dask scheduler at {cluster}")
        yield

    monkeypatch.setattr(timeline.events.extract, "parallel", parallel)
    (tmp_path / "a.txt").write_text("Talks began on 2025-03-01.", encoding="utf-8")
    done = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db",
                                     str(tmp_path / "t.db"), "--cluster", "tcp://127.0.0.1:9"])
    assert done.exit_code == 1
    assert "Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.output
