"""Fixtures for every test package. Test modules import nothing from each other."""
from __future__ import annotations

import os
import uuid

import pytest

PG_ENV = "TIMELINE_TEST_PG"


def _pg_server() -> str:
    """The URL of the PostgreSQL server for tests (any database on it), or skip / fail."""
    url = os.environ.get(PG_ENV, "")
    if url:
        return url
    reason = (f"PostgreSQL tests need a server: run `.ci/postgres` (it starts a throwaway one "
              f"and prints its URL) and export {PG_ENV}=<that URL>")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{PG_ENV} is not set in CI: .ci/run must start PostgreSQL. {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def _cache_home(tmp_path_factory):
    """Job queues of test apps (dashboard/callbacks/upload.py) go to a temporary cache, not the
    user's ~/.cache; servers started by tests inherit it."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield


@pytest.fixture
def pg_url():
    """A new, empty PostgreSQL database on the test server (postgresql://... URL), dropped
    afterwards. Without $TIMELINE_TEST_PG: skipped, with how to start one; in CI a failure."""
    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(_pg_server())
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(drivername="postgresql", database=name).render_as_string(
            hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def _free_dash_port():
    """dash.testing starts every app on 8050, 8051, ... in each process, so two test runs on one
    machine collide. Give each test's Dash server a port the OS says is free."""
    try:
        from dash.testing.application_runners import BaseDashRunner
    except ImportError:  # dash[testing] is in the test extra; without it no browser test runs
        yield
        return
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        BaseDashRunner._next_port = sock.getsockname()[1]
    yield
