"""Write an events table as a rich table, CSV, JSON lines or Parquet."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import typer
from rich.console import Console
from rich.table import Table

from newsevents.events.names import actor_label, bundled_names
from newsevents.export import to_gdelt, to_icews, to_plover, write_tsv
from newsevents.store.rows import record_from_row

TABLE_COLUMNS = (
    ("date", "date"),
    ("source", "source_code"),
    ("target", "target_code"),
    ("cameo", "cameo"),
    ("plover", "plover"),
    ("modality", "modality"),
    ("conf", "confidence"),
    ("trigger", "trigger"),
    ("doc", "doc_id"),
)


def write_events(
    events: pa.Table,
    fmt: str,
    output: Path | None,
    articles: pa.Table | None = None,
    header: bool = True,
) -> None:
    """Write events in one of the output formats (see ``newsevents events --help``);
    ``header=False`` leaves out the header line of gdelt and icews (GDELT's raw layout)."""
    if fmt in ("gdelt", "icews"):
        table = to_gdelt(events, articles) if fmt == "gdelt" else to_icews(events)
        with _open(output) as stream:
            write_tsv(table, stream, header=header)
        return
    if fmt == "plover":
        with _open(output) as stream:
            for record in to_plover(events):
                stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        return
    names = bundled_names()
    if fmt == "parquet":
        if output is None:
            raise typer.BadParameter("parquet needs --output FILE", param_hint="--format")
        pq.write_table(names.name_table(events), output)
        return
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    try:
        if fmt == "csv":
            sink = pa.BufferOutputStream()
            pacsv.write_csv(names.name_table(events), sink)
            stream.write(sink.getvalue().to_pybytes().decode("utf-8"))
        elif fmt == "jsonl":
            for row in events.to_pylist():
                record = names.name_record(record_from_row(row))
                stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        else:
            Console(file=stream, width=None if stream.isatty() else 160).print(_table(events))
    finally:
        if output:
            stream.close()


@contextmanager
def _open(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        return
    with open(output, "w", encoding="utf-8", newline="") as stream:
        yield stream


def write_table(table: pa.Table, fmt: str) -> None:
    """Any query result as a table, CSV or JSON lines on standard output."""
    if fmt == "csv":
        sink = pa.BufferOutputStream()
        pacsv.write_csv(table, sink)
        sys.stdout.write(sink.getvalue().to_pybytes().decode("utf-8"))
    elif fmt == "jsonl":
        for row in table.to_pylist():
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    else:
        view = Table(title=f"{table.num_rows} rows", title_justify="left")
        for name in table.column_names:
            view.add_column(name, overflow="fold")
        for row in table.to_pylist():
            view.add_row(*("" if v is None else str(v) for v in row.values()))
        Console(width=None if sys.stdout.isatty() else 160).print(view)


def _table(events: pa.Table) -> Table:
    """Codes with their names under them: the actor's code, then who it is; the CAMEO
    code, then what it means."""
    names = bundled_names()
    table = Table(title=f"{events.num_rows} events", title_justify="left")
    columns = list(TABLE_COLUMNS)
    if "n_articles" in events.column_names:
        columns.insert(6, ("reports", "n_articles"))
    for header, _ in columns:
        table.add_column(header, overflow="fold")
    for row in events.to_pylist():
        cells = {c: "" if row[c] is None else str(row[c]) for _, c in columns}
        for role in ("source", "target"):
            code = row[f"{role}_code"]
            if code:
                label = actor_label(row[f"{role}_name"], names.actor_name(code))
                cells[f"{role}_code"] = f"{code}\n{label}" if label else code
        if row["cameo"]:
            cells["cameo"] = f"{row['cameo']}\n{names.cameo_name(row['cameo']) or ''}".strip()
        table.add_row(*(cells[c] for _, c in columns))
    return table
