"""Shared option parsing for the CLI commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from newsevents.config import default_db_path
from newsevents.records import MODALITIES

if TYPE_CHECKING:
    from newsevents.store import EventFilters


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


NoModelOption = typer.Option(
    "--no-model",
    help="Code with the patterns only, without the learned event model.",
)


# The filters of `newsevents events`, shared by the commands that take them (events, map).
ActorOption = typer.Option(help="Source or target (code prefix, country or entity id).")
SourceOption = typer.Option(help="Source actor.")
TargetOption = typer.Option(help="Target actor.")
DyadOption = typer.Option(metavar="A B", help="Events between A and B, both directions.")
CodeOption = typer.Option(
    "--code", help="CAMEO code or prefix (16, 163) or a PLOVER type (SANCTION)."
)
SinceOption = typer.Option(metavar="YYYY-MM-DD", help="Events on or after this date.")
UntilOption = typer.Option(metavar="YYYY-MM-DD", help="Events on or before this date.")
ModalityOption = typer.Option(help=f"{', '.join(MODALITIES[:-1])} or {MODALITIES[-1]}.")


def event_filters(
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    dyad: tuple[str, str] | None = None,
    code: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = None,
    unique: bool = False,
    limit: int | None = None,
) -> EventFilters:
    """The store's filters from the options above; a bad date or modality is a usage error."""
    from newsevents.store import EventFilters

    if modality is not None and modality not in MODALITIES:
        raise typer.BadParameter(f"use one of {', '.join(MODALITIES)}", param_hint="--modality")
    return EventFilters(
        actor=actor,
        source=source,
        target=target,
        dyad=dyad,
        code=code,
        since=parse_date_option(since),
        until=parse_date_option(until),
        modality=modality,
        unique=unique,
        limit=limit,
    )
