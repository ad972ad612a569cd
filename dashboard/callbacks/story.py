"""The story tab: the filtered events as a chronological reading page; print it or save it as
one self-contained HTML file."""
from __future__ import annotations

from dash import Input, Output, State, dcc, no_update

from dashboard import ids
from dashboard.controls import parse_query
from dashboard.present import plural
from dashboard.story import STORY_LIMIT, story_entries, story_html, story_markup


def story_title(flt) -> str:
    """The page's title from the filter: the actors, the search words, the sources."""
    parts = list(flt.actors[:3]) + ([f"\u201c{flt.text}\u201d"] if flt.text else []) \
        + list(flt.sources[:2])
    return "Timeline: " + ", ".join(parts) if parts else "Timeline"


def register(app, store, **_):
    @app.callback(
        Output(ids.STORY, "children"),
        Output(ids.STORY_TITLE, "children"),
        Input(ids.FILTER, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.TABS, "active_tab"),
    )
    def show_story(query, _version, tab):
        if tab != "story":
            return no_update, no_update
        flt, problem = parse_query(query)
        events = store.events(flt, limit=STORY_LIMIT * 4)
        entries = story_entries(events)
        head = story_title(flt) + f" \u00b7 {plural(len(events), 'event')}"
        # one block of escaped HTML (dashboard.story), not a Dash component per entry
        return dcc.Markdown(story_markup(entries), dangerously_allow_html=True), problem or head

    app.clientside_callback("function(n) { if (n) { window.print(); } return ''; }",
                            Output(ids.STORY_PRINTED, "children"),
                            Input(ids.STORY_PRINT, "n_clicks"), prevent_initial_call=True)

    @app.callback(
        Output(ids.STORY_DOWNLOAD, "data"),
        Input(ids.STORY_SAVE, "n_clicks"),
        State(ids.FILTER, "data"),
        prevent_initial_call=True,
    )
    def save_story(_clicks, query):
        flt, _ = parse_query(query)
        events = store.events(flt, limit=STORY_LIMIT * 4)
        subtitle = f"{plural(len(events), 'event')} \u00b7 filter: {flt.to_query() or 'none'}"
        page = story_html(story_entries(events), story_title(flt), subtitle)
        return {"content": page, "filename": "timeline-story.html", "type": "text/html"}
