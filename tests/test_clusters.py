"""Deduplication: one real-world event reported by several articles is one cluster."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsevents.config import Settings
from newsevents.pipeline import run_ingest
from newsevents.store import EventFilters, Store
from newsevents.store.clusters import event_interval, publisher

# Three reports of one strike, in different words, by different publishers and days, and
# one report of a different event by the same actors a month later.
REPORTS = {
    "wire-a.jsonl": (
        '{"id": "a1", "url": "https://wire-a.example/1", "date": "2020-01-08", '
        '"text": "Iran fired missiles at Iraq on Wednesday, officials said."}'
    ),
    "paper-b.jsonl": (
        '{"id": "b1", "url": "https://www.paper-b.example/x", "date": "2020-01-08", '
        '"text": "Tehran launched missiles at Iraq early on Wednesday."}'
    ),
    "site-c.jsonl": (
        '{"id": "c1", "url": "https://site-c.example/y", "date": "2020-01-09", '
        '"text": "Iran fired missiles at Iraq on Wednesday, the ministry said on Thursday."}'
    ),
    "later.jsonl": (
        '{"id": "d1", "url": "https://wire-a.example/2", "date": "2020-02-20", '
        '"text": "Iran fired missiles at Iraq on Tuesday."}'
    ),
}


def test_reports_of_one_event_are_one_cluster(coder, tmp_path: Path) -> None:
    for name, line in REPORTS.items():
        (tmp_path / name).write_text(line + "\n")
    db = tmp_path / "store.duckdb"
    run_ingest([str(tmp_path)], Settings(db_path=db), coder=coder)
    with Store(db, read_only=True) as store:
        everything = store.event_records(EventFilters(source="IRN", code="19"))
        unique = store.events(EventFilters(source="IRN", code="19", unique=True)).to_pylist()
    assert len(everything) == 4
    counts = sorted((row["n_mentions"], row["n_articles"], row["n_sources"]) for row in unique)
    assert counts == [(1, 1, 1), (3, 3, 3)]
    big = next(row for row in unique if row["n_articles"] == 3)
    assert (big["date_first"], big["date_last"]) == (date(2020, 1, 8), date(2020, 1, 8))
    assert (big["first_reported"], big["last_reported"]) == (date(2020, 1, 8), date(2020, 1, 9))


def test_reingest_keeps_the_same_clusters(coder, tmp_path: Path) -> None:
    for name, line in REPORTS.items():
        (tmp_path / name).write_text(line + "\n")
    db = tmp_path / "store.duckdb"
    run_ingest([str(tmp_path)], Settings(db_path=db), coder=coder)
    with Store(db) as store:
        before = sorted(
            r["cluster_id"] for r in store.events(EventFilters(unique=True)).to_pylist()
        )
        store.recluster()
        after = sorted(r["cluster_id"] for r in store.events(EventFilters(unique=True)).to_pylist())
    assert before == after


def test_date_intervals_follow_precision() -> None:
    assert event_interval(date(2019, 4, 1), "month") == (date(2019, 4, 1), date(2019, 4, 30))
    assert event_interval(date(2019, 12, 1), "month") == (date(2019, 12, 1), date(2019, 12, 31))
    assert event_interval(date(2018, 1, 1), "year") == (date(2018, 1, 1), date(2018, 12, 31))
    assert event_interval(date(2020, 1, 8), "document") == (date(2020, 1, 1), date(2020, 1, 8))


def test_publisher_is_the_host_or_the_file() -> None:
    assert publisher("https://www.example.org/a/b", None) == "example.org"
    assert publisher(None, "/data/wire.csv:12") == "/data/wire.csv"
