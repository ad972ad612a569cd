"""Filter controls <-> the URL (a shareable view) <-> the FILTER store every view listens to.
The URL also holds the lanes and the open tab (``lanes=actor&tab=story``; defaults left out);
the FILTER store holds the filter alone, so a tab change redraws nothing."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from dash import Input, Output, ctx, no_update

from dashboard import ids
from dashboard.callbacks.key_events import TAB_ID as KEY_EVENTS_TAB
from dashboard.controls import controls_from_filter, filter_from_controls, parse_query
from timeline.model import EventFilter

CONTROLS = [(ids.DATES, "start_date"), (ids.DATES, "end_date"), (ids.SEARCH, "value"),
            (ids.ACTORS, "value"), (ids.SOURCES, "value"), (ids.STATUSES, "value"),
            (ids.GRANULARITIES, "value"), (ids.ARTICLES, "value")]
KEYS = ("start", "end", "text", "actors", "sources", "statuses", "precisions", "articles")
TABS = ("timeline", "story", KEY_EVENTS_TAB, "articles")
LANES = ("status", "actor", "source")


def page_state(search: str | None) -> tuple[str, str]:
    """(lanes, tab) in a URL query string; the defaults for anything missing or unknown."""
    params = dict(parse_qsl((search or "").lstrip("?")))
    lanes = params.get("lanes") if params.get("lanes") in LANES else LANES[0]
    tab = params.get("tab") if params.get("tab") in TABS else TABS[0]
    return lanes, tab


def address(query: str, lanes: str | None, tab: str | None) -> str:
    """The URL's query string: the filter, then the lanes and tab when not the defaults."""
    extra = [(k, v) for k, v, default in (("lanes", lanes, LANES[0]), ("tab", tab, TABS[0]))
             if v and v != default]
    full = "&".join(part for part in (query, urlencode(extra)) if part)
    return "?" + full if full else ""


def register(app, store, **_):
    @app.callback(
        Output(ids.URL, "search"),
        [Output(i, p) for i, p in CONTROLS],
        Output(ids.GROUP_BY, "value"),
        Output(ids.TABS, "active_tab"),
        Output(ids.FILTER, "data"),
        Input(ids.URL, "search"),
        [Input(i, p) for i, p in CONTROLS],
        Input(ids.GROUP_BY, "value"),
        Input(ids.TABS, "active_tab"),
        Input(ids.RESET, "n_clicks"),
    )
    def sync_filter(search, *values):
        """On load (or back/forward) the URL sets the controls; a control change sets the URL."""
        trigger = ctx.triggered_id
        lanes, tab = values[len(KEYS)], values[len(KEYS) + 1]
        if trigger in (None, ids.URL, ids.RESET):
            flt, problem = (EventFilter(), "") if trigger == ids.RESET else parse_query(search)
            controls = controls_from_filter(flt)
            query = "" if problem else flt.to_query()
            url_lanes, url_tab = page_state(search)
            if trigger == ids.RESET:
                return (address(query, lanes, tab), *[controls[k] for k in KEYS],
                        no_update, no_update, query)
            shown = search if problem else query  # the views then say what was wrong
            return no_update, *[controls[k] for k in KEYS], url_lanes, url_tab, shown
        flt = filter_from_controls(*values[: len(KEYS)])
        query = flt.to_query()
        same = trigger in (ids.GROUP_BY, ids.TABS)
        return (address(query, lanes, tab), *[no_update] * len(KEYS), no_update, no_update,
                no_update if same else query)
