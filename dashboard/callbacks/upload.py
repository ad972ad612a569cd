"""Drop files -> ingest -> a per-file result list; the views refresh through DATA_VERSION."""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update

from dashboard import ids
from dashboard.ingesting import MAX_BYTES, MAX_FILES, default_analyse, ingest_uploads

COLOURS = {"added": "success", "duplicate": "secondary", "refused": "danger"}


def result_list(results) -> html.Ul:
    items = []
    for r in results:
        detail = (f"{r.events} events" if r.status == "added" else r.message)
        items.append(html.Li([dbc.Badge(r.status, color=COLOURS[r.status], className="me-1"),
                              html.Span(r.name, className="fw-semibold"), f" \u2014 {detail}"]))
    return html.Ul(items, className="list-unstyled upload-results mb-0")


def register(app, store, analyse=default_analyse, max_files=MAX_FILES, max_bytes=MAX_BYTES, **_):
    @app.callback(
        Output(ids.UPLOAD_RESULT, "children"),
        Output(ids.DATA_VERSION, "data", allow_duplicate=True),
        Output(ids.UPLOAD, "contents"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        State(ids.UPLOAD_PUBLISHED, "date"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def upload_files(contents, names, published, version):
        if not contents:
            return no_update, no_update, no_update
        if isinstance(contents, str):
            contents, names = [contents], [names]
        day = date.fromisoformat(published[:10]) if published else None
        results = ingest_uploads(store, contents, names, day, analyse, max_files, max_bytes)
        changed = any(r.status == "added" for r in results)
        return result_list(results), ((version or 0) + 1 if changed else no_update), None
