"""Key dates beside the app: ``GET /api/key-dates`` and the parsing it shares with the view.

    GET /api/key-dates?dates=N&sentences=K[&start=YYYY-MM-DD][&end=YYYY-MM-DD]
        -> [{"date": "YYYY-MM-DD", "sentences": ["...", ...]}, ...] in date order

The same ranking as ``timeline key-dates`` (``timeline.story.service.store_key_dates``).
"""
from __future__ import annotations

from datetime import date

MAX_DATES = 1000
MAX_SENTENCES = 20
DEFAULT_DATES = 10
DEFAULT_SENTENCES = 2


def _count(args, name: str, default: int, high: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) > high:
        raise ValueError(f"{name} must be a whole number from 0 to {high}, not {raw[:40]!r}")
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
    dates = _count(args, "dates", DEFAULT_DATES, MAX_DATES)
    sentences = _count(args, "sentences", DEFAULT_SENTENCES, MAX_SENTENCES)
    start, end = _day(args, "start"), _day(args, "end")
    if start and end and start > end:
        raise ValueError(f"start {start} is after end {end}")
    return dates, sentences, start, end


def register_key_dates(server, store) -> None:
    from flask import jsonify, request

    from timeline.story.service import store_key_dates

    @server.get("/api/key-dates")
    def api_key_dates():
        try:
            dates, sentences, start, end = key_dates_query(request.args)
        except ValueError as exc:
            return jsonify({"error": f"bad query: {exc}"}), 400
        return jsonify([k.to_json() for k in store_key_dates(store, dates, sentences, start, end)])
