"""The event filters of the HTTP API, shared by ``/api/events`` and its downloads: the
query parameters of ``newsevents events`` as one FastAPI dependency. Actors may be names
or aliases (``actor=Russia``, ``dyad=the EU,Russia``), codes or entity ids (a name that
names nothing is E016, 400); dates a year, a month or a day (``since=2022`` is from
2022-01-01; a date that does not exist is 422)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from starlette.exceptions import HTTPException

from newsevents.actors.names import bundled_actor_names
from newsevents.errors import NewseventsError
from newsevents.store.query import EventFilters, date_bounds
from newsevents.web.models import ActorParam, Modality

DateParam = Annotated[
    str | None,
    Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD"),
]


def parse_day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD parameter as a date; 422 naming the parameter when it is no date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        where = name if "." in name else f"query.{name}"
        raise HTTPException(422, f"{where}: not a valid date: {value!r}") from None


def date_range(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """The first day of ``since`` and the last day of ``until``, each a year, a month or a
    day ("2022" until the end of 2022); 422 for a date that does not exist, 400 when
    ``since`` is after ``until``."""
    bounds = []
    for value, name, end in ((since, "since", 0), (until, "until", 1)):
        try:
            bounds.append(date_bounds(value)[end] if value is not None else None)
        except NewseventsError as exc:
            raise HTTPException(422, f"query.{name}: {exc.message}") from None
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        raise HTTPException(400, f"since ({since}) is after until ({until})")
    return bounds[0], bounds[1]


def resolve_actor(value: str | None) -> str | None:
    """The store's filter value for a name, alias, code or entity id; E016 (400) when the
    value names no actor."""
    return bundled_actor_names().resolve(value) if value is not None else None


def event_filters(
    actor: ActorParam = None,
    source: ActorParam = None,
    target: ActorParam = None,
    dyad: Annotated[str | None, Query(max_length=161, description="A,B: both directions")] = None,
    code: Annotated[str | None, Query(max_length=40, description="CAMEO prefix or PLOVER")] = None,
    since: DateParam = None,
    until: DateParam = None,
    modality: Modality | None = None,
    unique: bool = False,
) -> EventFilters:
    """Every filter of ``newsevents events`` (no limit or offset: the caller adds them),
    names resolved to the codes the store matches."""
    pair = None
    if dyad is not None:
        parts = [part.strip() for part in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise HTTPException(422, "query.dyad: give two actors separated by a comma (USA,IRN)")
        names = bundled_actor_names()
        pair = (names.resolve(parts[0]), names.resolve(parts[1]))
    first, last = date_range(since, until)
    return EventFilters(
        actor=resolve_actor(actor),
        source=resolve_actor(source),
        target=resolve_actor(target),
        dyad=pair,
        code=code,
        since=first,
        until=last,
        modality=modality,
        unique=unique,
    )


Filters = Annotated[EventFilters, Depends(event_filters)]
