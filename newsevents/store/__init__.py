"""store: the DuckDB file that holds articles, events and ingest runs.

Writes happen in batches, each batch (articles with all their events) in one transaction,
so an article is never stored without its events. Reads use read-only connections.

Sharing the file: DuckDB lets one process write or several read. An ingest holds the
store's writer lock (``<store>.lock``, :func:`writer_lock`) for its whole run, so a second
ingest is told at once that the store is busy (E011), but it opens the DuckDB file only to
write a batch; in between, readers get in. A connection that finds the file locked tries
again for ``busy_timeout`` seconds (``$NEWSEVENTS_BUSY_TIMEOUT``, default 10) before E011.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import random
import socket
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsevents import __version__
from newsevents.errors import NewseventsError
from newsevents.records import Article, Event
from newsevents.store.clusters import CLUSTER_SOURCE_SQL, build_clusters
from newsevents.store.migrate import applied_versions, migrate, migrations
from newsevents.store.query import EventFilters, build_event_query, rows_by_ids_query, two_step
from newsevents.store.rows import (
    ARTICLE_COLUMNS,
    CLUSTER_COLUMNS,
    EVENT_COLUMNS,
    article_row,
    event_row,
    record_from_row,
)
from newsevents.store.transactions import registered, transaction

__all__ = ["EventFilters", "Store", "busy_timeout", "writer_lock"]

# (index of the code, index of the country) in an event row, for source and target
ACTOR_CODE_COLUMNS = tuple(
    (EVENT_COLUMNS.index(f"{role}_code"), EVENT_COLUMNS.index(f"{role}_country"))
    for role in ("source", "target")
)
ACTOR_CODES_SQL = """
INSERT INTO actor_codes
SELECT code, coalesce(country, ''), count(*)
FROM (SELECT source_code AS code, source_country AS country FROM events
      UNION ALL
      SELECT target_code, target_country FROM events WHERE target_code IS NOT NULL) AS m
