"""A person's edits of stored events: EventStore's ``Curation`` mixin (correct a date; edit
the summary, actors or status; revert a field; delete and restore; add an event by hand) and
the rules they share with a re-ingest (``status_of``; ``_with_edits`` applies the edits kept in
the corrections table to an article's events as add_article stores them again).

Every edit changes one event in one transaction, with the event's row locked; ``expected``
(the value the person saw) makes a concurrent change an EditConflict instead of a lost edit."""
from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import date, datetime, timezone

from sqlalchemy import bindparam, delete, func, insert, select, update

from timeline.model import Event
from timeline.store import actor_months
from timeline.store.edits import (CLEAN, EDITABLE, REVERTIBLE, clean_actors, clean_sentence,
                                  clean_source, clean_status, clean_summary, clean_url)
from timeline.store.groups import attach, changed
from timeline.store.intervals import clean_value, interval_of
from timeline.store.rows import _add_actors, _now, _search, article_search, upsert
from timeline.store.tables import articles, corrections, event_actors
from timeline.store.tables import events as event_table

class EditConflict(Exception):
    """Someone changed the event since the person editing it saw it (see correct_event)."""

    def __init__(self, event_id: str, expected, current, field: str = "date"):
        self.event_id, self.expected, self.current = event_id, expected, current
        self.field = field
        now = "deleted it" if current is None else f"set it to {_shown(current)}"
        super().__init__(f"event {event_id} changed while you edited it: its {field} was "
                         f"{_shown(expected)}, someone else {now} meanwhile; look again and retry")


def _shown(value) -> str:
    return "; ".join(value) or "(none)" if isinstance(value, (list, tuple)) else str(value)


def status_for(start: date, end: date, published: date | None, status: str) -> str:
    """Status after a date correction: an interval wholly before the publication day
    happened, one wholly after it is scheduled; otherwise the extractor's status stays."""
    if published is None:
        return status
    if end <= published:
        return "happened"
    if start > published:
        return "scheduled"
    return status


def status_of(row: dict, published: str | None, original: dict, date_edited: bool,
              hand_status: str | None) -> str:
    """An edited event's status, the one rule of every edit and re-ingest: the status a person
    set; else, when the date was corrected, status_for the new interval; else the extractor's."""
    if hand_status is not None:
        return hand_status
    if date_edited and published:
        return status_for(date.fromisoformat(row["start_date"]),
                          date.fromisoformat(row["end_date"]),
                          date.fromisoformat(published), original["status"])
    return original["status"]


