"""extract_many on a Dask cluster: one pipeline per worker, input order, bounded input,
a killed worker's chunks tagged again, clear errors. Rule-only pipeline (no trained model)."""
import logging
import os
import signal
from contextlib import closing
from datetime import date

import pytest

import distributed  # noqa: E402,F401  (a dependency: missing, it is a failure, never a skip)
from distributed import Client, LocalCluster  # noqa: E402

import timeline.events  # noqa: E402
from timeline.events import extract_many  # noqa: E402
from timeline.events.cluster import ClusterError  # noqa: E402
from timeline.model import Article  # noqa: E402
from timeline.nlp import load_rules  # noqa: E402
from timeline.settings import SETTINGS  # noqa: E402

QUICK = SETTINGS.replace(chunk_timeout=60, cluster_timeout=30)


@pytest.fixture(scope="module")
def nlp():
    return load_rules()


def local_cluster():
    return LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=None, silence_logs=logging.ERROR)


@pytest.fixture(scope="module")
def cluster():
    with local_cluster() as running:
        yield running


def long_articles(n):
    """``n`` distinct articles of ~4 KB with 120 dates each: a chunk takes a moment to tag."""
    body = " ".join(f"Talks on item {k} opened on Monday and will resume on Friday, March "
                    f"{k % 28 + 1}." for k in range(60))
    return [Article(text=f"{body} (Report {i}.)", published=date(2025, 3, 19), title=f"t{i}")
            for i in range(n)]


def test_the_cluster_gives_what_one_process_gives_in_input_order(nlp, cluster):
    given = long_articles(12)
    serial = list(extract_many(given, nlp=nlp))
    stream = extract_many(given, nlp=nlp, cluster=cluster.scheduler_address,
                          settings=QUICK.replace(chunk_articles=5))
    with closing(stream):
        assert list(stream) == serial
    assert sum(len(ev) for _, ev, _ in serial) == 12 * 120


def test_each_worker_loads_the_pipeline_once_and_frees_it_at_the_end(nlp, cluster):
    with Client(cluster) as client:
        stream = extract_many(long_articles(8), nlp=nlp, cluster=cluster.scheduler_address,
                              settings=QUICK.replace(chunk_articles=1))
        with closing(stream):
            next(stream)
            plugins = client.run(lambda dask_worker: [
                (name, id(p.nlp)) for name, p in dask_worker.plugins.items()
                if name.startswith("timeline-pipeline-")])
            assert len(list(stream)) == 7
        assert all(len(found) == 1 for found in plugins.values())  # one pipeline per worker
        left = client.run(lambda dask_worker: [n for n in dask_worker.plugins
                                               if n.startswith("timeline-pipeline-")])
        assert left == {w: [] for w in left}


def test_input_is_read_in_a_bounded_number_of_chunks(nlp, cluster):
    pulled = []

    def source():
        for k in range(40):
            pulled.append(k)
            yield Article(text=f"Item {k} opened on Monday.", published=date(2025, 3, 19))

    stream = extract_many(source(), nlp=nlp, cluster=cluster.scheduler_address,
                          settings=QUICK.replace(chunk_articles=2, chunks_per_worker=2))
    with closing(stream):
        first = next(stream)
        assert first[1][0].value == "2025-03-17"
        assert len(pulled) <= 2 * 2 * 2  # two chunks of two per worker
        assert len(list(stream)) == 39


def test_a_killed_worker_loses_no_article(nlp):
    given = long_articles(80)
    expected = [(a.title, ev) for a, ev, _ in extract_many(given, nlp=nlp)]
    with local_cluster() as running, Client(running) as client:
        pids = client.run(os.getpid)
        stream = extract_many(given, nlp=nlp, cluster=running.scheduler_address,
                              settings=QUICK.replace(chunk_articles=4))
        with closing(stream):
            got = [next(stream)]
            busy = [w for w, keys in client.processing().items() if keys]
            assert busy, "no worker was tagging a chunk"
            os.kill(pids[busy[0]], signal.SIGKILL)
            got += list(stream)
        assert pids[busy[0]] not in client.run(os.getpid).values()
    assert [(a.title, ev) for a, ev, _ in got] == expected  # each article once, in order


def test_a_local_cluster_runs_its_workers_with_dasks_background_work_turned_down(nlp, monkeypatch):
    import time

    import dask

    from timeline.events.cluster import LOCAL_CONFIG, WORKER_MALLOC
    from timeline.events.extract import parallel

    def config():
        return {key: dask.config.get(key, None) for key in LOCAL_CONFIG}

    def malloc():  # the worker process's environment, read by glibc as it started
        return {name: os.environ.get(name) for name in WORKER_MALLOC}

    ours = {name: str(value) for name, value in WORKER_MALLOC.items()}
    for name in WORKER_MALLOC:  # a variable in this process's environment would win (Dask's
        monkeypatch.delenv(name, raising=False)  # precedence), e.g. left by another test's cluster

    given = long_articles(6)
    serial = list(extract_many(given, nlp=nlp))
    with parallel(2, nlp=nlp, settings=QUICK) as session:
        client = session.client
        assert list(client.run(config).values()) == [LOCAL_CONFIG, LOCAL_CONFIG]
        assert list(client.run(malloc).values()) == [ours, ours]
        address, pid = next(iter(client.run(os.getpid).items()))
        os.kill(pid, signal.SIGKILL)  # its nanny starts another worker, with the same settings
        deadline = time.monotonic() + 60
        while (len(workers := client.nthreads()) < 2 or address in workers) \
                and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) == 2 and address not in workers
        assert list(client.run(config).values()) == [LOCAL_CONFIG, LOCAL_CONFIG]
        assert list(client.run(malloc).values()) == [ours, ours]
        assert list(extract_many(given, cluster=session)) == serial
    assert config() != LOCAL_CONFIG  # the caller's own Dask configuration is left as it was


