"""A person's edits of events (summary, actors, status, date), events added by hand, and
deletions with an undo: stored, reverted, and kept across a re-ingest of the article.
On SQLite and PostgreSQL (the store fixture)."""
import sqlite3
from datetime import date
from io import StringIO
from pathlib import Path

import pytest

from timeline.export import write_csv
from timeline.model import EventFilter
from timeline.store import EventStore
from timeline.store.event_store import EditConflict

DATA = Path(__file__).parent / "data"


def reingest(store, corpus, event):
    """Delete the event's article and store it again with the extractor's events."""
    article = store.article(event.article_id)
    originals = [e for e in corpus.values() if e.article_id == event.article_id]
    assert store.delete_article(event.article_id)
    assert store.add_article(article, originals).added


def test_summary_actors_and_status_edits_are_stored_with_the_originals(store, corpus):
    ev = corpus["march20"]
    store.edit_event(ev.event_id, "summary", "  Ministers  travel to\nBrussels ")
    store.edit_event(ev.event_id, "actors", "Ada Lovelace; ada lovelace ; Keir Starmer")
    edited = store.edit_event(ev.event_id, "status", "happened")
    assert (edited.summary, edited.actors, edited.status) == (
        "Ministers travel to Brussels", ("Ada Lovelace", "Keir Starmer"), "happened")
    assert edited.corrected and edited.value == ev.value
    assert store.edits(ev.event_id) == {"summary": ev.summary, "actors": list(ev.actors),
                                        "status": "scheduled"}
    # the filters, the text search and the facet counts read the edited values
    assert store.count(EventFilter(text="brussels")) == 1
    assert store.count(EventFilter(actors=("Ada Lovelace",))) == 1
    assert ("Donald Trump", 1) in store.actors()  # was 2: feb2 and march20
    assert store.count(EventFilter(statuses=("scheduled",))) == 2


def test_edits_survive_a_reingest_of_the_article(store, corpus):
    ev = corpus["saturday"]
    store.correct_event(ev.event_id, "2025-03-08")
    store.edit_event(ev.event_id, "summary", "Leaders met in Paris.")
    store.edit_event(ev.event_id, "actors", ["Emmanuel Macron"])
    store.edit_event(ev.event_id, "status", "ongoing")
    before = store.event(ev.event_id)
    reingest(store, corpus, ev)
    assert store.event(ev.event_id) == before
    assert store.count(EventFilter(text="paris")) == 1
    assert store.count(EventFilter(actors=("Keir Starmer",))) == 2  # next_month, march20
    assert store.event(corpus["next_month"].event_id) == corpus["next_month"]


def test_revert_puts_back_each_field_and_the_last_one_clears_the_mark(store, corpus):
    ev = corpus["march20"]
    store.correct_event(ev.event_id, "2025-Q2")
    store.edit_event(ev.event_id, "summary", "Moved to spring.")
    assert store.revert_event(ev.event_id, "summary").summary == ev.summary
    assert store.count(EventFilter(text="spring")) == 0
    assert set(store.edits(ev.event_id)) == {"date"}
    back = store.revert_event(ev.event_id, "date")
    assert (back.value, back.start_date, back.end_date, back.granularity) == (
        ev.value, ev.start_date, ev.end_date, ev.granularity)
    assert store.edits(ev.event_id) == {} and not back.corrected
    reingest(store, corpus, ev)
    assert store.event(ev.event_id) == corpus["march20"]


def test_an_edit_back_to_the_extractors_value_is_no_edit(store, corpus):
    ev = corpus["q1"]
    store.edit_event(ev.event_id, "status", "ongoing")
    back = store.edit_event(ev.event_id, "status", ev.status)
    assert not back.corrected and store.edits(ev.event_id) == {}