class Curation:
    """Mixin of EventStore (needs ``self._db`` and ``self.event``): a person's edits."""

    def correct_event(self, event_id: str, value: str, *, expected: str | None = None) -> Event:
        """Set an event's date to a TIMEX3 value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www,
        YYYY-Qn, ...), marked as a manual correction that survives re-ingest.

        Several people at once: each edit changes one event in one transaction, with the
        event's row locked, so edits of different events never undo each other.
        ``expected`` is the value the person saw: if someone else changed (or deleted) the
        event since, nothing is written and EditConflict tells what it is now. Without
        ``expected`` (scripts, the CLI) the last edit wins.

        Raises ValueError for a value that is not a date, KeyError for an unknown event.
        """
        start, end, granularity = interval_of(value)
        value = clean_value(value)
        with self._db.transaction() as conn:
            row = self._locked(conn, event_id, "date", expected)
            fields = {"value": value, "start_date": start.isoformat(),
                      "end_date": end.isoformat(), "granularity": granularity}
            original = self._original(conn, event_id, row)
            self._record(conn, event_id, original, **_edits_of(fields, original))
            self._change(conn, row, fields, original)
        return self.event(event_id)

    def edit_event(self, event_id: str, field: str, value, *, expected=None) -> Event:
        """Set an event's ``summary`` (text), ``actors`` (a list of names, or one string of
        names separated by ``;``) or ``status`` (happened, ongoing, scheduled) as a person's
        edit: it survives re-ingest, and the extractor's value stays for revert_event.
        A value equal to the extractor's is no edit. ``expected``: as for correct_event, the
        field's value the person saw (EditConflict if it changed meanwhile).

        Raises ValueError for an unknown field or a bad value (timeline.store.edits),
        KeyError for an unknown event.
        """
        if field not in CLEAN:
            raise ValueError(f"{str(field)[:40]!r} cannot be edited; edit one of "
                             f"{', '.join(EDITABLE)} (the date: correct_event)")
        new = CLEAN[field](value)
        with self._db.transaction() as conn:
            row = self._locked(conn, event_id, field, expected)
            original = self._original(conn, event_id, row)
            changes = {field: _column(field, new)}
            self._record(conn, event_id, original, **_edits_of(changes, original))
            self._change(conn, row, changes, original)
        return self.event(event_id)

    def revert_event(self, event_id: str, field: str, *, expected=None) -> Event:
        """Put an event's ``date``, ``summary``, ``actors`` or ``status`` back to the
        extractor's value (for an event added by hand: the value it was added with).
        ``expected`` and the errors: as for edit_event."""
        if field not in REVERTIBLE:
            raise ValueError(f"{str(field)[:40]!r} cannot be reverted; revert one of "
                             f"{', '.join(REVERTIBLE)}")
        with self._db.transaction() as conn:
            row = self._locked(conn, event_id, field, expected)
            original = self._original(conn, event_id, row)
            names = _DATE_FIELDS if field == "date" else (field,)
            self._record(conn, event_id, original, **dict.fromkeys(names))
            self._change(conn, row, {name: _column(name, original[name]) for name in names},
                         original)
        return self.event(event_id)

    def edits(self, event_id: str) -> dict:
        """The fields a person changed, each with the extractor's value:
        ``{"date": "2025-03-20", "summary": "...", "actors": [...], "status": "..."}``
        (only those edited; {} for an event nobody edited)."""
        with self._db.reading() as conn:
            row = conn.execute(select(corrections).where(
                corrections.c.event_id == event_id)).mappings().first()
            if row is None:
                return {}
            current = conn.execute(select(event_table).where(
                event_table.c.event_id == event_id)).mappings().first()
        original = _original_of(row, current)
        out = {}
        for field, column in (("date", "value"), ("status", "status"), ("summary", "summary"),
                              ("actors", "actors")):
            if row[column] is not None and row[column] != _column(column, original[column]):
                out[field] = original[column]
        return out

    def delete_event(self, event_id: str, *, expected: str | None = None) -> bool:
        """Remove one event; recorded, so a re-ingest leaves it out and restore_event brings
        it back as it was (with a person's edits). ``expected``: as for correct_event
        (EditConflict if the date changed meanwhile; False, as for any event that is not
        there, if someone deleted it already)."""
        with self._db.transaction() as conn:
            try:
                row = self._locked(conn, event_id, "date", expected)
            except (KeyError, EditConflict) as exc:
                if isinstance(exc, EditConflict) and exc.current is not None:
                    raise
                return False
            removed = {c.name: row[c.name] for c in event_table.c}
            self._record(conn, event_id, self._original(conn, event_id, row), deleted=1,
                         removed=json.dumps(removed, ensure_ascii=False))
            this = event_table.c.event_id == event_id
            before = actor_months.counted(conn, this)
            conn.execute(delete(event_table).where(this))
            changed(conn)  # a report leaves its event (groups.py)
            actor_months.keep(conn, before, this)  # the actor facet's summary
        return True

    def restore_event(self, event_id: str) -> Event | None:
        """Undo delete_event: the event comes back as it was deleted. None when its article
        was deleted meanwhile (the event then comes back with a re-ingest of the article).
        KeyError when there is no deleted event of this id; an event restored already is
        simply returned."""
        with self._db.transaction() as conn:
            row = conn.execute(select(corrections.c.deleted, corrections.c.removed).where(
                corrections.c.event_id == event_id).with_for_update()).first()
            if row is None or not row[0]:
                if not self._exists(conn, event_id):
                    raise KeyError(f"no deleted event {event_id!r}")
            else:
                conn.execute(update(corrections).where(corrections.c.event_id == event_id)
                             .values(deleted=0, removed=None, corrected_at=_now()))
                removed = json.loads(row[1]) if row[1] else None
                its_article = conn.execute(select(articles.c.search).where(
                    articles.c.article_id == removed["article_id"])).first() if removed else None
                if its_article is not None:
                    removed["search"] = _search(removed, its_article[0])
                    conn.execute(insert(event_table), [removed])
                    _add_actors(conn, [removed])
                    attach(conn, removed["article_id"])  # it joins its event again (groups.py)
                self._settle(conn, event_id)
                changed(conn)
                actor_months.keep(conn, Counter(), event_table.c.event_id == event_id)
        return self.event(event_id)  # after the transaction: ":memory:" is one connection

    def add_event(self, value: str, summary: str, *, status: str | None = None, actors=(),
                  source: str = "", url: str = "", sentence: str = "") -> Event:
        """Store an event a person adds by hand: a TIMEX3 date value, what happened, and
        optionally the status (default: by the date against today), actors, source, URL and
        the sentence it comes from. It gets an article of its own (path "added by hand",
        published today), so no re-ingest touches it; ``by_hand`` marks it.

        Raises ValueError naming the field for a bad value."""
        start, end, granularity = interval_of(value)
        fields = {"summary": clean_summary(summary), "actors": clean_actors(actors),
                  "source": clean_source(source), "url": clean_url(url),
                  "sentence": clean_sentence(sentence)}
        today = datetime.now(timezone.utc).date()
        status = (status_for(start, end, today, "ongoing") if status in (None, "")
                  else clean_status(status))
        event_id = f"hand-{uuid.uuid4().hex[:16]}"
        row = {"event_id": event_id, "article_id": event_id, "value": clean_value(value),
               "start_date": start.isoformat(), "end_date": end.isoformat(),
               "granularity": granularity, "expression": "", "status": status,
               "summary": fields["summary"], "sentence": fields["sentence"], "expr_start": 0,
               "expr_end": 0, "sentence_start": 0, "position": 0,
               "actors": _column("actors", fields["actors"]), "anchor": "", "direction": "",
               "corrected": 0, "by_hand": 1}
        row["search"] = _search(row, "")  # its article's search is empty
        with self._db.transaction() as conn:
            conn.execute(insert(articles), {
                "article_id": event_id, "text": fields["sentence"] or fields["summary"],
                "title": "", "url": fields["url"], "source": fields["source"],
                "published": today.isoformat(), "path": HAND_PATH, "ingested_at": _now()})
            conn.execute(insert(event_table), [row])
            _add_actors(conn, [row])
            attach(conn, event_id)  # it joins (or opens) a stored event (groups.py)
            actor_months.keep(conn, Counter(), event_table.c.event_id == event_id)
        return self.event(event_id)

    def original_value(self, event_id: str) -> str | None:
        """The extractor's value of a corrected event (None if never corrected)."""
        with self._db.reading() as conn:
            return conn.execute(select(corrections.c.original_value)
                                .where(corrections.c.event_id == event_id)).scalar()

    # --- the steps every edit shares

    def _locked(self, conn, event_id: str, field: str, expected):
        """The event's row (with its article's publication day), locked for this transaction;
        KeyError if there is none, EditConflict if ``field`` is not what the person saw."""
        row = conn.execute(
            select(*event_table.c, articles.c.published)
            .select_from(event_table.join(articles, articles.c.article_id == event_table.c.article_id))
            .where(event_table.c.event_id == event_id)
            .with_for_update(of=event_table)).mappings().first()  # PostgreSQL: one edit at a time
        if row is None:
            if expected is not None and self._was_deleted(conn, event_id):
                raise EditConflict(event_id, _seen(field, expected), None, field)
            raise KeyError(f"no event {event_id!r}")
        if expected is not None:
            current = row["value"] if field == "date" else _column(field, row[field], read=True)
            if _seen(field, current) != _seen(field, expected):
                raise EditConflict(event_id, _seen(field, expected), _seen(field, current), field)
        return row

    @staticmethod
    def _original(conn, event_id: str, row) -> dict:
        """The extractor's fields of the event (read after the lock, in its own statement:
        under PostgreSQL's READ COMMITTED a join in the locking SELECT saw the table as it
        was before a concurrent edit, and took that edit's value for the extractor's)."""
        recorded = conn.execute(select(corrections).where(
            corrections.c.event_id == event_id)).mappings().first()
        return _original_of(recorded, row)

    def _change(self, conn, row, changes: dict, original: dict) -> None:
        """Write ``changes`` (column -> stored value) to the event's row, with its status
        (status_of), the text index and the actors table kept in step, then its
        ``corrected`` mark."""
        event_id = row["event_id"]
        this = event_table.c.event_id == event_id
        before = actor_months.counted(conn, this)
        if {"value", "status"} & set(changes):
            edit = conn.execute(select(corrections.c.value, corrections.c.status).where(
                corrections.c.event_id == event_id)).first()
            changes["status"] = status_of(dict(row) | changes, row["published"], original,
                                          edit is not None and edit[0] is not None,
                                          edit[1] if edit is not None else None)
        if "summary" in changes:
            changes["search"] = _search(dict(row) | changes,
                                        article_search(conn, row["article_id"]))
        conn.execute(update(event_table).where(event_table.c.event_id == event_id)
                     .values(**changes))
        if "actors" in changes:
            conn.execute(delete(event_actors).where(event_actors.c.event_id == event_id))
            _add_actors(conn, [{"event_id": event_id, "actors": changes["actors"]}])
        self._settle(conn, event_id)
        changed(conn)  # its event's agreed interval may change (groups.py)
        actor_months.keep(conn, before, this)  # the actor facet's summary

    @staticmethod
    def _settle(conn, event_id: str) -> None:
        """``corrected`` is whether any edit is left; a correction with none (and no
        deletion) is dropped."""
        c = corrections.c
        row = conn.execute(select(c.value, c.status, c.summary, c.actors, c.deleted)
                           .where(c.event_id == event_id)).first()
        edited = row is not None and any(v is not None for v in row[:4])
        if row is not None and not edited and not row[4]:
            conn.execute(delete(corrections).where(c.event_id == event_id))
        conn.execute(update(event_table).where(event_table.c.event_id == event_id)
                     .values(corrected=int(edited)))

    @staticmethod
    def _exists(conn, event_id: str) -> bool:
        return conn.execute(select(event_table.c.event_id).where(
            event_table.c.event_id == event_id)).first() is not None

    @staticmethod
    def _was_deleted(conn, event_id: str) -> bool:
        return conn.execute(select(corrections.c.deleted).where(
            corrections.c.event_id == event_id)).scalar() == 1

    @staticmethod
    def _record(conn, event_id: str, original: dict, **fields) -> None:
        """Insert or update the correction of ``event_id``: ``fields`` are its columns to
        set (None: not edited); the extractor's ``original`` is kept from the first edit."""
        fields["corrected_at"] = _now()
        statement = upsert(conn, corrections).values(
            event_id=event_id, original_value=original["value"],
            original=json.dumps(original, ensure_ascii=False), **fields)
        set_ = {name: statement.excluded[name] for name in fields}
        set_["original"] = func.coalesce(corrections.c.original, statement.excluded.original)
        conn.execute(statement.on_conflict_do_update(
            index_elements=[corrections.c.event_id], set_=set_))

