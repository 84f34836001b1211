"""``newsevents recode`` and ``coder_version`` (issue #18): stored articles re-coded by a
new coder give the events a fresh ingest gives, a kill -9 in the middle loses nothing, and
every event says which coder made it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES

from newsevents import __version__
from newsevents.coder import coder_version
from newsevents.config import Settings
from newsevents.errors import NewseventsError
from newsevents.pipeline import run_ingest
from newsevents.recode import RecodeSelection, run_recode
from newsevents.store import Store

STORY = (
    "Headline\n\nThe United States imposed new sanctions on Iran on Monday, officials in"
    " Washington said."
)
FIELDS = "event_id, doc_id, cameo, source_code, target_code, modality, date, produced_by"


def _corpus(directory: Path, count: int) -> Path:
    """The first ``count`` plain-text samples (links to them)."""
    directory.mkdir()
    for path in sorted(SAMPLES.glob("*.txt"))[:count]:
        (directory / path.name).symlink_to(path)
    return directory


def _events(db: Path, columns: str = FIELDS) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT {columns} FROM events ORDER BY event_id").fetchall()


def _per_article(db: Path) -> dict[str, list[tuple]]:
    """Each article's events as sorted (event_id, by, coder_version, target) keys."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT a.article_id, e.event_id, e.produced_by, e.coder_version, e.target_code"
            " FROM articles a LEFT JOIN events e USING (article_id)"
            " ORDER BY 1, 2, 3, 4, 5"
        ).fetchall()
    found: dict[str, list[tuple]] = {}
    for article_id, *key in rows:
        found.setdefault(article_id, [])
        if key[0] is not None:
            found[article_id].append(tuple(key))
    return found


def _assert_consistent(db: Path) -> None:
    """Event counts match, no orphans, actor code counts match the events."""
    with duckdb.connect(str(db), read_only=True) as con:
        checks = {
            "wrong n_events": "SELECT count(*) FROM articles a WHERE n_events != (SELECT "
            "count(*) FROM events e WHERE e.article_id = a.article_id)",
            "orphan events": "SELECT count(*) FROM events ANTI JOIN articles USING (article_id)",
            "duplicate events": "SELECT count(*) - count(DISTINCT event_id) FROM events",
            "actor codes": "SELECT count(*) FROM (SELECT code, country, n_events FROM "
            "actor_codes EXCEPT SELECT code, coalesce(country, ''), count(*) FROM (SELECT "
            "source_code code, source_country country FROM events UNION ALL SELECT "
            "target_code, target_country FROM events WHERE target_code IS NOT NULL) GROUP BY "
            "ALL)",
            "unclustered": "SELECT count(*) FROM events WHERE date_start IS NOT NULL AND "
            "cluster_id IS NULL",
        }
        for name, sql in checks.items():
            assert con.execute(sql).fetchone()[0] == 0, name  # type: ignore[index]


# -- coder_version -------------------------------------------------------------------------


def test_coder_version_is_stable_and_names_what_codes(tmp_path: Path, coder, shipped_coder) -> None:
    patterns = coder_version(Settings(use_model=False), coder.nlp.meta)
    assert patterns == coder_version(Settings(use_model=False), coder.nlp.meta) == coder.version
    assert patterns.startswith(f"{__version__}+")
    assert shipped_coder.version != coder.version  # the model is part of the coder
    actors = tmp_path / "mine.jsonl"
    actors.write_text('{"entity": "org:x", "names": ["Xland Front"], "code": "XLDREB"}\n')
    assert coder_version(Settings(use_model=False, actors_file=actors), coder.nlp.meta) != patterns
    other_spacy = {**coder.nlp.meta, "version": "0.0.1"}
    assert coder_version(Settings(use_model=False), other_spacy) != patterns