def test_bad_edits_are_refused_with_the_reason_and_nothing_changes(store, corpus):
    ev = corpus["q1"]
    for field, value, reason in [("status", "maybe", "not one of happened"),
                                 ("summary", "  ", "summary is empty"),
                                 ("summary", "a\x00b", "control character"),
                                 ("actors", 7, "list of names"),
                                 ("source", "x", "cannot be edited")]:
        with pytest.raises(ValueError, match=reason):
            store.edit_event(ev.event_id, field, value)
    with pytest.raises(KeyError):
        store.edit_event("missing", "summary", "x")
    with pytest.raises(ValueError, match="cannot be reverted"):
        store.revert_event(ev.event_id, "sentence")
    assert store.event(ev.event_id) == ev


def test_an_edit_of_what_someone_changed_meanwhile_is_a_conflict(store, corpus):
    ev = corpus["saturday"]
    store.edit_event(ev.event_id, "summary", "First person's words.", expected=ev.summary)
    with pytest.raises(EditConflict, match="its summary was") as info:
        store.edit_event(ev.event_id, "summary", "Second person's words.", expected=ev.summary)
    assert info.value.current == "First person's words."
    with pytest.raises(EditConflict):
        store.edit_event(ev.event_id, "actors", ["X"], expected=["Keir Starmer"])
    store.edit_event(ev.event_id, "actors", ["X"], expected="Keir Starmer; Emmanuel Macron")
    with pytest.raises(EditConflict):
        store.revert_event(ev.event_id, "actors", expected=list(ev.actors))
    assert store.event(ev.event_id).summary == "First person's words."
    store.delete_event(ev.event_id)
    with pytest.raises(EditConflict, match="deleted"):
        store.edit_event(ev.event_id, "status", "ongoing", expected="happened")


def test_a_deleted_event_comes_back_with_its_edits_on_undo(store, corpus):
    ev = corpus["march20"]
    store.edit_event(ev.event_id, "summary", "Edited before it was deleted.")
    before = store.event(ev.event_id)
    assert store.delete_event(ev.event_id)
    assert store.event(ev.event_id) is None and store.count(EventFilter(text="edited")) == 0
    assert store.restore_event(ev.event_id) == before
    assert store.restore_event(ev.event_id) == before  # a second undo changes nothing
    assert store.event_of(ev.event_id) is not None  # it reports a stored event again
    assert store.count(EventFilter(text="edited")) == 1
    assert store.count(EventFilter(actors=("Donald Trump",))) == 2
    reingest(store, corpus, ev)  # restored: a re-ingest keeps it, with its edit
    assert store.event(ev.event_id) == before
    with pytest.raises(KeyError):
        store.restore_event("never-deleted")


def test_an_undo_after_the_article_was_deleted_brings_the_event_back_with_the_article(
        store, corpus):
    ev = corpus["y2024"]
    store.delete_event(ev.event_id)
    article = store.article(ev.article_id)
    store.delete_article(ev.article_id)
    assert store.restore_event(ev.event_id) is None
    originals = [e for e in corpus.values() if e.article_id == ev.article_id]
    assert store.add_article(article, originals).events == 3
    assert store.event(ev.event_id) == ev


def test_deleting_a_corrected_event_keeps_the_extractors_value(store, corpus):
    """The bug: delete_event recorded the corrected value as the original."""
    ev = corpus["march20"]
    store.correct_event(ev.event_id, "2025-Q2")
    store.delete_event(ev.event_id)
    assert store.original_value(ev.event_id) == "2025-03-20"
    restored = store.restore_event(ev.event_id)
    assert restored.value == "2025-Q2" and store.edits(ev.event_id) == {"date": "2025-03-20"}
    assert store.revert_event(ev.event_id, "date").value == "2025-03-20"


