"""The story beside the app: key dates and grouped events over HTTP.

    GET /api/key-dates?dates=N&sentences=K[&start=YYYY-MM-DD][&end=YYYY-MM-DD]
        -> [{"date": "YYYY-MM-DD", "sentences": ["...", ...]}, ...] in date order
    GET /api/events/grouped?<the filter of /api/events>&format=json|csv
        -> one object (row) per event with its reports, as `timeline export` writes them

The same ranking as ``timeline key-dates`` (``timeline.story.service.store_key_dates``) and the
same stored events as ``timeline export`` (``EventStore.grouped_events``: the events with a
report matching the filter, each with all its reports; ``limit`` counts events).
"""
from __future__ import annotations

from datetime import date

MAX_DATES = 1000
MAX_SENTENCES = 20
DEFAULT_DATES = 10
DEFAULT_SENTENCES = 2


def _count(args, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, not {raw[:40]!r}")
    return int(raw)


def _day(args, name: str) -> date | None:
    raw = args.get(name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{name} is not a date: {raw[:40]!r} (use YYYY-MM-DD)") from None


def key_dates_query(args) -> tuple[int, int, date | None, date | None]:
    """(dates, sentences, start, end) of a query; ValueError says what is wrong."""
    dates = _count(args, "dates", DEFAULT_DATES, 1, MAX_DATES)
    sentences = _count(args, "sentences", DEFAULT_SENTENCES, 0, MAX_SENTENCES)
    start, end = _day(args, "start"), _day(args, "end")
    if start and end and start > end:
        raise ValueError(f"start {start} is after end {end}")
    return dates, sentences, start, end


def register_key_dates(server, store) -> None:
    from flask import jsonify, request

    from timeline.story.service import store_key_dates

    @server.get("/api/events/grouped")
    def api_grouped_events():
        from dashboard.api import events_query, streamed
        from timeline.export import iter_event_csv, iter_event_json

        try:
            flt, fmt, limit = events_query(request.args, request.query_string)
        except ValueError as exc:
            return jsonify({"error": f"bad query: {exc}"}), 400
        if fmt == "timelinejs":
            return jsonify({"error": "bad query: format must be json or csv here (TimelineJS: "
                                     "GET /api/events?format=timelinejs)"}), 400
        events = store.iter_grouped_events(flt, limit=limit)  # read a page at a time, streamed
        return streamed(iter_event_csv(events, bom=True) if fmt == "csv"
                        else iter_event_json(events), fmt)

    @server.get("/api/key-dates")
    def api_key_dates():
        try:
            dates, sentences, start, end = key_dates_query(request.args)
        except ValueError as exc:
            return jsonify({"error": f"bad query: {exc}"}), 400
        return jsonify([k.to_json() for k in store_key_dates(store, dates, sentences, start, end)])
