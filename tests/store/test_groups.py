"""Stored events (timeline.store.groups): mentions attached to events as articles are added,
removed with their article, split and merged by a person, kept through a re-ingest; on
SQLite and PostgreSQL, with two writers at once, and for a database made before them."""
import threading
from datetime import date

import pytest
from sqlalchemy import text

from timeline.store import EventStore
from timeline.story.happenings import story_events

PUB = date(2025, 3, 17)


def summit(make, n: int, source: str = "Wire"):
    """Article n reports the Geneva summit of Saturday (and, from 3 on, a strike on Friday)."""
    body = f"Report {n}. Leaders met in Geneva for the summit on Saturday and signed a truce."
    if n >= 3:
        body += " Dockers went on strike in Antwerp on Friday."
    art = make.article(body, published=PUB, title=f"Summit {n}", source=source)
    evs = [make.event(art, "on Saturday", "2025-03-15", actors=("Geneva",))]
    if n >= 3:
        evs.append(make.event(art, "on Friday", "2025-03-14", actors=("Antwerp",)))
    return art, evs


def add(store, make, n, source="Wire"):
    art, evs = summit(make, n, source)
    store.add_article(art, evs)
    return art, evs


def layout(store) -> dict[str, set[str]]:
    """event id -> its reports' ids, as stored."""
    return {e.event_id: {r.event_id for r in e.reports} for e in store.grouped_events()}


def test_an_added_article_joins_the_event_it_reports_or_opens_one(store, make):
    a1, (s1,) = add(store, make, 1)
    a2, (s2,) = add(store, make, 2, source="Herald")
    a3, (s3, f3) = add(store, make, 3)
    assert layout(store) == {s1.event_id: {s1.event_id, s2.event_id, s3.event_id},
                             f3.event_id: {f3.event_id}}
    event = store.grouped_event(s1.event_id)
    assert (event.start_date, event.end_date) == (date(2025, 3, 15), date(2025, 3, 16))
    assert event.sources == ("Herald", "Wire") and event.row()["reports"] == "3"
    assert store.event_of(s2.event_id) == s1.event_id and store.event_of("nope") is None
    # the same groups as on the fly (the ids may differ: there the first in date order names one)
    assert sorted(map(sorted, layout(store).values())) == sorted(
        sorted(r.event_id for r in e.reports) for e in story_events(store.events()))


def test_deleting_an_article_removes_its_reports_and_the_event_keeps_its_id(store, make):
    a1, (s1,) = add(store, make, 1)
    a2, (s2,) = add(store, make, 2)
    store.delete_article(a1.article_id)
    assert layout(store) == {s1.event_id: {s2.event_id}}
    a4, (s4, f4) = add(store, make, 4)
    assert layout(store) == {s1.event_id: {s2.event_id, s4.event_id}, f4.event_id: {f4.event_id}}
    store.delete_article(a2.article_id)
    store.delete_article(a4.article_id)
    assert layout(store) == {}
    with store._db.reading() as conn:
        assert conn.execute(text("SELECT count(*) FROM event_reports")).scalar() == 0


def test_the_filter_picks_events_and_each_keeps_all_its_reports(store, make):
    from timeline.model import EventFilter

    _, (s1,) = add(store, make, 1, source="Herald")
    _, (s2,) = add(store, make, 2)
    _, (s3, f3) = add(store, make, 3)
    herald = store.grouped_events(EventFilter(sources=("Herald",)))
    assert [len(e.reports) for e in herald] == [3]
    # the search reads whole articles: the summit also has a report in the dockers' article
    strikes = store.grouped_events(EventFilter(text="dockers"))
    assert sorted(e.event_id for e in strikes) == sorted([s1.event_id, f3.event_id])
    assert len(store.grouped_events(limit=1)) == 1


