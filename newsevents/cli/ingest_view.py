"""Ingest with a progress display and a summary table on stderr."""

from __future__ import annotations

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsevents.config import Settings
from newsevents.pipeline import IngestSummary, run_ingest


def run_ingest_with_progress(paths: list[str], settings: Settings, err: Console) -> IngestSummary:
    def on_problem(kind: str, origin: str, message: str) -> None:
        line = f"error: {message}" if kind == "error" else f"rejected: {origin}: {message}"
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

        summary = run_ingest(paths, settings, on_problem=on_problem, on_progress=on_progress)
    err.print(_summary_line(summary, settings), markup=False, highlight=False)
    return summary


def _summary_line(summary: IngestSummary, settings: Settings) -> str:
    rejected = sum(summary.rejected.values())
    reasons = ", ".join(f"{reason} {count}" for reason, count in summary.rejected.most_common())
    return (
        f"read {summary.read} / new {summary.new} / duplicate {summary.duplicate} / "
        f"rejected {rejected}{f' ({reasons})' if reasons else ''} / errors {len(summary.errors)}"
        f" / events {summary.events}  -> {settings.db_path}"
    )
