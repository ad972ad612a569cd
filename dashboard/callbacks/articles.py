"""The articles tab: every stored article with its event count; delete one with its events,
after the browser asks to confirm."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, no_update

from dashboard import ids
from dashboard.present import article_row, plural


def register(app, store, **_):
    @app.callback(
        Output(ids.ARTICLES_TABLE, "rowData"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.TABS, "active_tab"),
    )
    def list_articles(_version, tab):
        if tab != "articles":
            return no_update
        return [article_row(info) for info in store.articles()]

    @app.callback(
        Output(ids.ARTICLES_CONFIRM, "message"),
        Output(ids.ARTICLES_CONFIRM, "displayed"),
        Output(ids.ARTICLES_MESSAGE, "children", allow_duplicate=True),
        Input(ids.ARTICLES_DELETE, "n_clicks"),
        State(ids.ARTICLES_TABLE, "selectedRows"),
        prevent_initial_call=True,
    )
    def ask_first(_clicks, selected):
        """Deleting is not undone: the browser asks first, naming what goes."""
        if not selected:
            return no_update, False, dbc.Alert("Select an article first.", color="warning")
        row = selected[0]
        return (f"Delete \u201c{row['title']}\u201d and its {plural(row['events'], 'event')}? "
                "A re-ingest of the article brings it back with your corrections.", True, "")

    @app.callback(
        Output(ids.ARTICLES_MESSAGE, "children"),
        Output(ids.DATA_VERSION, "data", allow_duplicate=True),
        Input(ids.ARTICLES_CONFIRM, "submit_n_clicks"),
        State(ids.ARTICLES_TABLE, "selectedRows"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def delete_article(_confirmed, selected, version):
        if not selected:
            return dbc.Alert("Select an article first.", color="warning"), no_update
        row = selected[0]
        if not store.delete_article(row["article_id"]):
            return dbc.Alert("That article was already gone.", color="warning"), (version or 0) + 1
        return (dbc.Alert(f"Deleted \u201c{row['title']}\u201d and its {plural(row['events'], 'event')}.",
                          color="success"), (version or 0) + 1)
