"""The event filters of the HTTP API, shared by ``/api/events`` and its downloads: the
query parameters of ``newsevents events`` as one FastAPI dependency."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from starlette.exceptions import HTTPException

from newsevents.store.query import EventFilters
from newsevents.web.models import ActorParam, Modality

DateParam = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]


def parse_day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD parameter as a date; 422 naming the parameter when it is no date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        where = name if "." in name else f"query.{name}"
        raise HTTPException(422, f"{where}: not a valid date: {value!r}") from None


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
    """Every filter of ``newsevents events`` (no limit or offset: the caller adds them)."""
    pair = None
    if dyad is not None:
        parts = [part.strip() for part in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise HTTPException(422, "query.dyad: give two actors separated by a comma (USA,IRN)")
        pair = (parts[0], parts[1])
    return EventFilters(
        actor=actor,
        source=source,
        target=target,
        dyad=pair,
        code=code,
        since=parse_day(since, "since"),
        until=parse_day(until, "until"),
        modality=modality,
        unique=unique,
    )


Filters = Annotated[EventFilters, Depends(event_filters)]
