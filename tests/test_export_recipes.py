"""The recipes of docs/export.md, run as written on a fresh export of the sample store:
the doc's own `newsevents events` commands make the files, then every pandas, polars and
DuckDB recipe (and the R ones where `Rscript` is installed) must read every row, every
column by its name, and the codes as text, with their leading zeros."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsevents.events.names import bundled_names
from newsevents.export import GDELT_COLUMNS, ICEWS_COLUMNS, global_event_id, to_plover
from newsevents.store import Store

DOC = Path(__file__).resolve().parents[1] / "docs" / "export.md"
RECIPE = re.compile(r"<!-- recipe: (\S+) -->\n```(\w+)\n(.*?)\n```", re.DOTALL)
ROOT = Path(__file__).resolve().parents[1]


def recipes() -> dict[str, tuple[str, str]]:
    """name -> (language, code) of every marked block of docs/export.md."""
    found = {name: (language, code) for name, language, code in RECIPE.findall(DOC.read_text())}
    assert found, "docs/export.md has no marked recipes"
    return found


@dataclass(frozen=True)
class Read:
    """What a recipe read: the column names, the number of rows, some columns' values."""

    columns: list[str]
    rows: int
    values: dict[str, list[Any]]


@pytest.fixture(scope="module")
def exported(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files of the doc's export commands, made by the CLI on a copy of the samples."""
    folder = tmp_path_factory.mktemp("recipes")
    store = folder / "news.duckdb"
    shutil.copy(sample_store, store)
    language, commands = recipes()["export"]
    assert language == "sh"
    env = {**os.environ, "NEWSEVENTS_DB": str(store), "PYTHONPATH": str(ROOT)}
    for line in commands.splitlines():
        words = shlex.split(line)
        assert words[:2] == ["newsevents", "events"], line
        done = subprocess.run(
            [sys.executable, "-m", "newsevents", *words[1:]],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def expected(sample_store: Path) -> dict[str, Any]:
    with Store(sample_store, read_only=True) as store:
        events = bundled_names().name_table(store.events())  # as `events --format` writes
    return {
        "events": events,
        "cameo": sorted(set(events["cameo"].to_pylist())),
        "ids": sorted(global_event_id(e) for e in events["event_id"].to_pylist()),
        "plover": to_plover(events),
    }


def _python(code: str, folder: Path) -> Read:
    namespace: dict[str, Any] = {}
    here = Path.cwd()
    os.chdir(folder)
    try:
        exec(compile(code, "docs/export.md", "exec"), namespace)  # noqa: S102 - our own doc
    finally:
        os.chdir(here)
    frame = namespace["frame"]
    columns = [str(c) for c in frame.columns]
    if hasattr(frame, "to_arrow"):  # polars
        table = frame.to_arrow()
    else:  # pandas
        import pyarrow as pa

        table = pa.Table.from_pandas(frame, preserve_index=False)
    return Read(columns, table.num_rows, {c: table[c].to_pylist() for c in columns})


def _duckdb(code: str, folder: Path) -> Read:
    with duckdb.connect() as con:
        con.execute(f"SET file_search_path = '{folder}'")
        table = con.sql(code.strip().rstrip(";")).to_arrow_table()
    columns = table.column_names
    return Read(columns, table.num_rows, {c: table[c].to_pylist() for c in columns})


def _r(code: str, folder: Path, column: str) -> Read:
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("the R recipes need Rscript, which is not installed here")
    script = folder / "recipe.R"
    script.write_text(
        code + "\nwriteLines(c(nrow(frame), paste(names(frame), collapse = '\\t'),"
        f" ifelse(is.na(frame${column}), '', frame${column})))\n"
    )
    done = subprocess.run(
        [rscript, str(script)], cwd=folder, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    return Read(lines[1].split("\t"), int(lines[0]), {column: lines[2:]})


# recipe name -> (code column, columns the recipe must give, id column or None)
LAYOUTS = {
    "gdelt": ("EventCode", list(GDELT_COLUMNS), "GLOBALEVENTID"),
    "gdelt-raw": ("EventCode", list(GDELT_COLUMNS), "GLOBALEVENTID"),
    "icews": ("CAMEO Code", list(ICEWS_COLUMNS), "Event ID"),
    "csv": ("cameo", None, None),
    "parquet": ("cameo", None, None),
}


def _run(name: str, folder: Path, column: str) -> Read:
    language, code = recipes()[name]
    if language == "python":
        return _python(code, folder)
    if language == "sql":
        return _duckdb(code, folder)
    assert language == "r", f"{name}: unknown recipe language {language}"
    return _r(code, folder, column)


TABLE_RECIPES = [name for name in recipes() if name.rsplit("-", 1)[0] in LAYOUTS]


def test_the_doc_has_every_reader_for_every_layout() -> None:
    names = set(recipes())
    for layout in ("gdelt", "csv"):
        assert {f"{layout}-{tool}" for tool in ("pandas", "duckdb", "polars", "r")} <= names
    assert {"gdelt-raw-pandas", "gdelt-raw-duckdb", "icews-pandas", "plover-pandas"} <= names
    assert {"parquet-pandas", "parquet-duckdb", "parquet-polars", "plover-duckdb"} <= names


@pytest.mark.parametrize("name", TABLE_RECIPES)
def test_recipe_reads_every_row_and_the_codes_as_text(
    name: str, exported: Path, expected: dict[str, Any]
) -> None:
    code_column, columns, id_column = LAYOUTS[name.rsplit("-", 1)[0]]
    read = _run(name, exported, code_column)
    events = expected["events"]
    assert read.rows == events.num_rows
    if name.endswith("-r"):
        columns = [re.sub(r"[^0-9A-Za-z_.]", ".", c) for c in columns or events.column_names]
    assert read.columns == (columns or events.column_names)
    assert sorted(set(read.values[code_column])) == expected["cameo"]  # "040", not 40
    if id_column and id_column in read.values:
        assert sorted(read.values[id_column]) == expected["ids"]


@pytest.mark.parametrize("name", ["plover-pandas", "plover-duckdb"])
def test_plover_recipe_reads_every_record(name: str, exported: Path, expected: dict) -> None:
    read = _run(name, exported, "event")
    records = expected["plover"]
    assert read.rows == len(records)
    assert {"id", "date", "source", "event", "newsevents"} <= set(read.columns)
    assert read.values["id"] == [r["id"] for r in records]
    assert [str(day) for day in read.values["date"]] == [r["date"] for r in records]
