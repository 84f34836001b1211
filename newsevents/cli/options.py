"""Shared option parsing for the CLI commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from newsevents.config import default_db_path


def parse_date_option(value: str | None) -> date | None:
    """A YYYY-MM-DD option value, or a usage error naming the bad value."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"invalid date {value!r}: use YYYY-MM-DD") from None


DateOption = typer.Option(
    "--date",
    metavar="YYYY-MM-DD",
    help="Publication date, used when the article carries none; the base for relative dates.",
)
DbOption = typer.Option(
    "--db",
    metavar="FILE",
    help="The store (default: $NEWSEVENTS_DB or ./newsevents.duckdb).",
)


def db_path(value: Path | None) -> Path:
    return value if value is not None else default_db_path()


DayFirstOption = typer.Option(
    "--dayfirst",
    help="Read all-number dates such as 10/11/2023 day first (10 November); without it they"
    " are read month first, with a warning when both readings are possible.",
)
NoModelOption = typer.Option(
    "--no-model",
    help="Code with the patterns only, without the learned event model.",
)
