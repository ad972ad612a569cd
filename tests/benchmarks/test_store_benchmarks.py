import json

from benchmarks import store_queries
from benchmarks.ingest_speed import varied_articles
from timeline.demo import demo_articles
from timeline.store import EventStore


def test_synthetic_events_are_valid_and_point_at_their_expression():
    pairs = list(store_queries.synthetic(35, per_article=10))
    assert [len(events) for _, events in pairs] == [10, 10, 10, 5]
    for article, events in pairs:
        for ev in events:
            assert ev.sentence[ev.expr_start:ev.expr_end] == ev.expression
            assert article.text[ev.sentence_start:].startswith(ev.sentence)
            assert ev.start_date < ev.end_date and len(ev.actors) == 2
    with EventStore(":memory:") as store:
        for article, events in pairs:
            assert store.add_article(article, events).events == len(events)
        assert store.count() == 35


def test_store_benchmark_runs_and_reports_every_query(capsys, tmp_path):
    report = tmp_path / "store.json"
    assert store_queries.main(["--events", "400", "--repeat", "1", "--writers", "2",
                               "--write-events", "40", "--json", str(report)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("400 events, 40 articles; SQLite")
    assert out.count("\n| ") == 2 + 25 + 2 + 1  # header, rule, one row per query; writers
    [db] = json.loads(report.read_text())["databases"]
    assert db["events"] == 400 and len(db["queries"]) == 25
    [writes] = db["writes"]
    assert writes["writers"] == 2 and writes["events"] == 40 and writes["events_per_s"] > 0
    # --only: the queries whose names contain one of the parts, on the filled database
    assert store_queries.main(["--events", "400", "--repeat", "1", "--db", str(tmp_path / "o.db"),
                               "--only", "actor + common", "--only", "no filter, limit",
                               "--json", str(report)]) == 0
    [db] = json.loads(report.read_text())["databases"]
    assert sorted(db["queries"]) == [
        "counts per month: date range + actor + common word",
        "events: date range + actor + common word, limit 5000", "events: no filter, limit 5000"]


def test_fill_writes_what_add_article_writes(tmp_path):
    with EventStore(":memory:") as filled, EventStore(":memory:") as added:
        store_queries.fill(filled, 35, batch=2)
        for article, events in store_queries.synthetic(35):
            added.add_article(article, events)
        assert filled.events() == added.events() and filled.actors() == added.actors()
        assert [a.article_id for a in filled.articles()] == [a.article_id for a in added.articles()]
        some = filled.articles()[0].article_id
        assert filled.article_timexes(some) == added.article_timexes(some)


def test_varied_articles_all_differ_and_keep_the_demo_stories():
    base = demo_articles()
    made = list(varied_articles(3 * len(base)))
    assert len({a.article_id for a in made}) == len(made)
    second_round = made[len(base)]
    assert second_round.published > base[0].published
    assert second_round.text.split("\n\n")[-1] == "(Report 1.0)"
    assert second_round.title == base[0].title


def test_store_cost_stores_tagged_articles_and_digests_what_was_stored(tmp_path):
    import pickle

    from benchmarks import store_cost
    from timeline.store.event_store import mentions_of

    tagged = [(article, events, mentions_of(events))
              for article, events in store_queries.synthetic(60, per_article=10)]
    runs = []
    for k, batch in enumerate([tagged, tagged, tagged[:-1]]):
        path = tmp_path / f"tagged-{k}.pkl"
        path.write_bytes(pickle.dumps(batch))
        runs.append(store_cost.store({"tree": str(store_cost.ROOT), "tagged": str(path),
                                      "url": str(tmp_path / f"{k}.db")}))
    assert [r["added"] for r in runs] == [6, 6, 5]
    assert runs[0]["statements"] >= 6 and runs[0]["cpu"] > 0 and runs[0]["server"] == 0
    assert runs[0]["digest"] == runs[1]["digest"] != runs[2]["digest"]