HAND_PATH = "added by hand"  # articles.path of the article behind an event added by hand
_DATE_FIELDS = ("value", "start_date", "end_date", "granularity")
_ORIGINAL_FIELDS = (*_DATE_FIELDS, "status", "summary", "actors")


def _column(name: str, value, read: bool = False):
    """A field as stored in its column (actors: JSON text), or read back (``read=True``)."""
    if name != "actors":
        return value
    if read:
        return tuple(json.loads(value))
    return json.dumps(list(value), ensure_ascii=False)


def _edits_of(changes: dict, original: dict) -> dict:
    """The columns of a correction for ``changes``: None where the new value is the
    extractor's (no edit). The date's four columns go together, with its value."""
    same = {name for name, value in changes.items() if value == _column(name, original[name])}
    if "value" in changes and "value" not in same:
        same -= set(_DATE_FIELDS)
    return {name: None if name in same else value for name, value in changes.items()}


def _seen(field: str, value):
    """A field's value as a person saw it, for comparing: text with its whitespace folded,
    actors a tuple of names (a list, or one string separated by ';')."""
    if field == "actors":
        names = value.split(";") if isinstance(value, str) else value or ()
        return tuple(" ".join(str(n).split()) for n in names if str(n).strip())
    return " ".join(str(value).split())


