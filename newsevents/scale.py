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
from dataclasses import replace
from importlib import resources
from pathlib import Path

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from newsevents.batches import Batch, chunks, clean_batch
from newsevents.coder import Coder
from newsevents.config import Settings
from newsevents.ingest import read_inputs
from newsevents.records import RawDocument, ReadError

PLUGIN_NAME = "newsevents-coder"
CHUNKS_IN_FLIGHT_PER_WORKER = 2
TASK_RETRIES = 3
# Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 (the config key
# distributed.nanny.pre-spawn-environ). Setting it also fixes glibc's mmap threshold at
# 128 KiB, so spaCy's larger arrays are mmapped and unmapped on every batch: 4x the page
# faults and ~14% system time per worker, against ~5% in one process. Our local workers
# keep glibc's defaults, like the single process (a variable set in the environment of
# the run still reaches them).
WORKER_ENVIRON_UNSET = ("MALLOC_TRIM_THRESHOLD_",)

# The Coder of this worker process, with the fingerprint of the files it was loaded from:
# every run registers the plugin again, and a worker that already holds a Coder loaded
# from the same files reuses it instead of loading the model again (3-4 s per run).
_LOADED: tuple[tuple[object, ...], Coder] | None = None


class CoderPlugin(WorkerPlugin):
    """Loads one Coder per worker process (once per process while its files are
    unchanged; a new run's settings replace the old ones)."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.coder: Coder | None = None

    def setup(self, worker: object) -> None:
        self.coder = load_coder(self.settings)


def load_coder(settings: Settings) -> Coder:
    """``Coder.load(settings)``, or this process's Coder loaded before from the same
    knowledge base, patterns and codes files (same paths, sizes and times)."""
    global _LOADED
    key = _resource_fingerprint(settings)
    if _LOADED is not None and _LOADED[0] == key:
        return replace(_LOADED[1], settings=settings)
    coder = Coder.load(settings)
    _LOADED = (key, coder)
    return coder


def _resource_fingerprint(settings: Settings) -> tuple[object, ...]:
    """What ``Coder.load`` reads besides the model: the bundled data files of the actors
    and events packages and the user's actors file, as (path, size, mtime) each."""
    files: list[Path] = []
    for package in ("newsevents.actors", "newsevents.events"):
        data = Path(str(resources.files(package) / "data"))
        if data.is_dir():
            files.extend(sorted(p for p in data.rglob("*") if p.is_file()))
    if settings.actors_file is not None:
        files.append(Path(settings.actors_file))
    fingerprint: list[object] = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            fingerprint.append((str(path), None))
        else:
            fingerprint.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(fingerprint)


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
    with local_cluster(settings.workers) as cluster, Client(cluster) as client:
        yield client


def local_cluster(workers: int) -> LocalCluster:
    """A LocalCluster of ``workers`` processes with one thread each, started without
    Dask's MALLOC_TRIM_THRESHOLD_ (see :data:`WORKER_ENVIRON_UNSET`)."""
    unset = {f"distributed.nanny.pre-spawn-environ.{name}": None for name in WORKER_ENVIRON_UNSET}
    with dask.config.set(unset):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )


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
