import subprocess
from pathlib import Path

import dash
import pytest
import requests
from click.testing import CliRunner

from benchmarks.server_load import start_server, stop
from timeline.cli import main
from timeline.cli import serve as serve_module

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runs(monkeypatch):
    """What `timeline serve` would start: gunicorn (with its options) or the dev server."""
    calls = []
    monkeypatch.setattr(serve_module, "run_gunicorn",
                        lambda factory, **kw: calls.append(("gunicorn", kw, factory)))
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kw: calls.append(("flask", kw, None)))
    monkeypatch.setattr(serve_module, "check_port", lambda host, port: None)  # 8050 may be taken
    return calls


def test_a_port_in_use_is_named_before_anything_starts(monkeypatch, tmp_path):
    import socket

    started = []
    monkeypatch.setattr(serve_module, "run_gunicorn", lambda factory, **kw: started.append(kw))
    with socket.socket() as other:  # another server on the port
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"),
                                           "--port", str(port), "--demo"])
    assert result.exit_code == 1 and not started
    assert f"cannot serve on 127.0.0.1:{port}" in result.output and "--port" in result.output
    assert "dashboard on" not in result.output and "demo corpus" not in result.output
    assert not (tmp_path / "s.db").exists()  # nothing opened, nothing loaded


def test_serve_defaults_to_gunicorn_on_localhost(runs, tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    (kind, options, factory), = runs
    assert kind == "gunicorn" and options == {"host": "127.0.0.1", "port": 8050, "workers": 1,
                                              "threads": 8}
    assert "http://127.0.0.1:8050/" in result.output and "gunicorn" in result.output
    server = factory()  # what each worker builds: its own store, the allowed hosts
    assert server.test_client().get("/api/events",
                                     base_url="http://127.0.0.1:8050").status_code == 200
    assert server.test_client().get("/api/events",
                                    base_url="http://evil.example:8050").status_code == 400


def test_serve_options_are_passed(runs, tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--host",
                                       "0.0.0.0", "--port", "8123", "--workers", "3",
                                       "--threads", "4", "--allowed-host", "https://news.example.org"])
    assert result.exit_code == 0, result.output
    (kind, options, factory), = runs
    assert options == {"host": "0.0.0.0", "port": 8123, "workers": 3, "threads": 4}
    client = factory().test_client()
    assert client.get("/api/events", base_url="https://news.example.org").status_code == 200
    assert client.get("/api/events", base_url="http://0.0.0.0:8123").status_code == 400


def test_debug_uses_the_development_server(runs, tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--debug"])
    assert result.exit_code == 0 and runs == [("flask", {"host": "127.0.0.1", "port": 8050,
                                                         "debug": True}, None)]


def test_a_bad_allowed_host_is_named(runs, tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"),
                                       "--allowed-host", "ftp://x"])
    assert result.exit_code == 2 and "--allowed-host" in result.output and not runs


def test_serve_names_a_store_it_cannot_open(tmp_path):
    (tmp_path / "notadb.db").write_text("this is not sqlite " * 100)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "notadb.db")])
    assert result.exit_code != 0 and "notadb.db" in result.output
    assert "Traceback" not in result.output


def test_readme_documents_every_serve_option():
    from timeline.cli.serve import serve

    readme = (ROOT / "README.md").read_text()
    for param in serve.params:
        assert param.opts[0] in readme, param.opts


# --- the real thing: a subprocess, a free port, a timeout ----------------------------------------

