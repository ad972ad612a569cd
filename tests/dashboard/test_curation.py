"""The pure parts of curation in the page (dashboard/callbacks/curation.py): what a save
writes, with what the person saw as ``expected``; how edited and hand-added events show."""
from dataclasses import replace
from datetime import date

import pytest

from dashboard.callbacks.curation import edits_note, save_edits, shown_of
from dashboard.figures import _view_range, source_name
from dashboard.present import event_row
from timeline.model import Article
from timeline.store import EventStore


@pytest.fixture
def stored(make_event):
    with EventStore(":memory:") as store:
        article = Article(text="Event number 0 took place on Thursday in the harbour.",
                          published=date(2025, 3, 17), title="t", source="Wire")
        event = make_event(0, article_id=article.article_id)
        store.add_article(article, [event], [])
        yield store, store.event(event.event_id)


def test_a_save_writes_only_the_fields_the_person_changed(stored):
    store, event = stored
    shown = shown_of(event)
    saved, problem = save_edits(store, shown, " " + event.value, "  A new  summary ",
                                "Ada Lovelace", event.status)
    assert (saved, problem) == (["the summary"], None)
    assert store.edits(event.event_id) == {"summary": event.summary}
    # the form as shown, with two more changes: the summary it showed is left alone
    saved, problem = save_edits(store, shown, event.value, event.summary,
                                "Ada Lovelace, Grace Hopper", "scheduled")
    assert problem is None and saved == ["the actors", "the status"]
    assert store.event(event.event_id).summary == "A new summary"
    assert store.event(event.event_id).actors == ("Ada Lovelace", "Grace Hopper")


def test_a_save_over_someone_elses_edit_stops_with_the_conflict(stored):
    store, event = stored
    shown = shown_of(event)
    store.edit_event(event.event_id, "actors", ["Grace Hopper"])  # another person, meanwhile
    saved, problem = save_edits(store, shown, "2025-03-21", event.summary, "Charles Babbage",
                                event.status)
    assert saved[0].startswith("2025-03-21") and "someone else set it to Grace Hopper" in problem
    assert store.event(event.event_id).actors == ("Grace Hopper",)
    saved, problem = save_edits(store, shown_of(store.event(event.event_id)), "2025-03-21",
                                event.summary, "Grace Hopper", "maybe")
    assert saved == [] and "not one of happened" in problem


def test_edits_note_names_each_edited_field_with_the_extractors_value():
    lines = edits_note({"status": "scheduled", "actors": [], "summary": "<b>was</b>"})
    text = [str(line.children[0].children) + str(line.children[1].children) for line in lines]
    assert text == ["Summary edited; the extractor said <b>was</b>",
                    "Actors edited; the extractor said no actor",
                    "Status edited; the extractor said scheduled"]
    assert [line.children[2].id["field"] for line in lines] == ["summary", "actors", "status"]


def test_an_event_added_by_hand_shows_as_such_and_does_not_move_the_first_view(make_event):
    news = [make_event(n, day=date(2025, 3, 10 + n)) for n in range(5)]
    added = replace(make_event(9, day=date(2025, 3, 12), source=""), by_hand=True,
                    article_url="", published=date(2026, 12, 3))
    assert event_row(added)["corrected"] == "added" and source_name(added) == "added by hand"
    full = (date(2025, 3, 10), date(2025, 3, 15))
    assert _view_range(news + [added], None, full) == _view_range(news, None, full)
