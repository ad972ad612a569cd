"""Uploaded files -> articles -> events -> the store, with one plain result per file or record.

Shared by the upload widget and the REST API. Limits are checked before any parsing.
"""
from __future__ import annotations

import base64
import binascii
from dataclasses import asdict, dataclass
from datetime import date
from typing import Callable

from timeline.ingest import EXTENSIONS as READERS
from timeline.model import Article

MAX_FILES = 20
MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = tuple(READERS)  # what timeline.ingest can read


@dataclass(frozen=True, slots=True)
class FileResult:
    name: str
    status: str  # "added" | "duplicate" | "refused"
    events: int = 0
    message: str = ""
    article_id: str = ""
    title: str = ""

    def to_json(self) -> dict:
        return asdict(self)


def default_analyse(article: Article):
    """The real pipeline: (events, time expressions) of an article."""
    from timeline.events import analyse

    return analyse(article)


def store_article(store, article: Article, name: str, analyse: Callable) -> FileResult:
    """Extract the events of one article and store them (a duplicate text changes nothing)."""
    if store.article(article.article_id) is not None:  # skip the NLP for a known text
        return FileResult(name, "duplicate", message="already in the store",
                          article_id=article.article_id, title=article.title)
    events, timexes = analyse(article)
    result = store.add_article(article, events, timexes)
    if not result.added:
        return FileResult(name, "duplicate", message="already in the store",
                          article_id=result.article_id, title=article.title)
    return FileResult(name, "added", events=result.events, article_id=result.article_id,
                      title=article.title)


def ingest_bytes(store, name: str, data: bytes, published: date | None,
                 analyse: Callable = default_analyse, max_bytes: int = MAX_BYTES) -> list[FileResult]:
    """One file's results: a file may hold several articles (.json, .jsonl, .csv)."""
    from timeline.ingest import IngestError, iter_bytes

    if not name.lower().endswith(EXTENSIONS):
        return [FileResult(name, "refused", message="unsupported file type; accepted: "
                           + " ".join(EXTENSIONS))]
    if len(data) > max_bytes:
        return [FileResult(name, "refused", message=f"file too large ({len(data) / 1e6:.1f} MB;"
                           f" the limit is {max_bytes / 1e6:.1f} MB)")]
    items = list(iter_bytes(name, data, published, max_bytes))  # articles and IngestErrors
    results = []
    for item in items:
        if isinstance(item, IngestError):
            where = f"{item.where}: " if item.where else ""
            results.append(FileResult(name, "refused", message=where + item.reason))
            continue
        label = name if len(items) == 1 else f"{name}: {item.title or item.article_id}"
        results.append(store_article(store, item, label, analyse))
    return results or [FileResult(name, "refused", message="no article found in the file")]


def decode_upload(contents: str) -> bytes:
    """The bytes of a dcc.Upload data URL ("data:<type>;base64,<data>")."""
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, ValueError, binascii.Error) as exc:
        raise ValueError("the upload could not be decoded") from exc


def ingest_uploads(store, contents: list[str], names: list[str], published: date | None,
                   analyse: Callable = default_analyse, max_files: int = MAX_FILES,
                   max_bytes: int = MAX_BYTES) -> list[FileResult]:
    """All the files of one drop; past ``max_files`` nothing is read and one message says why."""
    if len(contents) > max_files:
        return [FileResult(f"{len(contents)} files", "refused",
                           message=f"too many files at once; the limit is {max_files}")]
    results: list[FileResult] = []
    for content, name in zip(contents, names):
        try:
            data = decode_upload(content)
        except ValueError as exc:
            results.append(FileResult(name, "refused", message=str(exc)))
            continue
        results.extend(ingest_bytes(store, name, data, published, analyse, max_bytes))
    return results
