import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from timeline.model import EventFilter, TimeExpression
from timeline.store import EventStore


def test_add_article_stores_article_events_and_actors(store, make):
    art = make.article("Leaders met on Saturday. Talks follow next week.", title="T",
                       source="S", url="u", path="/tmp/a.txt")
    evs = [make.event(art, "on Saturday", "2025-03-15", actors=("Ann Lee", "Bo Chan")),
           make.event(art, "next week", "2025-W13", status="scheduled")]
    result = store.add_article(art, evs)
    assert (result.article_id, result.added, result.events) == (art.article_id, True, 2)
    assert store.events() == evs
    assert store.article(art.article_id) == art
    assert store.actors() == [("Ann Lee", 1), ("Bo Chan", 1)]


def test_same_text_again_is_a_duplicate_and_changes_nothing(store, make):
    art = make.article("Leaders met on Saturday.")
    store.add_article(art, [make.event(art, "on Saturday", "2025-03-15")])
    again = make.article("  Leaders met\non Saturday. ", title="Other title",
                         published=date(2025, 3, 20))
    result = store.add_article(again, [make.event(again, "on Saturday", "2025-03-22")])
    assert (result.added, result.events, result.article_id) == (False, 0, art.article_id)
    assert [e.value for e in store.events()] == ["2025-03-15"]
    assert [a.title for a in store.articles()] == [""]


def test_a_failing_event_leaves_nothing_half_written(store, make):
    good = make.article("Leaders met on Saturday. They talk again on Monday.")
    bad_event = replace(make.event(good, "on Monday", "2025-03-17"), start_date=None)
    with pytest.raises(AttributeError):
        store.add_article(good, [make.event(good, "on Saturday", "2025-03-15"), bad_event])
    assert store.articles() == [] and store.count() == 0 and store.actors() == []
    assert store.article_timexes(good.article_id) == []
    # the store is still usable and the same article can be stored properly afterwards
    assert store.add_article(good, [make.event(good, "on Saturday", "2025-03-15")]).added


def test_a_database_error_mid_article_rolls_back(store, make):
    art = make.article("They met on Saturday and again on Sunday.")
    first = make.event(art, "on Saturday", "2025-03-15")
    clash = replace(make.event(art, "on Sunday", "2025-03-16"), status=None)  # NOT NULL
    with pytest.raises(IntegrityError):
        store.add_article(art, [first, clash])
    assert store.count() == 0 and store.articles() == []


def test_repeated_event_ids_are_stored_once(store, make):
    art = make.article("They met on Saturday.")
    ev = make.event(art, "on Saturday", "2025-03-15")
    assert store.add_article(art, [ev, replace(ev, value="2025-03-08")]).events == 1
    assert [e.value for e in store.events()] == ["2025-03-15"]


def test_mentions_default_to_the_events_expressions(store, make):
    art = make.article("Intro line. They met on Saturday.")
    ev = make.event(art, "on Saturday", "2025-03-15")
    store.add_article(art, [ev])
    [mention] = store.article_timexes(art.article_id)
    assert art.text[mention.start:mention.end] == "on Saturday"
    assert (mention.type, mention.value, mention.start_date) == ("DATE", "2025-03-15",
                                                                 date(2025, 3, 15))


def test_given_timexes_are_stored_in_text_order(store, make):
    art = make.article("For three days they talked. They met on Saturday.")
    timexes = [
        TimeExpression(38, 49, "on Saturday", "DATE", "2025-03-15", "day",
                       date(2025, 3, 15), date(2025, 3, 16), "2025-03-17", "past"),
        TimeExpression(4, 14, "three days", "DURATION", "P3D"),
    ]
    store.add_article(art, [make.event(art, "on Saturday", "2025-03-15")], timexes)
    assert store.article_timexes(art.article_id) == timexes[::-1]


def test_delete_article_removes_its_events_and_mentions(store, corpus):
    article_id = corpus["q1"].article_id
    assert store.delete_article(article_id)
    assert store.count() == 5
    assert store.count(EventFilter(article_ids=(article_id,))) == 0
    assert store.article_timexes(article_id) == [] and store.article(article_id) is None
    assert ("Donald Trump", 1) in store.actors()
    assert not store.delete_article(article_id)


