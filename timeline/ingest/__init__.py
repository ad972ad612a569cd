"""Read articles from files, folders and uploads.

    read_path(path, published=None) -> Iterator[Article]          raises the first IngestError
    read_many(paths, published=None) -> Iterator[Article | IngestError]   collects and carries on
    read_bytes(name, data, published=None, max_bytes=None) -> list[Article]   uploads / REST
    iter_bytes(name, data, published=None, max_bytes=None) -> Iterator[Article | IngestError]
    find_files(paths) / read_file(path, published) for a progress bar per file

Publication date precedence: the file's own metadata (HTML meta/JSON-LD/<time>, a JSON/CSV
field, a "Published:" header), else a dateline at the top of the text, else ``published``;
without any the article is refused (never dated by the clock).
"""
from timeline.ingest.errors import IngestError
from timeline.ingest.files import (
    EXTENSIONS, find_files, iter_bytes, read_bytes, read_file, read_many, read_path,
)

UPLOAD_MAX_BYTES = 20 * 1024 * 1024  # a sensible limit for dashboard and REST uploads

__all__ = [
    "EXTENSIONS", "IngestError", "UPLOAD_MAX_BYTES", "find_files", "iter_bytes",
    "read_bytes", "read_file", "read_many", "read_path",
]
