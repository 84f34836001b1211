"""Ingest on a Dask cluster: local worker processes (``--workers N``) or an existing
cluster (``--scheduler tcp://HOST:PORT``), through the same stage code.

Each worker process loads the spaCy model, knowledge base and patterns once (a worker
plugin), then cleans and codes chunks of documents. The client reads the inputs as a
stream, keeps a bounded number of chunks in flight (memory stays flat), and writes each
coded chunk to the store in one transaction. A chunk lost with a worker is retried on
another; ids are content hashes, so nothing is lost or stored twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from newsevents.api import Coder
from newsevents.config import Settings
from newsevents.ingest import read_inputs
from newsevents.pipeline import Batch, chunks, clean_batch
from newsevents.records import RawDocument, ReadError

PLUGIN_NAME = "newsevents-coder"
CHUNKS_IN_FLIGHT_PER_WORKER = 2
TASK_RETRIES = 3


class CoderPlugin(WorkerPlugin):
    """Loads one Coder per worker process."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.coder: Coder | None = None

    def setup(self, worker: object) -> None:
        self.coder = Coder.load(self.settings)


def code_chunk(items: list[RawDocument | ReadError]) -> Batch:
    """On a worker: clean and code one chunk of documents."""
    coder = get_worker().plugins[PLUGIN_NAME].coder  # type: ignore[attr-defined]
    batch = clean_batch(items, coder)
    batch.articles = list(coder.code_articles([a for a, _ in batch.articles]))
    return batch


@contextmanager
def dask_client(settings: Settings) -> Iterator[Client]:
    """A client of the scheduler named in the settings, or of a new local cluster."""
    if settings.scheduler:
        with Client(settings.scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=settings.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def distributed_batches(paths: list[str], settings: Settings, size: int) -> Iterator[Batch]:
    """Coded batches, in the order workers finish them."""
    with dask_client(settings) as client:
        client.register_plugin(CoderPlugin(settings))
        workers = max(1, len(client.scheduler_info()["workers"]))
        window = CHUNKS_IN_FLIGHT_PER_WORKER * workers
        running = as_completed()
        for chunk in chunks(read_inputs(paths), size):
            running.add(client.submit(code_chunk, chunk, retries=TASK_RETRIES, pure=False))
            while running.count() >= window:
                yield next(running).result()
        for future in running:
            yield future.result()
