"""`timeline serve`: the dashboard on the embedded store."""
from __future__ import annotations

import click


def load_demo(store, echo=click.echo) -> None:
    """Ingest the demo corpus into ``store``; texts already there are skipped."""
    from timeline.demo import demo_articles
    from timeline.events import analyse

    added = skipped = events = 0
    for article in demo_articles():
        if store.article(article.article_id) is not None:
            skipped += 1
            continue
        found, timexes = analyse(article)
        result = store.add_article(article, found, timexes)
        added += result.added
        events += result.events
    echo(f"demo corpus: {added} articles added ({events} events), {skipped} already there")


@click.command("serve")
@click.option("--db", "db", default=None, metavar="PATH|URL",
              help="SQLite file or postgresql://user@host/dbname (default: $TIMELINE_DB or ./timeline.db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default is reachable from this machine only.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535))
@click.option("--demo", is_flag=True, help="Ingest the demo corpus first (duplicates skipped).")
@click.option("--debug", is_flag=True, help="Dash debug mode (reloader, dev tools). Never on a shared host.")
def serve(db, host, port, demo, debug):
    """Open the dashboard at http://HOST:PORT on the event store."""
    from timeline.store import EventStore, StoreError

    try:
        store = EventStore(db)
    except (StoreError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    if demo:
        load_demo(store)
    from dashboard import create_app

    app = create_app(store)
    click.echo(f"timeline dashboard on http://{host}:{port}/  (store: {store.path}; Ctrl+C stops)")
    app.run(host=host, port=port, debug=debug)