def test_an_event_added_by_hand_is_stored_like_the_others(store, corpus):
    added = store.add_event("2025-03-19", "Parliament  votes on the plan", status="happened",
                            actors="Keir Starmer, Ada Lovelace", source="Our desk",
                            url="https://example.org/vote", sentence="MPs voted late.")
    assert added.by_hand and not added.corrected
    assert (added.value, added.start_date, added.end_date, added.granularity) == (
        "2025-03-19", date(2025, 3, 19), date(2025, 3, 20), "day")
    assert (added.summary, added.actors, added.source, added.article_url, added.sentence) == (
        "Parliament votes on the plan", ("Keir Starmer", "Ada Lovelace"), "Our desk",
        "https://example.org/vote", "MPs voted late.")
    assert store.count() == 9 and store.count(EventFilter(text="parliament")) == 1
    assert store.count(EventFilter(sources=("Our desk",))) == 1
    assert added.event_id in [e.event_id for e in store.events(
        EventFilter(start=date(2025, 3, 19), end=date(2025, 3, 19)))]
    # it is edited, deleted and restored like any other, and re-ingests leave it alone
    store.edit_event(added.event_id, "summary", "Parliament approves the plan")
    assert store.edits(added.event_id) == {"summary": "Parliament votes on the plan"}
    reingest(store, corpus, corpus["saturday"])
    assert store.delete_event(added.event_id) and store.count() == 8
    assert store.restore_event(added.event_id).summary == "Parliament approves the plan"
    assert "added by hand" in {a.path for a in store.articles()}


def test_an_event_added_by_hand_gets_its_status_from_the_date_unless_given(store):
    assert store.add_event("1999", "An old thing").status == "happened"
    assert store.add_event("9990-05", "A far thing").status == "scheduled"
    assert store.add_event("9990-05", "Said to be under way", status="ongoing").status == "ongoing"


@pytest.mark.parametrize("kwargs, reason", [
    ({"value": "next week"}, "not a date value"),
    ({"summary": ""}, "summary is empty"),
    ({"url": "javascript:alert(1)"}, "must start with http"),
    ({"status": "done"}, "not one of"),
    ({"actors": ["x" * 5000]}, "characters long"),
])
def test_a_bad_event_is_refused_naming_the_field(store, kwargs, reason):
    with pytest.raises(ValueError, match=reason):
        store.add_event(**({"value": "2025-03-01", "summary": "Something"} | kwargs))
    assert store.count() == 0 and store.articles() == []


def test_the_export_shows_edited_values_with_formulas_neutralised(store, corpus):
    ev = corpus["friday"]
    store.edit_event(ev.event_id, "summary", '=HYPERLINK("http://evil","click")')
    store.edit_event(ev.event_id, "actors", ["+Ada"])
    out = StringIO()
    write_csv(store.events(EventFilter(article_ids=(ev.article_id,))), out)
    row = next(line for line in out.getvalue().splitlines() if ev.event_id in line)
    assert "'=HYPERLINK" in row and "'+Ada" in row


def test_edits_made_before_schema_5_can_be_reverted(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((DATA / "version1.sql").read_text())
    conn.close()
    with EventStore(path) as store:
        later = store.events()[1]
        assert store.edits(later.event_id) == {"date": "2025-04"}
        store.edit_event(later.event_id, "summary", "A new summary.")
        assert store.revert_event(later.event_id, "date").value == "2025-04"
        assert store.edits(later.event_id) == {"summary": later.summary}


def test_a_status_set_by_hand_outlasts_a_date_correction(store, corpus):
    ev = corpus["march20"]  # scheduled, published 2025-03-18
    assert store.correct_event(ev.event_id, "2025-03-01").status == "happened"  # by the date
    assert store.edits(ev.event_id) == {"date": "2025-03-20"}  # the status follows, unedited
    store.edit_event(ev.event_id, "status", "ongoing")
    assert store.correct_event(ev.event_id, "2025-02").status == "ongoing"
    reingest(store, corpus, ev)
    assert store.event(ev.event_id).status == "ongoing"
    assert store.revert_event(ev.event_id, "status").status == "happened"  # by the date again
    assert store.revert_event(ev.event_id, "date").status == "scheduled"
