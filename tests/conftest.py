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
