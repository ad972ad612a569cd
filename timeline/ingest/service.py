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
import time
from dataclasses import asdict, dataclass
from datetime import date
from typing import Callable, Iterable, Iterator

from timeline.ingest.errors import IngestError
from timeline.model import Article
from timeline.plain_dates import plural
from timeline.nlp.bounded import BudgetExceeded
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
        detail = plural(self.events, "event") if self.status == "added" else self.message
        return f"{self.status}: {what}" + (f" ({detail})" if detail else "")


def refused(error: IngestError) -> ItemResult:
    where = f"{error.where}: " if error.where else ""
    return ItemResult(error.path, "refused", message=where + error.reason)


class FileClock:
    """The time budget of each file of one ingest call: a file's clock starts when its first
    article has been read; ``seconds`` None: no file budget (the CLI)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.deadlines: dict[str, float] = {}

    def left(self, name: str) -> float | None:
        if self.seconds is None:
            return None
        return self.deadlines.setdefault(name, time.monotonic() + self.seconds) - time.monotonic()

    def spent(self, article: Article) -> ItemResult | None:
        """The refusal of ``article`` when its file's budget is spent, else None."""
        left = self.left(article.path)
        if left is None or left > 0:
            return None
        return ItemResult(article.path, "refused", article_id=article.article_id,
                          title=article.title, message=self.reason())

    def reason(self) -> str:
        return f"not analysed: the file's time budget ({self.seconds:g} s) is spent"

    def budget(self, articles: list[Article], settings: Settings) -> Settings:
        """``settings`` with each article's time budget cut to what its file has left."""
        lefts = [left for a in articles if (left := self.left(a.path)) is not None]
        if not lefts or min(lefts) >= settings.max_item_seconds:
            return settings
        return settings.replace(max_item_seconds=max(min(lefts), 0.1))


def ingest(store, items: Iterable[Article | IngestError], *, workers: int = 1,
           analyse: Callable | None = None, settings: Settings = SETTINGS,
           cluster: str | None = None, file_seconds: float | None = None) -> Iterator[ItemResult]:
    """Analyse and store each new article of ``items``; one result per item, streamed.

    ``analyse(article) -> (events, timexes)`` replaces the pipeline (tests, a lighter model);
    by default batches go through ``timeline.events.extract_many`` with ``workers`` processes.
    Refusals and duplicates come out at once; analysed articles after their batch.
    ``file_seconds`` (the upload doors: ``settings.max_file_seconds``) bounds the analysis
    of each file: past it, the file's articles not yet analysed are refused.
    """
    seen: set[str] = set()
    clock = FileClock(file_seconds)

    def new_articles() -> Iterator[Article | ItemResult]:
        for item in items:
            if isinstance(item, IngestError):
                yield refused(item)
                continue
            late = clock.spent(item)  # its file is out of time: not even looked up
            if late is not None:
                yield late
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
    if analyse is None and (workers > 1 or cluster):  # one Dask session, one stream of chunks
        from timeline.events.extract import parallel

        with parallel(workers, cluster, settings=settings) as session:
            yield from _on_cluster(store, stream, session, settings, clock)
        return
    size = BATCH * 2 if analyse is None else 1
    yield from _batches(store, stream, size, analyse, settings, clock)


def _on_cluster(store, stream, session, settings: Settings, clock: FileClock):
    """The articles of ``stream`` tagged by the session's workers as one stream of chunks (the
    workers never wait for this process between batches), each stored here as its chunk comes
    back, in input order; refusals and duplicates as they come. A chunk that failed on its
    worker is analysed again here one article at a time (``store_batch``), so a bad article
    costs only itself. Each article has ``settings.max_item_seconds``; one whose file ran out
    of time meanwhile is refused (``clock``)."""
    from timeline.events import analyse as analyse_one
    from timeline.events.cluster import tag_chunks

    grouping = store.grouping_session(settings)  # the stored events read, kept between articles
    early: list[ItemResult] = []

    def articles() -> Iterator[Article]:
        for item in stream:
            if isinstance(item, ItemResult):
                early.append(item)
            else:
                yield item

    for chunk, results in tag_chunks(session, articles(), BATCH, settings):
        yield from early
        early.clear()
        if isinstance(results, Exception):
            yield from store_batch(store, chunk, _raise(results), lambda article: analyse_one(
                article, settings=settings), settings, grouping, late=clock.spent)
            continue
        for article, (events, timexes) in zip(chunk, results):
            yield clock.spent(article) or _store(store, article, events, timexes, grouping)
    yield from early