GROUP BY ALL
"""

DEFAULT_BUSY_TIMEOUT = 10.0
# How the operating system says a file cannot be written (chmod, chattr +i, a read-only
# mount): errno values, and the words DuckDB's messages carry for them.
READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)
READ_ONLY_WORDS = ("permission denied", "operation not permitted", "read-only file system")


def busy_timeout() -> float:
    """Seconds to wait for a store another process has open: ``$NEWSEVENTS_BUSY_TIMEOUT``
    or 10."""
    try:
        return max(0.0, float(os.environ.get("NEWSEVENTS_BUSY_TIMEOUT", DEFAULT_BUSY_TIMEOUT)))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT


class Store:
    """A newsevents DuckDB store. ``Store(path).events(...)`` returns an Arrow table.

    ``busy_timeout``: seconds to keep trying while another process has the file open for
    writing (or, to write, for reading); then E011. None: :func:`busy_timeout`.
    """

    def __init__(
        self, path: str | Path, read_only: bool = False, busy_timeout: float | None = None
    ) -> None:
        self.path = Path(path)
        timeout = _default_timeout() if busy_timeout is None else busy_timeout
        if read_only and not self.path.exists():
            raise NewseventsError("E001", path=f"{self.path} (no store yet: run newsevents ingest)")
        if read_only and _needs_migration(self.path, timeout):
            _upgrade(self.path, timeout)  # an older store: upgrade it once
        self.con = _connect(self.path, read_only, timeout)
        if not read_only:
            try:
                migrate(self.con)
            except BaseException:
                self.con.close()
                raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing -------------------------------------------------------------------------
    def known_articles(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids the store already holds."""
        if not article_ids:
            return set()
        rows = self.con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))",
            [list(article_ids)],
        ).fetchall()
        return {row[0] for row in rows}

    def mark_interrupted_runs(self) -> int:
        """Mark runs still "running" as "interrupted". Only for the holder of the writer
        lock (:func:`writer_lock`): no other run can be going, so these were killed (power
        cut, SIGKILL) before they could say so. Returns how many."""
        rows = self.con.execute(
            "UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'"
        ).fetchall()
        return int(rows[0][0]) if rows else 0

    def start_run(self, command: str, settings: dict[str, object]) -> str:
        run_id = uuid.uuid4().hex[:16]
        self.con.execute(
            "INSERT INTO ingest_runs (run_id, started_at, user_name, host, version, command,"
            " settings, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'running')",
            [
                run_id,
                datetime.now(),
                _user(),
                socket.gethostname(),
                __version__,
                command,
                json.dumps(settings),
            ],
        )
        return run_id

    def write_batch(
        self,
        run_id: str,
        coded: Sequence[tuple[Article, list[Event]]],
        problems: Sequence[tuple[str, str | None, str, str]] = (),
    ) -> None:
        """Store articles with their events, and problems (origin, doc_id, kind, reason),
        in one transaction. Articles already stored are left as they are."""
        now = datetime.now()
        articles = [article_row(a, len(ev), run_id, now) for a, ev in coded]
        events = [event_row(e, run_id) for a, ev in coded for e in ev]
        with transaction(self.con):
            fresh = {a.article_id for a, _ in coded} - self.known_articles(
                [a.article_id for a, _ in coded]
            )
            self._insert("articles", ARTICLE_COLUMNS, [r for r in articles if r[0] in fresh])
            stored = [r for r in events if r[1] in fresh]
            self._insert("events", EVENT_COLUMNS, stored)
            self._count_actor_codes(stored)
            if problems:
                self.con.executemany(
                    "INSERT INTO problems VALUES (?, ?, ?, ?, ?)",
                    [(run_id, *problem) for problem in problems],
                )

    def _count_actor_codes(self, rows: list[tuple[Any, ...]]) -> None:
        """Add the source and target codes of new event rows to ``actor_codes``."""
        counts: Counter[tuple[str, str]] = Counter()
        for row in rows:
            for code_at, country_at in ACTOR_CODE_COLUMNS:
                if row[code_at] is not None:
                    counts[(row[code_at], row[country_at] or "")] += 1
        if not counts:
            return
        table = pa.table(
            {
                "code": [code for code, _ in counts],
                "country": [country for _, country in counts],
                "n_events": pa.array(list(counts.values()), pa.int64()),
            }
        )
        with registered(self.con, "newsevents_codes", table):
            self.con.execute(
                "INSERT INTO actor_codes SELECT * FROM newsevents_codes ON CONFLICT (code, country)"
                " DO UPDATE SET n_events = n_events + excluded.n_events"
            )

    def refresh_actor_codes(self) -> None:
        """Recount ``actor_codes`` from the events (after writing events some other way)."""
        with transaction(self.con):
            self.con.execute("DELETE FROM actor_codes")
            self.con.execute(ACTOR_CODES_SQL)

    def _insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        batch = pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in rows])
        with registered(self.con, "newsevents_batch", batch):
            self.con.execute(
                f"INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM newsevents_batch"
            )

    def finish_run(self, run_id: str, counts: dict[str, int], status: str = "finished") -> None:
        self.con.execute(
            "UPDATE ingest_runs SET finished_at = ?, n_read = ?, n_new = ?, n_duplicate = ?,"
            " n_rejected = ?, n_errors = ?, n_events = ?, status = ? WHERE run_id = ?",
            [
                datetime.now(),
                counts.get("read", 0),
                counts.get("new", 0),
                counts.get("duplicate", 0),
                counts.get("rejected", 0),
                counts.get("errors", 0),
                counts.get("events", 0),
                status,
                run_id,
            ],
        )

    def has_unclustered_events(self) -> bool:
        """Whether some dated event has no cluster: a run stopped before it reclustered."""
        row = self.con.execute(
            "SELECT EXISTS (SELECT 1 FROM events WHERE cluster_id IS NULL"
            " AND date_start IS NOT NULL)"
        ).fetchone()
        return bool(row and row[0])

    def recluster(self) -> int:
        """Recompute the event clusters of the whole store; returns how many there are."""
        rows = self.con.cursor().execute(CLUSTER_SOURCE_SQL).fetchall()
        clusters = list(build_clusters(rows))
        members = pa.table(
            {
                "event_id": [e for c in clusters for e in c.event_ids],
                "cluster_id": [c.cluster_id for c in clusters for _ in c.event_ids],
            }
        )
        with transaction(self.con), registered(self.con, "newsevents_members", members):
            self.con.execute("DELETE FROM event_clusters")
            self._insert("event_clusters", CLUSTER_COLUMNS, [c.row() for c in clusters])
            self.con.execute(
                "UPDATE events SET cluster_id = m.cluster_id FROM newsevents_members m "
                "WHERE events.event_id = m.event_id"
            )
        return len(clusters)

    # -- reading -------------------------------------------------------------------------
    def events(self, filters: EventFilters | None = None, **kwargs: Any) -> pa.Table:
        """Events matching the filters (see :class:`EventFilters`) as an Arrow table."""
        filters = filters or EventFilters(**kwargs)
        cursor = self.con.cursor()
        if two_step(filters):
            ids_sql, params = build_event_query(replace(filters, columns=("event_id",)))
            ids = [row[0] for row in cursor.execute(ids_sql, params).fetchall()]
            return cursor.sql(
                rows_by_ids_query(filters.columns, len(ids)), params=ids
            ).to_arrow_table()
        sql, params = build_event_query(filters)
        return cursor.sql(sql, params=params).to_arrow_table()

    def event_batches(
        self, filters: EventFilters, batch_rows: int = 10_000
    ) -> pa.RecordBatchReader:
        """Events matching the filters, in order, as a stream of Arrow record batches of at
        most ``batch_rows`` rows: memory stays flat however many rows match."""
        sql, params = build_event_query(filters)
        return self.con.cursor().sql(sql, params=params).to_arrow_reader(batch_rows)

    def query(self, sql: str) -> pa.Table:
        """A read-only SQL query (one SELECT) as an Arrow table; E015 for anything else."""
        statement = sql.strip().rstrip(";")
        if not statement.lower().startswith(("select", "with", "from", "describe", "show")):
            raise NewseventsError("E015", reason="only SELECT queries are allowed")
        if ";" in statement:
            raise NewseventsError("E015", reason="one statement at a time")
        try:
            return self.con.cursor().sql(statement).to_arrow_table()
        except duckdb.Error as exc:
            raise NewseventsError("E015", reason=_first_line(exc)) from None

    def has_actor(self, actor: str) -> bool:
        """Whether any stored event has ``actor`` (code prefix, country or entity id) as
        its source or target: an existence check, cheap on a big store."""
        filters = EventFilters(actor=actor, columns=("event_id",), limit=1)
        sql, params = build_event_query(filters, ordered=False)
        return bool(self.con.cursor().execute(sql, params).fetchall())

    def event_records(
        self, filters: EventFilters | None = None, **kwargs: Any
    ) -> list[dict[str, Any]]:
        """Events matching the filters as event records (the JSON contract)."""
        return [record_from_row(row) for row in self.events(filters, **kwargs).to_pylist()]

    def counts(self) -> dict[str, int]:
        """Number of articles, events and ingest runs in the store."""
        return {
            table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
            for table in ("articles", "events", "ingest_runs")
        }


