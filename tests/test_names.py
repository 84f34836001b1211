"""Names beside codes and names in filters: actor codes and CAMEO codes in words, what a
user types resolved to the codes the store matches, dates of any precision, and the CLI's
``events`` giving names in its table, CSV and JSON lines."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.actors.names import bundled_actor_names
from newsevents.cli.main import app
from newsevents.errors import NewseventsError
from newsevents.events.names import actor_label, bundled_names
from newsevents.store.query import date_bounds
from newsevents.store.rows import EVENT_COLUMNS


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("RUS", "Russia"),
        ("USAGOV", "United States (government)"),
        ("IGOAFRAFU", "African Union"),
        ("IMGMOSISI", "Islamic State"),
        ("IGOUNO", "United Nations"),  # the body itself, not one of its organs
        ("PRKGOVMED", "North Korea (state media)"),
        ("SYRREBMIL", "Syria (rebels, military)"),
        ("IMGMOS", "international militarised group (Muslims)"),
        ("org:irgc", "Islamic Revolutionary Guard Corps"),
    ],
)
def test_actor_codes_in_words(code: str, words: str) -> None:
    assert bundled_actor_names().describe(code) == words


def test_a_code_without_a_known_root_has_no_name() -> None:
    names = bundled_actor_names()
    assert names.describe("XYZ") is None and names.describe("") is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("Russia", "RUS"),
        ("russia", "RUS"),
        ("RUSSIA", "RUS"),  # RUS + "SIA" is no code: SIA is no sector
        ("IRAN", "IRN"),
        ("the EU", "IGOEUREEC"),
        ("nato", "IGOWSTNAT"),
        ("the Kremlin", "RUSGOV"),  # a metonym: the code it stands for
        ("Hezbollah", "org:hezbollah"),  # its code LBNUAF is any Lebanese militia's
        ("Putin", "person:vladimir-putin"),
        ("USA", "USA"),
        ("irnmil", "IRNMIL"),
        ("org:irgc", "org:irgc"),
    ],
)
def test_filters_resolve_names_aliases_codes_and_ids(typed: str, value: str) -> None:
    assert bundled_actor_names().resolve(typed) == value


def test_a_name_that_names_nothing_is_an_error() -> None:
    with pytest.raises(NewseventsError, match="no actor called 'Narnia'") as caught:
        bundled_actor_names().resolve("Narnia")
    assert caught.value.code == "E016"


def test_cameo_names_and_records_keep_their_fields() -> None:
    names = bundled_names()
    assert names.cameo_name("163") == "Impose embargo, boycott, or sanctions"
    assert names.cameo_name("16") == "Reduce relations"  # the table's capitals, tamed
    record = {"cameo": "0871", "source": {"code": "IGOAFRAFU", "name": "Moussa Faki"}}
    named = names.name_record(record)
    assert named["cameo_name"] == "Declare truce, ceasefire"
    assert named["source"] == {**record["source"], "code_name": "African Union"}
    assert record == {"cameo": "0871", "source": {"code": "IGOAFRAFU", "name": "Moussa Faki"}}
    assert actor_label("Joe Biden", "United States (government)") == (
        "Joe Biden · United States (government)"
    )
    assert actor_label("Russia", "Russia (military)") == "Russia (military)"


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2022-03-15", date(2022, 3, 15), date(2022, 3, 15)),
    ],
)
def test_dates_of_any_precision_are_ranges(value: str, first: date, last: date) -> None:
    assert date_bounds(value) == (first, last)


@pytest.mark.parametrize("value", ["2022-13", "2022-02-30", "22", "March 2022", ""])
def test_bad_dates_are_e017(value: str) -> None:
    with pytest.raises(NewseventsError, match="use YYYY, YYYY-MM or YYYY-MM-DD"):
        date_bounds(value)


# -- the CLI --------------------------------------------------------------------------------


def _events(store: Path, *args: str):
    return CliRunner().invoke(app, ["events", "--db", str(store), *args])


def _jsonl(store: Path, *args: str) -> list[dict]:
    result = _events(store, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_events_filters_by_name_as_by_code(sample_store: Path) -> None:
    by_name = _events(sample_store, "--format", "jsonl", "--actor", "Russia")
    assert "note: --actor 'Russia' is RUS (Russia)" in by_name.stderr
    ids = [json.loads(line)["event_id"] for line in by_name.stdout.splitlines()]
    assert ids and ids == [e["event_id"] for e in _jsonl(sample_store, "--actor", "RUS")]
    pair = _jsonl(sample_store, "--dyad", "Russia", "Ukraine")
    assert pair and pair == _jsonl(sample_store, "--dyad", "RUS", "UKR")
    assert _jsonl(sample_store, "--source", "the EU") == _jsonl(
        sample_store, "--source", "IGOEUREEC"
    )


def test_events_since_and_until_take_a_year_or_a_month(sample_store: Path) -> None:
    year = _jsonl(sample_store, "--since", "2022", "--until", "2022")
    assert year and all(e["date"].startswith("2022") for e in year)
    assert year == _jsonl(sample_store, "--since", "2022-01-01", "--until", "2022-12-31")
    month = _jsonl(sample_store, "--since", "2022-02", "--until", "2022-02")
    assert month and all(e["date"].startswith("2022-02") for e in month)
    bad = _events(sample_store, "--since", "2022-13")
    assert bad.exit_code == 2 and "use YYYY, YYYY-MM or YYYY-MM-DD" in bad.output
    backwards = _events(sample_store, "--since", "2023", "--until", "2022")
    assert backwards.exit_code == 2 and "is after --until" in backwards.output


@pytest.mark.parametrize("command", ["events", "map"])
def test_an_unknown_name_is_one_line_and_exit_1(tmp_path: Path, command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsevents", command, "--db", str(tmp_path / "x.duckdb")]
        + ["--actor", "Narnia"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: no actor called 'Narnia'")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_csv_and_jsonl_add_names_and_keep_every_column(sample_store: Path) -> None:
    result = _events(sample_store, "--format", "csv", "--source", "the EU")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header == [*EVENT_COLUMNS, "cameo_name", "source_code_name", "target_code_name"]
    assert rows and all(row["source_code_name"] == "European Union" for row in rows)
    assert all(row["cameo_name"] for row in rows)
    for record in _jsonl(sample_store, "--source", "the EU"):
        assert record["source"]["code_name"] == "European Union"
        assert record["cameo_name"] == bundled_names().cameo_name(record["cameo"])


def test_the_table_shows_names_under_codes(sample_store: Path) -> None:
    result = _events(sample_store, "--dyad", "the EU", "Russia", "--code", "163")
    assert result.exit_code == 0, result.output
    assert "IGOEUREEC" in result.stdout and "European Union" in result.stdout
    assert "Impose embargo" in result.stdout
