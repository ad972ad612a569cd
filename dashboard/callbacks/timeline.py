"""The figure, the summary line, the table and the actor / source counts follow the FILTER store."""
from __future__ import annotations

from dash import Input, Output, State

from dashboard import ids
from dashboard.controls import parse_query
from dashboard.views import render_view


def register(app, store, **_):
    @app.callback(
        Output(ids.FIGURE, "figure"),
        Output(ids.SUMMARY, "children"),
        Output(ids.TABLE, "rowData"),
        Output(ids.TABLE_NOTE, "children"),
        Output(ids.ACTORS, "options"),
        Output(ids.SOURCES, "options"),
        Input(ids.FILTER, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.GROUP_BY, "value"),
        State(ids.ACTORS, "value"),
        State(ids.SOURCES, "value"),
    )
    def show_events(query, _version, group_by, actors, sources):
        """One callback, so a filter change costs one pass over the matching events."""
        flt, problem = parse_query(query)
        view = render_view(store, flt, group_by or "status", actors, sources)
        return (view.figure, (problem or view.summary), view.rows, view.note,
                view.actor_options, view.source_options)
