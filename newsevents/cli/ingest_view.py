"""Ingest with a progress display and a summary table on stderr."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsevents.coder import Coder
from newsevents.config import Settings
from newsevents.pipeline import IngestSummary, run_ingest


def run_ingest_with_progress(
    paths: list[str], settings: Settings, err: Console, coder: Coder | None = None
) -> IngestSummary:
    """Run the ingest, printing problems as they come and the summary at the end. Ctrl-C
    ends it with a message and exit code 130 (the run is recorded as interrupted)."""

    def on_problem(kind: str, origin: str, message: str) -> None:
        line = f"error: {message}" if kind == "error" else f"{kind}: {origin}: {message}"
        err.print(line, markup=False, highlight=False)

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("loading the model", total=None)

        def on_progress(read: int, events: int) -> None:
            progress.update(task, description=f"{read} articles read, {events} events")

        try:
            summary = run_ingest(
                paths, settings, coder=coder, on_problem=on_problem, on_progress=on_progress
            )
        except KeyboardInterrupt:
            progress.stop()
            err.print(
                "interrupted: the articles stored so far are kept, each with all its events;"
                " run the same command again to store the rest",
                markup=False,
                highlight=False,
            )
            raise typer.Exit(130) from None
    for line in [_summary_line(summary, settings), *_date_lines(summary, settings)]:
        err.print(line, markup=False, highlight=False)
    return summary


def _summary_line(summary: IngestSummary, settings: Settings) -> str:
    rejected = sum(summary.rejected.values())
    reasons = ", ".join(f"{reason} {count}" for reason, count in summary.rejected.most_common())
    return (
        f"read {summary.read} / new {summary.new} / duplicate {summary.duplicate} / "
        f"rejected {rejected}{f' ({reasons})' if reasons else ''} / errors {len(summary.errors)}"
        f" / events {summary.events}  -> {settings.db_path}"
    )


def _date_lines(summary: IngestSummary, settings: Settings) -> list[str]:
    """The articles stored with no date, and a --date that did not reach stored articles."""
    lines = []
    if summary.undated:
        lines.append(
            f"no date: {summary.undated} of {summary.new} new articles"
            f" ({_examples(summary.undated_examples, summary.undated)}); their events have no"
            " date unless the sentence gives one: newsevents recode --doc ID --date YYYY-MM-DD"
        )
    if settings.default_date is not None and summary.duplicate:
        first = summary.duplicate_examples[0]
        lines.append(
            f"already stored: {summary.duplicate} articles"
            f" ({_examples(summary.duplicate_examples, summary.duplicate)}), so --date"
            f" {settings.default_date.isoformat()} did not change them; to re-date one: newsevents"
            f" recode --db {settings.db_path} --doc {first} --date {settings.default_date}"
        )
    return lines


def _examples(doc_ids: list[str], count: int) -> str:
    more = count - len(doc_ids)
    return ", ".join(doc_ids) + (f" and {more} more" if more > 0 else "")
