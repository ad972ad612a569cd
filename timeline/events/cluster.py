"""Articles -> (events, time expressions) on dask.distributed workers, streamed in input order.

The one parallel mechanism of ``extract_many``: with ``n_process > 1`` and no address it
starts a local cluster (that many single-threaded worker processes on 127.0.0.1, stopped at
the end); with ``cluster="tcp://host:8786"`` it uses an existing scheduler and its workers
(which must have timeline installed) and leaves them running.

- Each worker loads the pipeline once: ``PipelinePlugin`` is registered with the scheduler,
  which sets it up on every worker, also on one that replaces a dead worker. The plugin
  carries the caller's pipeline (pickled) or, by default, nothing: then each worker calls
  ``timeline.nlp.load()`` itself. It is unregistered (the pipeline freed) at the end.
- A task is a chunk of ``settings.chunk_articles`` articles, tagged with ``nlp.pipe``.
- At most ``settings.chunks_per_worker`` chunks per worker thread are in flight; results
  come back in input order and are released at once, so memory stays flat on any corpus.
- A worker that dies loses nothing: the scheduler runs its chunks again elsewhere (Dask
  gives up on a chunk that killed ``distributed.scheduler.allowed-failures`` workers, 3).
  A chunk that raises is not retried: the error reaches the caller, as in one process.

spaCy's own ``nlp.pipe(n_process=...)`` is not used: its ``Doc.to_bytes`` cannot carry
``Doc._.dct`` (a date) nor the ``TimeExpression`` objects; the workers send back plain
picklable results instead.
"""
from __future__ import annotations

import atexit
import logging
import uuid
import weakref
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from timeline.events.extract import Result, _analyse_batch, _default_nlp
from timeline.model import Article, Event, TimeExpression
from timeline.settings import SETTINGS, Settings


class ClusterError(RuntimeError):
    """The Dask scheduler cannot be reached, has no worker, or a chunk took too long."""


class PipelinePlugin(WorkerPlugin):
    """Holds one loaded pipeline per worker; tasks find it by the plugin's unique name."""

    def __init__(self, name: str, nlp=None):
        self.name = name
        self.nlp = nlp  # None: every worker loads the shipped pipeline itself

    def setup(self, worker) -> None:
        from timeline.nlp.ops import one_blas_thread

        one_blas_thread()  # one core per worker: n workers, n BLAS threads
        if self.nlp is None:
            self.nlp = _default_nlp()

    def teardown(self, worker) -> None:
        self.nlp = None


def tag_chunk(plugin: str, chunk: list[Article], batch_size: int) -> list[Result]:
    """The task: tag ``chunk`` with the pipeline this worker loaded for ``plugin``."""
    return _analyse_batch(get_worker().plugins[plugin].nlp, chunk, batch_size)


@contextmanager
def connect(address: str | None, n_workers: int, settings: Settings = SETTINGS):
    """A client of the scheduler at ``address``, or of a local cluster of ``n_workers``
    single-threaded processes on 127.0.0.1 that is shut down on leaving."""
    if not address:
        with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=settings.cluster_timeout)
    except (OSError, ValueError) as err:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=settings.cluster_timeout)
        except TimeoutError:
            raise ClusterError(f"the Dask scheduler at {address} has no worker "
                               f"(none joined within {settings.cluster_timeout:g} s)") from None
        yield client
    finally:
        client.close()


def extract_on_cluster(articles: Iterator[Article], nlp=None, n_workers: int = 2,
                       address: str | None = None, batch_size: int = 32,
                       settings: Settings = SETTINGS,
                       ) -> Iterator[tuple[Article, list[Event], list[TimeExpression]]]:
    """Stream ``(article, events, timexes)`` in input order, tagged by Dask workers."""
    run = _run(articles, nlp, n_workers, address, batch_size, settings)
    _OPEN.add(run)
    return run


# A run left unfinished (a caller that stopped reading, a failed test) is closed at exit
# before Dask's own exit handlers stop the clusters; registered after importing distributed,
# so it runs first. Its client would otherwise wait forever for a scheduler already gone.
_OPEN: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _close_open_runs() -> None:
    for run in list(_OPEN):
        run.close()


def _run(articles, nlp, n_workers, address, batch_size, settings):
    with connect(address, n_workers, settings) as client:
        name = f"timeline-pipeline-{uuid.uuid4().hex}"
        client.register_plugin(PipelinePlugin(name, nlp), name=name)
        try:
            yield from _stream(client, name, articles, batch_size, settings)
        finally:
            client.unregister_worker_plugin(name)


def _stream(client: Client, name: str, articles: Iterator[Article], batch_size: int,
            settings: Settings):
    chunks = enumerate(iter(lambda: list(islice(articles, settings.chunk_articles)), []))
    pending: deque = deque()
    while True:
        threads = sum(client.nthreads().values())  # workers may join or leave during a run
        while len(pending) < settings.chunks_per_worker * max(1, threads):
            if (numbered := next(chunks, None)) is None:
                break
            k, chunk = numbered
            pending.append((chunk, client.submit(tag_chunk, name, chunk, batch_size,
                                                 key=f"{name}-chunk-{k}", pure=False)))
        if not pending:
            return
        chunk, future = pending.popleft()
        try:
            results = future.result(timeout=settings.chunk_timeout)
        except TimeoutError:
            first = chunk[0]
            raise ClusterError(
                f"no result within {settings.chunk_timeout:g} s for the chunk of {len(chunk)} "
                f"articles starting with {first.title or first.article_id!r}") from None
        future.release()
        for article, result in zip(chunk, results):
            yield (article, *result)
