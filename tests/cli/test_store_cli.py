"""`timeline ingest / export / articles` with CliRunner; the tagger is replaced by a
tiny fake (ISO dates in the text make events) except in the one end-to-end test."""
import csv
import io
import json
import re
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

import timeline.events
from timeline.cli import main
from timeline.model import Event, event_id
from timeline.store import EventStore

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def fake_extract_many(articles, nlp=None, n_process=1, batch_size=32, cluster=None, settings=None):
    for article in articles:
        events = []
        for m in ISO.finditer(article.text):
            day = date.fromisoformat(m.group())
            actors = tuple(a for a in ("Ada Park", "Ben Ode") if a in article.text)
            events.append(Event(
                event_id=event_id(article.article_id, 0, m.start(), m.end()),
                article_id=article.article_id, value=m.group(), start_date=day,
                end_date=day + timedelta(days=1), granularity="day", expression=m.group(),
                status="happened" if day <= article.published else "scheduled",
                summary=article.text[:40], sentence=article.text, expr_start=m.start(),
                expr_end=m.end(), actors=actors))
        yield article, events, []


@pytest.fixture
def fake_tagger(monkeypatch):
    monkeypatch.setattr(timeline.events, "extract_many", fake_extract_many)


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Ada Park met Ben Ode on 2025-03-10 in Oslo.\n", "utf-8")
    (folder / "sub" / "b.txt").write_text("Ben Ode will travel on 2025-04-02, aides said.\n",
                                          "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "c.jsonl").write_text(json.dumps({
        "title": "=cmd|' /C calc'!A0", "text": "Voting closes on 2025-03-20 says Ada Park.",
        "published": "2025-03-18", "source": "Wire"}) + "\n", "utf-8")
    return folder


def run(*args, **kw):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kw)


def test_ingest_stores_good_files_reports_refusals_and_exits_1(fake_tagger, files, tmp_path):
    db = tmp_path / "t.db"
    result = run("ingest", str(files), "--db", str(db), "--published", "2025-03-17")
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "refused" in result.stderr
    assert "3 articles added, 3 events found, 0 skipped as duplicates, 1 refused" in result.stdout
    with EventStore(db) as store:
        assert [e.value for e in store.events()] == ["2025-03-10", "2025-03-20", "2025-04-02"]
        assert store.event(store.events()[0].event_id).actors == ("Ada Park", "Ben Ode")


def test_ingest_twice_skips_duplicates(fake_tagger, files, tmp_path):
    db = f"sqlite:///{tmp_path / 't.db'}"
    good = [str(files / "a.txt"), str(files / "sub")]
    assert run("ingest", *good, "--db", db, "--published", "2025-03-17").exit_code == 0
    again = run("ingest", *good, str(files / "a.txt"), "--db", db, "--published", "2025-03-17")
    assert again.exit_code == 0
    assert "0 articles added, 0 events found, 3 skipped as duplicates, 0 refused" in again.stdout


def test_ingest_without_date_refuses_with_the_reason(fake_tagger, files, tmp_path):
    result = run("ingest", str(files / "a.txt"), "--db", str(tmp_path / "t.db"))
    assert result.exit_code == 1
    assert "a.txt" in result.stderr and "--published" in result.stderr


def test_ingest_uses_timeline_db_env_var(fake_tagger, files, tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "env.db"))
    assert run("ingest", str(files / "a.txt"), "--published", "2025-03-17").exit_code == 0
    assert (tmp_path / "env.db").exists()


@pytest.mark.parametrize("args, message", [
    (["ingest", "x.txt", "--published", "17/03/2025"], "YYYY-MM-DD"),
    (["ingest"], "--demo"),
    (["export", "--start", "2025-04-01", "--end", "2025-03-01"], "after"),
    (["ingest", "x.txt", "--db", "/no/such/folder/t.db"], "does not exist"),
    (["articles", "--db", "sqlite:/bad"], "sqlite:///"),
    (["export"], "no database at timeline.db"),
    (["articles", "--db", "missing.db"], "timeline ingest"),
])
def test_bad_input_is_one_clear_line(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_export_filters_and_neutralises_formulas(fake_tagger, files, tmp_path):
    db = str(tmp_path / "t.db")
    run("ingest", str(files), "--db", db, "--published", "2025-03-17")
    result = run("export", "--db", db, "--actor", "Ada Park", "--mentions")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["date"] for r in rows] == ["2025-03-10", "2025-03-20"]
    assert rows[1]["article_title"].startswith("'=")
    ranged = run("export", "--db", db, "--format", "json", "--start", "2025-03-15",
                 "--end", "2025-03-31")
    assert [e["date"] for e in json.loads(ranged.stdout)] == ["2025-03-20"]
    text = run("export", "--db", db, "--format", "json", "--query", "TRAVEL",
               "--status", "scheduled")
    assert [e["date"] for e in json.loads(text.stdout)] == ["2025-04-02"]
    titled = run("export", "--db", db, "--format", "json", "--query", "CALC")  # the title only
    assert [e["date"] for e in json.loads(titled.stdout)] == ["2025-03-20"]