def test_two_local_clusters_started_at_once_leave_the_processs_dask_configuration_as_it_was():
    """Two threads of one process start a local cluster each at the same moment: each cluster's
    workers run with LOCAL_CONFIG and the process's own Dask configuration is left as it was
    (interleaved, dask.config.set's restore of one start put back the other's LOCAL_CONFIG)."""
    import threading

    import dask

    from timeline.events.cluster import LOCAL_CONFIG, connect

    def config():
        return {key: dask.config.get(key, None) for key in LOCAL_CONFIG}

    before = config()
    assert before != LOCAL_CONFIG
    together, seen, errors = threading.Barrier(2, timeout=60), [], []

    def start():
        try:
            together.wait()
            with connect(None, 1, QUICK) as client:
                seen.extend(client.run(config).values())
        except Exception as exc:  # noqa: BLE001  (reported by the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and not any(t.is_alive() for t in threads)
    assert seen == [LOCAL_CONFIG, LOCAL_CONFIG]
    assert config() == before


def test_an_unreachable_scheduler_is_a_clear_error(nlp):
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(extract_many(long_articles(1), nlp=nlp, cluster="tcp://127.0.0.1:9",
                          settings=QUICK.replace(cluster_timeout=2)))


def test_a_session_serves_many_calls_with_one_pipeline_per_worker(nlp, cluster):
    from timeline.events.extract import parallel

    given = long_articles(6)
    serial = list(extract_many(given, nlp=nlp))
    with parallel(cluster=cluster.scheduler_address, nlp=nlp, settings=QUICK) as session:
        first = list(extract_many(given[:3], cluster=session))
        names = session.client.run(lambda dask_worker: [
            n for n in dask_worker.plugins if n.startswith("timeline-pipeline-")])
        second = list(extract_many(given[3:], cluster=session))
    assert first + second == serial
    assert all(found == [session.plugin] for found in names.values())


def stored_events(store):
    from timeline.model import EventFilter

    return sorted(store.iter_events(EventFilter()), key=lambda e: e.event_id)


def on_cluster(store, items, session, nlp, settings, monkeypatch):
    """The ingest service's cluster path (``timeline ingest --workers N``) with the rule-only
    pipeline: the session's workers tag, this process stores; a chunk that failed is analysed
    again here, one article at a time, with ``nlp``."""
    from timeline.events.extract import analyse
    from timeline.ingest.service import FileClock, _on_cluster

    monkeypatch.setattr(timeline.events, "analyse",
                        lambda article, nlp_=None, settings=settings: analyse(article, nlp, settings))
    return list(_on_cluster(store, iter(items), session, settings, FileClock(None)))


@pytest.mark.parametrize("where", ["sqlite", "postgresql"])
def test_the_ingest_process_stores_what_workers_tag_one_result_per_article(
        nlp, cluster, tmp_path, where, request, monkeypatch):
    """Workers tag, the ingest process stores (SQLite and PostgreSQL alike): the events of the
    embedded path, one result per article in input order, duplicates on a second pass."""
    from timeline.events.extract import parallel
    from timeline.store import EventStore

    given = long_articles(6)
    with EventStore(tmp_path / "alone.db") as alone:
        for article, found, timexes in extract_many(given, nlp=nlp):
            alone.add_article(article, found, timexes)
        expected = stored_events(alone)
    address = request.getfixturevalue("pg_url") if where == "postgresql" else tmp_path / "w.db"
    settings = QUICK.replace(chunk_articles=2)
    with EventStore(address) as store, parallel(
            cluster=cluster.scheduler_address, nlp=nlp, settings=settings) as session:
        results = on_cluster(store, given, session, nlp, settings, monkeypatch)
        assert [(r.status, r.title, r.events) for r in results] == [
            ("added", a.title, 120) for a in given]
        assert stored_events(store) == expected
        again = on_cluster(store, given[:2], session, nlp, settings, monkeypatch)
        assert [r.status for r in again] == ["duplicate", "duplicate"]
        assert len(stored_events(store)) == 6 * 120


def test_a_worker_refuses_an_article_past_its_budget_and_the_rest_is_stored(
        nlp, cluster, tmp_path, monkeypatch):
    """The caller's time budget reaches the workers; the chunk that ran out is analysed again
    one article at a time, so only the slow article is refused, and the chunks after it are
    stored."""
    from timeline.events.extract import parallel
    from timeline.store import EventStore

    slow = long_articles(1)[0]
    slow = Article(text=" ".join([slow.text] * 60), published=slow.published, title="long")
    quick = [Article(text=f"The council met on {d} March 2025.", published=date(2025, 3, 19),
                     title=f"q{d}") for d in (3, 4)]
    later = [Article(text=f"The council met again on {d} April 2025.",
                     published=date(2025, 4, 19), title=f"r{d}") for d in (5, 6, 7)]
    settings = QUICK.replace(chunk_articles=3, max_item_seconds=0.2)
    with EventStore(tmp_path / "w.db") as store, parallel(
            cluster=cluster.scheduler_address, nlp=nlp, settings=settings) as session:
        results = on_cluster(store, [quick[0], slow, quick[1], *later], session, nlp, settings,
                             monkeypatch)
        assert [(r.status, r.title) for r in results] == [
            ("added", "q3"), ("refused", "long"), ("added", "q4"),
            ("added", "r5"), ("added", "r6"), ("added", "r7")]
        assert "time budget (0.2 s)" in results[1].message
        assert {a.title for a in store.articles()} == {"q3", "q4", "r5", "r6", "r7"}