def test_correct_event_recomputes_the_interval_and_marks_it(store, corpus):
    ev = corpus["march20"]  # scheduled, published 2025-03-18
    fixed = store.correct_event(ev.event_id, "2025-Q2")
    assert (fixed.value, fixed.start_date, fixed.end_date, fixed.granularity) == (
        "2025-Q2", date(2025, 4, 1), date(2025, 7, 1), "quarter")
    assert fixed.corrected and fixed.status == "scheduled"
    assert store.original_value(ev.event_id) == "2025-03-20"
    past = store.correct_event(ev.event_id, "2025-03-10")
    assert past.status == "happened" and store.original_value(ev.event_id) == "2025-03-20"
    assert store.count(EventFilter(start=date(2025, 3, 10), end=date(2025, 3, 10))) == 2


def test_correct_event_refuses_bad_values_and_unknown_ids(store, corpus):
    with pytest.raises(ValueError, match="not a date value"):
        store.correct_event(corpus["q1"].event_id, "next Tuesday")
    with pytest.raises(KeyError):
        store.correct_event("missing", "2025-03-01")
    assert store.event(corpus["q1"].event_id) == corpus["q1"]


def test_correction_survives_delete_and_reingest(store, corpus, make):
    ev = corpus["saturday"]
    store.correct_event(ev.event_id, "2025-03-08")
    article = store.article(ev.article_id)
    events = store.events(EventFilter(article_ids=(ev.article_id,)))
    originals = [corpus[k] for k in ("saturday", "next_month", "y2024")]
    assert store.delete_article(ev.article_id)
    assert store.add_article(article, originals).added
    again = store.event(ev.event_id)
    assert (again.value, again.start_date, again.corrected) == ("2025-03-08", date(2025, 3, 8), True)
    assert store.event(corpus["next_month"].event_id) == corpus["next_month"]
    assert len(events) == 3


def test_deleted_event_stays_deleted_after_reingest(store, corpus):
    ev = corpus["y2024"]
    assert store.delete_event(ev.event_id) and not store.delete_event(ev.event_id)
    assert store.event(ev.event_id) is None and store.count() == 7
    article = store.article(ev.article_id)
    store.delete_article(ev.article_id)
    result = store.add_article(article, [corpus[k] for k in ("saturday", "next_month", "y2024")])
    assert result.events == 2 and store.event(ev.event_id) is None


def test_threads_read_and_write_the_same_database(db_url, make):
    errors = []

    def work(n):
        try:
            with EventStore(db_url) as own:  # noqa: F841  (a second handle, as a CLI would)
                pass
            art = make.article(f"Report {n}: talks were held on Saturday.")
            shared.add_article(art, [make.event(art, "on Saturday", "2025-03-15",
                                                actors=(f"Person {n % 3}",))])
            shared.count()
            shared.actors()
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    with EventStore(db_url) as shared:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert errors == []
        assert shared.count() == 12 and len(shared.articles()) == 12
    again = db_url if "://" in db_url else f"sqlite:///{db_url}"
    with EventStore(again) as reopened:
        assert dict(reopened.actors()) == {"Person 0": 4, "Person 1": 4, "Person 2": 4}


def test_memory_store_is_shared_between_threads(store, make):
    def add(n):
        art = make.article(f"Note {n} was written on Saturday.")
        store.add_article(art, [make.event(art, "on Saturday", "2025-03-15")])

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert store.count() == 8


def test_the_revision_changes_with_every_write_and_only_then(db_url, make):
    """What the dashboard caches stories under: read from the database, so a second
    connection (another server process) sees every change."""
    store, other = EventStore(db_url), EventStore(db_url)
    seen = [store.revision()]

    def changed_by(write) -> None:
        write()
        assert store.revision() == other.revision() not in seen
        seen.append(store.revision())

    art = make.article("Leaders met in London on Saturday. Talks resume on Monday.")
    events = [make.event(art, "on Saturday", "2025-03-15", actors=("Ann Lee",)),
              make.event(art, "on Monday", "2025-03-17", status="scheduled")]
    changed_by(lambda: store.add_article(art, events))
    assert store.revision() == seen[-1]  # reading changes nothing
    store.add_article(make.article("  Leaders met in London on Saturday. Talks resume on Monday."),
                      events)  # the same text again: nothing stored
    assert store.revision() == seen[-1]
    changed_by(lambda: other.add_article(make.article("Nothing dated here."), []))
    changed_by(lambda: store.edit_event(events[0].event_id, "actors", ["Bo Chan"]))
    changed_by(lambda: store.correct_event(events[1].event_id, "2025-03-18"))
    changed_by(lambda: store.delete_event(events[1].event_id))
    changed_by(lambda: store.restore_event(events[1].event_id))
    changed_by(lambda: store.split_report(events[1].event_id))
    changed_by(lambda: store.add_event("2025-03-20", "A ferry sank"))
    changed_by(lambda: store.delete_article(art.article_id))
    store.close(), other.close()
