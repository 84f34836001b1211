"""The store's side of ``newsevents watch``: each source's state (HTTP validators, failures
and backoff), the items already done, the cycles, the failures and the alerts (migration
007). Everything a restarted watch needs to resume is here, none of it in memory.

:class:`WatchState` reads and writes these tables through an open :class:`Store`; the
writes are for the holder of the store's writer lock (a watch cycle).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsevents.store.rows import EVENT_COLUMNS
from newsevents.store.transactions import registered, transaction

if TYPE_CHECKING:
    from newsevents.store import Store

WATERMARK = "alerts_checked_until"
DONE_STATUSES = ("ingested", "rejected", "skipped", "abandoned")  # items not tried again


@dataclass(frozen=True)
class SourceState:
    """What the store remembers of one watched source."""

    source: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    last_checked: datetime | None = None
    last_ok: datetime | None = None
    failures: int = 0
    last_error: str | None = None
    retry_after: datetime | None = None


@dataclass(frozen=True)
class ItemState:
    """One item of a source as done (or tried) in a cycle."""

    item_key: str
    url: str | None
    status: str  # ingested | skipped | failed | abandoned
    attempts: int
    reason: str | None = None


@dataclass(frozen=True)
class AlertRecord:
    """An alert as stored: raised once per ``alert_key``."""

    alert_key: str
    rule: str
    kind: str
    raised_at: datetime
    message: str
    details: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "alert_key": self.alert_key,
            "rule": self.rule,
            "kind": self.kind,
            "raised_at": self.raised_at.isoformat(timespec="seconds"),
            "message": self.message,
            "details": self.details,
        }


SOURCE_COLUMNS = (
    "source, kind, etag, last_modified, last_checked, last_ok, failures, last_error, retry_after"
)


class WatchState:
    """The watch tables of an open store (``store.con``)."""

    def __init__(self, store: Store) -> None:
        self.con = store.con

    # -- sources ---------------------------------------------------------------------------
    def sources(self) -> dict[str, SourceState]:
        rows = self.con.execute(f"SELECT {SOURCE_COLUMNS} FROM watch_sources").fetchall()
        return {row[0]: SourceState(*row) for row in rows}

    def save_sources(self, states: Iterable[SourceState]) -> None:
        rows = [astuple(s) for s in states]  # the fields in SOURCE_COLUMNS order
        if rows:
            self.con.executemany(
                f"INSERT OR REPLACE INTO watch_sources ({SOURCE_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    # -- items -----------------------------------------------------------------------------
    def item_attempts(self, source: str, keys: Sequence[str]) -> dict[str, tuple[str, int]]:
        """(status, attempts) of those of ``keys`` the store has met before."""
        if not keys:
            return {}
        rows = self.con.execute(
            "SELECT item_key, status, attempts FROM watch_items"
            " WHERE source = ? AND item_key IN (SELECT unnest(?))",
            [source, list(keys)],
        ).fetchall()
        return {key: (status, attempts) for key, status, attempts in rows}

    def known_urls(self, urls: Sequence[str]) -> set[str]:
        """Which of these URLs a stored article already has (a page stored by a cycle that
        died before it could say so is not fetched again)."""
        if not urls:
            return set()
        rows = self.con.execute(
            "SELECT DISTINCT url FROM articles WHERE url IN (SELECT unnest(?))", [list(urls)]
        ).fetchall()
        return {row[0] for row in rows}

    def save_items(self, source: str, items: Sequence[ItemState], now: datetime) -> None:
        """Insert or update the items, as one Arrow table (DuckDB's executemany goes row
        by row: 8 ms an item)."""
        if not items:
            return
        table = pa.table(
            {
                "source": [source] * len(items),
                "item_key": [i.item_key for i in items],
                "url": pa.array([i.url for i in items], pa.string()),
                "status": [i.status for i in items],
                "attempts": pa.array([i.attempts for i in items], pa.int32()),
                "reason": pa.array([i.reason for i in items], pa.string()),
                "first_seen": pa.array([now] * len(items), pa.timestamp("us")),
                "updated_at": pa.array([now] * len(items), pa.timestamp("us")),
            }
        )
        with registered(self.con, "newsevents_items", table):
            self.con.execute(
                "INSERT INTO watch_items SELECT * FROM newsevents_items"
                " ON CONFLICT (source, item_key) DO UPDATE SET url = excluded.url,"
                " status = excluded.status, attempts = excluded.attempts,"
                " reason = excluded.reason, updated_at = excluded.updated_at"
            )

    def count_items(self, source: str) -> int:
        row = self.con.execute(
            "SELECT count(*) FROM watch_items WHERE source = ?", [source]
        ).fetchone()
        return int(row[0]) if row else 0

    # -- cycles and failures -----------------------------------------------------------------
    def start_cycle(self, now: datetime) -> str:
        """A new cycle; cycles still "running" were killed (the caller holds the lock)."""
        self.con.execute("UPDATE watch_cycles SET status = 'interrupted' WHERE status = 'running'")
        cycle_id = uuid.uuid4().hex[:16]
        self.con.execute(
            "INSERT INTO watch_cycles (cycle_id, started_at, status) VALUES (?, ?, 'running')",
            [cycle_id, now],
        )
        return cycle_id

    def finish_cycle(
        self, cycle_id: str, run_id: str | None, counts: dict[str, int], now: datetime
    ) -> None:
        self.con.execute(
            "UPDATE watch_cycles SET finished_at = ?, run_id = ?, n_sources = ?, n_new = ?,"
            " n_seen = ?, n_failed = ?, n_events = ?, n_alerts = ?, status = 'finished'"
            " WHERE cycle_id = ?",
            [
                now,
                run_id,
                counts.get("sources", 0),
                counts.get("new", 0),
                counts.get("seen", 0),
                counts.get("failed", 0),
                counts.get("events", 0),
                counts.get("alerts", 0),
                cycle_id,
            ],
        )

    def record_failures(
        self, cycle_id: str, failures: Iterable[tuple[str, str | None, str]], now: datetime
    ) -> None:
        """Each failure (source, url or None, reason) of the cycle."""
        rows = [(cycle_id, source, url, now, reason) for source, url, reason in failures]
        if rows:
            self.con.executemany("INSERT INTO watch_failures VALUES (?, ?, ?, ?, ?)", rows)

    def last_cycle(self) -> dict[str, Any] | None:
        """The latest finished cycle, or None."""
        row = self.con.execute(
            "SELECT cycle_id, started_at, finished_at, n_sources, n_new, n_seen, n_failed,"
            " n_events, n_alerts FROM watch_cycles WHERE status = 'finished'"
            " ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        names = ("sources", "new", "seen", "failed", "events", "alerts")
        return {
            "cycle_id": row[0],
            "started_at": row[1].isoformat(timespec="seconds"),
            "finished_at": row[2].isoformat(timespec="seconds"),
            **dict(zip(names, row[3:], strict=True)),
        }

    # -- alerts ----------------------------------------------------------------------------
    def watermark(self) -> datetime | None:
        """Articles ingested after this time are new to the alert rules."""
        row = self.con.execute(
            "SELECT value FROM watch_state WHERE name = ?", [WATERMARK]
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def set_watermark(self, when: datetime) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO watch_state VALUES (?, ?)", [WATERMARK, when.isoformat()]
        )

    def latest_ingest(self) -> datetime | None:
        row = self.con.execute("SELECT max(ingested_at) FROM articles").fetchone()
        return row[0] if row else None

    def count_articles_after(self, when: datetime | None) -> int:
        """How many articles were ingested after ``when`` (all of them when None)."""
        row = self.con.execute(
            "SELECT count(*) FROM articles WHERE ? IS NULL OR ingested_at > ?", [when, when]
        ).fetchone()
        return int(row[0]) if row else 0

    def ingested_after(self, article_ids: Sequence[str], when: datetime | None) -> set[str]:
        """Which of these articles were ingested after ``when`` (all when None)."""
        if not article_ids:
            return set()
        rows = self.con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))"
            " AND (? IS NULL OR ingested_at > ?)",
            [list(article_ids), when, when],
        ).fetchall()
        return {row[0] for row in rows}

    def latest_event_day(self, modality: str | None) -> date | None:
        """The newest event date of the store (of one modality; None: any)."""
        row = self.con.execute(
            "SELECT max(date_start) FROM events WHERE ? IS NULL OR modality = ?",
            [modality, modality],
        ).fetchone()
        return row[0] if row else None

    def new_events(
        self, since: datetime | None, modality: str | None, columns: Sequence[str]
    ) -> pa.Table:
        """The events (these columns) of the articles ingested after ``since`` (of
        every article when None), of one modality (None: any)."""
        wanted = ", ".join(c for c in columns if c in EVENT_COLUMNS)
        sql = (
            f"SELECT {wanted} FROM events WHERE (? IS NULL OR modality = ?) AND article_id IN"
            " (SELECT article_id FROM articles WHERE ? IS NULL OR ingested_at > ?)"
            " ORDER BY date_start NULLS LAST, event_id"
        )
        params = [modality, modality, since, since]
        return self.con.cursor().sql(sql, params=params).to_arrow_table()

    def pairs_before(self, since: datetime | None, level: str, modality: str | None) -> set:
        """The pairs of actors (sorted, either direction) that events of articles ingested
        up to ``since`` join: each actor its country, else its code (``level`` country),
        or its code (``level`` code), as :func:`analysis.selection.actor_nodes`."""
        if since is None:
            return set()
        a, b = (
            ("source_code", "target_code")
            if level == "code"
            else ("coalesce(source_country, source_code)", "coalesce(target_country, target_code)")
        )
        rows = self.con.execute(
            f"SELECT DISTINCT least({a}, {b}), greatest({a}, {b}) FROM events"
            " WHERE target_code IS NOT NULL AND (? IS NULL OR modality = ?) AND article_id IN"
            " (SELECT article_id FROM articles WHERE ingested_at <= ?)",
            [modality, modality, since],
        ).fetchall()
        return {tuple(row) for row in rows}

    def raised(self, keys: Sequence[str]) -> set[str]:
        """Which of these alert keys were raised before."""
        rows = self.con.execute(
            "SELECT alert_key FROM alerts WHERE alert_key IN (SELECT unnest(?))", [list(keys)]
        ).fetchall()
        return {row[0] for row in rows}

    def add_alerts(self, alerts: Sequence[AlertRecord]) -> list[AlertRecord]:
        """Store the alerts not raised before, in one transaction; returns those."""
        if not alerts:
            return []
        with transaction(self.con):
            raised = self.raised([a.alert_key for a in alerts])
            fresh = []
            for alert in alerts:
                if alert.alert_key not in raised:
                    raised.add(alert.alert_key)
                    fresh.append(alert)
            if fresh:
                self.con.executemany(
                    "INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (a.alert_key, a.rule, a.kind, a.raised_at, a.message, json.dumps(a.details))
                        for a in fresh
                    ],
                )
        return fresh

    def latest_alerts(self, limit: int = 50) -> list[AlertRecord]:
        rows = self.con.execute(
            "SELECT alert_key, rule, kind, raised_at, message, details FROM alerts"
            " ORDER BY raised_at DESC, alert_key LIMIT ?",
            [limit],
        ).fetchall()
        return [AlertRecord(*row[:5], json.loads(row[5])) for row in rows]
