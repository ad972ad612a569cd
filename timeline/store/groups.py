"""Stored events: which mentions report one happening (tables event_reports, report_edits).

The grouping is ``timeline.story.grouping``'s, made incremental in the store:

- ``attach(conn, article_id)`` runs inside ``EventStore.add_article``'s transaction: the
  article's mentions (after a person's corrections are applied again) are compared with the
  stored events whose reports share a day with them (blocking by date, as ``Grouper``), each
  joins the best one or opens its own; nothing else is regrouped. Mentions a person placed by
  hand (``report_edits``: a split or a merge) go back to that event.
- Deleting an article deletes its mentions, and their rows here with them (foreign key); an
  event is the set of rows with its id, so it lives as long as one report does, with the same
  id (the id of its first mention, or the one a split gave it).
- Two writers at once: SQLite lets one writer in at a time (``BEGIN IMMEDIATE``); PostgreSQL
  writers take a transaction-scoped advisory lock before reading the events they attach to,
  so no two of them open two events for one happening.
- ``group_all(conn)``: the schema upgrade that brings a database of ungrouped mentions to
  this (schema.py, v4): every mention once, in ``grouping_order``, as ``story_events`` did.

``GroupStore`` (a mixin of EventStore) reads the events with their reports and applies a
person's edits: split a report out, merge two events, correct or delete an event (every
report), each kept so that it survives a re-ingest.
"""
from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Iterator

from sqlalchemy import bindparam, func, insert, select, text, update

from timeline.settings import SETTINGS, Settings
from timeline.store.rows import _now, upsert
from timeline.store.tables import articles, event_reports, events, grouping_version, report_edits
from timeline.story.grouping import Grouper, Mention, grouping_order

if TYPE_CHECKING:
    from timeline.model import EventFilter
    from timeline.story.happenings import StoryEvent

_PG_GROUP_LOCK = 7_172_018  # pg_advisory_xact_lock key of the grouping (schema.py uses ...017)
_MENTION_COLUMNS = (events.c.event_id, events.c.article_id, events.c.start_date,
                    events.c.end_date, events.c.sentence, events.c.expr_start,
                    events.c.expr_end, events.c.actors)
r = event_reports.c


def _mention(row) -> Mention:
    return Mention(row[0], row[1], date.fromisoformat(row[2]), date.fromisoformat(row[3]),
                   row[4], row[5], row[6], tuple(json.loads(row[7])))


def _lock(conn) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_GROUP_LOCK})


def _edits(conn, mention_ids) -> dict[str, str]:
    e = report_edits.c
    return dict(conn.execute(select(e.mention_id, e.event_id)
                             .where(e.mention_id.in_(list(mention_ids)))).all())


class Grouping:
    """One writer's grouping, kept between its ``add_article`` calls (an ingest run; never
    shared between threads): the stored events read so far, in a ``Grouper``, and the ranges of
    report start dates read. It is used again only while the store's ``grouping_version`` token
    is the one this writer set last (nobody else added, deleted, corrected, split or merged
    meanwhile, and its own last transaction was committed); otherwise it starts afresh. Past
    ``settings.grouping_kept`` reports it starts afresh too: it holds ~1.7 KB per report
    (signatures, word sets, rows; measured with tracemalloc, docs/SCALING.md)."""

    def __init__(self, settings: Settings = SETTINGS):
        self.settings = settings
        self.token: str | None = None  # the store's token when this grouping is up to date
        self.pending: str | None = None  # the token of this writer's open transaction
        self.afresh = 0  # times it started afresh because the stored events changed otherwise
        self.seeded = 0  # stored events read into it (benchmarks.store_writers reports both)
        self.reset()

    def committed(self) -> None:
        """The transaction of the last ``attach`` was committed: this grouping is the store's."""
        self.token, self.pending = self.pending, None

    def reset(self) -> None:
        self.grouper = Grouper(self.settings)
        self.read: list[tuple[str, str]] = []  # ranges [lo, hi) of start dates read, merged

    def unread(self, ranges: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(lo, hi) for lo, hi in ranges
                if not any(a <= lo and hi <= b for a, b in self.read)]