def test_a_split_report_stays_apart_through_a_reingest(store, make):
    a1, (s1,) = add(store, make, 1)
    a2, (s2,) = add(store, make, 2)
    a3, (s3, f3) = add(store, make, 3)
    new_id = store.split_report(s2.event_id)
    assert new_id == s2.event_id
    assert layout(store) == {s1.event_id: {s1.event_id, s3.event_id}, new_id: {s2.event_id},
                             f3.event_id: {f3.event_id}}
    store.delete_article(a2.article_id)
    add(store, make, 2)
    assert store.event_of(s2.event_id) == new_id and len(layout(store)[s1.event_id]) == 2
    # splitting the report whose id the event has: the event keeps it, the report gets another
    other = store.split_report(s1.event_id)
    assert other not in (s1.event_id, s2.event_id, s3.event_id)
    assert layout(store)[s1.event_id] == {s3.event_id} and layout(store)[other] == {s1.event_id}
    assert store.split_report(s1.event_id) == other  # alone already: nothing changes
    with pytest.raises(KeyError):
        store.split_report("nope")


def test_merged_events_stay_one_through_a_reingest(store, make):
    a1, (s1,) = add(store, make, 1)
    a3, (s3, f3) = add(store, make, 3)
    assert store.merge_events(f3.event_id, s1.event_id) == f3.event_id
    assert layout(store) == {f3.event_id: {s1.event_id, s3.event_id, f3.event_id}}
    merged = store.grouped_event(f3.event_id)
    assert (merged.start_date, merged.end_date) == (date(2025, 3, 15), date(2025, 3, 15))
    store.delete_article(a1.article_id)
    store.delete_article(a3.article_id)
    add(store, make, 3)
    add(store, make, 1)
    assert layout(store) == {f3.event_id: {s3.event_id, f3.event_id, s1.event_id}}
    assert store.event_of(s1.event_id) == f3.event_id
    with pytest.raises(KeyError):
        store.merge_events(f3.event_id, "nope")
    with pytest.raises(ValueError):
        store.merge_events(f3.event_id, f3.event_id)


def test_correcting_or_deleting_an_event_applies_to_all_its_reports_and_survives(store, make):
    a1, (s1,) = add(store, make, 1)
    a2, (s2,) = add(store, make, 2)
    a3, (s3, f3) = add(store, make, 3)
    assert store.correct_grouped_event(s1.event_id, "2025-03-16") == [
        s1.event_id, s2.event_id, s3.event_id]
    event = store.grouped_event(s1.event_id)
    assert event.date == "2025-03-16" and event.corrected
    assert {r.value for r in event.reports} == {"2025-03-16"}
    with pytest.raises(ValueError):
        store.correct_grouped_event(s1.event_id, "someday")
    with pytest.raises(KeyError):
        store.correct_grouped_event("nope", "2025-03-16")
    store.delete_article(a2.article_id)
    add(store, make, 2)
    assert store.grouped_event(s1.event_id).date == "2025-03-16"
    assert layout(store)[s1.event_id] == {s1.event_id, s2.event_id, s3.event_id}
    assert store.delete_grouped_event(f3.event_id) == 1
    assert store.delete_grouped_event(f3.event_id) == 0
    store.delete_article(a3.article_id)
    add(store, make, 3)
    assert f3.event_id not in layout(store) and store.event(f3.event_id) is None


def write_at_once(db_url, batches, kept: bool) -> list[bool]:
    """Each batch of (article, events) stored by a writer of its own (a thread with its own
    store, ``kept``: its grouping session), all released together; whether each was added."""
    with EventStore(db_url):
        pass  # the schema exists: the race is on the articles
    start, errors, added = threading.Barrier(len(batches)), [], []

    def write(batch):
        try:
            with EventStore(db_url) as own:
                grouping = own.grouping_session() if kept else None
                start.wait(timeout=30)
                added.extend(own.add_article(a, evs, grouping=grouping).added for a, evs in batch)
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=write, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
        assert not t.is_alive()
    assert errors == []
    return added


def test_two_writers_at_once_make_one_event_of_one_happening(db_url, make):
    batches = [[summit(make, n) for n in range(start, start + 30)] for start in (10, 40)]
    write_at_once(db_url, [[(art, evs[:1]) for art, evs in b] for b in batches], kept=False)
    with EventStore(db_url) as store:
        events = store.grouped_events()
        assert len(events) == 1 and len(events[0].reports) == 60