def test_timeline_serve_runs_gunicorn_workers_and_answers(tmp_path):
    proc, base = start_server(str(tmp_path / "g.db"), "--workers", "2", "--threads", "2")
    try:
        resp = requests.get(base + "/api/events", timeout=10)
        assert resp.status_code == 200 and resp.json() == []
        assert resp.headers["Server"].startswith("gunicorn")
        assert resp.headers["X-Frame-Options"] == "DENY"
        page = requests.get(base + "/", timeout=10)
        assert page.status_code == 200 and "_dash-config" in page.text
        rebound = requests.get(base + "/api/events", timeout=10, headers={"Host": "evil.example"})
        assert rebound.status_code == 400
        workers = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True,
                                 timeout=10).stdout.split()
        assert len(workers) >= 3  # the arbiter and two worker processes
    finally:
        out = stop(proc)
    assert "Traceback" not in out, out


def test_a_thousand_requests_in_a_row_with_256_open_files(tmp_path, make_event):
    """Each request once kept a database connection open (4,007 files after 2,000 requests; with
    `ulimit -n 1024` every request from the 509th on was a 500). benchmarks/server_load.py
    makes the full 5,000."""
    import psutil

    db = str(tmp_path / "u.db")
    seed_events(db, make_event, 3)
    proc, base = start_server(db, nofile=256)
    try:
        server = psutil.Process(proc.pid)

        def files():
            return sum(p.num_fds() for p in [server, *server.children(recursive=True)])

        before = files()
        codes = [requests.get(base + "/api/events?q=harbour&limit=2", timeout=10,
                              headers={"Connection": "close"}).status_code for _ in range(1000)]
        after = files()
    finally:
        out = stop(proc)
    assert codes.count(200) == 1000, (sorted(set(codes)), out[-2000:])
    assert after <= before + 8, (before, after)


def seed_events(db: str, make_event, n: int) -> list:
    from datetime import date

    from timeline.model import Article
    from timeline.store import EventStore

    store = EventStore(db)
    article = Article(text="Event number 0 took place on Thursday in the harbour.",
                      published=date(2025, 3, 17), title="t", source="Wire")
    events = [make_event(k, article_id=article.article_id) for k in range(n)]
    store.add_article(article, events, [])
    store.close()
    return events


def test_people_correcting_at_once_through_gunicorn_on_postgresql(make_event, pg_url):
    """Four people on a server of two processes save corrections at once: each of their own
    event, then all four of one shared event at the same moment (five rounds). Nobody's edit
    is lost, a shared event ends as one of the edits, and the extractor's value stays known."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from tests.dashboard.dash_http import correction_output, panel_message, save_correction_body
    from timeline.store import EventStore

    people, rounds = 4, 5
    url = pg_url  # a new PostgreSQL database (tests/conftest.py)
    events = seed_events(url, make_event, people + rounds)
    own, shared = events[:people], events[people:]
    proc, base = start_server(url, "--workers", "2", "--threads", "4")
    try:
        output = correction_output(requests.get(base + "/_dash-dependencies", timeout=10).json())
        together = threading.Barrier(people, timeout=60)

        def save(event_id, value):
            resp = requests.post(base + "/_dash-update-component", timeout=30,
                                 json=save_correction_body(output, event_id, value),
                                 headers={"Origin": base})
            assert resp.status_code == 200, resp.text[:300]
            return panel_message(resp.json())

        def person(k):
            answers = [save(own[k].event_id, f"2026-0{k + 1}-{day:02d}") for day in range(1, 6)]
            for event in shared:
                together.wait()
                answers.append(save(event.event_id, f"2027-0{k + 1}"))
            return answers

        with ThreadPoolExecutor(people) as pool:
            answers = [f.result(timeout=120) for f in [pool.submit(person, k) for k in range(people)]]
    finally:
        out = stop(proc)
    assert all("Saved" in a for one in answers for a in one), (answers, out)
    assert "was sent" not in out and "Fatal" not in out, out  # no worker died
    store = EventStore(url)
    assert [store.event(e.event_id).value for e in own] == [f"2026-0{k + 1}-05" for k in range(people)]
    for event in shared:
        assert store.event(event.event_id).value in {f"2027-0{k + 1}" for k in range(people)}
        assert store.original_value(event.event_id) == event.value
    store.close()
