"""Select an event (figure click or table row) -> side panel; correct or delete it; read the article."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, html, no_update

from dashboard import ids
from dashboard.present import (article_paragraphs, resolution_text, safe_url, sentence_pieces,
                               source_of)
from timeline.plain_dates import day_text, event_when, span_text

CANVAS = f"{ids.PANEL}-canvas"


def event_details(event) -> list:
    """The panel body for one event: every article string goes in as plain text."""
    link = safe_url(event.article_url)
    title = event.article_title or "(untitled article)"
    rows = [
        ("When", event_when(event)),
        ("Interval", f"{span_text(event.start_date, event.end_date)} \u00b7 TIMEX3 {event.value}"),
        ("Status", event.status + (" \u00b7 corrected by hand" if event.corrected else "")),
        ("Resolved", resolution_text(event)),
        ("Expression", event.expression),
        ("Source", source_of(event)),
        ("Published", day_text(event.published) if event.published else "\u2014"),
    ]
    return [
        html.Blockquote(sentence_pieces(event), className="evidence", id="evidence"),
        html.Dl([part for label, value in rows
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
        Output(ids.CORRECT_VALUE, "value"),
        Output(ids.PANEL_MESSAGE, "children", allow_duplicate=True),
        Input(ids.SELECTED, "data"),
        Input(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def show_event(event_id, _version):
        event = store.event(event_id) if event_id else None
        message = "" if ctx.triggered_id == ids.SELECTED else no_update
        if event is None:
            return [], False, "", message
        return event_details(event), True, event.value, message

    @app.callback(
        Output(ids.CORRECT_VALUE, "value", allow_duplicate=True),
        Input(ids.CORRECT_DATE, "date"),
        prevent_initial_call=True,
    )
    def picked_day(day):
        return day[:10] if day else no_update

    @app.callback(
        Output(ids.PANEL_MESSAGE, "children"),
        Output(ids.DATA_VERSION, "data", allow_duplicate=True),
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Input(ids.CORRECT_SAVE, "n_clicks"),
        Input(ids.DELETE_EVENT, "n_clicks"),
        State(ids.CORRECT_VALUE, "value"),
        State(ids.SELECTED, "data"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def change_event(_save, _delete, value, event_id, version):
        if not event_id:
            return no_update, no_update, no_update
        if ctx.triggered_id == ids.DELETE_EVENT:
            if store.delete_event(event_id):
                return (dbc.Alert("Event deleted.", color="success"), (version or 0) + 1, None)
            return dbc.Alert("This event no longer exists.", color="warning"), no_update, None
        try:
            event = store.correct_event(event_id, (value or "").strip())
        except (ValueError, KeyError) as exc:
            return dbc.Alert(f"Not saved: {exc}", color="danger"), no_update, no_update
        return (dbc.Alert(f"Saved: {event.value} ({event.start_date.isoformat()}), marked as a "
                          "manual correction.", color="success"), (version or 0) + 1, no_update)

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
