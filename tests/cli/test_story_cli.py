"""`timeline key-dates` and `timeline tls-eval` with CliRunner; the tagger is the tiny fake of
test_store_cli (ISO dates in the text make events)."""
import json

import pytest
from click.testing import CliRunner

import timeline.events
from timeline.cli import main

from .test_store_cli import fake_extract_many


@pytest.fixture
def counted_tagger(monkeypatch):
    calls = []

    def tagger(articles, nlp=None, n_process=1, batch_size=32, cluster=None, settings=None):
        for item in fake_extract_many(articles, nlp, n_process, batch_size):
            calls.append(item[0])
            yield item
    monkeypatch.setattr(timeline.events, "extract_many", tagger)
    return calls


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def topic(tmp_path):
    folder = tmp_path / "t17" / "quake"
    (folder / "timelines").mkdir(parents=True)
    rows = [
        ("2025-03-10", "A strong earthquake struck the coast on 2025-03-10 , officials said ."),
        ("2025-03-11", "Rescuers searched the rubble after the strong earthquake struck the coast on 2025-03-10 ."),
        ("2025-03-12", "Aid arrived on 2025-03-12 as rescuers searched the rubble ."),
        ("2025-03-14", "The strong earthquake that struck the coast on 2025-03-10 killed 300 people ."),
        ("2025-03-14", "A minister resigned on 2025-03-14 over the slow rescue ."),
    ]
    lines = ["date,text"] + [f'{d},"{t}"' for d, t in rows]
    (folder / "articles.csv").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "timelines" / "wire.txt").write_text(
        "2025-03-10\nA strong earthquake strikes the coast .\n-----\n"
        "2025-03-14\nThe minister resigns over the slow rescue .\n-----\n", "utf-8")
    return folder


def test_tls_eval_scores_and_reuses_stores(counted_tagger, topic, tmp_path):
    stores = tmp_path / "stores"
    result = run("tls-eval", str(topic.parent), "--stores", str(stores), "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output[result.output.index("{"):])
    [row] = payload["timelines"]
    assert (row["topic"], row["timeline"]) == ("quake", "wire")
    # two dates asked: 2025-03-10 (three articles, two of them later) and one of the others
    assert row["date"]["precision"] == 0.5 and row["date"]["recall"] == 0.5
    assert 0 < payload["mean"]["rouge1"]["f1"] <= 1
    assert len(counted_tagger) == 5 and (stores / "quake.db").is_file()
    again = run("tls-eval", str(topic), "--stores", str(stores))
    assert again.exit_code == 0 and len(counted_tagger) == 5      # nothing analysed twice
    assert "mean of 1" in again.output


def test_tls_eval_names_a_folder_that_is_no_topic(tmp_path):
    result = CliRunner().invoke(main, ["tls-eval", str(tmp_path)])
    assert result.exit_code != 0
    assert "neither a topic folder" in result.output


def test_key_dates_json_interface(counted_tagger, topic, tmp_path):
    db = str(tmp_path / "k.db")
    from timeline.store import EventStore
    from timeline.story.collection import topic_articles
    from timeline.story.tls import read_topic

    with EventStore(db) as store:
        from timeline.cli.store import run_ingest
        run_ingest(store, topic_articles(read_topic(topic)), progress=False)
    result = run("key-dates", "--db", db, "--dates", "2", "--sentences", "1", "--json")
    keys = json.loads(result.output)
    assert [k["date"] for k in keys][0] == "2025-03-10"
    assert [k["date"] for k in keys] == sorted(k["date"] for k in keys) and len(keys) == 2
    assert all(set(k) == {"date", "sentences"} and len(k["sentences"]) == 1 for k in keys)
    ranged = json.loads(run("key-dates", "--db", db, "--dates", "5", "--sentences", "2",
                            "--start", "2025-03-11", "--end", "2025-03-14", "--json").output)
    assert [k["date"] for k in ranged] == ["2025-03-12", "2025-03-14"]
    text = run("key-dates", "--db", db, "--dates", "1", "--sentences", "1").output
    assert text.startswith("2025-03-10  (3 articles)")
    one = run("key-dates", "--db", db, "--dates", "5", "--sentences", "0", "--start", "2025-03-12",
              "--end", "2025-03-12").output
    assert one.startswith("2025-03-12  (1 article)\n")


def test_key_dates_without_a_database_says_so(tmp_path):
    result = CliRunner().invoke(main, ["key-dates", "--db", str(tmp_path / "none.db"),
                                       "--dates", "3", "--sentences", "1", "--json"])
    assert result.exit_code != 0 and "no database" in result.output
    bad = CliRunner().invoke(main, ["key-dates", "--db", str(tmp_path / "none.db"), "--dates",
                                    "3", "--sentences", "1", "--start", "2025-03-02",
                                    "--end", "2025-03-01"])
    assert bad.exit_code != 0 and "after --end" in bad.output


def test_export_gives_events_with_reports_and_mentions_on_request(counted_tagger, topic, tmp_path):
    db = str(tmp_path / "e.db")
    from timeline.cli.store import run_ingest
    from timeline.store import EventStore
    from timeline.story.collection import topic_articles
    from timeline.story.tls import read_topic

    with EventStore(db) as store:
        run_ingest(store, topic_articles(read_topic(topic)), progress=False)
    events = json.loads(run("export", "--db", db, "--format", "json").output)
    quake = next(e for e in events if e["start_date"] == "2025-03-10")
    # three articles place the earthquake on 2025-03-10: one event, three reports
    assert len(quake["reports"]) == 3
    assert {"event_id", "date", "start_date", "end_date", "status", "summary", "actors",
            "reports"} <= set(quake)
    rows = run("export", "--db", db).output.splitlines()
    assert rows[0].startswith("event_id,when,date,start_date,end_date") and "reports,sources" in rows[0]
    mentions = json.loads(run("export", "--db", db, "--format", "json", "--mentions").output)
    assert len(mentions) == 5 and all("sentence" in m and "reports" not in m for m in mentions)


@pytest.mark.parametrize("args, message", [
    (["--dates", "0", "--sentences", "1"], "--dates"),
    (["--dates", "-2", "--sentences", "1"], "--dates"),
    (["--dates", "x", "--sentences", "1"], "--dates"),
    (["--dates", "3", "--sentences", "-1"], "--sentences"),
])
def test_key_dates_refuses_a_count_that_asks_for_nothing(tmp_path, args, message):
    # the database is never opened: the arguments are checked first (exit 2, click's usage error)
    result = CliRunner().invoke(main, ["key-dates", "--db", str(tmp_path / "none.db"), *args])
    assert result.exit_code == 2 and message in result.output and "no database" not in result.output


def test_key_dates_with_no_sentences_gives_the_days_alone(counted_tagger, topic, tmp_path):
    db = str(tmp_path / "k.db")
    from timeline.cli.store import run_ingest
    from timeline.store import EventStore
    from timeline.story.collection import topic_articles
    from timeline.story.tls import read_topic

    with EventStore(db) as store:
        run_ingest(store, topic_articles(read_topic(topic)), progress=False)
    keys = json.loads(run("key-dates", "--db", db, "--dates", "2", "--sentences", "0", "--json").output)
    assert len(keys) == 2 and all(k["sentences"] == [] for k in keys)
