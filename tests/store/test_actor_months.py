"""The actor facet's summary (timeline/store/actor_months.py): kept equal to counting from
scratch through every change, and the facet it answers equal to counting the events."""
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select, true

from timeline.model import EventFilter
from timeline.store import actor_months
from timeline.store.tables import actor_months as table

VALUES = ["2025-01-31", "2025-02-01", "2025-02", "2025-Q1", "2024", "2025-W05", "2025-03-15",
          "2024-12-31", "2025-03", "2025-W14", "2025-04-30", "2025-H1"]
NAMES = ["Ann Lee", "Bo Chan", "Cy Diaz", "Di Egan"]


def summary(store) -> dict:
    with store._db.reading() as conn:
        rows = conn.execute(select(table.c.actor, table.c.month, table.c.starts,
                                   table.c.ends)).all()
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def from_scratch(store) -> dict:
    with store._db.reading() as conn:
        counts = actor_months.counted(conn, true())
    out: dict = {}
    for (actor, month, side), n in counts.items():
        pair = out.setdefault((actor, month), [0, 0])
        pair[side] += n
    return {key: tuple(pair) for key, pair in out.items()}


def counted_from_events(store, flt: EventFilter) -> list[tuple[str, int]]:
    """What the facet must say: the actors of the matching events, counted in Python."""
    n = Counter(a for e in store.events(flt) for a in dict.fromkeys(e.actors) if a)
    return sorted(n.items(), key=lambda p: (-p[1], p[0]))


def ranges():
    """Date ranges whose ends fall on month edges, inside months, on events' end days."""
    days = [date(2024, 1, 1), date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 31),
            date(2025, 2, 1), date(2025, 2, 2), date(2025, 2, 28), date(2025, 3, 1),
            date(2025, 3, 15), date(2025, 3, 16), date(2025, 3, 31), date(2025, 4, 1),
            date(2025, 4, 30), date(2025, 7, 1)]
    yield EventFilter()
    for day in days:
        yield EventFilter(start=day)
        yield EventFilter(end=day)
        for other in days:
            if other >= day:
                yield EventFilter(start=day, end=other)


def check(store):
    assert summary(store) == from_scratch(store)
    for flt in ranges():
        assert store.actors(flt) == counted_from_events(store, flt), flt


@pytest.fixture
def stored(store, make):
    """Four articles, each event with some of four actors (one named twice, one empty)."""
    articles = []
    for i in range(4):
        sentences = [f"Item {i}-{j} came {value}." for j, value in enumerate(VALUES)]
        art = make.article(" ".join(sentences), published=date(2025, 3, 17) + timedelta(i))
        evs = [make.event(art, f"came {value}", value,
                          actors=[NAMES[(i + j) % 4], NAMES[(i * j) % 4], NAMES[j % 4], ""][: 1 + j % 4])
               for j, value in enumerate(VALUES)]
        store.add_article(art, evs)
        articles.append((art, evs))
    return articles


def test_the_summary_is_counted_from_the_events_as_they_are_added(store, stored):
    assert summary(store)  # not empty
    check(store)
    with store._db.transaction() as conn:  # the schema upgrade's count gives the same
        actor_months.rebuild(conn)
    check(store)


def test_the_summary_follows_every_change_of_the_events(store, stored, make):
    (a0, e0), (a1, e1), (a2, e2), _ = stored
    store.correct_event(e0[0].event_id, "2025-06")  # into another month
    store.edit_event(e0[1].event_id, "actors", ["Ann Lee", "Zed New"])
    store.edit_event(e0[2].event_id, "actors", [])
    store.revert_event(e0[1].event_id, "actors")
    check(store)
    store.delete_event(e1[3].event_id)
    store.delete_event(e1[4].event_id)
    store.restore_event(e1[4].event_id)
    check(store)
    store.add_event("2025-02-14", "Talks by hand", actors=["Bo Chan", "Yu Hand"])
    store.delete_article(a2.article_id)
    check(store)
    store.add_article(a2, e2)  # re-ingest: the deleted event stays out, edits come back
    store.delete_article(a0.article_id)
    store.add_article(a0, e0)
    check(store)
    grouped = store.event_of(e1[0].event_id)
    other = store.event_of(e1[5].event_id)
    if grouped != other:
        store.merge_events(grouped, other)
    store.split_report(e1[0].event_id)
    store.correct_grouped_event(store.event_of(e1[6].event_id), "2025-05-05")
    store.delete_grouped_event(store.event_of(e1[7].event_id))
    check(store)


def test_an_inverted_range_is_counted_from_the_events(store, stored):
    flt = EventFilter(start=date(2025, 3, 20), end=date(2025, 3, 10))
    assert store.actors(flt) == counted_from_events(store, flt)
    assert store.actors(flt)  # the quarter and the year overlap both days


def test_other_filters_are_counted_from_the_events(store, stored):
    for flt in (EventFilter(start=date(2025, 1, 1), end=date(2025, 3, 1), text="item"),
                EventFilter(statuses=("happened",)), EventFilter(text="2-3"),
                EventFilter(start=date(2025, 2, 1), granularities=("day",))):
        assert store.actors(flt) == counted_from_events(store, flt)
