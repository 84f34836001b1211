"""PNG, SVG and PDF drawings with matplotlib's object API (Figure + Agg canvas: no pyplot,
no display, no global state)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import Bbox

from newsevents.analysis.attention import OTHER
from newsevents.analysis.dyad import QUAD_COLUMNS
from newsevents.analysis.plots import (
    QUAD_COLORS,
    QUAD_LABELS,
    SIGN_COLORS,
    SIGN_LABELS,
    SINGLE_COLOR,
    NetworkPicture,
    bar_width_days,
)

DPI = 150
OTHER_COLOR = "#bdbdbd"
HALO = [patheffects.withStroke(linewidth=3, foreground="white")]
# where a network label may sit around its dot, tried in this order: direction, alignment
AROUND = (
    (1, 0, "left", "center"),
    (-1, 0, "right", "center"),
    (0, 1, "center", "bottom"),
    (0, -1, "center", "top"),
    (0.7, 0.7, "left", "bottom"),
    (-0.7, 0.7, "right", "bottom"),
    (0.7, -0.7, "left", "top"),
    (-0.7, -0.7, "right", "top"),
)


def dyad(frame: pd.DataFrame, path: Path, title: str) -> None:
    directions = list(dict.fromkeys(zip(frame["source"], frame["target"], strict=True)))
    figure = _figure(11, 8.5)
    axes = figure.subplots(3, 1, sharex=True, height_ratios=[3, 3, 2])
    width = bar_width_days(frame["period"])
    for ax, (source, target) in zip(axes[:2], directions, strict=False):
        part = frame.loc[(frame["source"] == source) & (frame["target"] == target)]
        _quad_bars(ax, part, width)
        ax.set_title(f"{source} → {target}", loc="left", fontsize=11, fontweight="bold")
    _goldstein_bars(axes[2], frame, directions, width)
    axes[0].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False)
    _date_axis(axes[2])
    figure.suptitle(title, fontsize=13, fontweight="bold")
    _save(figure, path)


def _quad_bars(ax: Axes, part: pd.DataFrame, width: float) -> None:
    bottom = np.zeros(len(part))
    for column in QUAD_COLUMNS:
        values = part[column].to_numpy(dtype=float)
        ax.bar(
            part["period"],
            values,
            width=width,
            align="edge",
            bottom=bottom,
            color=QUAD_COLORS[column],
            label=QUAD_LABELS[column],
        )
        bottom += values
    ax.set_ylabel("events")
    ax.set_ylim(0, max(1.0, bottom.max()) * 1.15)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", alpha=0.3)


def _goldstein_bars(
    ax: Axes, frame: pd.DataFrame, directions: Sequence[tuple[str, str]], width: float
) -> None:
    half = pd.to_timedelta(width / 2, unit="D")
    colors = ("#4c72b0", "#dd8452")
    for index, ((source, target), color) in enumerate(zip(directions, colors, strict=False)):
        part = frame.loc[(frame["source"] == source) & (frame["target"] == target)]
        ax.bar(
            part["period"] + half * index,
            part["goldstein_sum"],
            width=width / 2,
            align="edge",
            color=color,
            label=f"{source} → {target}",
        )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("Goldstein sum")
    ax.set_title(
        "Goldstein sum (−10 conflict … +10 cooperation per event)", loc="left", fontsize=10
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False)
    ax.grid(axis="y", alpha=0.3)


def network(pictures: Sequence[NetworkPicture], path: Path, title: str) -> None:
    _save(network_figure(pictures, title), path)


def network_figure(pictures: Sequence[NetworkPicture], title: str) -> Figure:
    """The networks side by side; labels are placed last, once the figure is laid out,
    because they are fitted in pixels."""
    single = len(pictures) == 1
    figure = _figure(11 * len(pictures), 9.5)
    axes = np.atleast_1d(figure.subplots(1, len(pictures)))
    for ax, picture in zip(axes, pictures, strict=True):
        _draw_network(ax, picture)
        ax.set_title(picture.note if single else f"{picture.title}\n{picture.note}", fontsize=11)
    _network_legend(figure, pictures)
    figure.suptitle(title, fontsize=13, fontweight="bold")
    figure.draw_without_rendering()
    for ax, picture in zip(axes, pictures, strict=True):
        _label_network(ax, picture)
    return figure


def _draw_network(ax: Axes, picture: NetworkPicture) -> None:
    heaviest = max([1, *picture.pairs["events"]])
    for row in picture.pairs.sort_values("events").itertuples():
        (x0, y0), (x1, y1) = picture.positions[row.a], picture.positions[row.b]
        width = 0.8 + 4.5 * math.log1p(row.events) / math.log1p(heaviest)
        ax.plot(
            [x0, x1],
            [y0, y1],
            color=SIGN_COLORS[row.sign],
            linewidth=width,
            alpha=0.75,
            zorder=1,
            solid_capstyle="round",
        )
    for node in picture.nodes:
        x, y = picture.positions[node]
        ax.scatter(
            [x],
            [y],
            s=(2 * _dot_radius(picture, node)) ** 2,
            color=picture.color(node),
            edgecolors="white",
            linewidths=1.5,
            zorder=2,
        )
    ax.set_axis_off()
    ax.margins(0.08)


def _dot_radius(picture: NetworkPicture, node: str) -> float:
    """In points: the dot's area grows with the square root of the node's events."""
    biggest = max([1, *picture.sizes.values()])
    return math.sqrt(120 + 1400 * math.sqrt(picture.sizes[node] / biggest)) / 2


def _label_network(ax: Axes, picture: NetworkPicture) -> None:
    """Each node's name, or its code when the name does not fit, at the first place around
    its dot where it stays inside the axes and covers no other label or dot; the busiest
    nodes (first in ``picture.nodes``) choose first. A node with no room keeps its dot only."""
    frame = ax.get_window_extent(ax.figure.canvas.get_renderer())
    dots = {node: _dot_box(ax, picture, node) for node in picture.nodes}
    placed: list[Bbox] = []
    for node in picture.nodes:
        label = ax.annotate(
            "",
            picture.positions[node],
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
            zorder=3,
            path_effects=HALO,
            in_layout=False,
        )
        taken = placed + [box for other, box in dots.items() if other != node]
        box = _fit_label(label, picture.labels(node), _dot_radius(picture, node) + 2, taken, frame)
        if box is None:
            label.remove()
        else:
            placed.append(box.padded(2 * ax.figure.dpi / 72))  # 2 points apart, halo included


def _dot_box(ax: Axes, picture: NetworkPicture, node: str) -> Bbox:
    """The square around a node's dot, in pixels."""
    x, y = ax.transData.transform(picture.positions[node])
    radius = _dot_radius(picture, node) * ax.figure.dpi / 72
    return Bbox.from_bounds(x - radius, y - radius, 2 * radius, 2 * radius)