STORIES = [  # what happened, actors; story k happened on 20 March + 2k days (to 11 April)
    ("leaders met for the summit and signed a truce", ("Geneva",)),
    ("floods cut the railway and closed schools", ("Nairobi",)),
    ("dockers went on strike over pensions", ("Antwerp",)),
    ("voters chose a mayor after a bitter campaign", ("Lyon",)),
    ("a bridge collapsed during the rush hour", ("Genoa",)),
    ("farmers blocked motorways with tractors", ("Brussels",)),
    ("the central bank raised interest rates", ("Frankfurt",)),
    ("a wildfire forced villagers to evacuate", ("Evia",)),
    ("the striker scored twice in the cup final", ("Madrid",)),
    ("an earthquake damaged the old cathedral", ("Quito",)),
    ("parliament passed the budget after a long debate", ("Ottawa",)),
    ("astronomers announced a new comet", ("Hawaii",)),
]


def test_writers_keeping_their_groupings_at_once_group_as_one_writer(db_url, make):
    """Three writers, each with its kept grouping, store 60 articles of 12 stories told 5
    times each, the stories spread over days and months, every story told by two or three
    writers, each writer in its own order (and 12 articles stored by two writers): every
    article once, every mention once, one event per story."""
    import random
    from datetime import timedelta

    batches = [[], [], []]
    for k, (what, actors) in enumerate(STORIES):
        day = date(2025, 3, 20) + timedelta(days=2 * k)
        for j in range(5):
            art = make.article(f"Desk {k}-{j}: on {day:%B} {day.day} {what}.", published=day,
                               source=f"Source {j}")
            ev = make.event(art, f"on {day:%B} {day.day}", day.isoformat(), actors=actors)
            batches[(k + j) % 3].append((art, [ev]))
    for k, batch in enumerate(batches):
        random.Random(k).shuffle(batch)
    batches = [batch + batches[(k + 1) % 3][:4] for k, batch in enumerate(batches)]
    added = write_at_once(db_url, batches, kept=True)
    assert sum(added) == 60 and len(added) == 72
    with EventStore(db_url) as store:
        assert store.count() == 60 and len(store.articles()) == 60
        events = store.grouped_events()
        assert [(e.start_date, len(e.reports)) for e in events] == [
            (date(2025, 3, 20) + timedelta(days=2 * k), 5) for k in range(12)]


def test_a_database_made_before_stored_events_groups_its_mentions_once(db_url, make):
    with EventStore(db_url) as store:
        for n in (1, 2, 3):
            add(store, make, n)
        expected = sorted(map(sorted, layout(store).values()))
        with store._db.transaction() as conn:
            conn.execute(text("DROP TABLE event_reports"))
            conn.execute(text("DROP TABLE report_edits"))
            if store.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA user_version = 3")
            else:
                conn.execute(text("UPDATE timeline_schema SET version = 3"))
    with EventStore(db_url) as store:
        # the groups of `story_events`, named by their first mention in date order
        assert sorted(map(sorted, layout(store).values())) == expected and len(expected) == 2
        _, (s4, f4) = add(store, make, 4)
        assert sorted(map(len, layout(store).values())) == [2, 4]


def test_a_writer_keeps_its_grouping_and_sees_the_other_writers_changes(db_url, make):
    with EventStore(db_url) as mine, EventStore(db_url) as other:
        grouping = mine.grouping_session()
        a1, (s1,) = summit(make, 1)
        mine.add_article(a1, [s1], grouping=grouping)
        assert len(grouping.grouper) == 1
        a3, (s3, f3) = summit(make, 3)
        mine.add_article(a3, [s3, f3], grouping=grouping)
        assert grouping.afresh == 0 and len(grouping.grouper) == 3  # kept, not read again
        a2, (s2,) = summit(make, 2)
        other.add_article(a2, [s2])  # another writer: the kept grouping is out of date
        other.delete_article(a3.article_id)
        a4, (s4, f4) = summit(make, 4)
        mine.add_article(a4, [s4, f4], grouping=grouping)
        assert grouping.afresh == 1
        assert layout(mine) == {s1.event_id: {s1.event_id, s2.event_id, s4.event_id},
                                f4.event_id: {f4.event_id}}
        other.split_report(s4.event_id)
        a5, (s5, f5) = summit(make, 5)
        mine.add_article(a5, [s5, f5], grouping=grouping)
        assert grouping.afresh == 2
        assert mine.event_of(s5.event_id) == s1.event_id  # best with s1's event, as others said
        assert mine.event_of(s4.event_id) == s4.event_id


