"""What the map draws: the places of the events a filter selects (one row per place, with
its events per QuadClass) and the dyads between countries (one row per source and target
country, with the two countries' centroids), counted in DuckDB, and the country shapes
(``data/world.geojson``: Natural Earth's 1:110m countries, public domain, built by
``tools/build_world_map.py``; each feature carries its country's centroid, and countries
too small for 1:110m are features with a centroid and no geometry)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import pandas as pd

from newsevents.store import EventFilters, Store
from newsevents.store.query import build_event_query

PLACE_COLUMNS = (
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "location_precision",
    "quad_class",
    "source_country",
    "target_country",
)
PLACES_SQL = """
SELECT location_name AS name, location_country AS country, location_lat AS lat,
       location_lon AS lon, coalesce(location_precision, 'country') AS precision,
       count(*) AS events,
       count(*) FILTER (WHERE quad_class = 1) AS quad1,
       count(*) FILTER (WHERE quad_class = 2) AS quad2,
       count(*) FILTER (WHERE quad_class = 3) AS quad3,
       count(*) FILTER (WHERE quad_class = 4) AS quad4
FROM ({events}) AS chosen
WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL
GROUP BY ALL ORDER BY events DESC, name
"""
DYADS_SQL = """
SELECT source_country AS source, target_country AS target, count(*) AS events,
       count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
       count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
FROM ({events}) AS chosen
WHERE source_country IS NOT NULL AND target_country IS NOT NULL
  AND source_country <> target_country
GROUP BY ALL ORDER BY events DESC, source, target
"""
TOTALS_SQL = """
SELECT count(*), count(*) FILTER (WHERE location_lat IS NOT NULL) FROM ({events}) AS chosen
"""


@dataclass(frozen=True)
class MapData:
    """The places and the country dyads of the chosen events; ``total`` events were chosen,
    ``located`` of them have a place with coordinates."""

    places: pd.DataFrame
    dyads: pd.DataFrame
    total: int
    located: int


def map_data(store: Store, filters: EventFilters) -> MapData:
    """The places and dyads of the events ``filters`` select (limit and offset ignored)."""
    chosen = replace(filters, limit=None, offset=0, columns=PLACE_COLUMNS)
    events, params = build_event_query(chosen, ordered=False)
    cursor = store.con.cursor()
    places = cursor.execute(PLACES_SQL.format(events=events), params).df()
    dyads = _with_centroids(cursor.execute(DYADS_SQL.format(events=events), params).df())
    total, located = cursor.execute(TOTALS_SQL.format(events=events), params).fetchone()  # type: ignore[misc]
    return MapData(places, dyads, int(total), int(located))


def _with_centroids(dyads: pd.DataFrame) -> pd.DataFrame:
    """Dyads with the (lat, lon) of both countries; pairs with an unknown country dropped."""
    centres = country_centroids()
    known = dyads["source"].isin(centres) & dyads["target"].isin(centres)
    dyads = dyads[known].reset_index(drop=True)
    for end, column in (("source", "from"), ("target", "to")):
        dyads[f"{column}_lat"] = [centres[c][0] for c in dyads[end]]
        dyads[f"{column}_lon"] = [centres[c][1] for c in dyads[end]]
    return dyads


@cache
def world_shapes_text() -> str:
    """The country shapes as GeoJSON text (served as it is to the web page)."""
    return (resources.files("newsevents.analysis") / "data" / "world.geojson").read_text("utf-8")


def world_shapes() -> dict[str, Any]:
    return json.loads(world_shapes_text())  # type: ignore[no-any-return]


@cache
def country_centroids() -> Mapping[str, tuple[float, float]]:
    """ISO3 -> (lat, lon) of the country's centroid."""
    return MappingProxyType(
        {
            feature["id"]: tuple(feature["properties"]["centroid"])
            for feature in world_shapes()["features"]
        }
    )
