"""`timeline group show / split / merge / date / delete` on a hand-made store."""
import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.model import Article, Event, event_id
from timeline.store import EventStore

SENTENCES = {
    "on Saturday": ("Leaders met in Geneva for the summit on Saturday and signed a truce.", date(2025, 3, 15)),
    "on Friday": ("Dockers went on strike in Antwerp on Friday over pay.", date(2025, 3, 14)),
}


def article(n: int, *expressions: str) -> tuple[Article, list[Event]]:
    text = f"Report {n}. " + " ".join(SENTENCES[x][0] for x in expressions)
    art = Article(text=text, published=date(2025, 3, 17), title=f"Report {n}", source=f"Wire {n}")
    events = []
    for x in expressions:
        sentence, day = SENTENCES[x]
        start = text.index(sentence)
        at = sentence.index(x)
        events.append(Event(
            event_id=event_id(art.article_id, start, at, at + len(x)), article_id=art.article_id,
            value=day.isoformat(), start_date=day, end_date=day + timedelta(days=1),
            granularity="day", expression=x, status="happened", summary=sentence,
            sentence=sentence, expr_start=at, expr_end=at + len(x), sentence_start=start))
    return art, events


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "g.db")
    with EventStore(path) as store:
        stored = [article(1, "on Saturday"), article(2, "on Saturday"),
                  article(3, "on Saturday", "on Friday")]
        for art, events in stored:
            store.add_article(art, events)
    return path, [e for _, events in stored for e in events]


def run(*args):
    return CliRunner().invoke(main, ["group", *args], catch_exceptions=False)


def test_show_split_merge_date_and_delete(db):
    path, (s1, s2, s3, f3) = db
    shown = run("show", s1.event_id, "--db", path)
    assert shown.exit_code == 0 and "3 reports" in shown.output and s2.event_id in shown.output
    as_json = json.loads(run("show", s1.event_id, "--db", path, "--json").output)
    assert sorted(r["source"] for r in as_json["reports"]) == ["Wire 1", "Wire 2", "Wire 3"]
    assert "  1 report, sources: Wire 3" in run("show", f3.event_id, "--db", path).output  # not "1 reports"

    split = run("split", s2.event_id, "--db", path)
    assert split.exit_code == 0 and f"is now event {s2.event_id}" in split.output
    merged = run("merge", f3.event_id, s2.event_id, "--db", path)
    assert merged.exit_code == 0 and "2 reports" in merged.output
    with EventStore(path) as store:
        assert store.event_of(s2.event_id) == f3.event_id
        assert len(store.grouped_event(s1.event_id).reports) == 2

    dated = run("date", s1.event_id, "2025-03-16", "--db", path)
    assert dated.exit_code == 0 and "2 reports dated 2025-03-16" in dated.output
    with EventStore(path) as store:
        assert {r.value for r in store.grouped_event(s1.event_id).reports} == {"2025-03-16"}
    deleted = run("delete", f3.event_id, "--db", path)
    assert deleted.exit_code == 0 and "its 2 reports" in deleted.output
    with EventStore(path) as store:
        assert store.grouped_event(f3.event_id) is None and store.event(s2.event_id) is None


@pytest.mark.parametrize("args, message", [
    (("show", "nope"), "no event 'nope'"),
    (("split", "nope"), "no report 'nope'"),
    (("delete", "nope"), "no event 'nope'"),
    (("date", "{s1}", "someday"), "someday"),
    (("merge", "{s1}", "{s1}"), "with itself"),
])
def test_errors_are_one_line_with_exit_code_1(db, args, message):
    path, (s1, *_) = db
    result = run(*(a.format(s1=s1.event_id) for a in args), "--db", path)
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