def told(make, n: int, day: date, source: str):
    """Article n: ``source`` tells of the Geneva summit on ``day``."""
    art = make.article(f"{source} {n}: leaders met in Geneva for the summit on {day:%B} "
                       f"{day.day} and signed a truce.", published=day, source=source)
    return art, [make.event(art, f"on {day:%B} {day.day}", day.isoformat(), actors=("Geneva",))]


def test_a_writer_reads_again_only_what_another_writer_changed(db_url, make):
    march, july = date(2025, 3, 10), date(2025, 7, 10)
    with EventStore(db_url) as mine, EventStore(db_url) as other:
        grouping = mine.grouping_session()
        mine.add_article(*told(make, 1, march, "Wire"), grouping=grouping)
        other.add_article(*told(make, 2, july, "Herald"))  # months away: nothing mine needs
        mine.add_article(*told(make, 3, march, "Post"), grouping=grouping)
        assert (grouping.afresh, grouping.stale_months) == (0, 0)
        seeded = grouping.seeded
        other.add_article(*told(make, 4, march, "Herald"))  # the months mine needs, just before
        art, [ev] = told(make, 5, march, "Times")
        mine.add_article(art, [ev], grouping=grouping)
        # those months (February to April) read again, not everything
        assert (grouping.afresh, grouping.stale_months) == (0, 3) and grouping.seeded > seeded
        assert sorted(map(len, layout(mine).values())) == [1, 4]
        assert len(mine.grouped_event(mine.event_of(ev.event_id)).reports) == 4
        # a wide mention (a year) joins nothing, so it changes no month
        year = make.article("Herald 6: the summit season of 2025 was long.", published=march)
        other.add_article(year, [make.event(year, "2025", "2025")])
        mine.add_article(*told(make, 7, march, "Post"), grouping=grouping)
        assert (grouping.afresh, grouping.stale_months) == (0, 3)
        assert len(mine.grouped_event(mine.event_of(ev.event_id)).reports) == 5


def test_an_event_forgotten_for_another_writer_is_read_again_where_its_reports_start(db_url,
                                                                                     make):
    with EventStore(db_url) as mine, EventStore(db_url) as other:
        grouping = mine.grouping_session()
        fair = make.article("The trade fair in Milan ran in week 9 with record crowds.",
                            published=date(2025, 3, 3))
        week = make.event(fair, "in week 9", "2025-W09", actors=("Milan",))  # 24 Feb - 2 Mar
        mine.add_article(fair, [week], grouping=grouping)
        strike = make.article("Dockers went on strike in Antwerp on 15 April.",
                              published=date(2025, 4, 16))
        other.add_article(strike, [make.event(strike, "on 15 April", "2025-04-15")])
        # March changed (another writer): the fair, held on March's days, is forgotten; the
        # next report starts in February, which nobody changed, and still finds it
        opening = make.article("The trade fair in Milan opened on 24 February with record "
                               "crowds.", published=date(2025, 2, 25))
        day = make.event(opening, "on 24 February", "2025-02-24", actors=("Milan",))
        mine.add_article(opening, [day], grouping=grouping)
        assert grouping.stale_months == 1 and grouping.afresh == 0
        assert mine.event_of(day.event_id) == week.event_id


def test_a_kept_grouping_groups_as_reading_everything_again(store, make):
    grouping = store.grouping_session()
    stored = [summit(make, n, source="Wire" if n % 2 else "Herald") for n in range(1, 9)]
    for art, evs in stored:
        store.add_article(art, evs, grouping=grouping)
    kept = layout(store)
    for art, _ in stored:
        store.delete_article(art.article_id)
    for art, evs in stored:
        store.add_article(art, evs)
    assert layout(store) == kept and sorted(map(len, kept.values())) == [6, 8]


def test_a_grouping_past_its_bound_starts_afresh_and_groups_the_same(store, make):
    from timeline.settings import SETTINGS

    grouping = store.grouping_session(SETTINGS.replace(grouping_kept=3))
    sizes = []
    for month in range(1, 13):  # each month, two sources report the same summit
        day = date(2025, month, 10)
        for source in ("Wire", "Herald"):
            art = make.article(f"{source}: leaders met in Geneva for the summit on {day:%B} 10 "
                               "and signed a truce.", published=day, source=source)
            store.add_article(art, [make.event(art, f"on {day:%B} 10", day.isoformat(),
                                               actors=("Geneva",))], grouping=grouping)
            sizes.append(len(grouping.grouper))
    assert max(sizes) <= 3 + 2 and sizes[-1] < 24  # started afresh: 24 reports, a few kept
    assert sorted(map(len, layout(store).values())) == [2] * 12


