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
- Two writers at once: SQLite lets one writer in at a time (``BEGIN IMMEDIATE``). A PostgreSQL
  writer takes transaction-scoped advisory locks on the months its mentions can group in
  (``_months``) before reading the events they attach to, so no two writers open two events
  for one happening, while writers on other months go on; a person's split or merge takes
  the grouping lock whole (attaching takes it shared).
- Who changed which stored events (table grouping_version): a row per month of report dates,
  given a new random token by every attach that may change what a mention in that month can
  join, and row ``_EPOCH`` (id 1), given a new token by every other change (an article
  deleted, a correction, a split or merge, a mention placed by a person's edit). A writer's
  kept ``Grouping`` records the tokens it saw; it starts afresh only when one of the months
  its next article needs, or the epoch, has another token (docs/SCALING.md, *Several
  writers*).
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
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterator

from sqlalchemy import bindparam, func, insert, select, text, update

from timeline.settings import SETTINGS, Settings
from timeline.store.rows import _now, once, upsert
from timeline.store.tables import articles, event_reports, events, grouping_version, report_edits
from timeline.story.grouping import Grouper, Mention, grouping_order

if TYPE_CHECKING:
    from timeline.model import EventFilter
    from timeline.story.happenings import StoryEvent

_PG_GROUP_LOCK = 7_172_018  # pg_advisory_xact_lock key of the grouping (schema.py uses ...017)
_PG_MONTH_LOCKS = 7_172_019  # the first of the two keys of a month's lock (the second: _month)
_MENTION_COLUMNS = (events.c.event_id, events.c.article_id, events.c.start_date,
                    events.c.end_date, events.c.sentence, events.c.expr_start,
                    events.c.expr_end, events.c.actors)
r = event_reports.c


def _mention(row) -> Mention:
    return Mention(row[0], row[1], date.fromisoformat(row[2]), date.fromisoformat(row[3]),
                   row[4], row[5], row[6], tuple(json.loads(row[7])))


_MENTION_KEYS = tuple(c.name for c in _MENTION_COLUMNS)
_GROUP_LOCK = text("SELECT pg_advisory_xact_lock_shared(:key)").bindparams(key=_PG_GROUP_LOCK)
# every month's lock in one statement, in the order of the array (a function scan's order)
_MONTH_LOCKS = text("SELECT count(pg_advisory_xact_lock(:space, m)) "
                    "FROM unnest(CAST(:months AS integer[])) AS m").bindparams(
    space=_PG_MONTH_LOCKS)


def _lock(conn, months=None) -> None:
    """PostgreSQL: the grouping lock whole (``months`` None: a person's split or merge), or
    shared and then each of ``months`` in order (an attach: writers on other months go on;
    the order keeps two writers from waiting on each other). SQLite has one writer anyway."""
    if conn.dialect.name != "postgresql":
        return
    if months is None:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_GROUP_LOCK})
        return
    conn.execute(_GROUP_LOCK)
    if months:
        conn.execute(_MONTH_LOCKS, {"months": sorted(months)})


_EDITS = select(report_edits.c.mention_id, report_edits.c.event_id).where(
    report_edits.c.mention_id.in_(bindparam("ids", expanding=True)))


def _edits(conn, mention_ids) -> dict[str, str]:
    return dict(conn.execute(_EDITS, {"ids": list(mention_ids)}).all())


