"""The figure, the summary line, the table and the actor / source counts follow the FILTER store.
A zoom (or a click on a crowded day) redraws the figure alone, with the labels that fit."""
from __future__ import annotations

from datetime import date, timedelta

from dash import Input, Output, State, ctx, no_update

from dashboard import ids
from dashboard.controls import parse_query
from dashboard.layout import article_columns, event_columns, graph_config
from dashboard.views import figure_only, render_view

ZOOM_DAYS = 5  # a click on a crowded day shows this many days on each side
WIDE = 992     # Bootstrap's lg: from this window width the filters sit beside the timeline


def plot_width(screen: int | None) -> int:
    """The plot's width in pixels for a window ``screen`` pixels wide (labels are placed in it):
    three quarters of the window beside the filters, the whole window on a phone, less the lane
    names."""
    screen = int(screen or 1400)
    return max(200, int(screen * 0.75 if screen >= WIDE else screen) - 190)


def view_of(relayout: dict | None):
    """The x range a Plotly relayout event asks for: (first, last) dates, "all", or None when the
    event is not about the x axis (a legend click, a resize)."""
    if not relayout:
        return None
    if relayout.get("xaxis.autorange"):
        return "all"
    lo = relayout.get("xaxis.range[0]")
    hi = relayout.get("xaxis.range[1]")
    if lo is None and isinstance(relayout.get("xaxis.range"), list):
        lo, hi = relayout["xaxis.range"][:2]
    try:
        return date.fromisoformat(str(lo)[:10]), date.fromisoformat(str(hi)[:10])
    except (TypeError, ValueError):
        return None


def clicked_day(click: dict | None) -> date | None:
    """The day of a crowded-day mark that was clicked ("day:2025-03-20" in its customdata)."""
    data = ((click or {}).get("points") or [{}])[0].get("customdata") or [""]
    if isinstance(data, list) and str(data[0]).startswith("day:"):
        return date.fromisoformat(data[0][4:])
    return None


def keep_view(figure: dict, query, view) -> dict:
    """Plotly keeps the reader's zoom while ``uirevision`` stays the same: a new filter or a
    range chosen here (a crowded day clicked) is a new revision, so the figure's range shows."""
    figure.setdefault("layout", {})["uirevision"] = f"{query or ''}|{view}"
    return figure


def register(app, store, **_):
    app.clientside_callback("function(_) { return window.innerWidth; }",
                            Output(ids.SCREEN, "data"), Input(ids.URL, "pathname"))

    @app.callback(Output(ids.TABLE, "columnDefs"), Output(ids.FIGURE, "config"),
                  Output(ids.ARTICLES_TABLE, "columnDefs"),
                  Input(ids.SCREEN, "data"), prevent_initial_call=True)
    def fit_screen(screen):
        return event_columns(screen), graph_config(screen), article_columns(screen)

    @app.callback(
        Output(ids.FIGURE, "figure"),
        Output(ids.SUMMARY, "children"),
        Output(ids.TABLE, "rowData"),
        Output(ids.TABLE_NOTE, "children"),
        Output(ids.ACTORS, "options"),
        Output(ids.SOURCES, "options"),
        Output(ids.DATES, "initial_visible_month"),
        Input(ids.FILTER, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.GROUP_BY, "value"),
        Input(ids.SCREEN, "data"),
        State(ids.FIGURE, "relayoutData"),
        State(ids.ACTORS, "value"),
        State(ids.SOURCES, "value"),
    )
    def show_events(query, _version, group_by, screen, relayout, actors, sources):
        """One callback, so a filter change costs one pass over the matching events. A zoom
        is another callback (zoom_events): when this one was fired again by the figure's own
        relayout events, the renderer dropped the full answer still on its way for the
        second's (the first page load then sometimes kept an empty summary and table)."""
        flt, problem = parse_query(query)
        fired = set(ctx.triggered_prop_ids.values())  # several inputs may change at once
        view = None if ids.FILTER in fired or not fired else view_of(relayout)
        shown = render_view(store, flt, group_by or "status", actors, sources, view,
                            plot_width(screen))
        return (keep_view(shown.figure, query, view), (problem or shown.summary), shown.rows, shown.note,
                shown.actor_options, shown.source_options, shown.newest or no_update)

    @app.callback(
        Output(ids.FIGURE, "figure", allow_duplicate=True),
        Input(ids.FIGURE, "relayoutData"),
        Input(ids.FIGURE, "clickData"),
        State(ids.FILTER, "data"),
        State(ids.GROUP_BY, "value"),
        State(ids.SCREEN, "data"),
        prevent_initial_call=True,
    )
    def zoom_events(relayout, click, query, group_by, screen):
        """A zoom or a click on a crowded day: the figure alone, with the labels that fit."""
        clicked = f"{ids.FIGURE}.clickData" in ctx.triggered_prop_ids
        day = clicked_day(click) if clicked else None
        view = ((day - timedelta(days=ZOOM_DAYS), day + timedelta(days=ZOOM_DAYS + 1))
                if day else view_of(relayout))
        if view is None:  # not about the x axis (a resize, a legend click)
            return no_update
        figure = figure_only(store, parse_query(query)[0], group_by or "status", view,
                             plot_width(screen))
        return no_update if figure is None else keep_view(figure, query, view)
