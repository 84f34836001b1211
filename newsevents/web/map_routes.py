"""The map's endpoints: the places and country dyads of the events a filter selects (the
same filters as ``/api/events``), and the country shapes it is drawn on."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from newsevents.analysis.places import map_data, world_shapes_text
from newsevents.web.filters import Filters
from newsevents.web.frames import frame_records

map_router = APIRouter()


@map_router.get("/map")
def event_map(request: Request, filters: Filters) -> dict[str, Any]:
    """Places (with their events per QuadClass) and country dyads of the matching events;
    no row cap: every matching event is counted."""
    with request.app.state.store.reading() as store:
        data = map_data(store, filters)
    return {
        "total": data.total,
        "located": data.located,
        "places": frame_records(data.places),
        "dyads": frame_records(data.dyads),
    }


@map_router.get("/map/world.geojson")
def world() -> Response:
    """Natural Earth's 1:110m country shapes (public domain) as GeoJSON."""
    return Response(
        world_shapes_text(),
        media_type="application/geo+json",
        headers={"Cache-Control": "max-age=86400"},
    )
