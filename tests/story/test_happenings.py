"""Grouped events for export: one object per happening with all its reports."""
import csv
import io
import json
from datetime import date, timedelta

from timeline.export import iter_event_csv, iter_event_json
from timeline.model import Event
from timeline.story.happenings import EVENT_COLUMNS, story_events

DAY = date(2019, 12, 18)


def mention(eid, article, sentence, expression, day=DAY, days=1, published=DAY, source="",
            status="happened", actors=(), value=None, title="t"):
    at = sentence.index(expression)
    return Event(event_id=eid, article_id=article, value=value or day.isoformat(), start_date=day,
                 end_date=day + timedelta(days=days), granularity="day" if days == 1 else "week",
                 expression=expression, status=status, summary=sentence[:50], sentence=sentence,
                 expr_start=at, expr_end=at + len(expression), actors=tuple(actors),
                 article_title=title, source=source, published=published)


def reports():
    return [
        mention("m1", "A", "The House will vote on Wednesday to impeach President Trump.", "on Wednesday",
                published=DAY - timedelta(days=2), source="Wire", status="scheduled",
                actors=["Donald Trump"]),
        mention("m2", "B", "On Wednesday, the House voted to impeach President Trump.", "On Wednesday",
                published=DAY + timedelta(days=1), source="=Post", actors=["House", "Donald Trump"]),
        mention("m3", "C", "The House voted this week to impeach President Trump for abuse of power.",
                "this week", day=DAY - timedelta(days=2), days=7, published=DAY + timedelta(days=2),
                source="Herald", value="2019-W51"),
        mention("m4", "C", "Snow closed every school in Boston on Wednesday.", "on Wednesday",
                published=DAY + timedelta(days=2), source="Herald"),
    ]


def test_reports_of_one_happening_make_one_event():
    events = story_events(reports())
    assert len(events) == 2
    impeach = next(e for e in events if len(e.reports) == 3)
    assert impeach.event_id == "m3"                  # its first mention in date order (the week)
    assert (impeach.start_date, impeach.end_date) == (DAY, DAY + timedelta(days=1))
    assert impeach.status == "happened"                              # the latest report knows
    assert impeach.actors == ("Donald Trump", "House")
    assert [r.event_id for r in impeach.reports] == ["m1", "m2", "m3"]   # oldest first
    assert impeach.sources == ("=Post", "Herald", "Wire")


def test_json_has_the_reports_and_csv_one_row_per_event():
    events = story_events(reports())
    data = json.loads("".join(iter_event_json(events)))
    assert [len(e["reports"]) for e in data] == [3, 1]
    assert set(data[0]) >= {"event_id", "date", "start_date", "end_date", "status", "summary",
                            "actors", "reports"}
    assert set(data[0]["reports"][0]) == {"event_id", "article_id", "article_title", "source",
                                          "published", "expression", "sentence", "by_hand"}
    rows = list(csv.DictReader(io.StringIO("".join(iter_event_csv(events)))))
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert [r["reports"] for r in rows] == ["3", "1"]
    assert rows[0]["sources"] == "'=Post; Herald; Wire"                  # formula neutralised


def test_reports_that_disagree_on_the_day_are_two_events():
    a = mention("a", "A", "The summit opened in Geneva on Monday with a speech.", "on Monday")
    b = mention("b", "B", "The summit opened in Geneva on Tuesday with a speech.", "on Tuesday",
                day=DAY + timedelta(days=1))
    week = mention("w", "W", "The summit opened in Geneva this week with a speech.", "this week",
                   day=DAY - timedelta(days=2), days=7)
    events = story_events([a, b, week])
    # the week joins one day's event (its interval becomes that day); the other day stays apart
    assert sorted(sorted(r.event_id for r in e.reports) for e in events) == [["a", "w"], ["b"]]
    joined = next(e for e in events if len(e.reports) == 2)
    assert (joined.start_date, joined.end_date) == (DAY, DAY + timedelta(days=1))


def test_an_event_with_a_report_added_by_hand_says_so():
    from dataclasses import replace

    added = replace(mention("h1", "hand-h1", "The House voted on Wednesday.", "on Wednesday"),
                    by_hand=True, article_title="")
    events = story_events(reports() + [added])
    marked = {e.event_id: e.by_hand for e in events}
    assert sum(marked.values()) == 1 and len(marked) >= 2
    data = json.loads("".join(iter_event_json(events)))
    assert [e["by_hand"] for e in data] == [marked[e["event_id"]] for e in data]
    assert [r["event_id"] for e in data for r in e["reports"] if r["by_hand"]] == ["h1"]
    rows = list(csv.DictReader(io.StringIO("".join(iter_event_csv(events)))))
    assert [r["by_hand"] for r in rows] == ["yes" if marked[r["event_id"]] else "" for r in rows]
