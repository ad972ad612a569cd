"""Articles -> (events, time expressions), one at a time or streamed in bulk.

A Doc is tagged once (``nlp.make_doc``, ``doc._.dct = published``, ``nlp(doc)``); its
time expressions are returned with the events so the store can keep every mention
for the full-text view.

Parallel workers: spaCy's own ``nlp.pipe(n_process=...)`` ships Docs between processes
with ``Doc.to_bytes``, whose msgpack cannot carry ``Doc._.dct`` (a ``datetime.date``)
nor the ``TimeExpression`` objects. So ``extract_many`` runs its own pool: each worker
loads the pipeline once, tags a batch of articles with ``nlp.pipe`` and sends back plain
picklable results. At most two batches per worker are in flight, so memory stays flat
however many articles stream through; results come back in input order.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from timeline.events.build import build_events, doc_timexes
from timeline.model import Article, Event, TimeExpression
from timeline.nlp.bounded import make_doc, start_budget
from timeline.settings import SETTINGS, Settings

Result = tuple[list[Event], list[TimeExpression]]


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


def analyse(article: Article, nlp=None) -> Result:
    """Events and all time expressions of one article."""
    nlp = nlp if nlp is not None else _default_nlp()
    doc = nlp(_prepare(nlp, article))
    return build_events(article, doc), doc_timexes(doc)


def extract(article: Article, nlp=None) -> list[Event]:
    """The events of one article."""
    return analyse(article, nlp)[0]


def _analyse_batch(nlp, articles: list[Article], batch_size: int) -> list[Result]:
    docs = nlp.pipe((_prepare(nlp, a) for a in articles), batch_size=batch_size)
    return [(build_events(a, doc), doc_timexes(doc)) for a, doc in zip(articles, docs)]


def extract_many(articles: Iterable[Article], nlp=None, n_process: int = 1,
                 batch_size: int = 32) -> Iterator[tuple[Article, list[Event], list[TimeExpression]]]:
    """Stream ``(article, events, timexes)`` for each article, in input order.

    ``n_process > 1`` tags batches of ``batch_size`` articles in worker processes.
    """
    articles = iter(articles)
    if n_process <= 1:
        nlp = nlp if nlp is not None else _default_nlp()
        while batch := list(islice(articles, batch_size)):
            for article, result in zip(batch, _analyse_batch(nlp, batch, batch_size)):
                yield (article, *result)
        return
    yield from _parallel(articles, nlp, n_process, batch_size)


# -- worker pool -------------------------------------------------------------------------

_WORKER_NLP = None


def _init_worker(nlp) -> None:
    global _WORKER_NLP
    from timeline.nlp.ops import one_blas_thread

    one_blas_thread()  # one core per worker: n workers, n BLAS threads
    _WORKER_NLP = nlp if nlp is not None else _default_nlp()


def _work(batch: list[Article], batch_size: int) -> list[Result]:
    return _analyse_batch(_WORKER_NLP, batch, batch_size)


def _parallel(articles: Iterator[Article], nlp, n_process: int, batch_size: int):
    # fork shares the loaded pipeline with the workers; elsewhere each worker loads its own
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    init_nlp = None
    if ctx.get_start_method() == "fork":
        init_nlp = nlp if nlp is not None else _default_nlp()
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(init_nlp,)) as pool:
        pending: deque = deque()
        while True:
            while len(pending) < 2 * n_process and (batch := list(islice(articles, batch_size))):
                pending.append((batch, pool.apply_async(_work, (batch, batch_size))))
            if not pending:
                break
            batch, job = pending.popleft()
            for article, result in zip(batch, job.get()):
                yield (article, *result)
