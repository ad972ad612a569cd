"""`timeline group ...`: look at a stored event and fix its grouping (docs/STORY.md).

    timeline group show EVENT_ID [--db URL] [--json]     the event and its reports
    timeline group split REPORT_ID [--db URL]            the report (a mention id) into its own event
    timeline group merge EVENT_ID OTHER_ID [--db URL]    OTHER_ID's reports into EVENT_ID
    timeline group date EVENT_ID VALUE [--db URL]        every report's date set to VALUE (TIMEX3)
    timeline group delete EVENT_ID [--db URL]            every report deleted

Each edit is a person's and survives a re-ingest of the articles (EventStore.split_report,
merge_events, correct_grouped_event, delete_grouped_event). Errors: one line, exit code 1.
"""
from __future__ import annotations

import json
from contextlib import contextmanager

import click

from timeline.cli.store import DB_HELP, open_store, printable
from timeline.plain_dates import plural

db_option = click.option("--db", help=DB_HELP)


@contextmanager
def _store(db):
    store = open_store(db, must_exist=True)
    try:
        yield store
    except KeyError as err:
        raise click.ClickException(f"{printable(str(err.args[0]))} in {store.path}") from None
    except ValueError as err:
        raise click.ClickException(printable(str(err))) from None
    finally:
        store.close()


def _show(event) -> None:
    click.echo(f"{event.event_id}  {event.when}  [{event.status}]  {printable(event.summary)}")
    click.echo(f"  {plural(len(event.reports), 'report')}, sources: {printable(', '.join(event.sources)) or '-'}")
    for r in event.reports:
        published = r.published.isoformat() if r.published else "-"
        click.echo(f"  {r.event_id}  {published}  {printable(r.source or '-')}: "
                   f"{printable(r.sentence)}")


@click.group()
def group():
    """Look at a stored event (a happening with its reports) and split, merge, date or delete it."""


@group.command()
@click.argument("event_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The event as `timeline export` writes it.")
def show(event_id, db, as_json):
    """Show an event and its reports (their ids are the ones `split` takes)."""
    with _store(db) as store:
        event = store.grouped_event(event_id)
        if event is None:
            raise KeyError(f"no event {event_id!r}")
        if as_json:
            click.echo(json.dumps(event.to_json(), ensure_ascii=False, indent=2))
        else:
            _show(event)


@group.command()
@click.argument("report_id")
@db_option
def split(report_id, db):
    """Move one report out of its event into an event of its own."""
    with _store(db) as store:
        before = store.event_of(report_id)
        new_id = store.split_report(report_id)
        click.echo(f"report {report_id} is now event {new_id}"
                   + ("" if new_id == before else f" (it was in event {before})"))


@group.command()
@click.argument("event_id")
@click.argument("other_id")
@db_option
def merge(event_id, other_id, db):
    """Merge event OTHER_ID into EVENT_ID (which keeps its id)."""
    with _store(db) as store:
        store.merge_events(event_id, other_id)
        _show(store.grouped_event(event_id))


@group.command()
@click.argument("event_id")
@click.argument("value")
@db_option
def date(event_id, value, db):
    """Set the date of every report of an event (YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, YYYY-Qn...)."""
    with _store(db) as store:
        done = store.correct_grouped_event(event_id, value)
        click.echo(f"event {event_id}: {plural(len(done), 'report')} dated {value.strip()}")


@group.command()
@click.argument("event_id")
@db_option
def delete(event_id, db):
    """Delete an event: every report of it (a re-ingest leaves them out)."""
    with _store(db) as store:
        count = store.delete_grouped_event(event_id)
        if not count:
            raise KeyError(f"no event {event_id!r}")
        click.echo(f"deleted event {event_id} and its {plural(count, 'report')}")
