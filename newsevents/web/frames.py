"""Analysis tables (pandas) to the JSON the API sends."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from newsevents.actors.names import bundled_actor_names
from newsevents.analysis.plots import bloc_palette, network_picture


def plain(value: Any) -> Any:
    """A JSON-able value: dates as ISO strings, NaN and NaT as null, numpy scalars unboxed."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(key): plain(value) for key, value in row.items()} for row in frame.to_dict("records")
    ]


def bloc_map(blocs: pd.DataFrame | None) -> dict[str, int] | None:
    if blocs is None or blocs.empty:
        return None
    return {str(row.actor): int(row.bloc) for row in blocs.itertuples()}


def network_view(edges: pd.DataFrame, blocs: Mapping[str, int] | None, top: int) -> dict[str, Any]:
    """The ``top`` actors laid out in the unit square, with size, bloc and colour, and the
    actor pairs among them (both directions added)."""
    if edges.empty:
        return {"nodes": [], "pairs": [], "note": "no events between two actors in this scope"}
    picture = network_picture(edges, top, blocs, title="", palette=bloc_palette(blocs))
    xs = [picture.positions[n][0] for n in picture.nodes]
    ys = [picture.positions[n][1] for n in picture.nodes]
    width, height = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    names = bundled_actor_names()
    nodes = [
        {
            "id": node,
            "name": names.describe(node),
            "x": round((picture.positions[node][0] - min(xs)) / width, 4),
            "y": round((max(ys) - picture.positions[node][1]) / height, 4),
            "events": picture.sizes[node],
            "bloc": (blocs or {}).get(node),
            "color": picture.color(node),
        }
        for node in picture.nodes
    ]
    pairs = frame_records(picture.pairs)
    return {"nodes": nodes, "pairs": pairs, "note": picture.note}
