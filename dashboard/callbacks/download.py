"""CSV / JSON download of the filtered events, in the format of `timeline export`."""
from __future__ import annotations

from dash import Input, Output, State, ctx, no_update

from dashboard import ids
from dashboard.controls import parse_query


def export_text(store, query: str, fmt: str) -> str:
    from timeline.export import to_csv, to_json

    events = store.iter_events(parse_query(query)[0])
    return to_csv(events, bom=True) if fmt == "csv" else to_json(events)  # a BOM for Excel


def register(app, store, **_):
    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_CSV, "n_clicks"),
        Input(ids.DOWNLOAD_JSON, "n_clicks"),
        State(ids.FILTER, "data"),
        prevent_initial_call=True,
    )
    def download(_csv, _json, query):
        fmt = "csv" if ctx.triggered_id == ids.DOWNLOAD_CSV else "json"
        if not ctx.triggered_id:
            return no_update
        return {"content": export_text(store, query or "", fmt), "filename": f"timeline-events.{fmt}",
                "type": "text/csv" if fmt == "csv" else "application/json"}
