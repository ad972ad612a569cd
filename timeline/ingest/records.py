"""Structured files: .json (one object or a list), .jsonl (one object per line), .csv/.tsv.

Each record is a dict with the fields of an Article; a few common aliases are accepted.
Records yield ``(where, fields)`` or an IngestError for a record that is not an object.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from timeline.ingest.errors import IngestError

ALIASES = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content"),
    "published": ("published", "date", "publication_date", "published_at", "pubdate"),
    "url": ("url", "link"),
    "source": ("source", "sitename", "site"),
}
csv.field_size_limit(2**31 - 1)  # article bodies are long; the csv default is 128 KiB
_DELIMITERS = ",;\t|"
TOO_DEEP = "JSON nested too deeply to be an article"


def fields_of(record: dict) -> dict:
    """The Article fields of one record (keys matched without regard to case)."""
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    out = {}
    for name, keys in ALIASES.items():
        for key in keys:
            if lowered.get(key) not in (None, ""):
                out[name] = lowered[key]
                break
    return out


def json_records(text: str, path: str) -> Iterator[tuple[str, dict] | IngestError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise IngestError(path, TOO_DEEP) from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise IngestError(path, "JSON must be an object or a list of objects")
    for number, item in enumerate(data, 1):
        where = f"record {number}" if len(data) > 1 else ""
        if isinstance(item, dict):
            yield where, item
        else:
            yield IngestError(path, "not a JSON object", where or "record 1")


def jsonl_records(text: str, path: str) -> Iterator[tuple[str, dict] | IngestError]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(path, f"not valid JSON ({exc.msg})", f"line {number}")
            continue
        except RecursionError:
            yield IngestError(path, TOO_DEEP, f"line {number}")
            continue
        if isinstance(item, dict):
            yield f"line {number}", item
        else:
            yield IngestError(path, "not a JSON object", f"line {number}")


def csv_records(text: str, path: str, delimiter: str | None = None) -> Iterator[tuple[str, dict] | IngestError]:
    """Rows of a CSV file with a header row (RFC 4180 quoting). The delimiter is the one of
    , ; TAB | that the header line uses most, unless given: the header holds plain column
    names, so it tells more reliably than sniffing prose full of commas."""
    if delimiter is None:
        header_line = text.split("\n", 1)[0]
        delimiter = max(_DELIMITERS, key=header_line.count) if any(d in header_line for d in _DELIMITERS) else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=csv.excel, delimiter=delimiter)
    try:
        header = reader.fieldnames or []
        if not any(str(name).strip().lower() in ALIASES["text"] for name in header):
            raise IngestError(path, "CSV needs a header row with a 'text' column "
                                    f"(found: {', '.join(map(str, header)) or 'nothing'})")
        for row in reader:
            where = f"line {reader.line_num}"
            if None in row:
                yield IngestError(path, "more cells than header columns", where)
                continue
            if any(value for value in row.values()):
                yield where, row
    except csv.Error as exc:
        raise IngestError(path, f"not valid CSV ({exc})", f"line {reader.line_num}") from None
