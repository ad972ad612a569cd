"""`timeline events FILE [--published YYYY-MM-DD] [--json]`: the events of one article.

No database: the file is read with the ingest readers, tagged, and its events printed as a
table (date, status, expression, summary, actors) or as a JSON list of ``Event.to_json()``.
The file's own publication date (metadata, a "Published:" header, a dateline) wins over
``--published``, which is the fallback; a file with neither is refused. A file that holds
several articles (JSON lines, CSV) gives the events of each, in turn.
"""
from __future__ import annotations

import json
import shutil
import textwrap
from datetime import date
from pathlib import Path

import click

from timeline.cli.store import printable
from timeline.plain_dates import plural
from timeline.model import Article, Event

DATE_WIDTH, STATUS_WIDTH, EXPRESSION_WIDTH = 12, 9, 22


def _published(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def _read(path: Path, published: date | None) -> list[Article]:
    from timeline.ingest import IngestError, read_path

    if path.is_dir():
        raise click.ClickException(f"{path}: is a folder; give one article file")
    try:
        articles = list(read_path(path, published))
    except IngestError as error:
        raise click.ClickException(str(error)) from None
    if not articles:
        raise click.ClickException(f"{path}: no article in this file")
    return articles


def _pipeline():
    from timeline.nlp import load

    try:
        return load()
    except (OSError, ImportError, ValueError) as exc:
        raise click.ClickException(f"cannot load the English pipeline: {exc}") from None


def ordered(events: list[Event]) -> list[Event]:
    """Events in timeline order: by start date, then by place in the article."""
    return sorted(events, key=lambda e: (e.start_date, e.end_date, e.sentence_start + e.expr_start))


def table(events: list[Event], width: int = 100) -> str:
    """A plain-text table: date, status, expression, then the summary and actors wrapped."""
    indent = DATE_WIDTH + STATUS_WIDTH + EXPRESSION_WIDTH + 3
    wrap = max(30, width - indent)
    lines = [f"{'DATE':<{DATE_WIDTH}} {'STATUS':<{STATUS_WIDTH}} {'EXPRESSION':<{EXPRESSION_WIDTH}} SUMMARY"]
    for ev in events:
        expression = textwrap.shorten(printable(ev.expression), EXPRESSION_WIDTH, placeholder="…")
        body = textwrap.wrap(printable(ev.summary), wrap) or [""]
        if ev.actors:
            body += textwrap.wrap("actors: " + printable(", ".join(ev.actors)), wrap)
        lines.append(f"{ev.value:<{DATE_WIDTH}} {ev.status:<{STATUS_WIDTH}} "
                     f"{expression:<{EXPRESSION_WIDTH}} {body[0]}")
        lines.extend(" " * indent + more for more in body[1:])
    return "\n".join(lines)


@click.command("events")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--published", callback=_published, metavar="YYYY-MM-DD",
              help="Publication date, used when the file does not carry its own.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of events instead of a table.")
def events(file: Path, published: date | None, as_json: bool):
    """Print the dated events of one article FILE (no database)."""
    from timeline.events import extract_many

    articles = _read(file, published)
    nlp = _pipeline()
    found = [(article, ordered(evs)) for article, evs, _ in extract_many(articles, nlp=nlp)]
    if as_json:
        out = [ev.to_json() for _, evs in found for ev in evs]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    width = shutil.get_terminal_size((100, 24)).columns
    for k, (article, evs) in enumerate(found):
        if k:
            click.echo()
        title = printable(article.title) or str(file)
        click.echo(f"{title} · published {article.published.isoformat()} · {plural(len(evs), 'event')}")
        if evs:
            click.echo(table(evs, width))
