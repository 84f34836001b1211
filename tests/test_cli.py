"""The CLI contract: JSON event records, idempotent ingest with a summary, exit codes,
one-line errors and no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES

RECORD_KEYS = {
    "event_id",
    "doc_id",
    "sentence_index",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "plover",
    "plover_mode",
    "quad_class",
    "goldstein",
    "modality",
    "attributed_to",
    "date",
    "date_precision",
    "location",
    "evidence",
    "confidence",
    "by",  # added in 0.2: pattern, model or both
    "coder_version",  # added in 0.2: the package version and a hash of its data and model
}
ACTOR_KEYS = {"code", "country", "sector", "name", "text", "entity"}


def run(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSEVENTS_DB": str((cwd or Path.cwd()) / "default.duckdb")}
    return subprocess.run(
        [sys.executable, "-m", "newsevents", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def test_code_prints_event_records_field_for_field() -> None:
    text = "The United States imposed new sanctions on Iran on Monday."
    result = run("code", "--date", "2019-04-24", "--doc-id", "ex1", stdin=text)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, result.stderr
    record = records[0]
    assert set(record) == RECORD_KEYS
    assert set(record["source"]) == ACTOR_KEYS and set(record["evidence"]) == {
        "text",
        "start",
        "end",
        "trigger",
    }
    assert (record["doc_id"], record["source"]["country"], record["target"]["country"]) == (
        "ex1",
        "USA",
        "IRN",
    )
    assert (record["cameo"], record["cameo_root"], record["plover"]) == ("163", "16", "SANCTION")
    assert (record["quad_class"], record["modality"]) == (4, "asserted")
    assert (record["date"], record["date_precision"]) == ("2019-04-22", "day")
    assert record["evidence"]["text"] == text and record["evidence"]["start"] == 0


def test_code_reads_text_argument_and_stores_nothing(tmp_path: Path) -> None:
    result = run("code", "Russia condemned the attack on Ukraine.", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("*.duckdb"))


def test_bad_date_is_a_usage_error_without_traceback() -> None:
    result = run("code", "--date", "22/04/2019", "x")
    assert result.returncode == 2
    assert "invalid date '22/04/2019'" in result.stderr and "Traceback" not in result.stderr


def test_events_without_a_store_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "no store yet" in result.stderr


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    story = (
        "Iran fired missiles at a U.S. base in Iraq on Wednesday.\n\n"
        "Officials said the attack caused no deaths."
    )
    (folder / "story.txt").write_text("Iran strikes back\n\n" + story)
    (folder / "copy-of-story.txt").write_text("Iran strikes back\n\n" + story)
    (folder / "empty.txt").write_text("")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "wire.jsonl").write_text(
        json.dumps(
            {
                "id": "w1",
                "date": "2022-02-24",
                "text": "Russia invaded Ukraine on Thursday, and NATO condemned the invasion.",
            }
        )
        + "\n{broken\n"
    )
    return folder


def test_ingest_stores_each_article_once_and_reports_bad_inputs(
    mixed_inputs: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    first = run("ingest", str(mixed_inputs), "--db", str(db))
    assert first.returncode == 1  # the binary file and the broken JSONL line
    assert "Traceback" not in first.stderr
    assert f"{mixed_inputs / 'image.txt'}: binary file, not text" in first.stderr
    assert f"{mixed_inputs / 'wire.jsonl'}:2: malformed JSON" in first.stderr
    assert "read 4 / new 2 / duplicate 1 / rejected 1 (empty 1) / errors 2" in first.stderr
    second = run("ingest", str(mixed_inputs), "--db", str(db))
    assert "read 4 / new 0 / duplicate 3 / rejected 1 (empty 1) / errors 2" in second.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    runs = con.execute(
        "SELECT status, n_new, n_duplicate FROM ingest_runs ORDER BY started_at"
    ).fetchall()
    assert runs == [("finished", 2, 1), ("finished", 0, 3)]
    problems = con.execute(
        "SELECT kind, count(*) FROM problems GROUP BY kind ORDER BY kind"
    ).fetchall()
    assert problems == [("error", 4), ("rejected", 2)]


def test_ingest_of_good_inputs_exits_zero_and_events_lists_them(tmp_path: Path) -> None:
    db = tmp_path / "samples.duckdb"
    result = run("ingest", str(SAMPLES), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "read 20 / new 20 / duplicate 0 / rejected 0 / errors 0" in result.stderr
    csv_out = run("events", "--db", str(db), "--format", "csv")
    lines = csv_out.stdout.splitlines()
    assert lines[0].startswith('"event_id","article_id","doc_id"') and len(lines) > 20
    jsonl = run("events", "--db", str(db), "--format", "jsonl", "--dyad", "USA", "IRN")
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert records and all(
        {r["source"]["country"], (r["target"] or {}).get("country")} == {"USA", "IRN"}
        for r in records
    )


def test_every_command_has_help_with_an_example() -> None:
    for command in ("code", "ingest", "events", "clean"):
        result = run(command, "--help")
        assert result.returncode == 0 and "Example:" in result.stdout, command


def test_events_export_formats(tmp_path: Path) -> None:
    db = tmp_path / "samples.duckdb"
    assert run("ingest", str(SAMPLES), "--db", str(db)).returncode == 0
    gdelt = run("events", "--db", str(db), "--format", "gdelt").stdout.splitlines()
    assert gdelt[0].startswith("GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\t")
    assert len(gdelt) > 1 and all(len(line.split("\t")) == 61 for line in gdelt)
    raw = run("events", "--db", str(db), "--format", "gdelt", "--no-header").stdout.splitlines()
    assert raw == gdelt[1:]  # GDELT's own headerless layout
    icews = run("events", "--db", str(db), "--format", "icews").stdout.splitlines()
    assert icews[0].startswith("Event ID\tEvent Date\tSource Name") and len(icews) == len(gdelt)
    plover = [
        json.loads(line)
        for line in run("events", "--db", str(db), "--format", "plover").stdout.splitlines()
    ]
    assert plover and all(record["event"] and record["source"] for record in plover)
    bad = run("events", "--db", str(db), "--format", "xml")
    assert bad.returncode == 2 and "use one of" in bad.stderr
