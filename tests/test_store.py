"""The store: migrations recorded, batches idempotent, filters and the record round trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsevents.errors import NewseventsError
from newsevents.records import Actor, Article, Event, Evidence
from newsevents.store import EventFilters, Store

USA = Actor("USAGOV", "USA", "GOV", "United States", "The US", "country:USA")
IRN = Actor("IRNMIL", "IRN", "MIL", "Islamic Revolutionary Guard Corps", "the IRGC", "org:irgc")
PRK = Actor("PRK", "PRK", None, "North Korea", "North Korea", "country:PRK")


def _article(text: str = "The US imposed sanctions on the IRGC.", doc_id: str = "a") -> Article:
    return Article(
        article_id=f"id-{doc_id}",
        doc_id=doc_id,
        origin=f"{doc_id}.txt",
        text=text,
        title="T",
        published=date(2019, 4, 22),
        date_source="text",
    )


def _event(
    event_id: str,
    source: Actor,
    target: Actor | None,
    cameo: str,
    when: str,
    modality: str = "asserted",
    doc_id: str = "a",
    plover: str = "SANCTION",
) -> Event:
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        sentence_index=0,
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=plover,
        plover_mode=None,
        quad_class=4,
        goldstein=-4.0,
        modality=modality,  # type: ignore[arg-type]
        attributed_to=None,
        date=when,
        date_precision="month" if len(when) == 7 else "day",
        location=None,
        evidence=Evidence("The US imposed sanctions on the IRGC.", 0, 37, "imposed sanctions"),
        confidence=0.8,
        article_id=f"id-{doc_id}",
    )


def test_migrations_are_recorded_once(db: Path) -> None:
    Store(db).close()
    Store(db).close()
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert rows == [
        (1, "001_initial.sql"),
        (2, "002_clusters.sql"),
        (3, "003_actor_codes.sql"),
        (4, "004_produced_by.sql"),
        (5, "005_coder_version.sql"),
        (6, "006_location_precision.sql"),
        (7, "007_watch.sql"),
    ]


def test_actor_codes_count_what_the_events_hold(db: Path) -> None:
    events = [
        _event("e1", USA, IRN, "163", "2019-04"),
        _event("e2", IRN, USA, "111", "2019-05-02"),
        _event("e3", USA, None, "010", "2019-05-02"),
    ]
    with Store(db) as store:
        run = store.start_run("test", {})
        store.write_batch(run, [(_article(), events)])
        store.write_batch(run, [(_article(), events)])  # a duplicate adds nothing
        kept = store.query("SELECT code, country, n_events FROM actor_codes ORDER BY 1")
        store.refresh_actor_codes()
        recounted = store.query("SELECT code, country, n_events FROM actor_codes ORDER BY 1")
    assert kept.to_pylist() == recounted.to_pylist()
    assert {(r["code"], r["n_events"]) for r in kept.to_pylist()} == {("IRNMIL", 2), ("USAGOV", 3)}


def test_batch_is_idempotent_and_round_trips_the_record(db: Path) -> None:
    event = _event("e1", USA, IRN, "163", "2019-04")
    with Store(db) as store:
        run = store.start_run("test", {})
        store.write_batch(run, [(_article(), [event])])
        store.write_batch(run, [(_article(), [event])])
        assert store.counts() == {"articles": 1, "events": 1, "ingest_runs": 1}
        [record] = store.event_records()
    assert record == event.to_dict()


def test_filters(db: Path) -> None:
    events = [
        _event("e1", USA, IRN, "163", "2019-04"),
        _event("e2", PRK, None, "159", "2019-05-04", modality="speculative", plover="MOBILIZE"),
        _event("e3", IRN, USA, "111", "2020-01-08", plover="ACCUSE"),
    ]
    with Store(db) as store:
        store.write_batch(store.start_run("test", {}), [(_article(), events)])
        ids = lambda **kw: [r["event_id"] for r in store.event_records(EventFilters(**kw))]  # noqa: E731
        assert ids(actor="IRN") == ["e1", "e3"]
        assert ids(source="USA") == ["e1"] and ids(source="USAGOV") == ["e1"]
        assert ids(target="org:irgc") == ["e1"]
        assert ids(dyad=("IRN", "USA")) == ["e1", "e3"]
        assert ids(code="16") == ["e1"] and ids(code="MOBILIZE") == ["e2"]
        assert ids(since=date(2019, 5, 1), until=date(2019, 12, 31)) == ["e2"]
        assert ids(modality="speculative") == ["e2"]
        assert ids(limit=1) == ["e1"]


def test_injection_attempts_are_just_values(db: Path) -> None:
    with Store(db) as store:
        store.write_batch(
            store.start_run("t", {}), [(_article(), [_event("e1", USA, IRN, "163", "2019-04")])]
        )
        assert store.event_records(EventFilters(actor="x' OR 1=1 --")) == []
        assert store.counts()["events"] == 1


def test_missing_store_for_reading_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NewseventsError, match="no store yet"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database")
    with pytest.raises(NewseventsError, match="not a newsevents store"):
        Store(path)
    assert path.read_text() == "these are my notes, not a database"


def test_sql_is_read_only_and_one_statement(db: Path) -> None:
    with Store(db) as store:
        store.write_batch(
            store.start_run("t", {}), [(_article(), [_event("e1", USA, IRN, "163", "2019-04")])]
        )
    with Store(db, read_only=True) as store:
        assert store.query("SELECT source_code, cameo FROM events").to_pylist() == [
            {"source_code": "USAGOV", "cameo": "163"}
        ]
        for bad in ("DROP TABLE events", "SELECT 1; DROP TABLE events", "SELECT nonsense FROM"):
            with pytest.raises(NewseventsError, match="query refused"):
                store.query(bad)
        assert store.counts()["events"] == 1


def _store_at_version_1(db: Path) -> duckdb.DuckDBPyConnection:
    """A store as version 0.1's first migration left it (no clusters), still open."""
    from newsevents.store.migrate import migrations

    con = duckdb.connect(str(db))
    version, name, sql = migrations()[0]
    con.execute(sql)
    con.execute(
        "CREATE TABLE schema_migrations"
        " (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
    )
    con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    return con


def test_an_older_store_is_migrated_and_keeps_its_data(db: Path) -> None:
    con = _store_at_version_1(db)
    con.execute("INSERT INTO problems VALUES ('r', 'old.txt', NULL, 'error', 'kept')")
    con.close()
    with Store(db) as store:
        assert store.query("SELECT reason FROM problems").to_pylist() == [{"reason": "kept"}]
        assert "cluster_id" in store.query("SELECT * FROM events").column_names


def test_an_older_store_opened_for_reading_is_upgraded_first(db: Path) -> None:
    _store_at_version_1(db).close()
    with Store(db, read_only=True) as store:
        assert store.events(EventFilters(unique=True)).num_rows == 0


def test_a_failed_write_is_rolled_back_and_its_own_error_raised() -> None:
    import pyarrow as pa

    from newsevents.store.transactions import registered, transaction

    con = duckdb.connect()
    con.execute("CREATE TABLE t (a INTEGER PRIMARY KEY)")
    with pytest.raises(duckdb.ConstraintException):
        with transaction(con), registered(con, "rows", pa.table({"a": [1, 1]})):
            con.execute("INSERT INTO t SELECT a FROM rows")
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)
    with transaction(con), registered(con, "rows", pa.table({"a": [1, 2]})):
        con.execute("INSERT INTO t SELECT a FROM rows")
    assert con.execute("SELECT count(*) FROM t").fetchone() == (2,)
