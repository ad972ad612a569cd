"""Uploads queued on Redis for a Celery worker (`timeline serve --jobs redis://...`, for servers on
several machines): the page's upload runs in `celery --app dashboard.jobs worker`, a process of
its own with its own connection to the database, and its results reach the page. Real Redis
(Debian's redis-server, installed by .ci/run), real Celery, real pipeline, headless Chromium."""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard import create_app
from timeline.store import EventStore

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not shutil.which("chromedriver"), reason="chromedriver not installed (.ci/run installs it)")]
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        out, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate(timeout=30)
    return out or ""


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("redis-server is not installed: .ci/run must install Debian's redis-server")
        pytest.skip("redis-server is not installed (Debian: apt install redis-server)")
    import redis

    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 30
    while True:
        try:
            redis.Redis.from_url(url, socket_timeout=2).ping()
            break
        except redis.ConnectionError:
            assert process.poll() is None and time.monotonic() < deadline, stop(process)
            time.sleep(0.1)
    yield url
    stop(process)


def test_an_upload_runs_in_a_celery_worker_and_its_results_reach_the_page(dash_duo, tmp_path,
                                                                          redis_url):
    db = str(tmp_path / "team.db")
    store = EventStore(db)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TIMELINE_DB": db, "TIMELINE_JOBS": redis_url}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "--app", "dashboard.jobs", "worker", "--pool", "solo",
         "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        dash_duo.start_server(create_app(store, jobs=redis_url))
        paths = []
        for n in range(2):
            path = tmp_path / f"story{n}.txt"
            path.write_text(f"Story {n}\nPublished: 2025-03-17\n\nThe council of town {n} met on "
                            f"{n + 3} March 2025 and will meet again next Friday.\n")
            paths.append(str(path))
        dash_duo.wait_for_element("#upload input[type=file]", timeout=30).send_keys("\n".join(paths))
        dash_duo.wait_for_contains_text("#upload-result", "story1.txt", timeout=240)
        result = dash_duo.find_element("#upload-result").text
        assert result.count("added") == 2, result
        assert worker.poll() is None
    finally:
        log = stop(worker)
    assert sorted(a.title for a in store.articles()) == ["Story 0", "Story 1"], log
    store.close()
