"""store: the DuckDB file that holds articles, events and ingest runs.

Writes happen in batches, each batch (articles with all their events) in one transaction,
so an article is never stored without its events. Reads use read-only connections.
"""

from __future__ import annotations

import getpass
import json
import socket
import uuid
from collections.abc import Sequence
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
from newsevents.store.query import EventFilters, build_event_query
from newsevents.store.rows import (
    ARTICLE_COLUMNS,
    CLUSTER_COLUMNS,
    EVENT_COLUMNS,
    article_row,
    event_row,
    record_from_row,
)

__all__ = ["EventFilters", "Store"]


class Store:
    """A newsevents DuckDB store. ``Store(path).events(...)`` returns an Arrow table."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise NewseventsError("E001", path=f"{self.path} (no store yet: run newsevents ingest)")
        if read_only and _needs_migration(self.path):
            with _connect(self.path, read_only=False) as con:  # an older store: upgrade it once
                migrate(con)
        self.con = _connect(self.path, read_only)
        if not read_only:
            migrate(self.con)

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
        self.con.execute("BEGIN TRANSACTION")
        try:
            fresh = {a.article_id for a, _ in coded} - self.known_articles(
                [a.article_id for a, _ in coded]
            )
            self._insert("articles", ARTICLE_COLUMNS, [r for r in articles if r[0] in fresh])
            self._insert("events", EVENT_COLUMNS, [r for r in events if r[1] in fresh])
            if problems:
                self.con.executemany(
                    "INSERT INTO problems VALUES (?, ?, ?, ?, ?)",
                    [(run_id, *problem) for problem in problems],
                )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        batch = pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in rows])
        self.con.register("newsevents_batch", batch)
        try:
            self.con.execute(
                f"INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM newsevents_batch"
            )
        finally:
            self.con.unregister("newsevents_batch")

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
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM event_clusters")
            self._insert("event_clusters", CLUSTER_COLUMNS, [c.row() for c in clusters])
            self.con.register("newsevents_members", members)
            self.con.execute(
                "UPDATE events SET cluster_id = m.cluster_id FROM newsevents_members m "
                "WHERE events.event_id = m.event_id"
            )
            self.con.unregister("newsevents_members")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return len(clusters)

    # -- reading -------------------------------------------------------------------------
    def events(self, filters: EventFilters | None = None, **kwargs: Any) -> pa.Table:
        """Events matching the filters (see :class:`EventFilters`) as an Arrow table."""
        sql, params = build_event_query(filters or EventFilters(**kwargs))
        return self.con.cursor().sql(sql, params=params).to_arrow_table()

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
        sql, params = build_event_query(EventFilters(actor=actor, columns=("event_id",)))
        sql = sql.split(" ORDER BY ")[0] + " LIMIT 1"
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


def _needs_migration(path: Path) -> bool:
    with _connect(path, read_only=True) as con:
        return applied_versions(con) != {version for version, _, _ in migrations()}


def _connect(path: Path, read_only: bool) -> Any:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise NewseventsError("E011", path=path) from None
        raise NewseventsError("E010", path=path, reason=_first_line(exc)) from None
    except duckdb.Error as exc:
        raise NewseventsError("E010", path=path, reason=_first_line(exc)) from None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
