"""How the server reaches the store and the coder from many request threads.

Reads open a read-only connection per request; an ingest takes the store for itself
(read-write) and reads wait for it, up to a time limit, then get "store is busy". In one
process DuckDB cannot hold a read-only and a read-write connection to the same file at
once, hence the lock. The coder (spaCy model, knowledge base) loads once, on first use,
and codes one text at a time.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.config import Settings
from newsevents.errors import NewseventsError
from newsevents.store import Store

if TYPE_CHECKING:
    from newsevents.api import Coder


class StoreBusy(NewseventsError):
    """A read that waited too long for an upload this server is storing (HTTP 503)."""

    def __init__(self, path: Path) -> None:
        super().__init__("W001", path=path)


def uploads_as_origins(path: Path, run_id: str, folder: str) -> None:
    """Name an upload run's articles and problems ``upload:NAME`` rather than by the
    temporary file they were read from."""
    with Store(path) as store:
        for table in ("articles", "problems"):
            store.con.execute(
                f"UPDATE {table} SET origin = 'upload:' || regexp_replace(origin, ?, '')"
                " WHERE run_id = ?",
                ["^" + re.escape(folder) + "/[0-9]+/", run_id],
            )


class ReadWriteLock:
    """Many readers or one writer; ``acquire_*`` give up after ``timeout`` seconds."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    def acquire_read(self, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: not self._writing, timeout) and self._enter()

    def _enter(self) -> bool:
        self._readers += 1
        return True

    def release_read(self) -> None:
        with self._cond:
            self._readers -= 1
            self._cond.notify_all()

    def acquire_write(self, timeout: float) -> bool:
        with self._cond:
            deadline = time.monotonic() + timeout
            if not self._cond.wait_for(lambda: not self._writing, timeout):
                return False
            self._writing = True  # new readers wait from here on
            left = max(deadline - time.monotonic(), 0.0)
            if not self._cond.wait_for(lambda: self._readers == 0, left):
                self._writing = False
                self._cond.notify_all()
                return False
            return True

    def release_write(self) -> None:
        with self._cond:
            self._writing = False
            self._cond.notify_all()


class StoreAccess:
    """The server's store: ``reading()`` and ``writing()`` context managers."""

    def __init__(self, path: Path, busy_timeout: float = 10.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self._lock = ReadWriteLock()
        with Store(path):  # create or upgrade it now, so reads never need to migrate
            pass

    @contextmanager
    def reading(self) -> Iterator[Store]:
        if not self._lock.acquire_read(self.busy_timeout):
            raise StoreBusy(self.path)
        try:
            with Store(self.path, read_only=True) as store:
                yield store
        finally:
            self._lock.release_read()

    @contextmanager
    def writing(self) -> Iterator[None]:
        if not self._lock.acquire_write(self.busy_timeout):
            raise StoreBusy(self.path)
        try:
            yield
        finally:
            self._lock.release_write()


class CoderHolder:
    """One :class:`~newsevents.api.Coder`, loaded on first use, used by one thread at a
    time (``with holder.use() as coder``)."""

    def __init__(self, settings: Settings, coder: Coder | None = None) -> None:
        self.settings = settings
        self._coder = coder
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._coder is not None

    @contextmanager
    def use(self) -> Iterator[Coder]:
        with self._lock:
            if self._coder is None:
                from newsevents.api import Coder

                self._coder = Coder.load(self.settings)
            yield self._coder


class ResultCache:
    """Answers of the heavy analyses (network layout, blocs) by request parameters, kept
    while the store stays the same (same event and ingest-run counts); at most ``size``."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing = threading.Lock()

    def get(self, store: Store, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        full_key = (*key, store_generation(store))
        with self._computing:  # one computation at a time: many requests, one layout
            with self._lock:
                if full_key in self._items:
                    self._items.move_to_end(full_key)
                    return self._items[full_key]
            value = compute()
            with self._lock:
                self._items[full_key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value


def store_generation(store: Store) -> tuple[int, int]:
    """Changes whenever an ingest run stores something (or starts)."""
    row = (
        store.con.cursor()
        .execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM ingest_runs)")
        .fetchone()
    )
    return (row[0], row[1]) if row else (0, 0)
