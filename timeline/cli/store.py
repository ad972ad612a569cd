"""`timeline ingest`, `timeline export`, `timeline articles`: the database from the shell.

    timeline ingest PATH... [--db URL] [--published DATE] [--demo] [--workers N | --cluster URL]
    timeline export [--db URL] [--format csv|json] [-o FILE] [--start DATE] [--end DATE]
                    [--actor NAME ...] [--source NAME ...] [--status S ...]
                    [--granularity G ...] [--article ID ...] [--query TEXT]
    timeline articles [--db URL] [--delete ID]

``--db`` is a file path, ``sqlite:///path`` or ``postgresql://user@host/dbname``; without it, $TIMELINE_DB, else
``timeline.db`` in the current directory. Every error is one line naming what and why,
with a non-zero exit code.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

import click

from timeline.model import GRANULARITIES, STATUSES, EventFilter, source_label
from timeline.plain_dates import plural

DB_HELP = ("Database: a file path, sqlite:///path or postgresql://user@host/dbname "
           "[default: $TIMELINE_DB or ./timeline.db]")


class DateParam(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        from timeline.ingest.dates import parse_day

        try:
            return parse_day(value)
        except ValueError as exc:
            self.fail(f"{exc}; write it as YYYY-MM-DD", param, ctx)


DATE = DateParam()
# what a terminal would act on instead of showing: C0/C1 controls (ESC starts colour, cursor and
# title sequences), DEL, bidi overrides; shown as \xNN / \uNNNN instead
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: every control character written as an escape."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)


def open_store(db, must_exist: bool = False):
    """The store at ``db``; reading commands (``must_exist``) never create an empty file."""
    from pathlib import Path

    from timeline.store import EventStore, StoreError, resolve_path
    from timeline.store.connection import is_server_url

    try:
        path = resolve_path(db)
        if must_exist and path != ":memory:" and not is_server_url(path) and not Path(path).exists():
            raise StoreError(f"no database at {path}; store articles first with "
                             "`timeline ingest`, or give --db")
        return EventStore(db)
    except StoreError as err:
        raise click.ClickException(str(err)) from None


@dataclass
class IngestSummary:
    added: int = 0
    duplicates: int = 0
    events: int = 0
    refused: list[str] = field(default_factory=list)  # "file: reason"

    def count(self, result) -> None:
        """Add one ``timeline.ingest.service.ItemResult``."""
        if result.status == "added":
            self.added += 1
            self.events += result.events
        elif result.status == "duplicate":
            self.duplicates += 1
        else:
            self.refused.append(f"{result.name}: {result.message}")

    def line(self) -> str:
        return (f"{plural(self.added, 'article')} added, {plural(self.events, 'event')} found, "
                f"{self.duplicates} skipped as duplicate{'s' * (self.duplicates != 1)}, "
                f"{len(self.refused)} refused")


def run_ingest(store, items: Iterable, workers: int = 1, progress: bool = True,
               cluster: str | None = None) -> IngestSummary:
    """Tag and store a stream of Article | IngestError through the ingest service, one
    transaction per article; refusals are collected, never raised."""
    from tqdm import tqdm

    from timeline.ingest.service import ingest as ingest_items

    summary = IngestSummary()
    bar = tqdm(unit=" articles", file=sys.stderr, delay=1.0, disable=not progress,
               dynamic_ncols=True)
    try:
        for result in ingest_items(store, items, workers=workers, cluster=cluster):
            summary.count(result)
            bar.update()
            bar.set_postfix(events=summary.events, refresh=False)
    finally:
        bar.close()
    return summary


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--db", help=DB_HELP)
@click.option("--published", type=DATE,
              help="Publication date for articles that carry none (metadata and datelines win).")
@click.option("--demo", is_flag=True, help="Ingest the demo corpus shipped with timeline.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes tagging articles in parallel (a local Dask cluster).")
@click.option("--cluster", metavar="URL",
              help="Tag on the workers of this Dask scheduler (tcp://host:8786) instead.")
def ingest(paths, db, published, demo, workers, cluster):
    """Read articles from files and folders, find their events, store them.

    Folders are read recursively (.txt .text .md .markdown .html .htm .xhtml .json .jsonl
    .ndjson .csv .tsv). A file that cannot be read is reported with the reason and the
    others are still stored; the exit code is then 1.
    """
    if not paths and not demo:
        raise click.UsageError("give at least one PATH, or --demo")
    if cluster and workers > 1:
        raise click.UsageError("give --workers or --cluster, not both")
    store = open_store(db)
    items: list[Iterable] = []
    if demo:
        from timeline.demo import demo_articles

        items.append(demo_articles())
    if paths:
        from timeline.ingest import read_many

        items.append(read_many(paths, published))
    try:
        summary = run_ingest(store, (item for group in items for item in group), workers,
                             progress=sys.stderr.isatty(), cluster=cluster)
    except RuntimeError as err:  # no Dask scheduler there, or no worker: one line
        from timeline.events.extract import ClusterError

        if not isinstance(err, ClusterError):
            raise
        raise click.ClickException(str(err)) from None
    finally:
        store.close()
    for reason in summary.refused:
        click.echo(f"refused: {printable(reason)}", err=True)
    click.echo(f"{summary.line()} -> {store.path}")
    if summary.refused:
        sys.exit(1)


@click.command()
@click.option("--db", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "timelinejs"]),
              default="csv", show_default=True,
              help="timelinejs: a story for TimelineJS (timeline.knightlab.com).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=str),
              help="File to write [default: standard output].")
@click.option("--start", type=DATE, help="Events whose dates reach this day or later.")
@click.option("--end", type=DATE, help="Events whose dates begin on this day or earlier.")
@click.option("--actor", "actors", multiple=True, help="Events naming this actor (repeatable).")
@click.option("--source", "sources", multiple=True, help="Events from this source (repeatable).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Events of this status (repeatable).")
@click.option("--granularity", "granularities", multiple=True, type=click.Choice(GRANULARITIES),
              help="Events dated to this precision (repeatable).")
@click.option("--article", "article_ids", multiple=True, help="Events of this article id.")
@click.option("--query", default="", help="Words that must all appear (any case) in the event's "
              "sentence, summary or expression or in its article's title or text.")
@click.option("--bom/--no-bom", default=None, help="Start the CSV with a byte-order mark, so "
              "Excel reads UTF-8 [default: with -o FILE, not on standard output].")
@click.option("--mentions", is_flag=True, help="One row per dated mention (each expression in "
              "its sentence) instead of one per event with its reports.")
def export(db, fmt, output, start, end, actors, sources, statuses, granularities,
           article_ids, query, bom, mentions):
    """Write the stored events (all, or those matching the filters) as CSV, JSON or TimelineJS.

    An event is a happening with every report of it (the mentions of one happening, grouped as
    articles are stored, with a person's splits and merges); events with a report matching the
    filters are written with all their reports. --mentions writes the mentions themselves, one
    per row."""
    from timeline.export import write_csv, write_event_csv, write_event_json, write_json
    from timeline.timelinejs import write_timelinejs

    if start and end and start > end:
        raise click.BadParameter(f"--start {start} is after --end {end}")
    flt = EventFilter(start=start, end=end, text=query, actors=actors, sources=sources,
                      article_ids=article_ids, statuses=statuses, granularities=granularities)
    store = open_store(db, must_exist=True)
    bom = bool(output) if bom is None else bom
    if mentions or fmt == "timelinejs":
        write = {"csv": lambda events, handle: write_csv(events, handle, bom=bom),
                 "json": write_json, "timelinejs": write_timelinejs}[fmt]
        read = store.iter_events
    else:  # the stored events (timeline.store.groups), each with every report
        write = ((lambda events, handle: write_event_csv(events, handle, bom=bom))
                 if fmt == "csv" else write_event_json)
        read = store.iter_grouped_events
    try:
        events = read(flt)
        if output:
            try:
                with open(output, "w", encoding="utf-8", newline="") as handle:
                    count = write(events, handle)
            except OSError as err:
                raise click.ClickException(
                    f"cannot write {output}: {err.strerror or err}") from None
            click.echo(f"{plural(count, 'event')} written to {output}", err=True)
        else:
            write(events, click.get_text_stream("stdout"))
    finally:
        store.close()


@click.command()
@click.option("--db", help=DB_HELP)
@click.option("--delete", "delete_id", metavar="ID", help="Delete this article and its events.")
def articles(db, delete_id):
    """List the stored articles with their number of events, or delete one."""
    store = open_store(db, must_exist=True)
    try:
        if delete_id:
            info = {a.article_id: a for a in store.articles()}.get(delete_id)
            if info is None or not store.delete_article(delete_id):
                raise click.ClickException(f"no article {printable(delete_id)!r} in {store.path}")
            click.echo(f"deleted {delete_id} ({printable(info.title) or 'untitled'}) and its "
                       f"{plural(info.events, 'event')}")
            return
        listed = store.articles()
        if not listed:
            click.echo(f"no articles in {store.path}")
            return
        click.echo(f"{'id':16}  {'published':10}  {'events':>6}  {'source':20}  title")
        for a in listed:
            click.echo(f"{a.article_id:16}  {a.published.isoformat():10}  {a.events:>6}  "
                       f"{_cut(source_label(a.source, a.url), 20):20}  {_cut(a.title, 60)}")
        events = sum(a.events for a in listed)
        click.echo(f"{plural(len(listed), 'article')}, {plural(events, 'event')}")
    finally:
        store.close()


def _cut(text: str, width: int) -> str:
    text = printable(" ".join(text.split()))
    return text if len(text) <= width else text[:width - 1] + "…"
