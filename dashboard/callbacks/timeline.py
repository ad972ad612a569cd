"""The figure, the summary line and the table follow the FILTER store."""
from __future__ import annotations

from dash import Input, Output

from dashboard import ids
from dashboard.controls import parse_query
from dashboard.views import render_view


def register(app, store, **_):
    @app.callback(
        Output(ids.FIGURE, "figure"),
        Output(ids.SUMMARY, "children"),
        Output(ids.TABLE, "rowData"),
        Output(ids.TABLE_NOTE, "children"),
        Input(ids.FILTER, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.GROUP_BY, "value"),
    )
    def show_events(query, _version, group_by):
        flt, problem = parse_query(query)
        view = render_view(store, flt, group_by or "status")
        return view.figure, (problem or view.summary), view.rows, view.note
