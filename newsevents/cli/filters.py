"""Filter options shared by ``events`` and the analysis commands: actors by name, alias,
code or entity id, and dates of any precision."""

from __future__ import annotations

from datetime import date

import typer
from rich.console import Console

from newsevents.errors import NewseventsError

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
