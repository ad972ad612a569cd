"""Drop files -> a background job through the ingest service -> a per-file result list.

The analysis runs off the request thread: a Dash background callback whose jobs a diskcache
queue hands to a worker process (``dash.DiskcacheManager``), reporting progress to the page
(a bar with "n of N files, k added") until the results replace it; the views then refresh
through DATA_VERSION. The queue is one per database and user on a machine (``jobs_directory``),
shared by the server's gunicorn processes, since any of them may answer a progress poll; or,
for servers on several machines, Celery on a Redis broker (``jobs``, dashboard/jobs.py). A store in memory cannot be shared with another process, so with one
the upload runs in the request as before.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update

from dashboard import ids
from dashboard.ingesting import MAX_BYTES, MAX_FILES, default_analyse, ingest_uploads
from dashboard.present import plural
from timeline.ingest.dates import parse_day

COLOURS = {"added": "success", "duplicate": "secondary", "refused": "danger"}


LONG_LIST = 8  # more results than this: a count first, the refused ones, the rest folded


def _result_item(r) -> html.Li:
    detail = plural(r.events, "event") if r.status == "added" else r.message
    name = f"{r.name}: {r.title}" if r.title and r.name.lower().endswith((".json", ".jsonl", ".csv", ".tsv")) else r.name
    return html.Li([dbc.Badge(r.status, color=COLOURS[r.status], className="me-1"),
                    html.Span(name, className="fw-semibold"), f" \u2014 {detail}"])


def result_list(results):
    """One line per file or record; a long list (a JSONL of 90 articles) starts with the
    counts and the refusals, and folds every line under "every article"."""
    items = html.Ul([_result_item(r) for r in results], className="list-unstyled upload-results mb-0")
    if len(results) <= LONG_LIST:
        return items
    count = {status: sum(r.status == status for r in results) for status in COLOURS}
    events = sum(r.events for r in results if r.status == "added")
    refused = [_result_item(r) for r in results if r.status == "refused"]
    return html.Div([
        html.P(f"{len(results)} articles: {count['added']} added ({plural(events, 'event')}), "
               f"{count['duplicate']} already in the store, {count['refused']} refused",
               className="fw-semibold mb-1 upload-counts"),
        html.Ul(refused, className="list-unstyled upload-results mb-1") if refused else None,
        html.Details([html.Summary(f"every article ({len(results)})"), items]),
    ])


def jobs_directory(database: str) -> str:
    """The folder of the upload jobs of ``database`` (its path, or its URL without password):
    the same for every server process of this user on this machine, so the gunicorn worker
    that answers a page's progress poll finds the job another one started. In the user's cache
    folder ($XDG_CACHE_HOME or ~/.cache), readable by that user only."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    key = hashlib.sha256(database.encode("utf-8")).hexdigest()[:16]
    folder = cache / "timeline" / "jobs" / key
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return str(folder)


def job_manager(directory: str | None = None):
    """The job queue of background uploads: a diskcache in ``directory`` (a new temporary
    folder by default), one worker process per job."""
    import diskcache
    from dash import DiskcacheManager

    return DiskcacheManager(diskcache.Cache(directory or tempfile.mkdtemp(prefix="timeline-jobs-")))


def manager_for(store, jobs: str | None = None):
    """The upload queue: Celery on the broker at ``jobs`` (``redis://host:6379/0``: its
    workers run `celery --app dashboard.jobs worker`, on any machine that reaches the broker and
    the database), else a diskcache on this machine (``jobs_directory``)."""
    if jobs:
        from celery import Celery
        from dash import CeleryManager

        return CeleryManager(Celery("timeline", broker=jobs, backend=jobs))
    return job_manager(jobs_directory(store.path))


def progress_of(results, total_files: int) -> tuple[int, str]:
    """(percent, text) of the page's progress bar after ``results`` (ItemResults in file
    order). A file is done once a result of the next file arrives: a JSONL or CSV file of 90
    articles gives 90 results, and its first one does not finish it."""
    started = len(dict.fromkeys(r.name for r in results))
    done = max(0, started - 1)
    added = sum(r.status == "added" for r in results)
    return (max(5, round(100 * done / max(1, total_files))),
            f"analysing: {done} of {plural(total_files, 'file')} done, "
            f"{plural(len(results), 'article')} read, {added} added")


def register(app, store, analyse=default_analyse, max_files=MAX_FILES, max_bytes=MAX_BYTES,
             jobs: str | None = None, **_):
    background = getattr(store, "path", ":memory:") != ":memory:"
    options = {}
    if background:
        options = dict(
            background=True, manager=manager_for(store, jobs),
            progress=[Output(ids.UPLOAD_PROGRESS_BAR, "value"), Output(ids.UPLOAD_PROGRESS_TEXT, "children")],
            running=[(Output(ids.UPLOAD_PROGRESS, "style"), {"display": "block"}, {"display": "none"}),
                     (Output(ids.UPLOAD, "disabled"), True, False)],
        )

    def run(set_progress, contents, names, published, version):
        if not contents:
            return no_update, no_update, no_update
        if isinstance(contents, str):
            contents, names = [contents], [names]
        try:
            day = parse_day(published) if published else None
        except ValueError as exc:
            return html.Div(f"publication date {exc}", className="text-danger"), no_update, None
        report = None
        if set_progress is not None:
            store.forked()  # this job runs in a process of its own
            set_progress(progress_of([], len(contents)))
            report = lambda done, results: set_progress(progress_of(results, len(contents)))  # noqa: E731
        results = ingest_uploads(store, contents, names, day, analyse, max_files, max_bytes,
                                 progress=report)
        changed = any(r.status == "added" for r in results)
        return result_list(results), ((version or 0) + 1 if changed else no_update), None

    callback = app.callback(
        Output(ids.UPLOAD_RESULT, "children"),
        Output(ids.DATA_VERSION, "data", allow_duplicate=True),
        Output(ids.UPLOAD, "contents"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        State(ids.UPLOAD_PUBLISHED, "date"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
        **options,
    )
    if background:
        callback(run)
    else:
        callback(lambda *args: run(None, *args))
