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
def one_process(coder, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str]]:
    db = tmp_path_factory.mktemp("one") / "one.duckdb"
    run_ingest([str(SAMPLES)], Settings(db_path=db, batch_size=4), coder=coder)
    return _stored(db)


@pytest.fixture(scope="module")
def cluster():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
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
