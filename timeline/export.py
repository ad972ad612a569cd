"""Events to CSV and JSON, streamed: events are written one at a time, never all held.

Columns are ``timeline.model.EXPORT_COLUMNS`` (rows from ``timeline.model.export_row``).

CSV: RFC 4180 (comma, double quotes only where needed, CRLF line ends), UTF-8, with an
optional byte-order mark so that Excel reads UTF-8. Article text is untrusted, so any cell
that begins with = + - @ TAB or CR gets a single quote in front, as OWASP advises against
spreadsheet formula injection ("=HYPERLINK(...)" becomes "'=HYPERLINK(...)"); so does one
where those signs (or their full-width forms, such as "＝") follow spaces, no-break spaces,
zero-width or other invisible characters. One exception,
decided on purpose: a cell that is only a plain number ("-5", "-2.5") is left alone, since
a number cannot run anything and quoting it would turn it into text.

JSON: a list of objects with the same keys in the same order; ``actors`` is a list,
``corrected`` and ``by_hand`` (a person added the event) booleans; no neutralisation (JSON is data for programs, not a spreadsheet).
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import IO, Iterable, Iterator

from timeline.model import EXPORT_COLUMNS, Event, export_row

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula. What a spreadsheet skips
    or folds before a formula does not hide one: leading spaces of any kind (NBSP, ideographic),
    zero-width and other format characters, line breaks, and the full-width or small forms of
    = + - @ (NFKC folds them)."""
    if not cell or cell[0].isalnum():  # most cells: a letter or digit first is never a formula
        return cell
    if cell.startswith(FORMULA_START):
        return cell if _PLAIN_NUMBER.fullmatch(cell) else "'" + cell
    start = 0
    while start < len(cell) and _skipped(cell[start]):
        start += 1
    body = cell[start:]
    head = unicodedata.normalize("NFKC", body[:1])
    if head.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(body):
        return "'" + cell
    return cell


def _skipped(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Zs", "Cf", "Cc")


def csv_row(event: Event) -> dict:
    return {key: neutralise(str(value)) for key, value in export_row(event).items()}


def json_object(event: Event) -> dict:
    row = export_row(event)
    row["actors"] = list(event.actors)
    row["corrected"] = bool(event.corrected)
    row["by_hand"] = bool(event.by_hand)
    row["published"] = row["published"] or None
    return row


def iter_csv(events: Iterable[Event], bom: bool = False) -> Iterator[str]:
    """The CSV text in pieces: the header, then one piece per event (for streamed downloads)."""
    return _iter_csv(EXPORT_COLUMNS, map(csv_row, events), bom)


def iter_json(events: Iterable[Event], indent: int | None = None) -> Iterator[str]:
    """The JSON list in pieces, one object per piece."""
    return _iter_json(map(json_object, events), indent)


def iter_event_csv(events: Iterable, bom: bool = False) -> Iterator[str]:
    """Grouped events (``timeline.story.happenings.StoryEvent``) as CSV: one row per event with
    its number of reports and its sources (columns ``EVENT_COLUMNS``)."""
    from timeline.story.happenings import EVENT_COLUMNS

    rows = ({k: neutralise(v) for k, v in e.row().items()} for e in events)
    return _iter_csv(EVENT_COLUMNS, rows, bom)


def iter_event_json(events: Iterable, indent: int | None = None) -> Iterator[str]:
    """Grouped events as a JSON list: one object per event with its ``reports``."""
    return _iter_json((e.to_json() for e in events), indent)


def write_event_csv(events: Iterable, fileobj: IO[str], bom: bool = False) -> int:
    """Write grouped events as CSV; returns the number of events written."""
    return write_pieces(iter_event_csv(events, bom), fileobj)


def write_event_json(events: Iterable, fileobj: IO[str], indent: int | None = None) -> int:
    """Write grouped events as a JSON list; returns the number of events written."""
    return write_pieces(iter_event_json(events, indent), fileobj)


def _iter_csv(columns, rows: Iterable[dict], bom: bool) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, quoting=csv.QUOTE_MINIMAL,
                            lineterminator="\r\n")
    writer.writeheader()
    yield (BOM if bom else "") + _take(buffer)
    for row in rows:
        writer.writerow(row)
        yield _take(buffer)


def _iter_json(objects: Iterable[dict], indent: int | None) -> Iterator[str]:
    separator = "["
    for obj in objects:
        yield separator + "\n" + json.dumps(obj, ensure_ascii=False, indent=indent)
        separator = ","
    yield "[]\n" if separator == "[" else "\n]\n"


def write_csv(events: Iterable[Event], fileobj: IO[str], bom: bool = False) -> int:
    """Write events as CSV to a text file opened with ``newline=""`` and UTF-8; returns the
    number of events written."""
    return write_pieces(iter_csv(events, bom), fileobj)


def write_json(events: Iterable[Event], fileobj: IO[str], indent: int | None = None) -> int:
    """Write events as a JSON list to a text file; returns the number of events written."""
    return write_pieces(iter_json(events, indent), fileobj)


def to_csv(events: Iterable[Event], bom: bool = False) -> str:
    return "".join(iter_csv(events, bom))


def to_json(events: Iterable[Event], indent: int | None = None) -> str:
    return "".join(iter_json(events, indent))


def _take(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def write_pieces(pieces: Iterator[str], fileobj: IO[str]) -> int:
    """Write a streamed export (a first piece, then one per item) to a text file; returns
    the number of items."""
    count = -1
    for count, piece in enumerate(pieces):
        fileobj.write(piece)
    return max(count, 0)


__all__ = ["iter_csv", "iter_event_csv", "iter_event_json", "iter_json", "neutralise",
           "write_event_csv", "write_event_json", "to_csv", "to_json", "write_csv", "write_json",
           "write_pieces"]
