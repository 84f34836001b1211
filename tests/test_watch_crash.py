"""A watch killed with SIGKILL in the middle of a cycle, then run again: every item is
stored exactly once, and the pages the dead cycle stored are not fetched again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT
from feed_server import article_html, rss, serving

ITEMS = 75  # more than two ingest batches (32): a batch is written when the next is read


def _watch(url: str, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsevents", "watch", url, "--db", str(db), "--once"] + [
        "--no-model",
        "--delay",
        "0",
    ]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _wait_for(condition, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the watch did not get that far in time")
        time.sleep(0.05)


@pytest.mark.slow
def test_kill_9_mid_cycle_then_restart_stores_every_item_once(tmp_path: Path) -> None:
    db = tmp_path / "watch.duckdb"
    with serving() as server:
        for number in range(ITEMS):
            server.page(f"/a/{number}.html", article_html(number), delay=0.1)
        server.feed("/feed.xml", rss([(f"i{n}", server.url(f"/a/{n}.html")) for n in range(ITEMS)]))
        pages = lambda: [s.path for s in server.requests if s.path.startswith("/a/")]  # noqa: E731

        process = subprocess.Popen(
            _watch(server.url("/feed.xml"), db),
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(lambda: len(pages()) >= 68, 180)  # the first batch written, the third read
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        with duckdb.connect(str(db), read_only=True) as con:
            urls = [row[0] for row in con.execute("SELECT url FROM articles").fetchall()]
        stored = len(urls)
        assert 0 < stored < ITEMS  # killed mid-cycle, after a batch was written
        stored_pages = {url.removeprefix(server.url("")) for url in urls}
        fetched_before = len(pages())  # a request of the dead watch may still come in late

        again = subprocess.run(
            _watch(server.url("/feed.xml"), db),
            env=_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert again.returncode == 0, again.stderr
        refetched = pages()[fetched_before:]
    with duckdb.connect(str(db), read_only=True) as con:
        count = "SELECT count(*), count(DISTINCT url), count(DISTINCT article_id) FROM articles"
        assert con.execute(count).fetchone() == (ITEMS, ITEMS, ITEMS)
        items = "SELECT status, count(*) FROM watch_items GROUP BY status"
        assert con.execute(items).fetchall() == [("ingested", ITEMS)]
        cycles = "SELECT status FROM watch_cycles ORDER BY started_at"
        assert [row[0] for row in con.execute(cycles).fetchall()] == ["interrupted", "finished"]
        runs = "SELECT status FROM ingest_runs ORDER BY started_at"
        assert [row[0] for row in con.execute(runs).fetchall()] == ["interrupted", "finished"]
    # the pages the dead cycle stored were not fetched again, the others were
    every = {f"/a/{n}.html" for n in range(ITEMS)}
    assert set(refetched) == every - stored_pages
    assert f"new {ITEMS - stored} / seen {stored} / failed 0" in again.stderr


@pytest.mark.slow
def test_ctrl_c_between_cycles_exits_0(tmp_path: Path) -> None:
    folder, db = tmp_path / "inbox", tmp_path / "watch.duckdb"
    folder.mkdir()
    (folder / "one.txt").write_text("Russia condemned the United States on Monday.\n")
    command = [sys.executable, "-m", "newsevents", "watch", str(folder), "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--every", "1h", "--no-model"],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(180, process.kill)  # a hung watch fails the test, not the run
    watchdog.start()
    try:
        lines: list[str] = []
        while not any(line.startswith("cycle ") for line in lines):  # the first cycle is done
            line = process.stderr.readline()  # type: ignore[union-attr]
            assert line, f"the watch ended early: {lines}"
            lines.append(line)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        watchdog.cancel()
        process.kill()
    assert process.returncode == 0
    assert "stopped between cycles" in err and "Traceback" not in err
    assert any("new 1 / seen 0 / failed 0" in line for line in lines)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