def _version(conn) -> str | None:
    return conn.execute(select(grouping_version.c.token)
                        .where(grouping_version.c.id == 1)).scalar()


def changed(conn) -> str:
    """Record a change of the stored events (a new token); returns the token."""
    token = uuid.uuid4().hex
    statement = upsert(conn, grouping_version).values(id=1, token=token)
    conn.execute(statement.on_conflict_do_update(index_elements=[grouping_version.c.id],
                                                 set_={"token": token}))
    return token


def attach(conn, article_id: str, grouping: Grouping | None = None) -> int:
    """Attach the stored mentions of ``article_id`` to events; returns how many.
    ``grouping``: the writer's kept grouping (a new one when None: everything read again)."""
    rows = conn.execute(select(*_MENTION_COLUMNS).where(  # those without an event yet (a
        events.c.article_id == article_id,                # restored one: restore_event)
        events.c.event_id.not_in(select(r.mention_id)))).all()
    if not rows:
        return 0
    _lock(conn)
    grouping = grouping or Grouping()
    if grouping.token is None or grouping.token != _version(conn) \
            or len(grouping.grouper) > grouping.settings.grouping_kept:
        grouping.afresh += bool(grouping.read)
        grouping.reset()
    mentions = sorted(map(_mention, rows), key=grouping_order)
    _seed(conn, grouping, mentions)
    edits = _edits(conn, (m.mention_id for m in mentions))
    conn.execute(insert(event_reports), [
        {"mention_id": m.mention_id, "event_id": grouping.grouper.add(m, edits.get(m.mention_id))}
        for m in mentions])
    grouping.token, grouping.pending = None, changed(conn)  # valid again once committed
    return len(mentions)


