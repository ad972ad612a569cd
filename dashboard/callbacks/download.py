"""Downloads of the filtered events: CSV (with a BOM for Excel), JSON (the format of
`timeline export`: one row or object per event with its reports, or with "one row per mention"
ticked, one per mention) and a TimelineJS story."""
from __future__ import annotations

from dash import Input, Output, State, ctx, no_update

from dashboard import ids
from dashboard.controls import parse_query

FORMATS = {  # button -> (format, file name, media type)
    ids.DOWNLOAD_CSV: ("csv", "timeline-events.csv", "text/csv"),
    ids.DOWNLOAD_JSON: ("json", "timeline-events.json", "application/json"),
    ids.DOWNLOAD_TIMELINEJS: ("timelinejs", "timeline-timelinejs.json", "application/json"),
}


def export_text(store, query: str, fmt: str, mentions: bool = False) -> str:
    from timeline.export import iter_event_csv, iter_event_json, to_csv, to_json
    from timeline.timelinejs import timelinejs_text

    flt = parse_query(query)[0]
    if fmt == "timelinejs":
        return timelinejs_text(store.iter_events(flt))
    if not mentions:  # the stored events with their reports, as `timeline export`
        events = store.grouped_events(flt)
        return "".join(iter_event_csv(events, bom=True) if fmt == "csv" else iter_event_json(events))
    events = store.iter_events(flt)
    return to_csv(events, bom=True) if fmt == "csv" else to_json(events)  # a BOM: Excel reads UTF-8


def register(app, store, **_):
    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        [Input(button, "n_clicks") for button in FORMATS],
        State(ids.DOWNLOAD_MENTIONS, "value"),
        State(ids.FILTER, "data"),
        prevent_initial_call=True,
    )
    def download(*args):
        if ctx.triggered_id not in FORMATS:
            return no_update
        fmt, name, media = FORMATS[ctx.triggered_id]
        mentions = bool(args[-2])
        if mentions and fmt != "timelinejs":
            name = name.replace("-events", "-mentions")
        return {"content": export_text(store, args[-1] or "", fmt, mentions), "filename": name,
                "type": media}
