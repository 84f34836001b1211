"""Filter options shared by ``events``, ``map`` and the analysis commands: actors by name,
alias, code or entity id, and dates of any precision. :func:`event_filters` turns the
options of ``events`` and ``map`` into the store's filters."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from newsevents.errors import NewseventsError
from newsevents.records import MODALITIES

if TYPE_CHECKING:
    from newsevents.store import EventFilters

err = Console(stderr=True, highlight=False, soft_wrap=True)
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
SinceOption = typer.Option(
    "--since",
    metavar="DATE",
    help=f"Only events on or after this date: {DATE_FORMS} (2022 means from 2022-01-01).",
)
UntilOption = typer.Option(
    "--until",
    metavar="DATE",
    help=f"Only events on or before this date: {DATE_FORMS} (2022 means up to 2022-12-31).",
)
ACTOR_FORMS = (
    "a name or alias (Russia, 'the EU', Hezbollah, Putin), a code or code prefix "
    "(USA, IRNMIL) or an entity id (org:irgc)"
)
# The other filters of `newsevents events`, shared by the commands that take them (events, map).
ActorOption = typer.Option(help=f"Source or target: {ACTOR_FORMS}.")
SourceOption = typer.Option(help="Source actor (as --actor).")
TargetOption = typer.Option(help="Target actor (as --actor).")
DyadOption = typer.Option(metavar="A B", help="Events between A and B, both directions.")
CodeOption = typer.Option(
    "--code", help="CAMEO code or prefix (16, 163) or a PLOVER type (SANCTION)."
)
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
    """The store's filters from the options above: names resolved (E016 when one names
    nothing), dates of any precision (a bad one, --since after --until or an unknown
    modality is a usage error)."""
    from newsevents.store import EventFilters

    if modality is not None and modality not in MODALITIES:
        raise typer.BadParameter(f"use one of {', '.join(MODALITIES)}", param_hint="--modality")
    first, last = since_date(since), until_date(until)
    check_range(first, last)
    return EventFilters(
        actor=resolve_actor(actor, "--actor"),
        source=resolve_actor(source, "--source"),
        target=resolve_actor(target, "--target"),
        dyad=resolve_dyad(dyad),
        code=code,
        since=first,
        until=last,
        modality=modality,
        unique=unique,
        limit=limit,
    )


def since_date(value: str | None, option: str = "--since") -> date | None:
    """The first day of a date of any precision; a usage error naming the bad value."""
    return _bound(value, option, 0)


def until_date(value: str | None, option: str = "--until") -> date | None:
    """The last day of a date of any precision ("2022-03" -> 2022-03-31)."""
    return _bound(value, option, 1)


def _bound(value: str | None, option: str, end: int) -> date | None:
    from newsevents.store.query import date_bounds

    if value is None:
        return None
    try:
        return date_bounds(value)[end]
    except NewseventsError as exc:
        raise typer.BadParameter(exc.message, param_hint=option) from None


def check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise typer.BadParameter(f"{since} is after --until ({until})", param_hint="--since")


def resolve_actor(value: str | None, option: str) -> str | None:
    """The store filter value for an actor option (E016 when it names nothing); says on
    standard error what a name was taken to mean."""
    from newsevents.actors.names import bundled_actor_names

    if value is None:
        return None
    names = bundled_actor_names()
    resolved = names.resolve(value)
    if resolved.upper() != value.strip().upper():
        meaning = names.describe(resolved)
        err.print(
            f"note: {option} {value!r} is {resolved}" + (f" ({meaning})" if meaning else ""),
            markup=False,
        )
    return resolved


def resolve_dyad(pair: tuple[str, str] | None) -> tuple[str, str] | None:
    if pair is None:
        return None
    a, b = (resolve_actor(value, "--dyad") for value in pair)
    return a, b  # type: ignore[return-value]