def _merged(ranges) -> list[tuple[str, str]]:
    """Ranges [lo, hi) of ISO dates, sorted, the overlapping and touching ones joined."""
    out: list[list[str]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _ranges(mentions: list[Mention], max_days: int) -> list[tuple[str, str]]:
    """Where the stored reports of at most ``max_days`` days that may share a day with one of
    ``mentions`` start: [start - max_days + 1, end), merged, as ISO dates."""
    return _merged(
        (date.fromordinal(max(1, m.start_date.toordinal() - max_days + 1)).isoformat(),
         m.end_date.isoformat())
        for m in mentions if (m.end_date - m.start_date).days <= max_days)


def _seed(conn, grouping: Grouping, mentions: list[Mention]) -> None:
    """Read into the grouping the stored events the mentions may join, where not read yet:
    those with a report starting in a range of ``_ranges``, with their agreed interval and
    first ``grouping_compare`` reports.

    An event is a candidate for a mention exactly when its agreed interval overlaps the mention
    and lasts at most ``grouping_max_days`` (then one of its reports of at most that many days
    shares a day with the mention: Grouper's blocking; an event of wide reports only is one
    report alone, which nothing joins), so the Grouper indexes it by the days of that interval.
    Three reads of one shape each (SQLite's window functions were 10x slower than these)."""
    settings, grouper = grouping.settings, grouping.grouper
    ranges = grouping.unread(_ranges(mentions, settings.grouping_max_days))
    if not ranges:
        return
    e = events.c
    reports = event_reports.join(events, e.event_id == r.mention_id)
    near_query = (select(r.event_id).distinct().select_from(reports)
                  .where(e.start_date >= bindparam("lo"), e.start_date < bindparam("hi")))
    near = set()
    for lo, hi in ranges:
        near.update(conn.execute(near_query, {"lo": lo, "hi": hi}).scalars())
    grouping.read = _merged(grouping.read + ranges)
    near -= grouper.groups.keys()
    if not near:
        return
    agreed = {}
    for group_id, start, end in conn.execute(
            select(r.event_id, func.max(e.start_date), func.min(e.end_date)).select_from(reports)
            .where(r.event_id.in_(sorted(near))).group_by(r.event_id)):
        start, end = date.fromisoformat(start), date.fromisoformat(end)
        if 0 < (end - start).days <= settings.grouping_max_days:
            agreed[group_id] = start, end
    if not agreed:
        return
    first: dict[str, list[Mention]] = defaultdict(list)
    for row in conn.execute(select(r.event_id, *_MENTION_COLUMNS).select_from(reports)
                            .where(r.event_id.in_(sorted(agreed))).order_by(r.event_id, r.seq)):
        if len(first[row[0]]) < settings.grouping_compare:
            first[row[0]].append(_mention(row[1:]))
    for group_id in sorted(first):
        grouper.seed(group_id, first[group_id], *agreed[group_id])
    grouping.seeded += len(first)


def group_all(conn, settings: Settings = SETTINGS) -> int:
    """Group every stored mention that has no event yet (the upgrade to schema v4)."""
    done = select(r.mention_id)
    rows = conn.execute(select(*_MENTION_COLUMNS).where(events.c.event_id.not_in(done))).all()
    grouper = Grouper(settings)
    placed = [{"mention_id": m.mention_id, "event_id": grouper.add(m)}
              for m in sorted(map(_mention, rows), key=grouping_order)]
    for start in range(0, len(placed), 5000):
        conn.execute(insert(event_reports), placed[start:start + 5000])
    return len(placed)


def _new_event_id(conn, mention_id: str) -> str:
    """An event id for a report split out: its own id if no event has it, else one derived."""
    candidate = mention_id
    while conn.execute(select(r.seq).where(r.event_id == candidate).limit(1)).first():
        candidate = hashlib.sha1(f"split:{candidate}".encode()).hexdigest()[:16]
    return candidate


class GroupStore:
    """Mixin of EventStore (needs ``self._db``, ``self._where``, ``self.correct_event``,
    ``self.delete_event``): events with their reports, and a person's edits of them."""

    @staticmethod
    def grouping_session(settings: Settings = SETTINGS) -> Grouping:
        """A writer's grouping to pass to each ``add_article`` of one run (one thread)."""
        return Grouping(settings)

    def grouped_events(self, flt: EventFilter | None = None,
                       limit: int | None = None) -> list[StoryEvent]:
        """The events with a report matching ``flt``, each with all its reports, ordered by
        start date, end date, then id (``limit``: the first so many)."""
        return list(self.iter_grouped_events(flt, limit))

    def iter_grouped_events(self, flt: EventFilter | None = None, limit: int | None = None,
                            batch: int = 500) -> Iterator[StoryEvent]:
        """Like ``grouped_events``, one event at a time (exports of any size): the order is
        read first, as ids with the interval the reports agree on (``describe``'s start is
        the latest report start, its end the earliest report end), ``limit`` cut in the
        query; then the reports of ``batch`` events at a time."""
        from timeline.store.queries import _EVENT_COLUMNS, event_from_row
        from timeline.story.happenings import describe

        clauses = self._where(flt)
        reports = event_reports.join(events, events.c.event_id == r.mention_id)
        start, end = func.max(events.c.start_date), func.min(events.c.end_date)
        order = (select(r.event_id).select_from(reports).group_by(r.event_id)
                 .order_by(start, end, r.event_id))
        if clauses:
            order = order.where(r.event_id.in_(
                select(r.event_id).select_from(reports).where(*clauses).correlate(None)))
        if limit is not None:
            order = order.limit(int(limit))
        read = (select(*_EVENT_COLUMNS, r.event_id)
                .select_from(reports.join(articles, articles.c.article_id == events.c.article_id))
                .where(r.event_id.in_(bindparam("ids", expanding=True))))
        with self._db.reading() as conn:
            for ids in conn.execution_options(yield_per=batch).execute(order).scalars().partitions():
                found = defaultdict(list)
                for row in conn.execute(read, {"ids": list(ids)}):
                    found[row[-1]].append(event_from_row(row))
                for event_id in ids:  # gone meanwhile (a writer): left out
                    if found[event_id]:
                        yield describe(found[event_id], event_id)

    def grouped_event(self, event_id: str) -> StoryEvent | None:
        """One event with all its reports (None if no report has this event id)."""
        from timeline.store.queries import _EVENT_COLUMNS, event_from_row
        from timeline.story.happenings import describe

        query = (select(*_EVENT_COLUMNS).select_from(
            events.join(articles, articles.c.article_id == events.c.article_id)
            .join(event_reports, r.mention_id == events.c.event_id))
            .where(r.event_id == event_id).order_by(r.seq))
        with self._db.reading() as conn:
            reports = [event_from_row(row) for row in conn.execute(query)]
        return describe(reports, event_id) if reports else None

    def event_of(self, mention_id: str) -> str | None:
        """The id of the event a mention reports (None for an unknown mention)."""
        with self._db.reading() as conn:
            return conn.execute(select(r.event_id).where(r.mention_id == mention_id)).scalar()

    def _members(self, conn, event_id: str) -> list[str]:
        return list(conn.execute(select(r.mention_id).where(r.event_id == event_id)
                                 .order_by(r.seq)).scalars())

    def _place(self, conn, mention_ids, event_id: str) -> None:
        """Move mentions to an event and keep that as a person's edit (survives re-ingest)."""
        mention_ids = list(mention_ids)
        if not mention_ids:
            return
        changed(conn)
        conn.execute(update(event_reports).where(r.mention_id.in_(mention_ids))
                     .values(event_id=event_id))
        statement = upsert(conn, report_edits)
        conn.execute(statement.on_conflict_do_update(
            index_elements=[report_edits.c.mention_id],
            set_={"event_id": statement.excluded.event_id,
                  "edited_at": statement.excluded.edited_at}),
            [{"mention_id": m, "event_id": event_id, "edited_at": _now()} for m in mention_ids])

    def split_report(self, mention_id: str) -> str:
        """Move one report (a mention id) out of its event into an event of its own; the
        others stay in theirs. Returns the new event's id (the report's own id when free).
        KeyError for an unknown mention."""
        with self._db.transaction() as conn:
            _lock(conn)
            event_id = conn.execute(select(r.event_id).where(r.mention_id == mention_id)).scalar()
            if event_id is None:
                raise KeyError(f"no report {mention_id!r}")
            members = self._members(conn, event_id)
            if members == [mention_id]:
                self._place(conn, members, event_id)
                return event_id
            new_id = _new_event_id(conn, mention_id)  # the event keeps its id in any case
            self._place(conn, [m for m in members if m != mention_id], event_id)
            self._place(conn, [mention_id], new_id)
        return new_id

    def merge_events(self, event_id: str, other_id: str) -> str:
        """Merge event ``other_id`` into ``event_id`` (which keeps its id): every report of
        both is kept together on re-ingest. KeyError for an unknown event, ValueError for the
        same one twice."""
        if event_id == other_id:
            raise ValueError(f"cannot merge event {event_id} with itself")
        with self._db.transaction() as conn:
            _lock(conn)
            ours, theirs = self._members(conn, event_id), self._members(conn, other_id)
            for name, found in ((event_id, ours), (other_id, theirs)):
                if not found:
                    raise KeyError(f"no event {name!r}")
            self._place(conn, ours + theirs, event_id)
        return event_id

    def correct_grouped_event(self, event_id: str, value: str) -> list[str]:
        """Set the date of every report of an event (``correct_event`` on each: a person's
        correction, kept on re-ingest). Returns the reports' ids; KeyError for an unknown
        event, ValueError for a value that is not a date (nothing changed)."""
        from timeline.store.intervals import interval_of

        interval_of(value)  # a bad value fails before any report changes
        with self._db.reading() as conn:
            members = self._members(conn, event_id)
        if not members:
            raise KeyError(f"no event {event_id!r}")
        done = []
        for mention_id in members:
            try:
                self.correct_event(mention_id, value)
                done.append(mention_id)
            except KeyError:  # deleted meanwhile
                continue
        return done

    def delete_grouped_event(self, event_id: str) -> int:
        """Delete every report of an event (``delete_event`` on each: kept on re-ingest).
        Returns how many were deleted (0: no such event)."""
        with self._db.reading() as conn:
            members = self._members(conn, event_id)
        return sum(self.delete_event(mention_id) for mention_id in members)
