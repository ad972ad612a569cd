"""Several writers at once, on SQLite and PostgreSQL: two ingests into one database lose
nothing and duplicate nothing; several people correcting events keep each other's edits."""
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import timeline
from timeline.store import EventStore
from timeline.store.event_store import EditConflict

ROOT = Path(timeline.__file__).resolve().parent.parent

# A child process: store one article per text, each with one event, keeping one grouping
# session (as an ingest does); print how many were new.
INGEST = """
import json, sys
from datetime import date
from timeline.model import Article, Event, event_id
from timeline.store import EventStore

url, texts = sys.argv[1], json.loads(sys.argv[2])
added = 0
with EventStore(url) as store:
    grouping = store.grouping_session()
    for text in texts:
        art = Article(text=text, published=date(2025, 3, 17), source="Wire")
        at = text.index("on Saturday")
        ev = Event(event_id=event_id(art.article_id, 0, at, at + 11), article_id=art.article_id,
                   value="2025-03-15", start_date=date(2025, 3, 15), end_date=date(2025, 3, 16),
                   granularity="day", expression="on Saturday", status="happened",
                   summary=text, sentence=text, expr_start=at, expr_end=at + 11,
                   actors=("Ann Lee", "Bo Chan"))
        added += store.add_article(art, [ev], grouping=grouping).added
print(added)
"""


def texts(numbers) -> list[str]:
    return [f"Report {n}: the talks were held on Saturday." for n in numbers]


def test_two_ingest_processes_lose_nothing_and_duplicate_nothing(db_url):
    with EventStore(db_url):
        pass  # the schema exists: the race is on the articles, not the migration
    # the same 150 articles in both, and 100 of each process's own; in different orders
    shared = list(range(150))
    batches = [texts(shared + list(range(1000, 1100))),
               texts(list(range(2000, 2100)) + shared[::-1])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    children = [subprocess.Popen([sys.executable, "-c", INGEST, db_url, json.dumps(batch)],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for batch in batches]
    results = []
    try:
        for child in children:
            out, err = child.communicate(timeout=300)
            assert child.returncode == 0, err[-2000:]
            results.append(int(out))
    finally:
        for child in children:
            child.kill()
            child.wait(timeout=10)
    assert sum(results) == 350  # each shared article added by exactly one of the two
    assert min(results) >= 100
    with EventStore(db_url) as store:
        assert len(store.articles()) == 350 and store.count() == 350
        assert dict(store.actors()) == {"Ann Lee": 350, "Bo Chan": 350}
        assert len({e.event_id for e in store.iter_events()}) == 350
        assert all(len(store.article_timexes(a.article_id)) == 1 for a in store.articles())
        [event] = store.grouped_events()  # one happening, told 350 times, by two writers
        assert len(event.reports) == 350


def test_threads_storing_the_same_article_at_once_store_it_once(db_url, make):
    art = make.article("The ceasefire began on Saturday.")
    ev = make.event(art, "on Saturday", "2025-03-15", actors=("Ann Lee",))
    start = threading.Barrier(6)
    results, errors = [], []

    def add():
        try:
            with EventStore(db_url) as own:  # a store per writer, as separate processes have
                start.wait(timeout=30)
                results.append(own.add_article(art, [ev]))
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    with EventStore(db_url):
        pass
    threads = [threading.Thread(target=add) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(r.added for r in results) == [False] * 5 + [True]
    with EventStore(db_url) as store:
        assert store.events() == [ev] and store.actors() == [("Ann Lee", 1)]


def _all_at_once(jobs) -> list:
    """Run the callables in threads released together; their results or exceptions."""
    start = threading.Barrier(len(jobs))
    out = [None] * len(jobs)

    def run(i, job):
        start.wait(timeout=30)
        try:
            out[i] = job()
        except Exception as err:
            out[i] = err

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
        assert not t.is_alive()
    return out


@pytest.fixture
def newsroom(db_url, make):
    """A file/server database with 8 events in one article; returns (db_url, events)."""
    text = " ".join(f"Meeting {n} was held on {d} March." for n, d in enumerate(range(1, 9)))
    art = make.article(text)
    evs = [make.event(art, f"on {d} March", f"2025-03-{d:02d}") for d in range(1, 9)]
    with EventStore(db_url) as store:
        store.add_article(art, evs)
    return db_url, evs


def test_people_correcting_different_events_at_once_keep_every_edit(newsroom):
    db_url, evs = newsroom
    with EventStore(db_url) as store:
        jobs = [lambda ev=ev, n=n: store.correct_event(ev.event_id, f"2025-04-{n + 1:02d}",
                                                       expected=ev.value)
                for n, ev in enumerate(evs[:6])]
        jobs += [lambda ev=ev: store.delete_event(ev.event_id, expected=ev.value)
                 for ev in evs[6:]]
        results = _all_at_once(jobs)
        assert not [r for r in results if isinstance(r, Exception)]
        got = {e.event_id: e.value for e in store.events()}
        assert got == {ev.event_id: f"2025-04-{n + 1:02d}" for n, ev in enumerate(evs[:6])}
        assert all(store.original_value(ev.event_id) == ev.value for ev in evs)


def test_two_people_correcting_one_event_at_once_one_is_told_of_the_other(newsroom):
    db_url, evs = newsroom
    ev = evs[0]
    with EventStore(db_url) as store:
        first, second = _all_at_once([
            lambda: store.correct_event(ev.event_id, "2025-02", expected=ev.value),
            lambda: store.correct_event(ev.event_id, "2025-Q2", expected=ev.value)])
        [won] = [r for r in (first, second) if not isinstance(r, Exception)]
        [lost] = [r for r in (first, second) if isinstance(r, Exception)]
        assert isinstance(lost, EditConflict) and lost.current == won.value
        assert won.value in str(lost) and ev.event_id in str(lost)
        assert store.event(ev.event_id).value == won.value  # the refused edit wrote nothing
        assert store.original_value(ev.event_id) == ev.value
        # the person sees the new value and decides: an edit against it goes through
        again = store.correct_event(ev.event_id, "2025-03-20", expected=won.value)
        assert again.value == "2025-03-20"
        # a stale edit of a deleted event, and a delete against a stale value, are refused
        store.delete_event(evs[1].event_id)
        with pytest.raises(EditConflict, match="deleted"):
            store.correct_event(evs[1].event_id, "2025-05", expected=evs[1].value)
        with pytest.raises(EditConflict):
            store.delete_event(ev.event_id, expected=won.value)
        assert store.event(ev.event_id).value == "2025-03-20"
        # without `expected` (scripts, the CLI) the last edit wins
        store.correct_event(ev.event_id, "2025-06")
        assert store.count() == 7
        assert store.event(ev.event_id).value == "2025-06"
