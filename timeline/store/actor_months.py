"""The actor facet's summary (table actor_months, schema v7): per actor and month, the events
naming the actor that start in the month and those that end in it.

An event overlaps the closed range [start, end] when it starts on or before ``end`` and
does not end (``end_date``, exclusive) on or before ``start``; an event that ends on or
before ``start`` also starts before ``end`` (every stored interval is non-empty), so per actor

    events in range = events starting <= end  -  events ending <= start

and each side is a sum over whole months from this table less the part of one edge month,
counted from the events (``facet``): about 300 actors x 120 months of summary and a month of
events at each edge, instead of every event of the range (1,000,000 events, four years:
SQLite 1.6-2.4 s, PostgreSQL 0.8-1.4 s before it; docs/PERFORMANCE.md, *Store*).

Every change of the events or their actors (an article added or deleted, an event corrected,
edited, deleted, restored or added by hand) keeps it in the same transaction: ``counted``
reads what the change touches before it, ``keep`` reads it again after it and adds the
difference (``write``); an article added tallies the rows it has just written instead.
``rebuild`` counts it from scratch (the schema upgrade; tests compare the two).
"""
from __future__ import annotations

import json
from calendar import monthrange
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import (Select, Text, bindparam, cast, delete, func, literal, null, select,
                        union_all)

from timeline.store.rows import once, upsert
from timeline.store.tables import actor_months, event_actors, events

_NAMED = event_actors.join(events, events.c.event_id == event_actors.c.event_id)


def tally(rows) -> Counter:
    """``(actor, start_date, end_date)`` of each event naming an actor -> ``{(actor, month,
    0 | 1): events}``, by the month they start in (0) and end in (1)."""
    out: Counter = Counter()
    for actor, start, end in rows:
        out[actor, start[:7], 0] += 1
        out[actor, end[:7], 1] += 1
    return out


def counted(conn, condition) -> Counter:
    """``tally`` of the events meeting ``condition`` that name an actor, read from them."""
    return tally(conn.execute(select(event_actors.c.actor, events.c.start_date,
                                     events.c.end_date).select_from(_NAMED).where(condition)))


def keep(conn, before: Counter, condition) -> None:
    """After a change: add to the summary what the events meeting ``condition`` count now less
    ``before`` (what ``counted`` gave for them before the change)."""
    write(conn, before, counted(conn, condition))


@once
def _add(conn):
    m = actor_months.c
    statement = upsert(conn, actor_months)
    return statement.on_conflict_do_update(
        index_elements=[m.actor, m.month],
        set_={"starts": m.starts + statement.excluded.starts,
              "ends": m.ends + statement.excluded.ends})


_EMPTIED = delete(actor_months).where(
    actor_months.c.actor == bindparam("a"), actor_months.c.month == bindparam("mo"),
    actor_months.c.starts == 0, actor_months.c.ends == 0)


def write(conn, before: Counter, after: Counter) -> None:
    """Add ``after`` less ``before`` (``tally``s of the events a change touched, before and
    after it) to the summary. Keys in order, so two PostgreSQL writers lock the same rows in
    the same order. (An article added: ``before`` empty, ``after`` the tally of the rows it
    wrote; EventStore.add_article.)"""
    delta: dict[tuple[str, str], list[int]] = {}
    for key in before.keys() | after.keys():
        n = after[key] - before[key]
        if n:
            delta.setdefault(key[:2], [0, 0])[key[2]] += n
    if not delta:
        return
    keys = sorted(delta)
    conn.execute(_add(conn), [{"actor": a, "month": mo, "starts": delta[a, mo][0],
                               "ends": delta[a, mo][1]} for a, mo in keys])
    # rows a deletion may have emptied go, each by its key (a row-value IN scanned the
    # whole table in SQLite: 37,773 rows at 1,000,000 events, at every write)
    emptied = [{"a": a, "mo": mo} for a, mo in keys if min(delta[a, mo]) < 0]
    if emptied:
        conn.execute(_EMPTIED, emptied)


