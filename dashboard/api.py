"""A small REST API beside the app (Flask routes on ``app.server``).

    GET  /api/events?start=&end=&q=&actors=&sources=&statuses=&granularities=&format=json|csv|timelinejs
    POST /api/articles      JSON {title, text, published, url, source} or multipart file(s)
    GET  /api/articles
    GET  /api/key-dates?dates=N&sentences=K&start=&end=   (dashboard/key_events.py)
    GET/POST/DELETE /api/events/grouped/<event_id>[/split|/merge|/date]   (dashboard/event_groups.py)
    POST /api/events, GET|PATCH|DELETE /api/events/<id>, .../revert, .../restore:
         a person's edits (dashboard/curation.py)

Errors are JSON ``{"error": "..."}`` with status 400 (404 for unknown routes under /api).
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from flask import Flask, Response, jsonify, request, stream_with_context
from werkzeug.exceptions import BadRequest

from dashboard.ingesting import MAX_BYTES, default_analyse
from timeline.ingest.dates import parse_day
from timeline.ingest.service import file_items, ingest, ingest_bytes
from timeline.model import GRANULARITIES, STATUSES, EventFilter

ARTICLE_FIELDS = ("title", "text", "published", "url", "source")
MAX_LIMIT = 1_000_000_000  # far above any store, far below SQLite's 64-bit integers


def error(message: str, status: int = 400):
    return jsonify({"error": message}), status


CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json",
                 "timelinejs": "application/json"}


def streamed(pieces, fmt: str) -> Response:
    """An export answered as it is written, piece by piece (timeline.export,
    timeline.timelinejs): never held whole, however many events."""
    return Response(stream_with_context(pieces), content_type=CONTENT_TYPES[fmt])


def check_article_json(data) -> None:
    """The shape of a JSON body: an object (or a list of objects) of the fields
    title, text, published, url, source, each a string; ValueError names what is wrong.
    What the fields hold is read by the one reader of .json files (timeline.ingest)."""
    records = data if isinstance(data, list) else [data]
    if not records or not all(isinstance(r, dict) for r in records):
        raise ValueError("the body must be a JSON object with text and published (or a list of them)")
    for record in records:
        unknown = sorted(set(record) - set(ARTICLE_FIELDS))
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(unknown)[:200]}")
        for name in ARTICLE_FIELDS:
            if record.get(name) is not None and not isinstance(record[name], str):
                raise ValueError(f"{name} must be a string")


def events_query(args, query_string: bytes) -> tuple[EventFilter, str, int | None]:
    """(filter, format, limit) of a GET /api/events query; ValueError says what is wrong."""
    fmt = args.get("format", "json")
    if fmt not in ("json", "csv", "timelinejs"):
        raise ValueError(f"format must be json, csv or timelinejs, not {fmt[:40]!r}")
    params = [(k, v) for k, v in parse_qsl(query_string.decode("utf-8", "replace"))
              if k not in ("format", "limit")]
    flt = EventFilter.from_query(urlencode(params))
    for name, known in (("statuses", STATUSES), ("granularities", GRANULARITIES)):
        unknown = [v for v in getattr(flt, name) if v not in known]
        if unknown:
            raise ValueError(f"unknown {name} {', '.join(map(repr, unknown))}; "
                             f"choose from {', '.join(known)}")
    limit = None
    if "limit" in args:
        raw = args["limit"]
        if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_LIMIT:
            raise ValueError(f"limit must be a whole number from 0 to {MAX_LIMIT:,}, "
                             f"not {raw[:40]!r}")
        limit = int(raw)
    return flt, fmt, limit


def register_api(server: Flask, store, analyse=default_analyse, max_bytes: int = MAX_BYTES) -> None:
    from dashboard.curation import register_curation
    from dashboard.event_groups import register_event_groups
    from dashboard.key_events import register_key_dates

    register_key_dates(server, store)
    register_event_groups(server, store)
    register_curation(server, store)

    @server.get("/api/events")
    def api_events():
        try:
            flt, fmt, limit = events_query(request.args, request.query_string)
        except ValueError as exc:
            return error(f"bad query: {exc}")
        from timeline.export import iter_csv, iter_json
        from timeline.timelinejs import iter_timelinejs

        # streamed: one event at a time leaves the store and goes out, whatever the number
        events = store.iter_events(flt, limit=limit)
        pieces = {"csv": lambda: iter_csv(events, bom=True),  # a BOM: Excel reads UTF-8
                  "json": lambda: iter_json(events), "timelinejs": lambda: iter_timelinejs(events)}
        return streamed(pieces[fmt](), fmt)

    @server.get("/api/<path:rest>")
    def api_unknown(rest):
        # without it Dash's page route answered any GET with the page itself, 200
        return error(f"no such API route: /api/{rest[:80]} (see the README's REST API)", 404)

    @server.get("/api/articles")
    def api_articles():
        return jsonify([{"article_id": a.article_id, "title": a.title, "url": a.url,
                         "source": a.source, "published": a.published.isoformat(),
                         "events": a.events} for a in store.articles()])

    @server.post("/api/articles")
    def api_add_articles():
        if request.files:
            published = request.form.get("published") or None
            try:
                day = parse_day(published) if published else None
            except ValueError as exc:
                return error(f"published {exc}")
            uploads = request.files.getlist("file") or list(request.files.values())
            results = list(ingest(store, (item for upload in uploads for item in file_items(
                upload.filename or "upload", upload.read(), day, max_bytes)), analyse=analyse))
        else:
            if not request.is_json:
                return error("send a JSON object (Content-Type: application/json) or files")
            try:  # the guard's strict JSON: too deep, a lone surrogate, bad syntax: its reason
                data = request.get_json()
            except BadRequest as exc:
                return error(exc.description)
            try:
                check_article_json(data)
            except ValueError as exc:
                return error(str(exc))
            # the body is read as the same record in a .json file: the same text, the same id
            results = ingest_bytes(store, "request.json", request.get_data(), max_bytes=max_bytes,
                                   analyse=analyse)
        body = {"results": [r.to_json() for r in results]}
        if all(r.status == "refused" for r in results):
            return jsonify(body | {"error": "; ".join(r.message for r in results)}), 400
        return jsonify(body), 201 if any(r.status == "added" for r in results) else 200

