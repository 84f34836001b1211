"""The smaller faults of issue #18: non-English articles, read-only stores, a missing store
folder, Ctrl-C during an ingest, and README examples that use what a user has."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SAMPLES

from newsevents.clean import clean_document
from newsevents.config import Settings
from newsevents.errors import NewseventsError
from newsevents.pipeline import run_ingest
from newsevents.records import Article, RawDocument, Rejection
from newsevents.store import Store, writer_lock

NEWSEVENTS = [sys.executable, "-m", "newsevents"]
STORY = (
    "Headline\n\nThe United States imposed new sanctions on Iran on Monday, officials in"
    " Washington said."
)
FRENCH = (
    "Paris et Rome\n\nLe président français a reçu lundi le Premier ministre italien pour"
    " discuter de la guerre en Ukraine et des sanctions contre la Russie."
)
SPANISH = (
    "Madrid\n\nEl gobierno de España anunció el martes nuevas sanciones contra Rusia por la"
    " guerra en Ucrania, según un comunicado del ministerio."
)
GERMAN = (
    "Berlin\n\nDie Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen,"
    " teilte das Auswärtige Amt in Berlin mit."
)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_DB"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEWSEVENTS, *args], capture_output=True, text=True, env=_env(), timeout=600
    )


# -- not English -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [FRENCH, SPANISH, GERMAN], ids=["french", "spanish", "german"])
def test_a_short_article_in_another_language_is_rejected(text: str) -> None:
    result = clean_document(RawDocument("d", "d", text))
    assert isinstance(result, Rejection) and result.reason == "not English"


def test_english_with_foreign_names_is_kept() -> None:
    text = (
        "Headline\n\nPresident Emmanuel Macron met officials of La Paz and Des Moines at the"
        " Charles de Gaulle airport, where the talks on El Salvador were held."
    )
    assert isinstance(clean_document(RawDocument("d", "d", text)), Article)
    for path in sorted(SAMPLES.glob("*.txt")):
        raw = RawDocument(path.stem, str(path), path.read_text(encoding="utf-8"))
        assert isinstance(clean_document(raw), Article), path.name


def test_ingest_counts_a_french_article_as_rejected(tmp_path: Path, db: Path, coder) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(STORY)
    summary = run_ingest([str(tmp_path)], Settings(db_path=db), coder=coder)
    assert (summary.new, dict(summary.rejected)) == (1, {"not English": 1})
    with Store(db, read_only=True) as store:
        assert store.query("SELECT doc_id FROM articles").to_pylist() == [{"doc_id": "en"}]


# -- read-only stores and missing folders ----------------------------------------------------


@contextmanager
def _unwritable(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable even for root (chattr +i), else by its mode for other
    users; skip when neither holds here."""
    immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
    if not immutable:
        path.chmod(0o444)
        if os.access(path, os.W_OK):
            path.chmod(0o644)
            pytest.skip("cannot make a file read-only here (root without chattr)")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o644)


def _store(tmp_path: Path, db: Path, coder) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    run_ingest([str(tmp_path / "story.txt")], Settings(db_path=db), coder=coder)


def test_a_read_only_store_is_called_read_only_not_damaged(tmp_path: Path, db: Path, coder) -> None:
    _store(tmp_path, db, coder)
    with _unwritable(db):
        with pytest.raises(NewseventsError) as refused:
            Store(db)
        assert refused.value.code == "E018" and "read-only" in refused.value.message
        assert "damaged" not in refused.value.message
        with Store(db, read_only=True) as store:  # it reads as before
            assert store.counts()["events"] == 1
        result = _run("ingest", str(tmp_path / "story.txt"), "--db", str(db), "--no-model")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == refused.value.message.join(("error: ", ""))


def test_an_older_read_only_store_says_it_needs_one_upgrade(
    tmp_path: Path, db: Path, coder
) -> None:
    _store(tmp_path, db, coder)
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM schema_migrations WHERE version = 5")  # as if made before 005
    con.close()
    with _unwritable(db):
        result = _run("events", "--db", str(db))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "read-only" in result.stderr and "older newsevents" in result.stderr
    assert "damaged" not in result.stderr


def test_a_store_in_a_missing_folder_is_named_not_its_lock_file(tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "news.duckdb"
    with pytest.raises(NewseventsError) as missing:
        with writer_lock(db):
            pass
    assert missing.value.code == "E020"
    (tmp_path / "story.txt").write_text(STORY)
    result = _run("ingest", str(tmp_path / "story.txt"), "--db", str(db))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"error: the folder {db.parent} does not exist (for the store {db}): create it or use"
        " another --db"
    )
    assert ".lock" not in result.stderr and not db.parent.exists()


# -- Ctrl-C ----------------------------------------------------------------------------------


def _ctrl_c_acts() -> None:
    """In the child before it starts: Ctrl-C acts as on a terminal. A shell without job
    control starts background jobs with SIGINT ignored, and Python leaves an ignored
    SIGINT ignored; this test is about what Ctrl-C does, not where the suite runs."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run_status(db: Path) -> str | None:
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    with con:
        if "ingest_runs" not in {r[0] for r in con.execute("SHOW TABLES").fetchall()}:
            return None
        row = con.execute("SELECT status FROM ingest_runs").fetchone()
        return row[0] if row else None


@pytest.mark.slow
def test_ctrl_c_during_an_ingest_says_so_and_marks_the_run_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    process = subprocess.Popen(
        [*NEWSEVENTS, "ingest", str(SAMPLES), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        preexec_fn=_ctrl_c_acts,
    )
    try:
        deadline = time.monotonic() + 300
        while process.poll() is None and time.monotonic() < deadline:
            if _run_status(db) == "running":
                break
            time.sleep(0.05)
        assert process.poll() is None, "the ingest ended before Ctrl-C"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("interrupted: ")
    assert _run_status(db) == "interrupted"


# -- the README uses what a user has ---------------------------------------------------------


def test_the_readme_points_only_at_files_a_user_has() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "DESIGN.md" not in readme and "gold/" not in readme and "../shared" not in readme
    for link in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme):
        if not link.startswith(("http://", "https://")):
            assert (ROOT / link).exists(), link
    for path in re.findall(r"\b((?:newsevents|docs)/[\w./-]+\.\w+)", readme):
        assert (ROOT / path).exists(), path