@contextmanager
def writer_lock(path: str | Path) -> Iterator[Path]:
    """Hold the writer lock of the store at ``path`` (an advisory lock on ``<path>.lock``)
    for a whole ingest run; E011 at once when another process holds it. The lock goes with
    the process, however it ends (even SIGKILL), so a crash never leaves the store locked.
    Where ``fcntl`` is missing (Windows) DuckDB's own lock is the only guard."""
    lock_path = Path(f"{path}.lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield lock_path
        return
    folder = lock_path.parent
    if not folder.is_dir():
        raise NewseventsError("E020", folder=folder, path=path)
    try:
        handle = open(lock_path, "a+b")  # noqa: SIM115 - held for the whole run
    except OSError as exc:
        if exc.errno in READ_ONLY_ERRNOS:
            raise NewseventsError("E018", path=path, reason=exc.strerror) from None
        raise NewseventsError("E002", path=lock_path, reason=exc.strerror or exc) from None
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise NewseventsError("E011", path=path) from None
        yield lock_path
    finally:
        handle.close()  # closing releases the lock


def _default_timeout() -> float:
    return busy_timeout()


def _upgrade(path: Path, timeout: float) -> None:
    """Apply the migrations an older store lacks; E019 when the file cannot be written."""
    try:
        with _connect(path, read_only=False, timeout=timeout) as con:
            migrate(con)
    except NewseventsError as exc:
        if exc.code != "E018":
            raise
        raise NewseventsError("E019", path=path, reason=exc.reason) from None


def _needs_migration(path: Path, timeout: float) -> bool:
    with _connect(path, read_only=True, timeout=timeout) as con:
        return applied_versions(con) != {version for version, _, _ in migrations()}


def _connect(path: Path, read_only: bool, timeout: float = 0.0) -> Any:
    """A DuckDB connection; while another process holds a conflicting lock on the file,
    try again (with a little jitter) until ``timeout`` seconds have passed, then E011."""
    deadline = time.monotonic() + timeout
    pause = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc).lower()
            unwritable = next((words for words in READ_ONLY_WORDS if words in message), None)
            if not read_only and unwritable is not None:
                raise NewseventsError("E018", path=path, reason=unwritable) from None
            if "lock" not in message:
                raise NewseventsError("E010", path=path, reason=_first_line(exc)) from None
            if time.monotonic() >= deadline:
                raise NewseventsError("E011", path=path) from None
        except duckdb.Error as exc:
            raise NewseventsError("E010", path=path, reason=_first_line(exc)) from None
        time.sleep(min(pause * random.uniform(0.5, 1.5), max(0.0, deadline - time.monotonic())))
        pause = min(pause * 2, 0.5)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
