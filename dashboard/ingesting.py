"""Uploaded files and REST bodies -> the ingest service -> one plain result per file or record.

Shared by the upload widget and the REST API; the work itself is ``timeline.ingest.service``
(the one path of every door). Limits are checked before any parsing.
"""
from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Callable, Iterator

from timeline.ingest.files import EXTENSIONS as READERS
from timeline.ingest.service import ItemResult, file_items, ingest, refused
from timeline.ingest.errors import IngestError

MAX_FILES = 20
MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = tuple(READERS)  # what timeline.ingest can read
FileResult = ItemResult  # name, status added|duplicate|refused, events, message, article_id, title
default_analyse = None  # None: the NLP pipeline (timeline.events.extract_many, in the service)


def decode_upload(contents: str) -> bytes:
    """The bytes of a dcc.Upload data URL ("data:<type>;base64,<data>")."""
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, ValueError, binascii.Error, AttributeError) as exc:
        raise ValueError("the upload could not be decoded") from exc


def upload_items(contents: list[str], names: list[str], published: date | None,
                 max_bytes: int = MAX_BYTES) -> Iterator:
    """Every article and refusal of a drop, file after file (a bad file never hides the next)."""
    for content, name in zip(contents, names):
        name = str(name or "upload")
        try:
            data = decode_upload(content)
        except ValueError as exc:
            yield IngestError(name, str(exc))
            continue
        yield from file_items(name, data, published, max_bytes)


def ingest_uploads(store, contents: list[str], names: list[str], published: date | None,
                   analyse: Callable | None = default_analyse, max_files: int = MAX_FILES,
                   max_bytes: int = MAX_BYTES, progress: Callable | None = None) -> list[ItemResult]:
    """All the files of one drop; past ``max_files`` nothing is read and one message says why.
    ``progress(done, results)`` is called after each result (the page's progress bar)."""
    if len(contents) > max_files:
        return [refused(IngestError(f"{len(contents)} files",
                                    f"too many files at once; the limit is {max_files}"))]
    results: list[ItemResult] = []
    for result in ingest(store, upload_items(contents, names, published, max_bytes), analyse=analyse):
        results.append(result)
        if progress is not None:
            progress(len(results), results)
    return results
