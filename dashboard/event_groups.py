"""A person's edits of stored events over HTTP (the store's, docs/STORY.md):

    GET    /api/events/grouped/<event_id>          -> the event with its reports (export's object)
    POST   /api/events/grouped/<event_id>/split    {"report": "<mention id>"} -> its new event
    POST   /api/events/grouped/<event_id>/merge    {"event": "<other event id>"} -> the merged event
    POST   /api/events/grouped/<event_id>/date     {"value": "2025-03-16"} -> the event, redated
    DELETE /api/events/grouped/<event_id>          -> {"deleted": <reports>}

Every edit survives a re-ingest. Errors are JSON {"error": ...}: 404 for an unknown event or
report, 400 for a bad body or value. Writes pass the server's origin check (dashboard/guard.py).
"""
from __future__ import annotations

from flask import jsonify, request

ROUTE = "/api/events/grouped/<event_id>"


def _field(name: str) -> str:
    data = request.get_json(silent=True)
    value = data.get(name) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f'send a JSON object {{"{name}": "..."}} (Content-Type: application/json)')
    return value.strip()


def register_event_groups(server, store) -> None:
    def answer(event_id: str, status: int = 200):
        event = store.grouped_event(event_id)
        if event is None:
            return jsonify({"error": f"no event {event_id!r}"}), 404
        return jsonify(event.to_json()), status

    def edit(action):
        try:
            return action()
        except KeyError as err:
            return jsonify({"error": str(err.args[0])}), 404
        except ValueError as err:
            return jsonify({"error": str(err)}), 400

    @server.get(ROUTE)
    def api_grouped_event(event_id):
        return answer(event_id)

    @server.post(ROUTE + "/split")
    def api_split_report(event_id):
        def split():
            report = _field("report")
            if store.event_of(report) != event_id:
                raise KeyError(f"no report {report!r} in event {event_id!r}")
            return answer(store.split_report(report))
        return edit(split)

    @server.post(ROUTE + "/merge")
    def api_merge_events(event_id):
        return edit(lambda: answer(store.merge_events(event_id, _field("event"))))

    @server.post(ROUTE + "/date")
    def api_date_event(event_id):
        def redate():
            store.correct_grouped_event(event_id, _field("value"))
            return answer(event_id)
        return edit(redate)

    @server.delete(ROUTE)
    def api_delete_event(event_id):
        count = store.delete_grouped_event(event_id)
        if not count:
            return jsonify({"error": f"no event {event_id!r}"}), 404
        return jsonify({"deleted": count})