def test_export_to_file(fake_tagger, files, tmp_path):
    db = str(tmp_path / "t.db")
    run("ingest", str(files), "--db", db, "--published", "2025-03-17")
    out = tmp_path / "events.csv"
    result = run("export", "--db", db, "-o", str(out), "--source", "Wire")
    assert result.exit_code == 0 and "1 event written" in result.stderr
    assert out.read_bytes().count(b"\r\n") == 2  # header + one row, RFC 4180 endings
    assert out.read_bytes().startswith(b"\xef\xbb\xbfevent_id,when,")  # a BOM for Excel
    plain = run("export", "--db", db, "--source", "Wire")  # standard output: no BOM by default
    assert plain.stdout.startswith("event_id,when,")
    marked = run("export", "--db", db, "--source", "Wire", "--bom")
    assert marked.stdout.startswith("\ufeffevent_id")


def test_articles_lists_and_deletes(fake_tagger, files, tmp_path):
    db = str(tmp_path / "t.db")
    run("ingest", str(files), "--db", db, "--published", "2025-03-17")
    listing = run("articles", "--db", db)
    assert "3 articles, 3 events" in listing.stdout
    # a source as the dashboard names it: a.txt and b.txt carry none
    assert listing.stdout.count("(unknown source)") == 2 and listing.stdout.count("Wire") == 1
    with EventStore(db) as store:
        victim = next(a for a in store.articles() if a.source == "Wire")
    deleted = run("articles", "--db", db, "--delete", victim.article_id)
    assert deleted.exit_code == 0 and deleted.stdout.rstrip().endswith("and its 1 event")
    assert "2 articles, 2 events" in run("articles", "--db", db).stdout
    with EventStore(db) as store:
        second = store.articles()[0].article_id
    run("articles", "--db", db, "--delete", second)
    assert "1 article, 1 event" in run("articles", "--db", db).stdout
    missing = run("articles", "--db", db, "--delete", victim.article_id)
    assert missing.exit_code == 1 and "no article" in missing.stderr


def test_a_failing_article_costs_only_itself(monkeypatch, files, tmp_path):
    """The analysis fails on one article of a batch: the batch is redone one by one, the bad
    article is refused by name with the reason, every other article read is stored."""
    def broken_batch(articles, nlp=None, n_process=1, batch_size=32, cluster=None, settings=None):
        for article in articles:
            if "Oslo" in article.text:
                raise RuntimeError("model missing")
            yield from fake_extract_many([article])

    def analyse_one(article, nlp=None, settings=None):
        if "Oslo" in article.text:
            raise RuntimeError("model missing")
        [(_, events, timexes)] = fake_extract_many([article])
        return events, timexes

    monkeypatch.setattr(timeline.events, "extract_many", broken_batch)
    monkeypatch.setattr(timeline.events, "analyse", analyse_one)
    db = str(tmp_path / "t.db")
    result = run("ingest", str(files), "--db", db, "--published", "2025-03-17")
    assert result.exit_code == 1
    assert re.search(r"refused: .*a\.txt: analysis failed \(RuntimeError: model missing\)", result.stderr)
    assert result.stdout.startswith("2 articles added")
    with EventStore(db) as store:
        assert sorted(a.path.rsplit("/", 1)[-1] for a in store.articles()) == ["b.txt", "c.jsonl"]


def test_end_to_end_with_the_real_tagger(tmp_path):
    """No fake: the shipped pipeline tags a file and the demo corpus into one database."""
    from timeline.demo import demo_articles

    story = tmp_path / "story.txt"
    story.write_text("Defence chiefs meet in Brussels\n\nThe defence chiefs will meet on "
                     "Thursday in Brussels, Keir Starmer said.\n", "utf-8")
    db = str(tmp_path / "t.db")
    result = run("ingest", str(story), "--db", db, "--published", "2025-03-17")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1 article added")
    with EventStore(db) as store:
        [event] = store.events()
        assert (event.value, event.status) == ("2025-03-20", "scheduled")
        assert event.expression.endswith("Thursday") and "Keir Starmer" in event.actors
        [mention] = store.article_timexes(event.article_id)
        text = store.article(event.article_id).text
        assert text[mention.start:mention.end] == event.expression
    demo = run("ingest", "--demo", "--db", db)
    assert demo.exit_code == 0
    assert demo.stdout.startswith(f"{len(demo_articles())} articles added")
    exported = json.loads(run("export", "--db", db, "--format", "json").stdout)
    assert len(exported) > len(demo_articles()) and all(e["date"] for e in exported)


def test_articles_never_prints_escape_sequences(tmp_path):
    """#19 failure 9: `timeline articles` printed a stored title's escape sequences raw (a
    store written before the readers cleaned titles, or by another program)."""
    from timeline.model import Article

    db = str(tmp_path / "t.db")
    with EventStore(db) as store:
        store.add_article(Article(text="Held on 3 March 2025.", published=date(2025, 3, 17),
                                  title="\x1b]0;owned\x07\x1b[31mRed\x1b[0m title",
                                  source="\x1b[2JWire"), [], [])
    listing = run("articles", "--db", db)
    assert listing.exit_code == 0 and "\x1b" not in listing.stdout and "\x07" not in listing.stdout
    assert "Red" in listing.stdout and "title" in listing.stdout


def test_ingest_help_and_the_upload_zone_name_every_file_type_the_reader_takes():
    from dashboard.layout import upload_card
    from timeline.ingest.files import EXTENSIONS

    helped = CliRunner().invoke(main, ["ingest", "--help"], terminal_width=200).output
    assert [e for e in EXTENSIONS if not re.search(rf"(?<![\w.]){re.escape(e)}(?![\w])", helped)] == []
    zone = upload_card().children.children[1]  # the dcc.Upload: its picker and its list
    assert set(zone.accept.split(",")) == set(EXTENSIONS)
    assert set(zone.children.children[2].children.split()) == set(EXTENSIONS)
