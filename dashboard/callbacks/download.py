"""Downloads of the filtered events: CSV (with a BOM for Excel), JSON (the format of
`timeline export`) and a TimelineJS story."""
from __future__ import annotations

from dash import Input, Output, State, ctx, no_update

from dashboard import ids
from dashboard.controls import parse_query

FORMATS = {  # button -> (format, file name, media type)
    ids.DOWNLOAD_CSV: ("csv", "timeline-events.csv", "text/csv"),
    ids.DOWNLOAD_JSON: ("json", "timeline-events.json", "application/json"),
    ids.DOWNLOAD_TIMELINEJS: ("timelinejs", "timeline-timelinejs.json", "application/json"),
}


def export_text(store, query: str, fmt: str) -> str:
    from timeline.export import to_csv, to_json
    from timeline.timelinejs import timelinejs_text

    events = store.iter_events(parse_query(query)[0])
    if fmt == "csv":
        return to_csv(events, bom=True)  # a BOM: Excel reads the file as UTF-8
    return timelinejs_text(events) if fmt == "timelinejs" else to_json(events)


def register(app, store, **_):
    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        [Input(button, "n_clicks") for button in FORMATS],
        State(ids.FILTER, "data"),
        prevent_initial_call=True,
    )
    def download(*args):
        if ctx.triggered_id not in FORMATS:
            return no_update
        fmt, name, media = FORMATS[ctx.triggered_id]
        return {"content": export_text(store, args[-1] or "", fmt), "filename": name, "type": media}
