"""The Celery app of upload jobs, for a team whose dashboard runs on several machines:

    TIMELINE_DB=postgresql://... TIMELINE_JOBS=redis://broker:6379/0 celery --app dashboard.jobs worker
    TIMELINE_DB=postgresql://... TIMELINE_JOBS=redis://broker:6379/0 timeline serve --host 0.0.0.0

A worker builds the same dashboard as `timeline serve --jobs` (Dash registers each background
callback as a Celery task when the app is built), on its own connection to the database named by
TIMELINE_DB, and runs the uploads the servers queue on the broker. Without TIMELINE_JOBS uploads
need no worker of this kind: they queue in a diskcache on the server's machine.
"""
from __future__ import annotations

import os

from dashboard import create_app
from timeline.store import EventStore


def _celery_app():
    jobs = os.environ.get("TIMELINE_JOBS", "")
    if not jobs:
        raise RuntimeError("set TIMELINE_JOBS to the Redis URL the dashboard queues uploads on "
                           "(and TIMELINE_DB to its database)")
    app = create_app(EventStore(), jobs=jobs)
    return next(c["manager"].handle for key, c in app.callback_map.items()
                if c.get("manager") is not None)


app = _celery_app()