def test_coder_version_changes_when_a_pattern_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coder
) -> None:
    import newsevents.coder as coder_module

    root = Path(str(coder_module.resources.files("newsevents.events")))
    copy = tmp_path / "events"
    shutil.copytree(root / "data", copy / "data", ignore=shutil.ignore_patterns("model"))
    real_files = coder_module.resources.files

    def files(package: str):
        return copy if package == "newsevents.events" else real_files(package)

    monkeypatch.setattr(coder_module.resources, "files", files)
    coder_module._version.cache_clear()
    try:
        before = coder_version(Settings(use_model=False), coder.nlp.meta)
        with (copy / "data" / "patterns.jsonl").open("a") as handle:
            handle.write("\n")
        coder_module._version.cache_clear()
        assert coder_version(Settings(use_model=False), coder.nlp.meta) != before
    finally:
        coder_module._version.cache_clear()


def test_every_stored_event_has_its_coder_version(tmp_path: Path, db: Path, coder) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    run_ingest([str(tmp_path / "story.txt")], Settings(db_path=db), coder=coder)
    with Store(db, read_only=True) as store:
        records = store.event_records()
    assert records and {r["coder_version"] for r in records} == {coder.version}


def test_a_store_from_before_coder_version_opens_and_upgrades(
    tmp_path: Path, db: Path, coder
) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    run_ingest([str(tmp_path / "story.txt")], Settings(db_path=db), coder=coder)
    con = duckdb.connect(str(db))  # make it a store of migration 004
    con.execute("DROP INDEX events_article")  # DuckDB alters no indexed table
    con.execute("ALTER TABLE events DROP COLUMN coder_version")
    con.execute("ALTER TABLE events DROP COLUMN location_precision")  # migration 006
    con.execute("CREATE INDEX events_article ON events (article_id)")
    con.execute("DELETE FROM schema_migrations WHERE version >= 5")
    con.close()
    with Store(db, read_only=True) as store:  # a reader upgrades it once
        [record] = store.event_records()
        assert record["coder_version"] is None and record["cameo"] == "163"
    # and the old events are re-coded like any others
    run_recode(Settings(db_path=db, use_model=False), RecodeSelection(), coder=coder)
    with Store(db, read_only=True) as store:
        [record] = store.event_records()
        assert record["coder_version"] == coder.version


# -- recode --------------------------------------------------------------------------------


def test_recode_after_a_coder_change_gives_the_events_of_a_fresh_ingest(
    tmp_path: Path, coder, shipped_coder
) -> None:
    """Ingest with the patterns alone, re-code with the model: the store then holds what a
    fresh ingest with the model stores, field for field, and the counts agree."""
    corpus = _corpus(tmp_path / "corpus", 4)
    old, fresh = tmp_path / "old.duckdb", tmp_path / "fresh.duckdb"
    run_ingest([str(corpus)], Settings(db_path=old, use_model=False), coder=coder)
    run_ingest([str(corpus)], Settings(db_path=fresh), coder=shipped_coder)
    _assert_recode_gives_the_fresh_store(old, fresh, shipped_coder, articles=4)


@pytest.mark.slow
def test_recode_of_the_demo_store_gives_the_events_of_a_fresh_ingest(
    tmp_path: Path, sample_store: Path, shipped_coder
) -> None:
    """The same on the store of `make demo`'s articles (text, HTML and JSONL samples),
    ingested by the patterns alone."""
    old, fresh = tmp_path / "demo.duckdb", tmp_path / "fresh.duckdb"
    shutil.copy(sample_store, old)
    run_ingest([str(SAMPLES)], Settings(db_path=fresh), coder=shipped_coder)
    _assert_recode_gives_the_fresh_store(old, fresh, shipped_coder, articles=20)


