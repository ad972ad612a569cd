"""`timeline serve`: the dashboard and the REST API on the event store, under gunicorn.

gunicorn runs the Flask server under Dash: worker processes, each with a pool of threads, each
process with its own store (its own connection pool: nothing crosses a fork). On SQLite one
process with threads is the default (readers run beside the one writer in WAL mode); on
PostgreSQL several processes. ``--debug`` uses Flask's development server instead (reloader,
Dash dev tools), never meant for a shared host.
"""
from __future__ import annotations

import os

import click

SQLITE_WORKERS = 1
SERVER_WORKERS = min(4, 2 * (os.cpu_count() or 1))
THREADS = 8
TIMEOUT = 120  # seconds a request may take before gunicorn restarts its worker


def load_demo(store, echo=click.echo) -> None:
    """Ingest the demo corpus into ``store`` through the ingest service; texts already there
    are skipped."""
    from timeline.demo import demo_articles
    from timeline.ingest.service import ingest
    from timeline.plain_dates import plural

    counts = {"added": 0, "duplicate": 0, "refused": 0}
    events = 0
    for result in ingest(store, demo_articles()):
        counts[result.status] += 1
        events += result.events
        if result.status == "refused":
            echo(result.line())
    echo(f"demo corpus: {plural(counts['added'], 'article')} added ({plural(events, 'event')}), "
         f"{counts['duplicate']} already there")


def check_port(host: str, port: int) -> None:
    """A port another server holds is named before anything starts (gunicorn would print
    the address as served, then retry for seconds and stop with its own log lines)."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
            probe.bind(address)
    except OSError as exc:
        raise click.ClickException(
            f"cannot serve on {host}:{port}: {exc.strerror or exc} (another server there? "
            "choose another with --port)") from None


def gunicorn_app(factory, options: dict):
    """A gunicorn application that builds the WSGI app with ``factory()`` in each worker."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return factory()

    return Server()


def run_gunicorn(factory, *, host: str, port: int, workers: int, threads: int,
                 preload: bool = False) -> None:
    """Serve ``factory()`` (a WSGI app) with gunicorn until stopped (Ctrl+C, SIGTERM)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    gunicorn_app(factory, {
        "bind": [bind], "workers": workers, "threads": threads, "worker_class": "gthread",
        "timeout": TIMEOUT, "graceful_timeout": 10, "preload_app": preload,
        "accesslog": None, "errorlog": "-", "loglevel": "warning",
        "proc_name": "timeline-serve",
    }).run()


@click.command("serve")
@click.option("--db", "db", default=None, metavar="PATH|URL",
              help="SQLite file or postgresql://user@host/dbname (default: $TIMELINE_DB or ./timeline.db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default is reachable from this machine only.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="ORIGIN",
              help="An origin (http[s]://name[:port]) the server answers and takes writes from; "
                   "repeatable. Default: the bound address (and the loopback names on 127.0.0.1).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help=f"gunicorn worker processes (default: {SQLITE_WORKERS} on SQLite, "
                   f"{SERVER_WORKERS} on PostgreSQL).")
@click.option("--threads", type=click.IntRange(1, 256), default=THREADS, show_default=True,
              help="Threads per worker process.")
@click.option("--jobs", metavar="REDIS_URL", envvar="TIMELINE_JOBS",
              help="Queue uploads on this Redis broker for Celery workers (`celery --app "
                   "dashboard.jobs worker`, same TIMELINE_DB and TIMELINE_JOBS) instead of a "
                   "queue on this machine. Env: TIMELINE_JOBS.")
@click.option("--demo", is_flag=True, help="Ingest the demo corpus first (duplicates skipped).")
@click.option("--debug", is_flag=True,
              help="Flask's development server with Dash debug mode (reloader, dev tools). "
                   "Never on a shared host.")
def serve(db, host, port, allowed_hosts, workers, threads, jobs, demo, debug):
    """Open the dashboard at http://HOST:PORT on the event store."""
    from dashboard.guard import default_allowed, parse_origin
    from timeline.store import EventStore, StoreError
    from timeline.store.connection import MEMORY, is_server_url, resolve_path

    try:
        allowed = [str(parse_origin(h)) for h in allowed_hosts]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--allowed-host") from None
    allowed = allowed or [str(o) for o in default_allowed(host, port)]
    check_port(host, port)
    try:
        target = resolve_path(db)
        store = EventStore(target)
    except (StoreError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    if demo:
        load_demo(store)
    from dashboard import create_app

    memory = target == MEMORY  # one process only, sharing the store built here
    workers = 1 if memory else workers or (SERVER_WORKERS if is_server_url(target) else SQLITE_WORKERS)
    click.echo(f"timeline dashboard on http://{host}:{port}/  (store: {store.path}; "
               + ("Flask development server" if debug else
                  f"gunicorn, {workers} process(es) x {threads} threads")
               + f"; allowed: {', '.join(allowed)}; Ctrl+C stops)")
    if debug:
        create_app(store, allowed_hosts=allowed, jobs=jobs).run(host=host, port=port, debug=True)
        return
    if memory:
        app = create_app(store, allowed_hosts=allowed).server
        run_gunicorn(lambda: app, host=host, port=port, workers=1, threads=threads, preload=True)
        return
    store.close()  # each worker opens its own: connection pools do not survive a fork
    run_gunicorn(lambda: create_app(EventStore(target), allowed_hosts=allowed, jobs=jobs).server,
                 host=host, port=port, workers=workers, threads=threads)