class Grouping:
    """One writer's grouping, kept between its ``add_article`` calls (an ingest run; never
    shared between threads): the stored events read so far, in a ``Grouper``, the ranges of
    report start dates read, and the grouping_version tokens of the months (and the epoch) it
    read them under. An attach uses it again while those of the months it needs are unchanged
    (nobody else attached a mention that may group there, and nobody deleted, corrected,
    split or merged, and its own last transaction was committed); otherwise it starts
    afresh. Past ``settings.grouping_kept`` reports it starts afresh too: it holds ~1.7 KB
    per report (signatures, word sets, rows; measured with tracemalloc, docs/SCALING.md)."""

    def __init__(self, settings: Settings = SETTINGS):
        self.settings = settings
        self.pending: dict[int, str] | None = None  # tokens written by the open transaction
        self.afresh = 0  # times it started afresh because the stored events changed otherwise
        self.seeded = 0  # stored events read into it (benchmarks.store_writers reports these)
        self.stale_months = 0  # months it read again because another writer changed them
        self.reset()

    def committed(self) -> None:
        """The transaction of the last ``attach`` was committed: its tokens are the store's."""
        self.tokens.update(self.pending or {})
        self.pending = None

    def reset(self) -> None:
        self.grouper = Grouper(self.settings)
        self.read: list[tuple[str, str]] = []  # ranges [lo, hi) of start dates read, merged
        self.tokens: dict[int, str | None] = {}  # grouping_version id -> the token it saw

    def unread(self, ranges: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(lo, hi) for lo, hi in ranges
                if not any(a <= lo and hi <= b for a, b in self.read)]

    def catch_up(self, stored: dict[int, str | None]) -> None:
        """Bring what it holds in line with the ``stored`` grouping_version tokens (read under
        the locks of the months needed now). It starts afresh when its last transaction was
        not committed, the epoch changed (a person's edit, a deletion) or it is past its
        bound. Otherwise, for each month another writer changed since it looked, it forgets
        the events it holds on that month's days and marks as unread that month and, for
        each event forgotten, the days its reports may start on (``grouping_max_days``
        before its end): whatever reads a range touching them reads it again, as it is now.
        (Every event a mention of these months may join was changed, if at all, by an attach
        that changed a month holding a day of its agreed interval.)"""
        if self.pending is not None or len(self.grouper) > self.settings.grouping_kept \
                or self.tokens.get(_EPOCH, stored[_EPOCH]) != stored[_EPOCH]:
            self.afresh += bool(self.read)
            self.reset()
        stale = [key for key, token in stored.items()
                 if key in self.tokens and self.tokens[key] != token]
        if stale:
            self.stale_months += len(stale)
            max_days = self.settings.grouping_max_days
            holes = [_month_days(key) for key in stale]
            days = (lo + timedelta(days=i) for lo, hi in holes for i in range((hi - lo).days))
            for group in self.grouper.forget(self.grouper.on_days(days)):
                if (group.end_date - group.start_date).days <= max_days:
                    holes.append((_shift(group.end_date, -max_days - 1),
                                  _shift(group.end_date, 1)))
            self.read = _without(self.read, holes)
        self.tokens.update(stored)


def _shift(day: date, days: int) -> date:
    return date.fromordinal(min(max(1, day.toordinal() + days), date.max.toordinal()))


def _month_days(key: int) -> tuple[date, date]:
    """The days [first, next month's first) of the month of grouping_version id ``key``."""
    year, month = divmod(key, 12)
    first = date(year, month + 1, 1)
    return first, _shift(first, 31).replace(day=1) if key < _month(date.max) else date.max


def _without(ranges: list[tuple[str, str]], holes) -> list[tuple[str, str]]:
    """ISO ranges [lo, hi) less the date ranges ``holes``."""
    for lo, hi in holes:
        lo, hi = lo.isoformat(), hi.isoformat()
        ranges = [piece for a, b in ranges for piece in ((a, min(b, lo)), (max(a, hi), b))
                  if piece[0] < piece[1]]
    return ranges


_EPOCH = 1  # grouping_version id of the changes that make every writer start afresh


def _month(day: date) -> int:
    """The grouping_version id of a month (always above _EPOCH)."""
    return day.year * 12 + day.month - 1


def _months(mentions: list[Mention], max_days: int) -> list[int]:
    """The months of [start - max_days, end + max_days] of each mention of at most
    ``max_days`` days (wider ones join nothing): the months whose events it may join or be
    joined by, and the ranges it reads (``_ranges``) lie within. Two mentions that may end
    in one event share one of these months, so the month is what writers lock and mark."""
    out: set[int] = set()
    for m in mentions:
        if (m.end_date - m.start_date).days <= max_days:
            lo = date.fromordinal(max(1, m.start_date.toordinal() - max_days))
            hi = date.fromordinal(min(date.max.toordinal(), m.end_date.toordinal() + max_days))
            out.update(range(_month(lo), _month(hi) + 1))
    return sorted(out)


_TOKENS = select(grouping_version.c.id, grouping_version.c.token).where(
    grouping_version.c.id.in_(bindparam("keys", expanding=True)))


def _tokens(conn, keys) -> dict[int, str | None]:
    found = dict(conn.execute(_TOKENS, {"keys": list(keys)}).all())
    return {key: found.get(key) for key in keys}


def revision_of(conn) -> str:
    """A digest of every grouping_version token: it changes with every change of the stored
    events that any token records."""
    v = grouping_version.c
    rows = conn.execute(select(v.id, v.token).order_by(v.id)).all()
    return hashlib.sha1(repr([tuple(row) for row in rows]).encode()).hexdigest()[:16]


@once
def _new_tokens(conn):
    statement = upsert(conn, grouping_version)
    return statement.on_conflict_do_update(index_elements=[grouping_version.c.id],
                                           set_={"token": statement.excluded.token})