def _original_of(recorded, row) -> dict:
    """The extractor's fields: from the correction recorded at the first edit, else those of
    the event's current ``row`` (never edited, or edited before schema v5, which kept only the
    original date value)."""
    if recorded is not None and recorded["original"]:
        return json.loads(recorded["original"])
    original = {name: row[name] for name in _ORIGINAL_FIELDS}
    original["actors"] = list(json.loads(row["actors"]))
    if recorded is not None and recorded["original_value"]:
        original["value"] = recorded["original_value"]
        try:
            start, end, original["granularity"] = interval_of(recorded["original_value"])
            original["start_date"], original["end_date"] = start.isoformat(), end.isoformat()
        except ValueError:
            pass
    return original


_CORRECTIONS = select(corrections).where(
    corrections.c.event_id.in_(bindparam("ids", expanding=True)))


def _with_edits(conn, rows: list[dict], published: str, text: str) -> list[dict]:
    """Event rows of an article being stored, with a person's edits applied, and those they
    deleted left out (``text``: the article's search text)."""
    found = {}
    ids = [r["event_id"] for r in rows]
    for start in range(0, len(ids), 500):
        found.update((r["event_id"], r) for r in conn.execute(
            _CORRECTIONS, {"ids": ids[start:start + 500]}).mappings())
    out = []
    for row in rows:
        edit = found.get(row["event_id"])
        if edit is not None and edit["deleted"]:
            continue
        if edit is not None:
            names = [n for n in ("value", "status", "summary", "actors") if edit[n] is not None]
            if "value" in names:
                names += ["start_date", "end_date", "granularity"]
            extracted = row
            row = row | {n: edit[n] for n in names} | {"corrected": int(bool(names))}
            row["status"] = status_of(row, published, extracted, edit["value"] is not None,
                                      edit["status"])
            row["search"] = _search(row, text)
        out.append(row)
    return out