def test_the_first_and_last_days_of_the_calendar_are_grouped(store, make):
    from datetime import timedelta

    for n, day in enumerate([date(1, 1, 1), date(1, 1, 1), date(9999, 12, 30)]):
        art = make.article(f"Report {n}: the harbour closed today.", published=day)
        ev = make.event(art, "today", day.isoformat())
        assert ev.end_date == day + timedelta(days=1)
        store.add_article(art, [ev])
    assert sorted(map(len, layout(store).values())) == [1, 2]


def _all_read_then_sorted(store) -> list:
    """The stored events as grouped_events answered before it paged: every report read,
    each event described, then sorted by (start, end, id)."""
    from collections import defaultdict

    from timeline.story.happenings import describe

    reports = defaultdict(list)
    for mention in store.events():
        reports[store.event_of(mention.event_id)].append(mention)
    return sorted((describe(rs, event_id) for event_id, rs in reports.items()),
                  key=lambda e: (e.start_date, e.end_date, e.event_id))


def test_a_limit_reads_only_the_events_it_answers_in_the_same_order(store, make, monkeypatch):
    """The order (start, end, id of the interval the reports agree on) is read in the store
    and cut there: only the events answered are read and described, and they are the first
    ones of the order of every event, with the same content."""
    import timeline.story.happenings as happenings
    from timeline.model import EventFilter

    values = ["2025-03-14", "2025-03", "2025-03-15", "2025", "2025-03-15", "2024-W11",
              "2025-03-14", "2025-Q1", "2025-03-13", "2025-03"]  # ties on start and on end
    for n, value in enumerate(values):
        art = make.article(f"Story {n}. The council met in Leeds on the day. Then more.",
                           published=PUB, title=f"Story {n}", source=f"S{n % 3}")
        store.add_article(art, [make.event(art, "on the day", value, actors=(f"A{n % 4}",))])
    whole = _all_read_then_sorted(store)
    assert len(whole) >= 6 and [e.to_json() for e in store.grouped_events()] == \
        [e.to_json() for e in whole]
    described = []
    real = happenings.describe
    monkeypatch.setattr(happenings, "describe",
                        lambda reports, event_id, *a: described.append(event_id) or real(
                            reports, event_id, *a))
    for limit in (0, 1, 3, len(whole), len(whole) + 5):
        described.clear()
        got = store.grouped_events(limit=limit)
        assert [e.to_json() for e in got] == [e.to_json() for e in whole[:limit]]
        assert described == [e.event_id for e in whole[:limit]]  # none read beyond the limit
    # paged reads give the same events; a filter keeps the order of what it matches
    assert [e.event_id for e in store.iter_grouped_events(batch=2)] == [e.event_id for e in whole]
    s1 = store.grouped_events(EventFilter(sources=("S1",)))
    assert [e.event_id for e in store.grouped_events(EventFilter(sources=("S1",)), limit=2)] \
        == [e.event_id for e in s1[:2]] and len(s1) >= 3


def test_a_postgresql_attach_holds_each_month_lock_and_the_grouping_lock_shared(pg_url, make):
    from timeline.store.groups import _PG_GROUP_LOCK, _PG_MONTH_LOCKS, _lock, _month

    months = [_month(date(2025, m, 1)) for m in (4, 2, 3)]
    with EventStore(pg_url) as store, store._db.transaction() as conn:
        _lock(conn, months)
        held = conn.execute(text(
            "SELECT classid::bigint, objid::bigint, objsubid, mode FROM pg_locks "
            "WHERE locktype = 'advisory' AND pid = pg_backend_pid()")).all()
    key_of = {1: lambda c, o: (c << 32) | o, 2: lambda c, o: (c, o)}  # one bigint / two ints
    assert sorted(((key_of[sub](c, o), mode) for c, o, sub, mode in held), key=str) == sorted(
        [(_PG_GROUP_LOCK, "ShareLock")] + [((_PG_MONTH_LOCKS, m), "ExclusiveLock")
                                          for m in months], key=str)
