"""A server answers each request in a new thread: the store must not keep a connection
(and its files) per thread. Issue 19: 4,007 open files after 2,000 requests."""
import os
import threading
from pathlib import Path

import pytest

from timeline.model import EventFilter
from timeline.store import EventStore
from timeline.store.connection import POOL_OVERFLOW, POOL_SIZE

FD_DIR = Path("/proc/self/fd")


def open_files() -> int:
    return len(os.listdir(FD_DIR))


def run_in_short_lived_threads(work, calls: int, at_once: int = 8) -> list:
    """``work(n)`` for n in range(calls), each in a new thread, ``at_once`` at a time."""
    errors = []

    def one(n):
        try:
            work(n)
        except Exception as err:  # pragma: no cover - reported by the caller
            errors.append(err)

    for first in range(0, calls, at_once):
        threads = [threading.Thread(target=one, args=(n,))
                   for n in range(first, min(first + at_once, calls))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
            assert not t.is_alive(), "a store call took over 60 s"
    return errors


@pytest.mark.skipif(not FD_DIR.is_dir(), reason="needs /proc/self/fd (Linux)")
def test_thousands_of_calls_from_short_lived_threads_keep_open_files_bounded(db_url, make):
    art = make.article("Talks were held on Saturday in Vienna.")
    saturday = make.event(art, "on Saturday", "2025-03-15", actors=("Ann Lee",))
    with EventStore(db_url) as store:
        store.add_article(art, [saturday])

        def read(n):
            assert store.count(EventFilter(text="vienna")) == 1
            assert store.event(saturday.event_id).value == "2025-03-15"
            assert [e.event_id for e in store.iter_events(limit=1)] == [saturday.event_id]

        def write(n):
            other = make.article(f"Report {n} was filed on Sunday.")
            store.add_article(other, [make.event(other, "on Sunday", "2025-03-16")])

        # warm up: let the pool open as many connections as 8 threads at once need
        assert run_in_short_lived_threads(read, 64) == []
        warm = open_files()
        assert run_in_short_lived_threads(read, 1200) == []
        assert run_in_short_lived_threads(write, 200) == []
        after = open_files()
        # a connection per thread would leave ~1,400 more files (3 per SQLite connection)
        assert after <= warm + 3 * (POOL_SIZE + POOL_OVERFLOW), (warm, after)
        assert store._db.engine.pool.checkedout() == 0  # every connection given back
        assert store.count() == 201
    assert open_files() <= warm