def _assert_recode_gives_the_fresh_store(old: Path, fresh: Path, new_coder, articles: int) -> None:
    before = _events(old)
    assert before != _events(fresh)  # the coder change changes the events
    summary = run_recode(Settings(db_path=old), RecodeSelection(), coder=new_coder)
    with Store(old, read_only=True) as a, Store(fresh, read_only=True) as b:
        # every field of every event record (all but the run that wrote it)
        assert a.event_records() == b.event_records()
        articles_sql = "SELECT article_id, published, date_source, n_events FROM articles"
        assert (
            a.query(articles_sql + " ORDER BY 1").to_pylist()
            == b.query(articles_sql + " ORDER BY 1").to_pylist()
        )
    assert {v for (v,) in _events(old, "coder_version")} == {new_coder.version}
    assert (summary.articles, summary.recoded) == (articles, articles)
    assert (summary.events_before, summary.events_after) == (len(before), len(_events(fresh)))
    _assert_consistent(old)
    with Store(old, read_only=True) as a, Store(fresh, read_only=True) as b:
        assert (
            a.query("SELECT * FROM actor_codes ORDER BY ALL").to_pylist()
            == b.query("SELECT * FROM actor_codes ORDER BY ALL").to_pylist()
        )
        clusters = "SELECT source_code, target_code, cameo_root, n_mentions FROM event_clusters"
        assert (
            a.query(clusters + " ORDER BY ALL").to_pylist()
            == b.query(clusters + " ORDER BY ALL").to_pylist()
        )
        runs = a.query("SELECT status, n_read FROM ingest_runs ORDER BY started_at").to_pylist()
        assert runs[-1] == {"status": "finished", "n_read": articles}


def test_recode_with_a_date_redates_one_article_and_leaves_the_rest(
    tmp_path: Path, db: Path, coder
) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "other.txt").write_text(
        "Other\n\nWASHINGTON, March 3, 2021 — Russia condemned the strike, the Kremlin said."
    )
    run_ingest([str(tmp_path)], Settings(db_path=db), coder=coder)
    others = [e for e in _events(db, "doc_id, event_id, run_id, date") if e[0] == "other"]
    selection = RecodeSelection(doc="story", new_date=date(2019, 4, 22))
    summary = run_recode(Settings(db_path=db), selection, coder=coder)
    assert (summary.recoded, summary.changed) == (1, 1)
    with Store(db, read_only=True) as store:
        [story] = store.event_records(source="USA")
        article = store.query(
            "SELECT published, date_source FROM articles WHERE doc_id = 'story'"
        ).to_pylist()
    assert story["date"] == "2019-04-22"  # "on Monday" now counts from the new date
    assert article == [{"published": date(2019, 4, 22), "date_source": "user"}]
    assert [e for e in _events(db, "doc_id, event_id, run_id, date") if e[0] == "other"] == others


def test_recode_since_chooses_articles_by_publication_date(tmp_path: Path, db: Path, coder) -> None:
    (tmp_path / "2019-01-01_early.txt").write_text(STORY)
    (tmp_path / "2021-01-01_late.txt").write_text(
        "Late\n\nRussia condemned the strike on Friday, the Kremlin said."
    )
    run_ingest([str(tmp_path)], Settings(db_path=db), coder=coder)
    runs = dict(_events(db, "doc_id, run_id"))
    summary = run_recode(Settings(db_path=db), RecodeSelection(since=date(2020, 1, 1)), coder=coder)
    assert summary.recoded == 1
    after = dict(_events(db, "doc_id, run_id"))
    assert after["2019-01-01_early"] == runs["2019-01-01_early"]
    assert after["2021-01-01_late"] != runs["2021-01-01_late"]


def test_recode_refuses_what_it_cannot_do(tmp_path: Path, db: Path, coder) -> None:
    with pytest.raises(NewseventsError) as missing:
        run_recode(Settings(db_path=db), RecodeSelection(), coder=coder)
    assert missing.value.code == "E001"
    (tmp_path / "story.txt").write_text(STORY)
    run_ingest([str(tmp_path / "story.txt")], Settings(db_path=db), coder=coder)
    with pytest.raises(NewseventsError) as unknown:
        run_recode(Settings(db_path=db), RecodeSelection(doc="nope"), coder=coder)
    assert unknown.value.code == "E022" and "'nope'" in unknown.value.message
    with pytest.raises(NewseventsError) as undirected:
        run_recode(Settings(db_path=db), RecodeSelection(new_date=date(2020, 1, 1)), coder=coder)
    assert undirected.value.code == "E021"
    assert len(_events(db)) == 1


