"""Downloads of the filtered events: CSV (with a BOM for Excel), JSON (the format of
`timeline export`: one row or object per event with its reports, or with "one row per mention"
ticked, one per mention) and a TimelineJS story.

Each button is a link to the API's streamed export of the page's filter (dashboard/api.py:
GET /api/events/grouped per event, GET /api/events per mention and for TimelineJS), so the
server writes the file one event at a time, never whole, and the browser saves it under the
link's file name."""
from __future__ import annotations

from urllib.parse import urlencode

from dash import Input, Output

from dashboard import ids
from dashboard.controls import parse_query

FORMATS = {  # button -> (format, file name)
    ids.DOWNLOAD_CSV: ("csv", "timeline-events.csv"),
    ids.DOWNLOAD_JSON: ("json", "timeline-events.json"),
    ids.DOWNLOAD_TIMELINEJS: ("timelinejs", "timeline-timelinejs.json"),
}
EVENTS_ROUTE, GROUPED_ROUTE = "/api/events", "/api/events/grouped"


def download_link(query: str | None, fmt: str, mentions: bool = False,
                  relative=lambda path: path) -> tuple[str, str]:
    """(address, file name) of the download of the filter ``query`` (one the page could not
    read: all events, as the page shows) in ``fmt``; ``relative`` makes the route's path
    the app's (``app.get_relative_path``)."""
    name = {fmt: file for fmt, file in FORMATS.values()}[fmt]
    per_mention = mentions or fmt == "timelinejs"  # a TimelineJS slide is a mention
    if mentions and fmt != "timelinejs":
        name = name.replace("-events", "-mentions")
    flt = parse_query(query or "")[0].to_query()
    route = relative(EVENTS_ROUTE if per_mention else GROUPED_ROUTE)
    return f"{route}?" + "&".join(p for p in (flt, urlencode({"format": fmt})) if p), name


def register(app, store, **_):
    @app.callback(
        [Output(button, prop) for button in FORMATS for prop in ("href", "download")],
        Input(ids.FILTER, "data"),
        Input(ids.DOWNLOAD_MENTIONS, "value"),
    )
    def download_links(query, mentions):
        return [part for fmt, _ in FORMATS.values()
                for part in download_link(query, fmt, bool(mentions), app.get_relative_path)]
