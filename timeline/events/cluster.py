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
  A chunk that raises is not retried: the error reaches the caller, as in one process
  (``tag_chunks`` gives it with the chunk, and the ingest service analyses that chunk again
  one article at a time while the next chunks are tagged).

A local cluster runs with Dask's own background activity turned off or slowed
(``LOCAL_CONFIG``): on a machine whose cores the workers and the ingest process already keep
busy, every sample and tick is taken from the tagging. A cluster at an address keeps the
configuration its operator gave it.

spaCy's own ``nlp.pipe(n_process=...)`` is not used: its ``Doc.to_bytes`` cannot carry
``Doc._.dct`` (a date) nor the ``TimeExpression`` objects; the workers send back plain
picklable results instead.
"""
from __future__ import annotations

import atexit
import copy
import logging
import threading
import uuid
import weakref
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice

import dask
from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from timeline.events.extract import ClusterError, Result, _analyse_batch, _default_nlp
from timeline.model import Article, Event, TimeExpression
from timeline.settings import SETTINGS, Settings


# glibc's malloc in a worker process. Dask's nannies start workers with
# MALLOC_TRIM_THRESHOLD_=64 KiB (freed memory goes back to the system at once, for dataframe
# work), which also turns off glibc's adaptive mmap threshold: the model's arrays (up to ~30 MB
# a batch) are mapped and unmapped on every batch and their pages faulted in again. Measured on
# 640 articles in one process: 13.5-14.1 ms CPU per article (2.2-2.5 s in the kernel, ~695,000
# page faults) with Dask's setting, 12.7-13.5 ms with glibc's defaults, 11.2-11.9 ms with these
# (0.3-0.5 s in the kernel, ~54,000 faults), peak memory 247 -> 273 MB. Only the allocator
# changes: every result is the same. A variable already in this process's environment wins
# (Dask's precedence; each nanny also leaves its values there).
WORKER_MALLOC = {
    "MALLOC_MMAP_THRESHOLD_": 64 * 2**20,  # allocations below this come from the heap ...
    "MALLOC_TRIM_THRESHOLD_": 128 * 2**20,  # ... which keeps up to this much free memory for reuse
}

# Dask's defaults for a local cluster started here (the workers get them from their nannies,
# also a worker that replaces a dead one). Measured on 2 cores, 2 workers tagging: the worker
# processes spent ~7 % of their CPU outside the tasks and the ingest process (scheduler,
# nannies, client) ~0.065 CPU s per second of run; with these, ~1.5 % and ~0.02 s.
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,  # sampled the task thread's stack every 10 ms
    "distributed.admin.tick.interval": "1s",  # each server's event-loop watchdog (20 ms)
    "distributed.admin.system-monitor.interval": "5s",  # CPU/memory/network for the dashboard (0.5 s)
    "distributed.worker.memory.monitor-interval": "1s",  # memory limits checked (0.1 s)
    # glibc's malloc in each worker (environment of the new process; see WORKER_MALLOC)
    **{f"distributed.nanny.pre-spawn-environ.{name}": value for name, value in WORKER_MALLOC.items()},
}
_STARTING = threading.Lock()  # one local cluster starts at a time (connect)


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


def tag_chunk(plugin: str, chunk: list[Article], batch_size: int,
              settings: Settings) -> list[Result]:
    """The task: tag ``chunk`` with the pipeline this worker loaded for ``plugin``, within
    the caller's ``settings`` (its time budget per article)."""
    return _analyse_batch(get_worker().plugins[plugin].nlp, chunk, batch_size, settings)


@contextmanager
def connect(address: str | None, n_workers: int, settings: Settings = SETTINGS):
    """A client of the scheduler at ``address``, or of a local cluster of ``n_workers``
    single-threaded processes on 127.0.0.1 that is shut down on leaving."""
    if not address:
        # The workers get LOCAL_CONFIG per cluster, from their nannies (config=). The scheduler
        # and nannies in this process read Dask's global configuration as they start (no
        # per-instance setting for these in distributed), so it is set for the start alone, one
        # start at a time: dask.config.set restores on leaving what it saw on entering, and two
        # starts interleaved from threads left LOCAL_CONFIG set in the process for good.
        with _STARTING, dask.config.set(LOCAL_CONFIG):
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None,
                                   silence_logs=logging.ERROR,  # each nanny's copy, for its workers:
                                   config=copy.deepcopy(dask.config.config))  # also a new one
        with cluster, Client(cluster) as client:
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