def changed(conn, keys=(_EPOCH,)) -> dict[int, str]:
    """Record a change of the stored events: a new token for each grouping_version id of
    ``keys`` (the epoch by default: every writer starts afresh). Returns them."""
    tokens = {key: uuid.uuid4().hex for key in keys}
    if tokens:
        conn.execute(_new_tokens(conn), [{"id": key, "token": token}
                                         for key, token in sorted(tokens.items())])
    return tokens


_REPORTS_INSERT = insert(event_reports)
_UNATTACHED = select(*_MENTION_COLUMNS).where(  # (a restored one: restore_event)
    events.c.article_id == bindparam("article_id"),
    events.c.event_id.not_in(select(r.mention_id)))


def attach(conn, article_id: str, grouping: Grouping | None = None,
           rows: list[dict] | None = None) -> int:
    """Attach the stored mentions of ``article_id`` that have no event yet to events; returns
    how many. ``grouping``: the writer's kept grouping (a new one when None: everything read
    again). ``rows``: those mentions' event rows as just written in this transaction
    (``EventStore.add_article``: all of the article's, none with an event yet), so they
    are not read back."""
    if rows is None:
        rows = conn.execute(_UNATTACHED, {"article_id": article_id}).all()
    else:
        rows = [tuple(row[key] for key in _MENTION_KEYS) for row in rows]
    if not rows:
        return 0
    grouping = grouping or Grouping()
    settings = grouping.settings
    mentions = sorted(map(_mention, rows), key=grouping_order)
    months = _months(mentions, settings.grouping_max_days)
    _lock(conn, months)
    grouping.catch_up(_tokens(conn, [_EPOCH, *months]))  # read before the events they stand for
    _seed(conn, grouping, mentions, months)
    edits = _edits(conn, (m.mention_id for m in mentions))
    conn.execute(_REPORTS_INSERT, [
        {"mention_id": m.mention_id, "event_id": grouping.grouper.add(m, edits.get(m.mention_id))}
        for m in mentions])
    grouping.pending = changed(conn, months)  # the grouping's again once committed
    if edits:  # placed by a person, anywhere: every writer (this one too) starts afresh
        changed(conn)
        grouping.pending[_EPOCH] = ""
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


_REPORTS = event_reports.join(events, events.c.event_id == r.mention_id)
_NEAR = (select(r.event_id).distinct().select_from(_REPORTS)
         .where(events.c.start_date >= bindparam("lo"), events.c.start_date < bindparam("hi")))
_AGREED = (select(r.event_id, func.max(events.c.start_date), func.min(events.c.end_date))
           .select_from(_REPORTS).where(r.event_id.in_(bindparam("ids", expanding=True)))
           .group_by(r.event_id))
_FIRST = (select(r.event_id, *_MENTION_COLUMNS).select_from(_REPORTS)
          .where(r.event_id.in_(bindparam("ids", expanding=True))).order_by(r.event_id, r.seq))


def _seed(conn, grouping: Grouping, mentions: list[Mention], months: list[int]) -> None:
    """Read into the grouping the stored events the mentions may join, where not read yet:
    those with a report starting in a range of ``_ranges``, with their agreed interval and
    first ``grouping_compare`` reports. An event whose agreed interval lies outside
    ``months`` (the months locked and marked) is left out: no mention here overlaps it, and
    the grouping holds nothing it would not see change (only an event made by a person's
    merge of wide reports is found by a report outside its interval).

    An event is a candidate for a mention exactly when its agreed interval overlaps the mention
    and lasts at most ``grouping_max_days`` (then one of its reports of at most that many days
    shares a day with the mention: Grouper's blocking; an event of wide reports only is one
    report alone, which nothing joins), so the Grouper indexes it by the days of that interval.
    Three reads of one shape each (SQLite's window functions were 10x slower than these)."""
    settings, grouper, marked = grouping.settings, grouping.grouper, set(months)
    ranges = grouping.unread(_ranges(mentions, settings.grouping_max_days))
    if not ranges:
        return
    near = set()
    for lo, hi in ranges:
        near.update(conn.execute(_NEAR, {"lo": lo, "hi": hi}).scalars())
    grouping.read = _merged(grouping.read + ranges)
    near -= grouper.groups.keys()
    if not near:
        return
    agreed = {}
    for group_id, start, end in conn.execute(_AGREED, {"ids": sorted(near)}):
        start, end = date.fromisoformat(start), date.fromisoformat(end)
        if 0 < (end - start).days <= settings.grouping_max_days \
                and {_month(start), _month(end - timedelta(days=1))} <= marked:
            agreed[group_id] = start, end
    if not agreed:
        return
    first: dict[str, list[Mention]] = defaultdict(list)
    for row in conn.execute(_FIRST, {"ids": sorted(agreed)}):
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
