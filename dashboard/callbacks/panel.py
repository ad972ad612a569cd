"""Select an event (figure click or table row) -> side panel; read the article. The panel's edit
form, delete and undo: dashboard/callbacks/curation.py."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, html, no_update

from dashboard import ids
from dashboard.present import (article_paragraphs, resolution_text, safe_url, sentence_pieces,
                               source_of)
from timeline.plain_dates import day_text, event_when, span_text

CANVAS = f"{ids.PANEL}-canvas"


def event_details(event, edits: dict | None = None) -> list:
    """The panel body for one event: every article string goes in as plain text. ``edits``:
    the fields a person edited (EventStore.edits), marked as such."""
    edits = edits or {}
    link = safe_url(event.article_url)
    title = event.article_title or ("Added by hand" if event.by_hand else "(untitled article)")
    edited = " \u00b7 edited by hand"
    rows = [
        ("When", event_when(event) + (edited if "date" in edits else "")),
        ("Interval", f"{span_text(event.start_date, event.end_date)} \u00b7 TIMEX3 {event.value}"),
        ("Status", event.status + (edited if "status" in edits else "")),
        ("Resolved", "added by hand" if event.by_hand else
         "corrected by hand" if "date" in edits else resolution_text(event, date_edited=False)),
        ("Expression", event.expression) if not event.by_hand else None,
        ("Source", source_of(event)),
        ("Added" if event.by_hand else "Published",
         day_text(event.published) if event.published else "\u2014"),
    ]
    summary = [html.Div(event.summary, className="panel-summary", id="panel-summary")]
    if "summary" in edits:
        summary.append(html.Div("summary edited by hand", className="small text-muted"))
    evidence = (html.Blockquote(sentence_pieces(event), className="evidence", id="evidence")
                if event.sentence else None)
    return [
        *summary,
        evidence,
        html.Dl([part for label, value in filter(None, rows)
                 for part in (html.Dt(label), html.Dd(value))], className="facts"),
        html.Div([dbc.Badge(a, color="light", text_color="dark", className="me-1 mb-1")
                  for a in event.actors] or html.Span("no actor found", className="text-muted"),
                 className="mb-2"),
        html.Div([
            html.A(title, href=link, target="_blank", rel="noopener noreferrer nofollow")
            if link else html.Span(title),
        ], className="article-title mb-2"),
    ]


def register(app, store, **_):
    @app.callback(
        Output(ids.SELECTED, "data"),
        Input(ids.FIGURE, "clickData"),
        Input(ids.TABLE, "cellClicked"),
        prevent_initial_call=True,
    )
    def select_event(click, cell):
        if ctx.triggered_id == ids.FIGURE and click:
            data = click["points"][0].get("customdata")
            if not data or str(data[0]).startswith("day:"):  # a crowded day: the figure zooms
                return no_update
            return data[0]
        if ctx.triggered_id == ids.TABLE and cell:
            return cell.get("rowId") or no_update
        return no_update

    @app.callback(
        Output(ids.TABLE, "selectedRows"),
        Output(ids.TABLE, "scrollTo"),
        Input(ids.SELECTED, "data"),
        State(ids.TABLE, "rowData"),
        prevent_initial_call=True,
    )
    def select_row(event_id, rows):
        """The table follows a click in the figure: the event's row is selected and shown."""
        if not event_id or not any(r["event_id"] == event_id for r in rows or ()):
            return {"ids": []}, no_update
        return {"ids": [event_id]}, {"rowId": event_id, "rowPosition": "middle"}

    @app.callback(
        Output(ids.PANEL, "children"),
        Output(CANVAS, "is_open"),
        Output(ids.PANEL_MESSAGE, "children", allow_duplicate=True),
        Output(ids.READ_ARTICLE, "style"),
        Input(ids.SELECTED, "data"),
        Input(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def show_event(event_id, _version):
        event = store.event(event_id) if event_id else None
        message = "" if ctx.triggered_id == ids.SELECTED else no_update
        if event is None:
            return [], False, message, no_update
        # an event added by hand has no article to read
        return (event_details(event, store.edits(event_id)), True, message,
                {"display": "none"} if event.by_hand else {})

    @app.callback(
        Output(ids.ARTICLE_MODAL, "is_open"),
        Output(ids.ARTICLE_MODAL_TITLE, "children"),
        Output(ids.ARTICLE_MODAL_BODY, "children"),
        Input(ids.READ_ARTICLE, "n_clicks"),
        State(ids.SELECTED, "data"),
        prevent_initial_call=True,
    )
    def read_article(clicks, event_id):
        event = store.event(event_id) if clicks and event_id else None
        article = store.article(event.article_id) if event else None
        if article is None:
            return no_update, no_update, no_update
        timexes = store.article_timexes(event.article_id)
        head = f"{article.title or '(untitled)'} \u2014 {article.published.isoformat()}"
        return True, head, article_paragraphs(article.text, timexes)
