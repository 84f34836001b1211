"""Dask: a two-worker cluster stores exactly what one process stores, and a worker killed
mid-run loses and duplicates nothing."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from conftest import SAMPLES

from newsevents.config import Settings
from newsevents.pipeline import run_ingest
from newsevents.store import Store

distributed = pytest.importorskip("distributed")


def _stored(db: Path) -> tuple[list[str], list[str]]:
    with Store(db, read_only=True) as store:
        articles = sorted(
            r["article_id"] for r in store.query("SELECT article_id FROM articles").to_pylist()
        )
        events = sorted(
            r["event_id"] for r in store.query("SELECT event_id FROM events").to_pylist()
        )
    return articles, events


@pytest.fixture(scope="module")
def one_process(
    shipped_coder, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[str], list[str]]:
    """The samples stored by one process with the coder as it ships (the workers load the
    same: patterns and model)."""
    db = tmp_path_factory.mktemp("one") / "one.duckdb"
    run_ingest([str(SAMPLES)], Settings(db_path=db, batch_size=4), coder=shipped_coder)
    return _stored(db)


@pytest.fixture(scope="module")
def cluster():
    from newsevents.scale import local_cluster

    with local_cluster(2) as local, distributed.Client(local) as client:
        yield local, client


def test_two_workers_store_exactly_the_one_process_events(
    one_process, cluster, tmp_path: Path
) -> None:
    local, _ = cluster
    db = tmp_path / "two.duckdb"
    summary = run_ingest(
        [str(SAMPLES)], Settings(db_path=db, batch_size=4, scheduler=local.scheduler_address)
    )
    assert (summary.read, summary.new, summary.errors) == (20, 20, [])
    assert _stored(db) == one_process


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    one_process, cluster, tmp_path: Path
) -> None:
    local, client = cluster
    pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one_worker(read: int, events: int) -> None:
        if not killed:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    db = tmp_path / "killed.duckdb"
    settings = Settings(db_path=db, batch_size=2, scheduler=local.scheduler_address)
    summary = run_ingest([str(SAMPLES)], settings, on_progress=kill_one_worker)
    assert killed and summary.new == 20
    assert _stored(db) == one_process
    again = run_ingest(
        [str(SAMPLES)], Settings(db_path=db, batch_size=2, scheduler=local.scheduler_address)
    )
    assert (again.new, again.duplicate) == (0, 20)
    assert _stored(db) == one_process


def test_a_warm_worker_keeps_its_coder_between_runs(cluster, tmp_path: Path) -> None:
    local, client = cluster

    def loaded_model() -> int | None:
        from newsevents import scale

        return id(scale._LOADED[1].nlp) if scale._LOADED else None

    for run in ("first", "second"):
        settings = Settings(db_path=tmp_path / f"{run}.duckdb", scheduler=local.scheduler_address)
        run_ingest([str(SAMPLES)], settings)
        models = client.run(loaded_model)
        if run == "first":
            first = models
    assert models == first and None not in models.values()


def test_local_workers_keep_glibc_malloc_defaults(cluster) -> None:
    _, client = cluster
    if "MALLOC_TRIM_THRESHOLD_" in os.environ:
        pytest.skip("set in this environment; workers inherit it on purpose")
    found = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
    assert set(found.values()) == {None}


def test_load_coder_reloads_when_the_actors_file_changes(monkeypatch, tmp_path: Path) -> None:
    from newsevents import scale

    loads: list[Settings] = []
    monkeypatch.setattr(scale, "_LOADED", None)
    monkeypatch.setattr(
        scale.Coder, "load", classmethod(lambda cls, s: loads.append(s) or _stub(cls, s))
    )
    actors = tmp_path / "actors.jsonl"
    actors.write_text("")
    one = Settings(db_path=tmp_path / "a.duckdb", actors_file=actors)
    two = Settings(db_path=tmp_path / "b.duckdb", actors_file=actors)
    assert scale.load_coder(one).settings is one
    assert scale.load_coder(two).settings is two  # reused, with the new run's settings
    assert len(loads) == 1
    actors.write_text('{"entity": "x"}\n')
    os.utime(actors, ns=(0, 0))
    scale.load_coder(two)
    assert len(loads) == 2


def _stub(cls, settings: Settings):
    return cls(nlp=object(), kb=None, patterns=None, codes={}, settings=settings)


@pytest.mark.parametrize(
    "value",
    [
        "April 22, 2019",
        "January 4, 2019",
        "22 April 2019",
        "4 Jan, 2019",
        "Sept 3rd, 2020",
        "dec 31 1999",
        "26-FEB-1987 16:03:15.46",
        "1-MAR-1987 09:00:01.00",
    ],
)
def test_fast_dates_are_the_dates_dateparser_gives(value: str) -> None:
    """Clean's fast path for common date spellings (a performance change) gives the date
    dateparser gives."""
    from datetime import datetime

    import dateparser

    from newsevents.clean.dates import DATE_SETTINGS, _fast_date

    slow = dateparser.parse(value, languages=["en"], settings=DATE_SETTINGS)
    assert isinstance(slow, datetime)
    assert _fast_date(value) == slow.date()


@pytest.mark.parametrize("value", ["February 30, 2019", "Smarch 3, 2019", "3/4/2019"])
def test_other_dates_are_left_to_dateparser(value: str) -> None:
    from newsevents.clean.dates import _fast_date

    assert _fast_date(value) is None
