"""From files, folders and uploaded bytes to Articles: the reader per extension, the date
precedence, and error collection so one bad file never stops a run."""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from timeline.ingest.decode import clean_text, decode, display_name
from timeline.ingest.dates import find_dateline, parse_date_value, parse_day
from timeline.ingest.errors import IngestError
from timeline.ingest.html import LOOKS_LIKE_HTML, fragment_text, markup_problem, parse_html
from timeline.ingest.plain import parse_text
from timeline.ingest.records import csv_records, fields_of, json_records, jsonl_records
from timeline.model import Article
from timeline.settings import SETTINGS

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
}
# every door reads files through here, so the hint names how each one takes a date
NO_DATE = ("no publication date: none in the file's metadata, no dateline at the top of the "
           "text; give one as YYYY-MM-DD (timeline: --published; dashboard: the publication "
           "date under the upload; REST API: a \"published\" field)")
Result = Article | IngestError
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")  # what lxml refuses


def iter_bytes(name: str, data: bytes, published: date | None = None,
               max_bytes: int | None = None) -> Iterator[Result]:
    """Every article of one file's bytes, or an IngestError for each part that is refused
    (the whole file, or one record of a JSON/JSONL/CSV file). Never raises IngestError.
    ``published`` (a date or an ISO date string) is the last-resort publication date."""
    published = _as_date(published)
    name = display_name(name)
    try:
        kind = _kind(name)
        if max_bytes is not None and len(data) > max_bytes:
            raise IngestError(name, f"too large ({len(data):,} bytes; the limit is {max_bytes:,})")
        text = decode(data, name)
        if kind in ("text", "markdown"):
            yield _from_text(name, text, kind == "markdown", published)
        elif kind == "html":
            yield _from_html(name, text, published)
        else:
            records = {"json": json_records, "jsonl": jsonl_records, "csv": csv_records,
                       "tsv": lambda t, p: csv_records(t, p, delimiter="\t")}[kind]
            for item in records(text, name):
                yield item if isinstance(item, IngestError) else _from_record(name, *item, published)
    except IngestError as error:
        yield error


def read_bytes(name: str, data: bytes, published: date | None = None,
               max_bytes: int | None = None) -> list[Article]:
    """The articles of one upload (the extension of ``name`` picks the reader); raises the
    first IngestError, so an upload is taken whole or refused with a reason."""
    articles = []
    for item in iter_bytes(name, data, published, max_bytes):
        if isinstance(item, IngestError):
            raise item
        articles.append(item)
    return articles


def find_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | IngestError]:
    """Files to read: each file given, and every file under each folder given (recursively,
    sorted, hidden files and folders skipped). A path that does not exist is an IngestError."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if found.is_file() and not any(part.startswith(".") for part in relative):
                    yield found
        elif path.is_file():
            yield path
        else:
            yield IngestError(display_name(path), "no such file or folder")


def read_file(path: str | os.PathLike, published: date | None = None,
              max_bytes: int | None = None) -> list[Result]:
    """The articles and refusals of one file (see iter_bytes); never raises IngestError."""
    return list(_iter_file(path, published, max_bytes))


def _iter_file(path, published, max_bytes) -> Iterator[Result]:
    name = display_name(path)
    try:
        size = os.path.getsize(path)
        if max_bytes is not None and size > max_bytes:
            raise IngestError(name, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        _kind(name)
        data = Path(path).read_bytes()
    except IngestError as error:
        yield error
        return
    except OSError as exc:
        yield IngestError(name, f"cannot be read ({exc.strerror or exc})")
        return
    yield from iter_bytes(name, data, published, max_bytes)


def read_many(paths: Iterable[str | os.PathLike], published: date | None = None,
              max_bytes: int | None = None) -> Iterator[Result]:
    """Articles from files and folders, one file at a time, with an IngestError in the stream
    for each refused file or record, so a caller can report them and carry on."""
    for item in find_files(paths):
        if isinstance(item, IngestError):
            yield item
        else:
            yield from _iter_file(item, published, max_bytes)


def read_path(path: str | os.PathLike, published: date | None = None,
              max_bytes: int | None = None) -> Iterator[Article]:
    """Articles of a file or folder; raises the first IngestError (use read_many to collect)."""
    for item in read_many([path], published, max_bytes):
        if isinstance(item, IngestError):
            raise item
        yield item


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    return parse_day(value)  # a caller's mistake, not a file's: ValueError


def _kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in EXTENSIONS:
        known = " ".join(sorted(EXTENSIONS))
        raise IngestError(name, f"unsupported file type '{suffix or '(none)'}' (supported: {known})")
    return EXTENSIONS[suffix]


def _from_text(name: str, text: str, markdown: bool, published: date | None) -> Article:
    parsed = parse_text(clean_text(text), markdown=markdown, reference=published)
    if not parsed.body:
        raise IngestError(name, "no article text (only a title or header lines)")
    when = parsed.published or published
    if when is None:
        raise IngestError(name, NO_DATE)
    return Article(text=parsed.body, published=when, title=parsed.title,
                   url=parsed.fields.get("url", ""), source=parsed.fields.get("source", ""), path=name)


def _from_html(name: str, html: str, published: date | None) -> Article:
    problem = markup_problem(html, SETTINGS.max_html_tags)
    if problem:
        raise IngestError(name, problem)
    try:
        text, meta = parse_html(clean_markup(html))
    except (ValueError, TypeError) as exc:  # lxml's last word on a page it cannot take
        raise IngestError(name, f"the HTML page cannot be parsed ({exc})") from None
    text = clean_text(text)
    if not text:
        raise IngestError(name, "no article text found in the HTML page")
    when = meta["published"] or find_dateline(text, published)[0] or published
    if when is None:
        raise IngestError(name, NO_DATE)
    return Article(text=text, published=when, title=clean_text(meta["title"]),
                   url=meta["url"], source=meta["source"], path=name)


def _from_record(name: str, where: str, record: dict, published: date | None) -> Result:
    fields = fields_of(record)
    text = fields.get("text")
    if not isinstance(text, str) or not (text := clean_text(text)):
        return IngestError(name, "no 'text' field with the article's text", where)
    if LOOKS_LIKE_HTML.search(text):
        problem = markup_problem(text, SETTINGS.max_html_tags)
        if problem:
            return IngestError(name, f"the 'text' field holds {problem}", where)
        try:
            text = clean_text(fragment_text(text))
        except (ValueError, TypeError) as exc:
            return IngestError(name, f"the 'text' field's markup cannot be parsed ({exc})", where)
    if not text:
        return IngestError(name, "the 'text' field holds markup but no words", where)
    raw_date = fields.get("published")
    when = parse_date_value(raw_date) if raw_date is not None else None
    if raw_date is not None and when is None:
        return IngestError(name, f"publication date {str(raw_date)[:40]!r} is not a date "
                                 "(use YYYY-MM-DD or an ISO 8601 / RFC 2822 datetime)", where)
    when = when or find_dateline(text, published)[0] or published
    if when is None:
        return IngestError(name, NO_DATE, where)
    return Article(text=text, published=when, title=_plain(fields.get("title")),
                   url=_plain(fields.get("url")), source=_plain(fields.get("source")), path=name)


def clean_markup(html: str) -> str:
    """A page's markup without the characters lxml refuses (controls, lone surrogates); the
    newlines and spacing stay, so the extracted text is the same."""
    return _NOT_XML.sub("", html)



def _plain(value) -> str:
    return clean_text(value) if isinstance(value, str) else ""
