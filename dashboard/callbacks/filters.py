"""Filter controls <-> the URL (a shareable view) <-> the FILTER store every view listens to."""
from __future__ import annotations

from dash import Input, Output, ctx, no_update

from dashboard import ids
from dashboard.controls import controls_from_filter, filter_from_controls, parse_query
from timeline.model import EventFilter

CONTROLS = [(ids.DATES, "start_date"), (ids.DATES, "end_date"), (ids.SEARCH, "value"),
            (ids.ACTORS, "value"), (ids.SOURCES, "value"), (ids.STATUSES, "value"),
            (ids.GRANULARITIES, "value")]
KEYS = ("start", "end", "text", "actors", "sources", "statuses", "precisions")


def register(app, store, **_):
    @app.callback(
        Output(ids.URL, "search"),
        [Output(i, p) for i, p in CONTROLS],
        Output(ids.FILTER, "data"),
        Input(ids.URL, "search"),
        [Input(i, p) for i, p in CONTROLS],
        Input(ids.RESET, "n_clicks"),
    )
    def sync_filter(search, *values):
        """On load (or back/forward) the URL sets the controls; a control change sets the URL."""
        trigger = ctx.triggered_id
        if trigger in (None, ids.URL, ids.RESET):
            flt, problem = (EventFilter(), "") if trigger == ids.RESET else parse_query(search)
            controls = controls_from_filter(flt)
            query = search if problem else flt.to_query()  # the views then say what was wrong
            new_search = ("?" + query if query else "") if trigger == ids.RESET else no_update
            return new_search, *[controls[k] for k in KEYS], query
        flt = filter_from_controls(*values[: len(KEYS)])
        query = flt.to_query()
        return ("?" + query if query else ""), *[no_update] * len(KEYS), query