def _fit_label(
    label: Annotation, texts: Sequence[str], distance: float, taken: Sequence[Bbox], frame: Bbox
) -> Bbox | None:
    """Try each text at each place AROUND; the first free box, or None."""
    renderer = label.figure.canvas.get_renderer()
    for text in texts:
        label.set_text(text)
        for dx, dy, ha, va in AROUND:
            label.xyann = (dx * distance, dy * distance)
            label.set(horizontalalignment=ha, verticalalignment=va)
            box = label.get_window_extent(renderer)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in taken):
                return box
    return None


def _network_legend(figure: Figure, pictures: Sequence[NetworkPicture]) -> None:
    handles: list[Line2D | Patch] = [
        Line2D([0], [0], color=SIGN_COLORS[sign], linewidth=3, label=SIGN_LABELS[sign])
        for sign in (1, -1, 0)
    ]
    handles.append(Line2D([0], [0], color="none", label="line width, dot size: events"))
    palette = pictures[0].palette
    handles += [Patch(color=color, label=f"bloc {bloc}") for bloc, color in palette.items()]
    if any(picture.blocs is not None for picture in pictures):
        handles.append(Patch(color=SINGLE_COLOR, label="alone or in a small bloc"))
    figure.legend(
        handles=handles,
        loc="outside lower center",
        ncol=min(len(handles), 7),
        fontsize=9,
        frameon=False,
    )


def surges(frame: pd.DataFrame, path: Path, title: str, test: str) -> None:
    figure = _figure(11, 5.5)
    ax = figure.subplots()
    width = bar_width_days(frame["period"])
    colors = np.where(frame["surge"], "#d62728", "#4c72b0")
    ax.bar(frame["period"], frame["events"], width=width, align="edge", color=colors)
    ax.step(
        frame["period"],
        frame["baseline"],
        where="post",
        color="#555555",
        linestyle="--",
        label="baseline (trailing mean)",
    )
    ax.step(
        frame["period"],
        frame["threshold"].astype(float),
        where="post",
        color="#ff7f0e",
        linestyle=":",
        linewidth=2,
        label="surge threshold",
    )
    for row in frame.loc[frame["surge"]].itertuples():
        ax.annotate(
            f"{row.events}",
            (row.period + pd.to_timedelta(width / 2, unit="D"), row.events),
            ha="center",
            va="bottom",
            fontsize=9,
            color="#d62728",
            fontweight="bold",
        )
    handles, _ = ax.get_legend_handles_labels()
    handles += [Patch(color="#4c72b0", label="events"), Patch(color="#d62728", label="surge")]
    ax.legend(handles=handles, loc="upper left", fontsize=9, frameon=False)
    ax.set_ylabel("events")
    ax.set_ylim(
        0,
        max(
            1.0,
            float(frame["events"].max()),
            float(frame["threshold"].max() if frame["threshold"].notna().any() else 0),
        )
        * 1.2,
    )
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", alpha=0.3)
    _date_axis(ax)
    ax.set_title(textwrap.fill(test, 150), fontsize=9, loc="left")
    figure.suptitle(title, fontsize=13, fontweight="bold")
    _save(figure, path)


def attention(frame: pd.DataFrame, path: Path, title: str) -> None:
    shares = frame.pivot(index="period", columns="actor", values="share")
    shares = shares[list(dict.fromkeys(frame["actor"]))]
    figure = _figure(12, 6)
    ax = figure.subplots()
    width = bar_width_days(frame["period"])
    bottom = np.zeros(len(shares))
    palette = _palette(list(shares.columns))
    for actor, color in zip(shares.columns, palette, strict=True):
        values = shares[actor].to_numpy(dtype=float)
        ax.bar(
            shares.index,
            values,
            width=width,
            align="edge",
            bottom=bottom,
            color=color,
            label=actor,
        )
        bottom += values
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of actor mentions")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False, reverse=True)
    _date_axis(ax)
    figure.suptitle(title, fontsize=13, fontweight="bold")
    _save(figure, path)


def _palette(actors: Sequence[str]) -> list[str]:
    """tab20 without its greys for the actors; grey for "other"."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    colors = [to_hex(colormaps["tab20"](i)) for i in range(20) if i not in (14, 15)]
    named = iter(colors * (len(actors) // len(colors) + 1))
    return [OTHER_COLOR if actor == OTHER else next(named) for actor in actors]


def _date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure: Figure, path: Path) -> None:
    kind = path.suffix.lower().lstrip(".")  # png, svg or pdf: see plots.KINDS
    figure.savefig(path, dpi=DPI, format=kind, facecolor="white")
