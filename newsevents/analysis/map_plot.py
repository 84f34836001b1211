"""The map as a file: the places of the events (circles sized by events, coloured by their
most frequent QuadClass) and the country dyads (arcs from the source's country to the
target's) on Natural Earth's country shapes, as a PNG, SVG or PDF (matplotlib) or a
self-contained interactive HTML page (plotly, with plotly.js inside: it opens offline, and
loads no map tiles: the shapes are drawn as plain lines, like the web page's map)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newsevents.analysis.places import MapData, world_shapes
from newsevents.analysis.plots import QUAD_COLORS, QUAD_LABELS, SIGN_COLORS, plot_kind
from newsevents.errors import AnalysisError

LAND, BORDER, SEA = "#e6e2d8", "#a9a49a", "#eef4f8"
WEST, EAST, SOUTH, NORTH = -180.0, 190.0, -60.0, 85.0  # what is drawn (no events at the poles)
LABELLED = 12  # the places with the most events are named on the PNG
Arc = tuple[list[float], list[float], str, float, str]  # lons, lats, colour, width, label


@dataclass(frozen=True)
class MapPicture:
    """What a map drawing shows, in degrees: country rings, places with a colour and a
    label, and dyad arcs (sampled points) with a colour, a width and a label."""

    title: str
    rings: list[list[tuple[float, float]]]  # (lon, lat) outer rings of the country shapes
    places: pd.DataFrame  # map_data's places, with "color" and "label"
    arcs: list[Arc]


def plot_map(data: MapData, path: str | Path, title: str | None = None) -> Path:
    """Draw ``data`` (from :func:`~newsevents.analysis.places.map_data`) to ``path``:
    ``.png``, ``.svg``, ``.pdf`` or ``.html`` (A003 for any other suffix; A007 when nothing
    has a place)."""
    kind = plot_kind(path)
    if data.places.empty and data.dyads.empty:
        raise AnalysisError("A007", what="no event in this selection has a place or a dyad")
    picture = map_picture(data, title)
    (_png if kind == "png" else _html)(picture, Path(path))
    return Path(path)


def map_picture(data: MapData, title: str | None = None) -> MapPicture:
    places = data.places.copy()
    colors = list(QUAD_COLORS.values())
    quads = places[["quad1", "quad2", "quad3", "quad4"]].to_numpy()
    places["color"] = [colors[int(row.argmax())] for row in quads]
    places["label"] = [
        f"{p.name} ({p.country}, {p.precision}): {p.events} event{'s' if p.events != 1 else ''}"
        for p in places.itertuples()
    ]
    most = max((int(n) for n in data.dyads["events"]), default=1)
    arcs = [
        (
            *arc(d.from_lat, d.from_lon, d.to_lat, d.to_lon),
            SIGN_COLORS[-1 if d.conflict > d.cooperation else 1],
            0.6 + 3.0 * math.sqrt(d.events / most),
            f"{d.source} → {d.target}: {d.events} events "
            f"({d.cooperation} cooperation, {d.conflict} conflict)",
        )
        for d in data.dyads.itertuples()
    ]
    rings = [
        [(lon, lat) for lon, lat in polygon[0]]
        for feature in world_shapes()["features"]
        if feature["geometry"]
        for polygon in feature["geometry"]["coordinates"]
    ]
    default = f"Places of {data.located} of {data.total} events, and their country dyads"
    return MapPicture(title or default, rings, places, arcs)


def arc(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[list[float], list[float]]:
    """The gentle quadratic curve the web page draws from one point to the other, sampled
    (so that A→B and B→A do not lie on top of each other)."""
    bend = 0.2
    ctrl_lon = (lon1 + lon2) / 2 + (lat2 - lat1) * bend
    ctrl_lat = (lat1 + lat2) / 2 + (lon2 - lon1) * bend
    steps = [i / 20 for i in range(21)]
    lons = [(1 - t) ** 2 * lon1 + 2 * (1 - t) * t * ctrl_lon + t * t * lon2 for t in steps]
    lats = [(1 - t) ** 2 * lat1 + 2 * (1 - t) * t * ctrl_lat + t * t * lat2 for t in steps]
    return lons, lats


def _marker_sizes(places: pd.DataFrame, smallest: float, largest: float) -> list[float]:
    most = max((int(n) for n in places["events"]), default=1)
    return [smallest + (largest - smallest) * math.sqrt(n / most) for n in places["events"]]


def _png(picture: MapPicture, path: Path) -> None:
    from matplotlib.collections import PolyCollection
    from matplotlib.lines import Line2D

    from newsevents.analysis.plots_png import _figure, _save

    figure = _figure(13, 6.2)
    ax = figure.add_subplot()
    ax.set_facecolor(SEA)
    ax.add_collection(PolyCollection(picture.rings, facecolors=LAND, edgecolors=BORDER, lw=0.3))
    for lons, lats, color, width, _ in picture.arcs:
        ax.plot(lons, lats, color=color, lw=width, alpha=0.45, solid_capstyle="round")
    places = picture.places
    sizes = [s * s for s in _marker_sizes(places, 4, 18)]
    ax.scatter(
        places["lon"],
        places["lat"],
        s=sizes,
        c=list(places["color"]),
        alpha=0.85,
        edgecolors="white",
        linewidths=0.6,
        zorder=3,
    )
    for p in places.head(LABELLED).itertuples():
        ax.annotate(p.name, (p.lon, p.lat), xytext=(4, 4), textcoords="offset points", fontsize=7)
    ax.set_xlim(WEST, EAST)
    ax.set_ylim(SOUTH, NORTH)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(picture.title, fontsize=11)
    handles = [
        Line2D([], [], marker="o", ls="", color=color, label=QUAD_LABELS[key])
        for key, color in QUAD_COLORS.items()
    ] + [
        Line2D([], [], color=SIGN_COLORS[1], label="dyad, mostly cooperation"),
        Line2D([], [], color=SIGN_COLORS[-1], label="dyad, mostly conflict"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=7, framealpha=0.9)
    _save(figure, path)


def _html(picture: MapPicture, path: Path) -> None:
    import plotly.graph_objects as go

    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in picture.rings:
        xs += [lon for lon, _ in ring] + [None]
        ys += [lat for _, lat in ring] + [None]
    figure = go.Figure()
    figure.add_scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=LAND,
        hoverinfo="skip",
        line={"color": BORDER, "width": 0.5},
        showlegend=False,
    )
    for lons, lats, color, width, label in picture.arcs:
        figure.add_scatter(
            x=lons,
            y=lats,
            mode="lines",
            line={"color": color, "width": width},
            opacity=0.5,
            name=label,
            hoverinfo="name",
            showlegend=False,
        )
    places = picture.places
    figure.add_scatter(
        x=places["lon"],
        y=places["lat"],
        mode="markers",
        name="places",
        text=places["label"],
        hoverinfo="text",
        showlegend=False,
        marker={
            "size": _marker_sizes(places, 6, 26),
            "color": list(places["color"]),
            "line": {"color": "white", "width": 1},
            "opacity": 0.85,
        },
    )
    for key, color in QUAD_COLORS.items():  # the legend's colours
        figure.add_scatter(
            x=[None], y=[None], mode="markers", marker={"color": color}, name=QUAD_LABELS[key]
        )
    figure.update_xaxes(range=[WEST, EAST], visible=False)
    figure.update_yaxes(range=[SOUTH, NORTH], visible=False, scaleanchor="x")
    figure.update_layout(
        title=picture.title,
        template="plotly_white",
        plot_bgcolor=SEA,
        height=700,
        legend={"orientation": "h"},
    )
    figure.write_html(
        path,
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
