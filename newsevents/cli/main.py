"""``newsevents`` commands: code, ingest, events, clean."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsevents import __version__
from newsevents.cli.filters import (
    ActorOption,
    CodeOption,
    DyadOption,
    ModalityOption,
    SinceOption,
    SourceOption,
    TargetOption,
    UntilOption,
    event_filters,
)
from newsevents.cli.options import (
    DateOption,
    DayFirstOption,
    DbOption,
    NoModelOption,
    db_path,
    parse_date_option,
)
from newsevents.config import Settings
from newsevents.errors import NewseventsError

app = typer.Typer(
    name="newsevents",
    help="Turn news articles into political event data: who did what to whom, when and "
    "where, with the evidence sentence, modality and confidence (CAMEO and PLOVER).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)
EVENT_FORMATS = ("table", "csv", "jsonl", "parquet", "gdelt", "icews", "plover")
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        print(f"newsevents {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """newsevents: political event data from news text."""


@app.command()
def code(
    text: Annotated[
        str | None,
        typer.Argument(
            help="The text to code (plain or HTML). Omit it, or give -, to read standard input."
        ),
    ] = None,
    date: Annotated[str | None, DateOption] = None,
    doc_id: Annotated[str, typer.Option("--doc-id", help="doc_id for the events.")] = "stdin",
    no_model: Annotated[bool, NoModelOption] = False,
) -> None:
    r"""Code one text and print its events, one JSON object per line. Stores nothing.

    Example:

        newsevents code --date 2019-04-22 --doc-id jpost < article.txt
    """
    from newsevents.api import Coder, code_text

    day = parse_date_option(date)
    if text is None or text == "-":
        text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    coder = Coder.load(Settings(default_date=day, use_model=not no_model))
    for event in code_text(text, date=day, doc_id=doc_id, coder=coder):
        print(json.dumps(event.to_dict(), ensure_ascii=False))


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or directories (searched recursively); - reads standard input."),
    ],
    db: Annotated[Path | None, DbOption] = None,
    date: Annotated[str | None, DateOption] = None,
    actors: Annotated[
        Path | None,
        typer.Option(
            "--actors", metavar="FILE", help="Your own actor entries (JSONL) on top of ours."
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(min=1, help="Worker processes (a local Dask cluster when more than 1)."),
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(metavar="ADDR", help="Run on an existing Dask cluster: tcp://HOST:PORT."),
    ] = None,
    no_model: Annotated[bool, NoModelOption] = False,
    dayfirst: Annotated[bool, DayFirstOption] = False,
) -> None:
    r"""Read, clean, code and store articles. Idempotent: an article already stored (same
    clean text) is counted as a duplicate and not stored again.

    Formats: .txt, .html/.htm, .json, .jsonl, .csv (text/body/content column), RSS/Atom
    feeds (.xml/.rss/.atom), .warc and .warc.gz.

    Exit code 0 when every input could be read (rejected articles are counted, not
    errors); 1 when a path or record could not be read, after storing all that could.

    Dates: the article's metadata, then its dateline, then --date, then a date in the
    file name; the summary names the articles stored without one. An article already
    stored is not changed by --date: use newsevents recode --doc ID --date D.

    Example:

        newsevents ingest articles/ feed.xml --db news.duckdb --workers 2
    """
    from newsevents.cli.ingest_view import run_ingest_with_progress

    settings = Settings(
        db_path=db_path(db),
        default_date=parse_date_option(date),
        actors_file=actors,
        workers=workers,
        scheduler=scheduler,
        use_model=not no_model,
        dayfirst=dayfirst,
    )
    summary = run_ingest_with_progress(paths, settings, err)
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def events(
    db: Annotated[Path | None, DbOption] = None,
    actor: Annotated[str | None, ActorOption] = None,
    source: Annotated[str | None, SourceOption] = None,
    target: Annotated[str | None, TargetOption] = None,
    dyad: Annotated[tuple[str, str] | None, DyadOption] = None,
    code: Annotated[str | None, CodeOption] = None,
    since: Annotated[str | None, SinceOption] = None,
    until: Annotated[str | None, UntilOption] = None,
    modality: Annotated[str | None, ModalityOption] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many events.")] = None,
    unique: Annotated[
        bool,
        typer.Option(
            "--unique", help="One row per real-world event (cluster), with its report counts."
        ),
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="table, csv, jsonl, parquet, gdelt (GDELT 2.0 event table, tab-separated),"
            " icews or plover (JSON lines).",
        ),
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write here instead of standard output."
        ),
    ] = None,
    header: Annotated[
        bool,
        typer.Option(
            "--header/--no-header",
            help="gdelt and icews: a first line of column names (--no-header: GDELT's raw"
            " headerless layout).",
        ),
    ] = True,
) -> None:
    r"""List stored events, filtered. Actors can be given by name ("Russia", "the EU"),
    code or entity id; dates as a year, a month or a day. The table, CSV, JSON lines and
    Parquet give each code's name beside it (cameo_name, source_code_name, ...).

    Example:

        newsevents events --dyad USA PRK --code 04 --format csv

        newsevents events --actor Russia --since 2022 --until 2022-03
    """
    from newsevents.cli.events_view import write_events
    from newsevents.store import Store

    filters = event_filters(
        actor, source, target, dyad, code, since, until, modality, unique, limit
    )
    if fmt not in EVENT_FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(EVENT_FORMATS)}", param_hint="--format")
    with Store(db_path(db), read_only=True) as store:
        articles = store.query("SELECT article_id, url, ingested_at FROM articles")
        write_events(store.events(filters), fmt, output, articles, header)


@app.command()
def clean(
    paths: Annotated[
        list[str], typer.Argument(help="Files or directories; - reads standard input.")
    ],
    date: Annotated[str | None, DateOption] = None,
    dayfirst: Annotated[bool, DayFirstOption] = False,
) -> None:
    r"""Print the clean text and metadata of each article as JSON (one object per line),
    with the lines removed as page furniture, so you can see what was kept.

    Example:

        newsevents clean page.html | python -m json.tool
    """
    from newsevents.clean import clean_document
    from newsevents.ingest import read_inputs
    from newsevents.records import ReadError, Rejection

    day = parse_date_option(date)
    failed = False
    for item in read_inputs(paths):
        if isinstance(item, ReadError):
            err.print(f"error: {item.message}", markup=False)
            failed = True
            continue
        result = clean_document(item, day, dayfirst=dayfirst)
        if isinstance(result, Rejection):
            err.print(f"rejected: {result.origin}: {result.reason}", markup=False)
            continue
        for warning in result.warnings:
            err.print(f"warning: {result.origin}: {warning}", markup=False)
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    if failed:
        raise typer.Exit(1)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SELECT (or WITH ... SELECT) statement.")],
    db: Annotated[Path | None, DbOption] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or jsonl.")] = "table",
) -> None:
    r"""Run a read-only SQL query on the store (tables: articles, events, event_clusters,
    ingest_runs, problems).

    Example:

        newsevents sql "SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"
    """
    from newsevents.cli.events_view import write_table
    from newsevents.store import Store

    if fmt not in ("table", "csv", "jsonl"):
        raise typer.BadParameter("use table, csv or jsonl", param_hint="--format")
    with Store(db_path(db), read_only=True) as store:
        write_table(store.query(query), fmt)


def main() -> None:
    """Entry point: library errors become one line on stderr and exit code 1."""
    try:
        app()
    except NewseventsError as exc:
        err.print(f"error: {exc.message}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)


def _register_commands() -> None:
    from newsevents.cli.actors_cmd import actors_app
    from newsevents.cli.analysis_cmd import (
        attention_command,
        blocs_command,
        dyad_command,
        network_command,
        surges_command,
    )
    from newsevents.cli.eval_cmd import annotate_command, eval_command
    from newsevents.cli.map_cmd import map_command
    from newsevents.cli.recode_cmd import recode_command
    from newsevents.cli.serve_cmd import serve_command
    from newsevents.cli.watch_cmd import watch_command

    app.command("eval")(eval_command)
    app.command("annotate")(annotate_command)
    app.add_typer(actors_app, name="actors")
    app.command("dyad")(dyad_command)
    app.command("network")(network_command)
    app.command("blocs")(blocs_command)
    app.command("surges")(surges_command)
    app.command("attention")(attention_command)
    app.command("map")(map_command)
    app.command("serve")(serve_command)
    app.command("recode")(recode_command)
    app.command("watch")(watch_command)


_register_commands()
