"""The one ingest path behind every door (CLI `timeline ingest`, `serve --demo`, dashboard
upload, REST POST /api/articles): read -> clean -> dedupe -> analyse -> store.

    ingest(store, items, workers=1, analyse=None, settings=SETTINGS) -> Iterator[ItemResult]
    ingest_files(store, paths, published=None, ...)      files and folders (the CLI)
    ingest_bytes(store, name, data, published=None, ...) one uploaded file or request body
    file_items(name, data, published=None) -> Iterator[Article | IngestError]   (uploads)

Reading and cleaning are the readers' (``timeline.ingest.files``: one decoder, one cleaner, one
date parser). Here each item ends as exactly one ``ItemResult``: ``added`` (with its number of
events), ``duplicate`` (its text is stored already, or came earlier in this run) or ``refused``
(its name and the reason). One item never stops the others: a reader's refusal, a text over
``settings.max_text_chars``, an analysis that fails or runs past ``settings.max_item_seconds``,
a store error: each refuses that item only, and every article read before it is still analysed
and stored. The parallel analysis is ``timeline.events.extract_many``; a batch it cannot finish
is analysed again one article at a time, so a bad article costs only itself.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from datetime import date
from typing import Callable, Iterable, Iterator

from timeline.ingest.errors import IngestError
from timeline.model import Article
from timeline.settings import SETTINGS, Settings

STATUSES = ("added", "duplicate", "refused")
BATCH = 32  # articles per call of extract_many and per worker


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What became of one article or one refused file/record."""
    name: str            # the file (or door) it came from
    status: str          # "added" | "duplicate" | "refused"
    events: int = 0
    message: str = ""    # the reason of a refusal ("record 3: not a JSON object")
    article_id: str = ""
    title: str = ""

    def to_json(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """One line for a terminal or a log: "refused: name (record 3): reason"."""
        what = f"{self.name}: {self.title}" if self.title else self.name
        detail = f"{self.events} events" if self.status == "added" else self.message
        return f"{self.status}: {what}" + (f" ({detail})" if detail else "")


def refused(error: IngestError) -> ItemResult:
    where = f"{error.where}: " if error.where else ""
    return ItemResult(error.path, "refused", message=where + error.reason)


def ingest(store, items: Iterable[Article | IngestError], *, workers: int = 1,
           analyse: Callable | None = None, settings: Settings = SETTINGS,
           cluster: str | None = None) -> Iterator[ItemResult]:
    """Analyse and store each new article of ``items``; one result per item, streamed.

    ``analyse(article) -> (events, timexes)`` replaces the pipeline (tests, a lighter model);
    by default batches go through ``timeline.events.extract_many`` with ``workers`` processes.
    Refusals and duplicates come out at once; analysed articles after their batch.
    """
    seen: set[str] = set()

    def new_articles() -> Iterator[Article | ItemResult]:
        for item in items:
            if isinstance(item, IngestError):
                yield refused(item)
                continue
            key = item.article_id
            if key in seen or _known(store, key):
                yield ItemResult(item.path, "duplicate", message="already in the store",
                                 article_id=key, title=item.title)
                continue
            if len(item.text) > settings.max_text_chars:
                yield ItemResult(item.path, "refused", article_id=key, title=item.title, message=(
                    f"text too long ({len(item.text):,} characters; the limit is "
                    f"{settings.max_text_chars:,})"))
                continue
            seen.add(key)
            yield item

    stream = new_articles()
    if analyse is None and (workers > 1 or cluster):  # one Dask session for every batch
        from timeline.events.extract import parallel

        with parallel(workers, cluster, settings=settings) as session:
            shared = store.shared_address(same_machine=not cluster) \
                if hasattr(store, "shared_address") else None
            if shared:  # the workers analyse and store; this process only reads and dedupes
                from timeline.events.cluster import ingest_on_cluster

                yield from _passed(stream, lambda articles: ingest_on_cluster(
                    session, articles, shared, BATCH))
                return
            yield from _batches(store, stream, session.articles_in_flight() * 4, session,
                                analyse, settings)
        return
    size = BATCH * 2 if analyse is None else 1
    yield from _batches(store, stream, size, None, analyse, settings)


def _passed(stream, store_all: Callable) -> Iterator[ItemResult]:
    """The results of ``stream``: its refusals and duplicates as they come, its articles
    through ``store_all(articles) -> results`` (lazily, in order)."""
    early: list[ItemResult] = []

    def articles():
        for item in stream:
            if isinstance(item, ItemResult):
                early.append(item)
            else:
                yield item

    for result in store_all(articles()):
        yield from early
        early.clear()
        yield result
    yield from early


def _batches(store, stream, size: int, session, analyse: Callable | None, settings: Settings):
    grouping = store.grouping_session(settings)  # the stored events read, kept between articles
    while True:
        batch: list[Article] = []
        for item in stream:
            if isinstance(item, ItemResult):
                yield item
                continue
            batch.append(item)
            if len(batch) >= size:
                break
        if not batch:
            return
        if analyse is not None:
            for article in batch:
                outcome = _analyse_one(analyse, article, settings)
                yield outcome if isinstance(outcome, ItemResult) else _store(
                    store, article, *outcome, grouping=grouping)
            continue
        from timeline.events import analyse as analyse_one, extract_many

        yield from store_batch(store, batch, lambda b: extract_many(
            b, batch_size=BATCH, cluster=session, settings=settings),
            lambda article: analyse_one(article, settings=settings), settings, grouping)


def _known(store, article_id: str) -> bool:
    has = getattr(store, "has_article", None)
    return has(article_id) if has is not None else store.article(article_id) is not None


def store_batch(store, batch: list[Article], extract: Callable, analyse: Callable,
                settings: Settings = SETTINGS, grouping=None) -> Iterator[ItemResult]:
    """Analyse and store each article of ``batch``, one result each, in order.
    ``extract(articles)`` streams ``(article, events, timexes)``; if it fails, the articles it
    has not given are analysed one at a time with ``analyse(article)``, so a bad article
    costs only itself. Used in this process and by Dask workers that store what they tag.
    ``grouping``: the stored events read so far (``EventStore.grouping_session``; a new one
    for this batch when None)."""
    grouping = grouping or store.grouping_session(settings)
    done = 0
    try:
        for article, events, timexes in extract(batch):
            yield _store(store, article, events, timexes, grouping)
            done += 1
        return
    except Exception:  # noqa: BLE001 - one article failed the batch: redo the rest one by one
        pass
    for article in batch[done:]:
        outcome = _analyse_one(analyse, article, settings)
        yield outcome if isinstance(outcome, ItemResult) else _store(store, article, *outcome,
                                                                     grouping=grouping)


def _analyse_one(analyse: Callable, article: Article, settings: Settings):
    from timeline.nlp.bounded import BudgetExceeded

    try:
        return analyse(article)
    except BudgetExceeded:
        reason = f"analysis ran past its time budget ({settings.max_item_seconds:g} s)"
    except (MemoryError, RecursionError) as exc:
        reason = f"analysis ran out of {'memory' if isinstance(exc, MemoryError) else 'stack'}"
    except Exception as exc:  # noqa: BLE001 - named in the result, the others go on
        reason = f"analysis failed ({type(exc).__name__}: {exc})"
    return ItemResult(article.path, "refused", message=reason, article_id=article.article_id,
                      title=article.title)


def _store(store, article: Article, events, timexes, grouping=None) -> ItemResult:
    try:
        result = store.add_article(article, events, timexes, grouping)
    except Exception as exc:  # noqa: BLE001 - a store error refuses this article only
        return ItemResult(article.path, "refused", article_id=article.article_id, title=article.title,
                          message=f"could not be stored ({type(exc).__name__}: {exc})")
    if not result.added:  # stored meanwhile by another door or process
        return ItemResult(article.path, "duplicate", message="already in the store",
                          article_id=result.article_id, title=article.title)
    return ItemResult(article.path, "added", events=result.events, article_id=result.article_id,
                      title=article.title)


def ingest_files(store, paths: Iterable[str | os.PathLike], published: date | None = None, *,
                 max_bytes: int | None = None, **options) -> Iterator[ItemResult]:
    """Files and folders (recursively) through ``ingest``."""
    from timeline.ingest.files import read_many

    return ingest(store, read_many(paths, published, max_bytes), **options)


def file_items(name: str, data: bytes, published: date | None = None,
               max_bytes: int | None = None) -> Iterator[Article | IngestError]:
    """The articles and refusals of one uploaded file (its name's extension picks the reader);
    a file with nothing in it gives one refusal."""
    from timeline.ingest.files import iter_bytes

    found = False
    for item in iter_bytes(name, data, published, max_bytes):
        found = True
        yield item
    if not found:
        yield IngestError(name, "no article found in the file")


def ingest_bytes(store, name: str, data: bytes, published: date | None = None, *,
                 max_bytes: int | None = None, **options) -> list[ItemResult]:
    """One uploaded file (or request body) through ``ingest``."""
    return list(ingest(store, file_items(name, data, published, max_bytes), **options))