def rebuild(conn) -> None:
    """Count the summary from scratch from the events and their actors."""
    start = func.substr(events.c.start_date, 1, 7)
    end = func.substr(events.c.end_date, 1, 7)
    both = union_all(
        select(event_actors.c.actor, start.label("month"), literal(1).label("s"),
               literal(0).label("e")).select_from(_NAMED),
        select(event_actors.c.actor, end.label("month"), literal(0), literal(1))
        .select_from(_NAMED)).subquery()
    conn.execute(delete(actor_months))
    conn.execute(actor_months.insert().from_select(
        ["actor", "month", "starts", "ends"],
        select(both.c.actor, both.c.month, func.sum(both.c.s), func.sum(both.c.e))
        .group_by(both.c.actor, both.c.month)))


def _next_month(day: date) -> str:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1).isoformat()


def _early(day: date) -> bool:
    """Whether ``day`` is in the first half of its month: its month's edge is then the days
    up to it, else the days after it (at most half a month of events is read)."""
    return day.day <= monthrange(day.year, day.month)[1] - day.day


def facet(start: date | None, end: date | None) -> Select:
    """The statement of the actor facet over [start, end] (either may be None: open;
    ``start <= end``), read with ``facet_counts``: rows ``(actor, events, None)`` from the
    summary and ``(None, +1 | -1, actors)`` for each event of an edge month to add or take
    off (its actors as stored, JSON). One statement, so one snapshot.

    Events starting on or before ``end``: the summary's months before its month and the
    events of its month up to it, or (``end`` late in its month) the summary up to its month
    less the events after it; events ending on or before ``start`` likewise, and taken off.
    The edges are read from the events' own actors column through the date indexes, not
    joined to event_actors: PostgreSQL hashed all 2,000,000 rows of event_actors to join the
    8,000 events ending on 1 January 2019 (290 ms)."""
    m, ev = actor_months.c, events.c
    parts, edges = [], []
    edge = select(cast(null(), Text), literal(1), ev.actors)
    taken = select(cast(null(), Text), literal(-1), ev.actors)
    if end is None:
        parts.append(select(m.actor, m.starts.label("n")))
    elif _early(end):
        parts.append(select(m.actor, m.starts.label("n")).where(m.month < end.isoformat()[:7]))
        edges.append(edge.where(ev.start_date >= end.replace(day=1).isoformat(),
                                ev.start_date <= end.isoformat()))
    else:
        parts.append(select(m.actor, m.starts.label("n")).where(m.month <= end.isoformat()[:7]))
        edges.append(taken.where(ev.start_date > end.isoformat(),
                                 ev.start_date < _next_month(end)))
    if start is not None and _early(start):
        parts.append(select(m.actor, (-m.ends).label("n")).where(m.month < start.isoformat()[:7]))
        edges.append(taken.where(ev.end_date >= start.replace(day=1).isoformat(),
                                 ev.end_date <= start.isoformat()))
    elif start is not None:
        parts.append(select(m.actor, (-m.ends).label("n"))
                     .where(m.month <= start.isoformat()[:7]))
        edges.append(edge.where(ev.end_date > start.isoformat(),
                                ev.end_date < _next_month(start)))
    every = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    summed = select(every.c.actor, func.sum(every.c.n).label("n"),
                    cast(null(), Text).label("actors")).group_by(every.c.actor)
    return union_all(summed, *edges) if edges else summed


def facet_counts(rows) -> list[tuple[str, int]]:
    """``facet``'s rows -> ``(actor, events)`` with events, most first, then by name. An
    edge event's actors count as event_actors holds them: each name once, empty names not."""
    total: Counter = Counter()
    for actor, n, actors in rows:
        if actors is None:
            total[actor] += int(n)
        else:
            for name in dict.fromkeys(json.loads(actors)):
                if name:
                    total[name] += n
    return sorted(((a, n) for a, n in total.items() if n > 0), key=lambda p: (-p[1], p[0]))