class Session:
    """A client with the pipeline registered on its workers: many ``extract_many`` calls
    (``cluster=session``) share one cluster and one loaded pipeline per worker."""

    def __init__(self, client: Client, plugin: str, settings: Settings):
        self.client, self.plugin, self.settings = client, plugin, settings
        self.closed = False

    @property
    def threads(self) -> int:
        """Worker threads now (workers may join or leave during a run)."""
        return sum(self.client.nthreads().values())


@contextmanager
def session(n_workers: int = 2, address: str | None = None, nlp=None,
            settings: Settings = SETTINGS):
    """A ``Session`` on the scheduler at ``address`` or on a local cluster of ``n_workers``
    (started here, stopped on leaving); the pipeline is freed on the workers on leaving."""
    with connect(address, n_workers, settings) as client:
        run = Session(client, f"timeline-pipeline-{uuid.uuid4().hex}", settings)
        client.register_plugin(PipelinePlugin(run.plugin, nlp), name=run.plugin)
        _OPEN.add(run)
        try:
            yield run
        finally:
            _OPEN.discard(run)
            if not run.closed:
                client.unregister_worker_plugin(run.plugin)


def extract_on_cluster(articles: Iterator[Article], nlp=None, n_workers: int = 2,
                       address: str | Session | None = None, batch_size: int = 32,
                       settings: Settings = SETTINGS,
                       ) -> Iterator[tuple[Article, list[Event], list[TimeExpression]]]:
    """Stream ``(article, events, timexes)`` in input order, tagged by Dask workers: those of
    an open ``Session``, else of a session opened (and closed) for this call."""
    if isinstance(address, Session):
        yield from _tagged(address, articles, batch_size, settings)
        return
    with session(n_workers, address, nlp, settings) as run:
        yield from _tagged(run, articles, batch_size, settings)


def _tagged(run: Session, articles: Iterator[Article], batch_size: int, settings: Settings):
    for chunk, results in tag_chunks(run, articles, batch_size, settings):
        if isinstance(results, Exception):
            raise results
        for article, result in zip(chunk, results):
            yield (article, *result)


def tag_chunks(run: Session, articles: Iterator[Article], batch_size: int = 32,
               settings: Settings = SETTINGS) -> Iterator[tuple[list[Article], list[Result] | Exception]]:
    """Each chunk of ``articles`` with its ``(events, timexes)`` per article, or with the
    exception its worker raised (the caller may analyse that chunk again one article at a
    time), in input order; the chunks after it keep being tagged meanwhile, so one long
    stream never waits for the workers to drain."""
    return _stream(run, articles, tag_chunk, batch_size, settings)


# A session left open (a caller that stopped reading, a failed test) is closed at exit before
# Dask's own exit handlers stop the clusters (registered after importing distributed, so it
# runs first); its client would otherwise wait forever for a scheduler already gone.
_OPEN: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _close_open_sessions() -> None:
    for run in list(_OPEN):
        run.closed = True
        run.client.close()


def _stream(run: Session, articles: Iterator[Article], task, *args):
    """``(chunk, task(plugin, chunk, *args))`` for each chunk of ``articles``, in order."""
    name, settings = run.plugin, run.settings
    call = f"{name}-chunk-{uuid.uuid4().hex[:8]}"  # a session serves many calls
    chunks = enumerate(iter(lambda: list(islice(articles, settings.chunk_articles)), []))
    pending: deque = deque()
    try:
        yield from _in_order(run, chunks, pending, call, task, args)
    finally:  # a call stopped early or failed: its chunks leave the shared workers
        for _, future in pending if not run.closed else ():
            future.cancel()


def _in_order(run: Session, chunks, pending: deque, call: str, task, args: tuple):
    client, name, settings = run.client, run.plugin, run.settings
    while True:
        while len(pending) < settings.chunks_per_worker * max(1, run.threads):
            if (numbered := next(chunks, None)) is None:
                break
            k, chunk = numbered
            pending.append((chunk, client.submit(task, name, chunk, *args,
                                                 key=f"{call}-{k}", pure=False)))
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
        except Exception as exc:  # noqa: BLE001 - raised by the task: the caller decides
            results = exc
        future.release()
        yield chunk, results
