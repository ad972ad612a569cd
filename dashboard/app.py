"""The app factory: ``create_app(store)``. Nothing is read from the store until a page asks."""
from __future__ import annotations

from pathlib import Path

import dash

from dashboard.api import register_api
from dashboard.callbacks import register_all
from dashboard.guard import allowed_origins, install, request_cap
from dashboard.ingesting import MAX_BYTES, MAX_FILES, default_analyse
from dashboard.layout import build_layout

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def create_app(store, *, analyse=default_analyse, max_files: int = MAX_FILES,
               max_bytes: int = MAX_BYTES, allowed_hosts: list[str] | None = None,
               jobs: str | None = None) -> dash.Dash:
    """A Dash app showing ``store`` (a timeline.store.EventStore).

    ``analyse(article) -> (events, timexes)`` turns uploaded articles into events (the
    NLP pipeline by default); ``max_files`` / ``max_bytes`` limit one upload (and the size of
    any request). ``allowed_hosts``: the origins (``http://host:port``) the server answers and
    takes writes from; None is the loopback names on any port (see dashboard/guard.py).
    ``jobs``: a Redis URL to queue uploads with Celery (dashboard/jobs.py runs them) instead of
    a diskcache on this machine.
    """
    app = dash.Dash(
        __name__, title="timeline", assets_folder=str(ASSETS), update_title=None,
        serve_locally=True, suppress_callback_exceptions=False,
    )
    install(app.server, allowed=allowed_origins(allowed_hosts),
            max_request_bytes=request_cap(max_files, max_bytes))
    app.layout = build_layout
    register_all(app, store, analyse=analyse, max_files=max_files, max_bytes=max_bytes, jobs=jobs)
    register_api(app.server, store, analyse=analyse, max_bytes=max_bytes)
    warm_up()
    return app


def warm_up() -> None:
    """Import and run once, before the server's threads start, what requests would otherwise
    first import at the same moment in several threads. Measured: with orjson 3.8 installed
    (Plotly then encodes with it), a thread encoding a figure while another was importing
    numpy (a correction's first date arithmetic) killed a gunicorn worker with SIGILL."""
    import numpy
    from plotly.io.json import to_json_plotly

    import timeline.temporal.values  # noqa: F401  (a correction's date arithmetic)

    to_json_plotly({"data": [{"x": numpy.arange(2), "type": "scatter"}], "layout": {}})
