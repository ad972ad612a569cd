"""Articles -> (events, time expressions), one at a time or streamed in bulk.

A Doc is tagged once (``nlp.make_doc``, ``doc._.dct = published``, ``nlp(doc)``); its
time expressions are returned with the events so the store can keep every mention
for the full-text view.

In parallel (``n_process > 1`` or a ``cluster`` address) the articles are tagged in chunks
by dask.distributed workers: timeline/events/cluster.py. One process stays in this process,
without importing Dask.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from timeline.events.build import build_events, doc_timexes
from timeline.model import Article, Event, TimeExpression
from timeline.nlp.bounded import check_budget, make_doc, start_budget
from timeline.settings import SETTINGS, Settings

Result = tuple[list[Event], list[TimeExpression]]


class ClusterError(RuntimeError):
    """The Dask scheduler cannot be reached, has no worker, or a chunk took too long."""


def _default_nlp():
    from timeline.nlp import load

    return load()


def _prepare(nlp, article: Article, settings: Settings = SETTINGS):
    """The untagged Doc of ``article``: tokenized within the run budget, its publication date
    set, its time budget started (``timeline.nlp.bounded``)."""
    doc = make_doc(nlp, article.text, settings)
    if not doc.has_extension("dct"):  # a pipeline without the temporal components
        import timeline.temporal.component  # noqa: F401  (registers Doc._.dct and Doc._.timexes)
    doc._.dct = article.published
    start_budget(doc, settings.max_item_seconds)
    return doc


def analyse(article: Article, nlp=None, settings: Settings = SETTINGS) -> Result:
    """Events and all time expressions of one article (within ``settings``' budgets)."""
    nlp = nlp if nlp is not None else _default_nlp()
    return _analyse_batch(nlp, [article], 1, settings)[0]


def extract(article: Article, nlp=None) -> list[Event]:
    """The events of one article."""
    return analyse(article, nlp)[0]


def analyse_stream(nlp, articles: list[Article], batch_size: int, settings: Settings = SETTINGS,
                   ) -> Iterator[tuple[Article, list[Event], list[TimeExpression]]]:
    """``(article, events, timexes)`` for each of ``articles``, tagged ``batch_size`` Docs at a
    time, component after component, each Doc's time budget checked after every component (a
    component slow on one text cannot run on unchecked); given as soon as its batch is done."""
    articles = list(articles)
    for start in range(0, len(articles), max(1, batch_size)):
        batch = articles[start:start + max(1, batch_size)]
        docs = [_prepare(nlp, a, settings) for a in batch]
        for _, proc in nlp.pipeline:
            docs = list(proc.pipe(docs, batch_size=batch_size) if hasattr(proc, "pipe")
                        else map(proc, docs))
            for doc in docs:
                check_budget(doc)
        for article, doc in zip(batch, docs):
            yield article, build_events(article, doc), doc_timexes(doc)


def _analyse_batch(nlp, articles: list[Article], batch_size: int,
                   settings: Settings = SETTINGS) -> list[Result]:
    return [(events, timexes) for _, events, timexes
            in analyse_stream(nlp, articles, batch_size, settings)]


def extract_many(articles: Iterable[Article], nlp=None, n_process: int = 1,
                 batch_size: int = 32, cluster: str | None = None,
                 settings: Settings = SETTINGS,
                 ) -> Iterator[tuple[Article, list[Event], list[TimeExpression]]]:
    """Stream ``(article, events, timexes)`` for each article, in input order.

    ``n_process > 1`` starts a local Dask cluster of that many worker processes for this
    call; ``cluster="tcp://host:8786"`` uses that scheduler's workers (``n_process`` is then
    not used); ``cluster=session`` (from ``parallel()``) uses an open session's. ``nlp`` (default: the shipped pipeline, loaded by each worker) is tagged in
    chunks of ``settings.chunk_articles`` articles, ``batch_size`` Docs per ``nlp.pipe``
    batch.
    """
    articles = iter(articles)
    if n_process <= 1 and not cluster:
        nlp = nlp if nlp is not None else _default_nlp()
        while batch := list(islice(articles, batch_size)):
            yield from analyse_stream(nlp, batch, batch_size, settings)
        return
    from timeline.events.cluster import extract_on_cluster

    yield from extract_on_cluster(articles, nlp, n_workers=n_process, address=cluster,
                                  batch_size=batch_size, settings=settings)


@contextmanager
def parallel(n_process: int = 1, cluster: str | None = None, nlp=None,
             settings: Settings = SETTINGS):
    """One Dask session for many ``extract_many(..., cluster=session)`` calls: the cluster is
    started (or reached) and each worker loads the pipeline once for all of them. Yields None
    when the work stays in this process (``n_process <= 1`` and no ``cluster``)."""
    if n_process <= 1 and not cluster:
        yield None
        return
    from timeline.events.cluster import session

    with session(n_process, cluster, nlp, settings) as run:
        yield run
