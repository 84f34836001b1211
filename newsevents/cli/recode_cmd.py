"""``newsevents recode``: re-code stored articles with the installed coder, in place."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from newsevents.cli.filters import DATE_FORMS, since_date
from newsevents.cli.options import DbOption, NoModelOption, db_path, parse_date_option
from newsevents.config import Settings

err = Console(stderr=True, highlight=False, soft_wrap=True)


def recode_command(
    db: Annotated[Path | None, DbOption] = None,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help=f"Only articles published on or after this date: {DATE_FORMS} (2023 means"
            " from 2023-01-01).",
        ),
    ] = None,
    doc: Annotated[
        str | None,
        typer.Option(
            "--doc", metavar="ID", help="Only the article with this doc_id (or article_id)."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The article's new publication date, the base of its relative dates (with --doc).",
        ),
    ] = None,
    no_model: Annotated[bool, NoModelOption] = False,
) -> None:
    r"""Re-code stored articles with the installed coder, in place: each article's events
    are replaced by what this version finds in its stored text. Crash-safe like ingest:
    an article keeps its old events or gets its new ones, never none or both; run the
    command again to finish an interrupted recode.

    Examples:

        newsevents recode --db news.duckdb

        newsevents recode --since 2023 --no-model

        newsevents recode --doc wire-17 --date 2021-03-04
    """
    from newsevents.recode import RecodeSelection, run_recode

    selection = RecodeSelection(since=since_date(since), doc=doc, new_date=parse_date_option(date))
    if selection.new_date is not None and doc is None:
        raise typer.BadParameter("give the article with --doc ID", param_hint="--date")
    settings = Settings(db_path=db_path(db), use_model=not no_model)
    progress = Progress(
        TextColumn("recoding"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} articles"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("recode", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            summary = run_recode(settings, selection, on_progress=on_progress)
        except KeyboardInterrupt:
            progress.stop()
            err.print(
                "interrupted: the articles re-coded so far keep their new events, the others"
                " their old ones; run the same command again to finish",
                markup=False,
            )
            raise typer.Exit(130) from None
    err.print(
        f"recoded {summary.recoded} articles / changed {summary.changed} / events"
        f" {summary.events_before} -> {summary.events_after} / coder {summary.coder_version}"
        f"  -> {settings.db_path}",
        markup=False,
    )
