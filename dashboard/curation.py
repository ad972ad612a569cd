"""The REST routes of a person's edits (Flask routes on ``app.server``, beside dashboard/api.py).

    POST   /api/events                      add an event by hand: JSON {date, summary, status,
                                            actors, source, url, sentence} -> 201 the event
    GET    /api/events/<id>                 the event, with "edits": {field: extractor's value}
    PATCH  /api/events/<id>                 JSON {one of date|summary|actors|status: new value,
                                            "expected": the value you saw (optional)}
    POST   /api/events/<id>/revert          JSON {"field": date|summary|actors|status, "expected"}
    DELETE /api/events/<id>?expected=<date> delete (a re-ingest leaves it out)
    POST   /api/events/<id>/restore         undo a delete -> 200 the event (202 when its
                                            article is gone: it comes back with the article)

Every write goes through the store's one method for it (timeline/store/curation.py) and
through dashboard/guard.py (allowed origins, size, strict JSON). Errors are JSON
``{"error": ...}``: 400 for bad input, 404 for an unknown event, 409 when someone else changed
the field since you saw it (with "current": what it is now, null if deleted).
"""
from __future__ import annotations

from flask import Flask, jsonify, request

from timeline.store.edits import EDITABLE, REVERTIBLE
from timeline.store.event_store import EditConflict

NEW_EVENT_FIELDS = ("date", "summary", "status", "actors", "source", "url", "sentence")


def error(message: str, status: int = 400, **extra):
    return jsonify({"error": message} | extra), status


def event_json(store, event) -> dict:
    return event.to_json() | {"edits": store.edits(event.event_id)}


def json_object(allowed: tuple[str, ...]) -> dict:
    """The request's JSON object, with only ``allowed`` keys; ValueError otherwise."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValueError("send a JSON object (Content-Type: application/json)")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(unknown)[:200]}; "
                         f"use {', '.join(allowed)}")
    return data


def register_curation(server: Flask, store) -> None:
    def answer(change, event_id: str):
        """Run one edit; its errors as JSON (400 bad input, 404 unknown, 409 conflict)."""
        try:
            event = change()
        except EditConflict as exc:
            return error(str(exc), 409, current=exc.current)
        except KeyError:
            return error(f"no event {event_id[:80]!r}", 404)
        except ValueError as exc:
            return error(str(exc))
        return jsonify(event_json(store, event))

    @server.post("/api/events")
    def curation_add_event():
        try:
            data = json_object(NEW_EVENT_FIELDS)
            if not isinstance(data.get("date"), str):
                raise ValueError("date is required: a TIMEX3 value such as 2025-03-20, "
                                 "2025-03, 2025-W12 or 2025")
            event = store.add_event(data["date"], data.get("summary"), status=data.get("status"),
                                    actors=data.get("actors") or (),
                                    source=data.get("source") or "", url=data.get("url") or "",
                                    sentence=data.get("sentence") or "")
        except ValueError as exc:
            return error(str(exc))
        return jsonify(event_json(store, event)), 201

    @server.get("/api/events/<event_id>")
    def curation_event(event_id):
        event = store.event(event_id)
        if event is None:
            return error(f"no event {event_id[:80]!r}", 404)
        return jsonify(event_json(store, event))

    @server.patch("/api/events/<event_id>")
    def curation_edit_event(event_id):
        try:
            data = json_object(("date", *EDITABLE, "expected"))
            fields = [name for name in data if name != "expected"]
            if len(fields) != 1:
                raise ValueError(f"give exactly one of date, {', '.join(EDITABLE)} "
                                 "(one field per request, each with its own expected)")
        except ValueError as exc:
            return error(str(exc))
        field, expected = fields[0], data.get("expected")
        if not (expected is None or isinstance(expected, str) or field == "actors"
                and isinstance(expected, list) and all(isinstance(a, str) for a in expected)):
            return error("expected must be the value you saw: a string (actors: or a list "
                         "of strings)")
        if field == "date":
            if not isinstance(data["date"], str):
                return error("date must be a string")
            return answer(lambda: store.correct_event(event_id, data["date"], expected=expected),
                          event_id)
        return answer(lambda: store.edit_event(event_id, field, data[field], expected=expected),
                      event_id)

    @server.post("/api/events/<event_id>/revert")
    def curation_revert_event(event_id):
        try:
            data = json_object(("field", "expected"))
            if data.get("field") not in REVERTIBLE:
                raise ValueError(f"field must be one of {', '.join(REVERTIBLE)}")
        except ValueError as exc:
            return error(str(exc))
        return answer(lambda: store.revert_event(event_id, data["field"],
                                                 expected=data.get("expected")), event_id)

    @server.delete("/api/events/<event_id>")
    def curation_delete_event(event_id):
        try:
            deleted = store.delete_event(event_id, expected=request.args.get("expected"))
        except EditConflict as exc:
            return error(str(exc), 409, current=exc.current)
        if not deleted:
            return error(f"no event {event_id[:80]!r}", 404)
        return jsonify({"deleted": event_id, "restore": f"/api/events/{event_id}/restore"})

    @server.post("/api/events/<event_id>/restore")
    def curation_restore_event(event_id):
        try:
            event = store.restore_event(event_id)
        except KeyError:
            return error(f"no deleted event {event_id[:80]!r}", 404)
        if event is None:
            return jsonify({"restored": event_id,
                            "message": "its article was deleted; the event comes back when "
                                       "the article is ingested again"}), 202
        return jsonify(event_json(store, event))
