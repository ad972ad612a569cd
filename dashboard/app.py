"""The app factory: ``create_app(store)``. Nothing is read from the store until a page asks."""
from __future__ import annotations

from pathlib import Path

import dash

from dashboard.api import register_api
from dashboard.callbacks import register_all
from dashboard.ingesting import MAX_BYTES, MAX_FILES, default_analyse
from dashboard.layout import build_layout

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def create_app(store, *, analyse=default_analyse, max_files: int = MAX_FILES,
               max_bytes: int = MAX_BYTES) -> dash.Dash:
    """A Dash app showing ``store`` (a timeline.store.EventStore).

    ``analyse(article) -> (events, timexes)`` turns uploaded articles into events (the
    NLP pipeline by default); ``max_files`` / ``max_bytes`` limit one upload.
    """
    app = dash.Dash(
        __name__, title="timeline", assets_folder=str(ASSETS), update_title=None,
        serve_locally=True, suppress_callback_exceptions=False,
    )
    app.layout = build_layout
    register_all(app, store, analyse=analyse, max_files=max_files, max_bytes=max_bytes)
    register_api(app.server, store, analyse=analyse, max_bytes=max_bytes)
    app.server.config["MAX_CONTENT_LENGTH"] = max_files * max_bytes * 2
    return app