def test_recode_cli_usage_errors_are_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_DB"}
    usage = subprocess.run(
        [sys.executable, "-m", "newsevents", "recode", "--date", "2021-03-04"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert usage.returncode == 2 and "--doc" in usage.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "newsevents", "recode", "--db", str(tmp_path / "none.duckdb")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("error: ") and "no store yet" in missing.stderr


def test_recode_since_takes_a_year_or_a_month_like_the_other_filters(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_DB"}

    def recode(since: str) -> subprocess.CompletedProcess:
        command = ["recode", "--since", since, "--db", str(tmp_path / "none.duckdb")]
        return subprocess.run(
            [sys.executable, "-m", "newsevents", *command], capture_output=True, text=True, env=env
        )

    for since in ("2023", "2023-03", "2023-03-15"):  # taken: on to the store, which is missing
        taken = recode(since)
        assert taken.returncode == 1 and "no store yet" in taken.stderr, (since, taken.stderr)
    refused = recode("2023x")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "use YYYY, YYYY-MM or YYYY-MM-DD" in refused.stderr


# -- kill -9 in the middle -----------------------------------------------------------------

# The recode command with batches of one article (more commits to kill between).
SMALL_BATCHES = """
import sys
import newsevents.recode as recode
recode._chunks = lambda ids, _size: ([i] for i in ids)
from newsevents.cli import main
sys.argv = ["newsevents", "recode", *sys.argv[1:]]
main()
"""


def _recoded_so_far(db: Path, run_id_before: set[str]) -> int | None:
    """Articles whose events the running recode has replaced so far (None: locked)."""
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    with con:
        runs = {r[0] for r in con.execute("SELECT run_id FROM ingest_runs").fetchall()}
        new = list(runs - run_id_before)
        if not new:
            return 0
        row = con.execute(
            "SELECT count(DISTINCT article_id) FROM events WHERE run_id IN (SELECT unnest(?))",
            [new],
        ).fetchone()
        return int(row[0]) if row else 0


@pytest.mark.slow
def test_a_recode_killed_in_the_middle_loses_nothing(tmp_path: Path, coder, shipped_coder) -> None:
    """kill -9 after some articles are re-coded: each article has its old events or its new
    ones, never none or both; the next recode finishes the job."""
    corpus = _corpus(tmp_path / "corpus", 6)
    db, reference = tmp_path / "store.duckdb", tmp_path / "reference.duckdb"
    run_ingest([str(corpus)], Settings(db_path=db, use_model=False), coder=coder)
    shutil.copy(db, reference)
    run_recode(Settings(db_path=reference), RecodeSelection(), coder=shipped_coder)
    old, new = _per_article(db), _per_article(reference)
    assert old.keys() == new.keys() and all(old[a] != new[a] for a in old if new[a])
    runs_before = {r for (r,) in _events(db, "DISTINCT run_id")}
    env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_DB"}
    command = [sys.executable, "-c", SMALL_BATCHES, "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 600
        while process.poll() is None and time.monotonic() < deadline:
            if (_recoded_so_far(db, runs_before) or 0) >= 2:
                break
            time.sleep(0.02)
        assert process.poll() is None, "the recode finished before the kill"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    middle = _per_article(db)
    assert middle.keys() == old.keys()
    assert all(middle[a] in (old[a], new[a]) for a in middle), "an article lost or mixed events"
    assert any(middle[a] == new[a] != old[a] for a in middle)  # it was killed mid-way
    assert any(middle[a] == old[a] != new[a] for a in middle)
    finish = subprocess.run(
        [sys.executable, "-m", "newsevents", "recode", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert finish.returncode == 0, finish.stderr
    assert _per_article(db) == new
    _assert_consistent(db)
    statuses = [s for (s,) in _statuses(db)]
    assert statuses[-2:] == ["interrupted", "finished"]


def _statuses(db: Path) -> list[tuple[str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT status FROM ingest_runs ORDER BY started_at").fetchall()