def _raise(error: Exception) -> Callable:
    def extract(articles):
        raise error
    return extract


def _batches(store, stream, size: int, analyse: Callable | None, settings: Settings,
             clock: FileClock):
    """Batches of at most ``size`` articles and ``settings.max_text_chars`` characters (one
    near-limit article is analysed alone, so its budget starts when its own work does)."""
    grouping = store.grouping_session(settings)  # the stored events read, kept between articles
    while True:
        batch: list[Article] = []
        chars = 0
        for item in stream:
            if isinstance(item, ItemResult):
                yield item
                continue
            if batch and chars + len(item.text) > settings.max_text_chars:
                yield from _done(store, batch, analyse, settings, clock, grouping)
                batch, chars = [], 0
            batch.append(item)
            chars += len(item.text)
            if len(batch) >= size:
                break
        if not batch:
            return
        yield from _done(store, batch, analyse, settings, clock, grouping)


def _done(store, batch: list[Article], analyse: Callable | None, settings: Settings,
          clock: FileClock, grouping) -> Iterator[ItemResult]:
    """Analyse and store ``batch``; an article whose file ran out of time while it waited
    is refused instead."""
    if analyse is not None:
        for article in batch:
            outcome = clock.spent(article) or _analyse_one(analyse, article, settings)
            yield outcome if isinstance(outcome, ItemResult) else _store(
                store, article, *outcome, grouping=grouping)
        return
    from timeline.events import analyse as analyse_one, extract_many

    waiting = []
    for article in batch:
        late = clock.spent(article)
        if late is None:
            waiting.append(article)
        else:
            yield late
    if waiting:
        budget = clock.budget(waiting, settings)
        yield from store_batch(store, waiting, lambda b: extract_many(
            b, batch_size=BATCH, settings=budget),
            lambda article: analyse_one(article, settings=clock.budget([article], settings)),
            settings, grouping, late=clock.spent)


def _known(store, article_id: str) -> bool:
    has = getattr(store, "has_article", None)
    return has(article_id) if has is not None else store.article(article_id) is not None


def store_batch(store, batch: list[Article], extract: Callable, analyse: Callable,
                settings: Settings = SETTINGS, grouping=None,
                late: Callable = lambda article: None) -> Iterator[ItemResult]:
    """Analyse and store each article of ``batch``, one result each, in order.
    ``extract(articles)`` streams ``(article, events, timexes)``; if it fails, the articles it
    has not given are analysed one at a time with ``analyse(article)``, so a bad article
    costs only itself; one that ran out of time alone is not analysed again.
    ``late(article)`` is the refusal of an article whose file ran out of time, else None.
    ``grouping``: the stored events read so far (``EventStore.grouping_session``; a new one
    for this batch when None)."""
    grouping = grouping or store.grouping_session(settings)
    done = 0
    try:
        for article, events, timexes in extract(batch):
            yield _store(store, article, events, timexes, grouping)
            done += 1
        return
    except BudgetExceeded:
        if len(batch) - done == 1:  # it ran out alone: not again
            yield late(batch[done]) or _out_of_time(batch[done], settings)
            return
    except Exception:  # noqa: BLE001 - one article failed the batch: redo the rest one by one
        pass
    for article in batch[done:]:
        outcome = late(article) or _analyse_one(analyse, article, settings, late)
        yield outcome if isinstance(outcome, ItemResult) else _store(store, article, *outcome,
                                                                     grouping=grouping)


def _out_of_time(article: Article, settings: Settings) -> ItemResult:
    return ItemResult(article.path, "refused", article_id=article.article_id, title=article.title,
                      message=f"analysis ran past its time budget ({settings.max_item_seconds:g} s)")


def _analyse_one(analyse: Callable, article: Article, settings: Settings,
                 late: Callable = lambda article: None):
    try:
        return analyse(article)
    except BudgetExceeded:
        return late(article) or _out_of_time(article, settings)
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
    """One uploaded file (or request body) through ``ingest``, within the file time budget
    (``settings.max_file_seconds`` unless ``file_seconds`` is given)."""
    options.setdefault("file_seconds", options.get("settings", SETTINGS).max_file_seconds)
    return list(ingest(store, file_items(name, data, published, max_bytes), **options))
