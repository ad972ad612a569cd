"""The "Key events" tab: the most important days of the collection (the same ranking as
``timeline key-dates`` and ``GET /api/key-dates``), within the dates of the current filter."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, html, no_update

from dashboard import ids
from dashboard.controls import parse_query
from dashboard.key_events import DEFAULT_DATES, DEFAULT_SENTENCES, MAX_DATES, MAX_SENTENCES
from timeline.plain_dates import plural

TAB_ID = "key-events"


def key_events_tab() -> html.Div:
    """The tab's static layout; the list is filled by the callback."""
    return html.Div([
        html.Div([  # the controls and their note wrap onto lines of their own on a phone
            html.Div([
                html.Label("Days", htmlFor=ids.KEY_DAYS, className="small me-2"),
                dbc.Input(id=ids.KEY_DAYS, type="number", min=1, max=MAX_DATES, step=1,
                          value=DEFAULT_DATES, size="sm", style={"width": "6rem"}),
            ], className="d-flex align-items-center"),
            html.Div([
                html.Label("Sentences per day", htmlFor=ids.KEY_SENTENCES, className="small me-2"),
                dbc.Input(id=ids.KEY_SENTENCES, type="number", min=1, max=MAX_SENTENCES, step=1,
                          value=DEFAULT_SENTENCES, size="sm", style={"width": "5rem"}),
            ], className="d-flex align-items-center"),
            html.Span("Days ranked by how many independent articles report them; reports "
                      "written after the day weigh more. Dates follow the timeline's filter.",
                      className="small text-muted"),
        ], className="d-flex flex-wrap align-items-center gap-2 my-2"),
        html.Div(id=ids.KEY_LIST),
    ])


def _bounded(value, default: int, high: int) -> int:
    try:
        return max(1, min(high, int(value)))
    except (TypeError, ValueError):
        return default


def render_key_events(keys) -> list:
    """Dash components for a list of KeyDate (text goes in as text: Dash escapes it)."""
    if not keys:
        return [dbc.Alert("No dated events in this range yet.", color="secondary")]
    return [dbc.Card(dbc.CardBody([
        html.H6([key.date.strftime("%A %-d %B %Y"),
                 html.Span(f" \u00b7 {plural(key.articles, 'article')}",
                           className="text-muted small")], className="mb-1"),
        html.Ul([html.Li(sentence) for sentence in key.sentences], className="mb-0"),
    ]), className="mb-2 key-event") for key in keys]


def register(app, store, **_):
    from timeline.story.service import store_key_dates

    @app.callback(
        Output(ids.KEY_LIST, "children"),
        Input(ids.TABS, "active_tab"),
        Input(ids.KEY_DAYS, "value"),
        Input(ids.KEY_SENTENCES, "value"),
        Input(ids.FILTER, "data"),
        Input(ids.DATA_VERSION, "data"),
    )
    def show_key_events(tab, days, sentences, query, _version):
        if tab != TAB_ID:
            return no_update
        flt = parse_query(query)[0]  # one the page could not read: all events (the
        # timeline's summary says why)
        keys = store_key_dates(store, _bounded(days, DEFAULT_DATES, MAX_DATES),
                               _bounded(sentences, DEFAULT_SENTENCES, MAX_SENTENCES),
                               flt.start, flt.end)
        return render_key_events(keys)
