"""Interactive HTML with plotly: one self-contained file (plotly.js is written into it, so
it opens offline and loads nothing from the network)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

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

DAY_MS = 86_400_000
OTHER_COLOR = "#bdbdbd"
PALETTE = (
    "#1f77b4 #aec7e8 #ff7f0e #ffbb78 #2ca02c #98df8a #d62728 #ff9896 #9467bd #c5b0d5 "
    "#8c564b #c49c94 #e377c2 #f7b6d2 #bcbd22 #dbdb8d #17becf #9edae5"
).split()


def dyad(frame: pd.DataFrame, path: Path, title: str) -> None:
    directions = list(dict.fromkeys(zip(frame["source"], frame["target"], strict=True)))
    titles = [f"{s} → {t}" for s, t in directions] + ["Goldstein sum"]
    figure = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        subplot_titles=titles,
        row_heights=[0.38, 0.38, 0.24],
        vertical_spacing=0.07,
    )
    width = bar_width_days(frame["period"]) * DAY_MS
    for row, (source, target) in enumerate(directions, start=1):
        _quad_bars(figure, _direction(frame, source, target), row, width)
    for index, (source, target) in enumerate(directions):
        part = _direction(frame, source, target)
        figure.add_bar(
            x=part["period"],
            y=part["goldstein_sum"],
            width=width / 2,
            offset=index * width / 2,
            row=3,
            col=1,
            name=f"Goldstein {source} → {target}",
            marker_color=("#4c72b0", "#dd8452")[index],
            customdata=part[["goldstein_mean"]],
            hovertemplate="%{x}<br>sum %{y:.1f}<br>mean %{customdata[0]:.2f}",
        )
    figure.update_layout(barmode="overlay", title=title, height=850)
    figure.update_yaxes(title_text="Goldstein sum", row=3, col=1)
    _write(figure, path)


def _quad_bars(figure: go.Figure, part: pd.DataFrame, row: int, width: float) -> None:
    """Stacked by hand (``base``), so that the Goldstein bars below can sit side by side."""
    base = pd.Series(0, index=part.index)
    for column in QUAD_COLUMNS:
        figure.add_bar(
            x=part["period"],
            y=part[column],
            base=base.copy(),
            width=width,
            offset=0,
            row=row,
            col=1,
            name=QUAD_LABELS[column],
            marker_color=QUAD_COLORS[column],
            legendgroup=column,
            showlegend=row == 1,
            hovertemplate=f"%{{x}}<br>{QUAD_LABELS[column]}: %{{y}}<extra></extra>",
        )
        base = base + part[column]
    whole = int(base.max()) <= 10 if len(base) else True  # whole-number ticks for few events
    figure.update_yaxes(
        title_text="events", rangemode="tozero", dtick=1 if whole else None, row=row, col=1
    )


def _direction(frame: pd.DataFrame, source: str, target: str) -> pd.DataFrame:
    return frame.loc[(frame["source"] == source) & (frame["target"] == target)]


def network(pictures: Sequence[NetworkPicture], path: Path, title: str) -> None:
    single = len(pictures) == 1
    names = [p.note if single else f"{p.title} ({p.note})" for p in pictures]
    figure = make_subplots(
        rows=1, cols=len(pictures), subplot_titles=names, horizontal_spacing=0.03
    )
    shown: set[str] = set()
    for col, picture in enumerate(pictures, start=1):
        for trace in _network_traces(picture, shown):
            figure.add_trace(trace, row=1, col=col)
    for trace in _bloc_legend(pictures):
        figure.add_trace(trace, row=1, col=1)
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(
        title=title,
        height=800,
        width=900 * len(pictures),
        plot_bgcolor="white",
        hovermode="closest",
    )
    _write(figure, path)


def _network_traces(picture: NetworkPicture, shown: set[str]) -> list[Any]:
    traces = [_edge_trace(picture, row, shown) for row in picture.pairs.itertuples()]
    traces.append(_edge_hover(picture))
    traces.append(_node_trace(picture))
    return traces


def _bloc_legend(pictures: Sequence[NetworkPicture]) -> list[go.Scatter]:
    """Legend entries for the bloc colours (points that are not drawn)."""
    if all(picture.blocs is None for picture in pictures):
        return []
    colors = [(f"bloc {bloc}", color) for bloc, color in pictures[0].palette.items()]
    colors.append(("alone or in a small bloc", SINGLE_COLOR))
    return [
        go.Scatter(
            x=[None], y=[None], mode="markers", name=name, marker={"size": 12, "color": color}
        )
        for name, color in colors
    ]


def _edge_trace(picture: NetworkPicture, row: Any, shown: set[str]) -> go.Scatter:
    (x0, y0), (x1, y1) = picture.positions[row.a], picture.positions[row.b]
    label = SIGN_LABELS[row.sign]
    first = label not in shown
    shown.add(label)
    return go.Scatter(
        x=[x0, x1],
        y=[y0, y1],
        mode="lines",
        hoverinfo="skip",
        line={"color": SIGN_COLORS[row.sign], "width": 1 + 1.2 * row.events**0.5},
        opacity=0.75,
        name=label,
        legendgroup=label,
        showlegend=first,
    )


def _edge_hover(picture: NetworkPicture) -> go.Scatter:
    """Invisible points mid-edge that show each pair's figures on hover."""
    pairs = picture.pairs
    middle = [
        (
            (picture.positions[a][0] + picture.positions[b][0]) / 2,
            (picture.positions[a][1] + picture.positions[b][1]) / 2,
        )
        for a, b in zip(pairs["a"], pairs["b"], strict=True)
    ]
    text = [
        f"{r.a} – {r.b}<br>{r.events} events: {r.cooperation} cooperation, {r.conflict} conflict"
        f"<br>Goldstein sum {r.goldstein_sum:.1f}"
        for r in pairs.itertuples()
    ]
    return go.Scatter(
        x=[m[0] for m in middle],
        y=[m[1] for m in middle],
        mode="markers",
        marker={"size": 8, "opacity": 0},
        hovertext=text,
        hoverinfo="text",
        showlegend=False,
    )


def _node_trace(picture: NetworkPicture) -> go.Scatter:
    biggest = max([1, *picture.sizes.values()])
    nodes = list(picture.nodes)
    text = [
        f"{node}<br>{picture.sizes[node]} events"
        + (f"<br>bloc {picture.blocs[node]}" if picture.blocs is not None else "")
        for node in nodes
    ]
    return go.Scatter(
        x=[picture.positions[n][0] for n in nodes],
        y=[picture.positions[n][1] for n in nodes],
        mode="markers+text",
        text=nodes,
        textfont={"size": 11, "color": "black"},
        hovertext=text,
        hoverinfo="text",
        marker={
            "size": [12 + 34 * (picture.sizes[n] / biggest) ** 0.5 for n in nodes],
            "color": [picture.color(n) for n in nodes],
            "line": {"color": "white", "width": 1.5},
        },
        showlegend=False,
    )


def surges(frame: pd.DataFrame, path: Path, title: str, test: str) -> None:
    figure = go.Figure()
    width = bar_width_days(frame["period"]) * DAY_MS
    colors = ["#d62728" if surge else "#4c72b0" for surge in frame["surge"]]
    figure.add_bar(
        x=frame["period"],
        y=frame["events"],
        width=width,
        offset=0,
        marker_color=colors,
        name="events (red: surge)",
        customdata=frame[["p_value", "baseline"]],
        hovertemplate="%{x}<br>%{y} events<br>baseline %{customdata[1]:.2f}"
        "<br>p %{customdata[0]:.2g}",
    )
    figure.add_scatter(
        x=frame["period"],
        y=frame["baseline"],
        mode="lines",
        line={"dash": "dash", "color": "#555555", "shape": "hv"},
        name="baseline (trailing mean)",
    )
    figure.add_scatter(
        x=frame["period"],
        y=frame["threshold"].astype(float),
        mode="lines",
        line={"dash": "dot", "color": "#ff7f0e", "width": 3, "shape": "hv"},
        name="surge threshold",
    )
    figure.update_layout(
        title={"text": f"{title}<br><sup>{test}</sup>"}, height=550, yaxis_title="events"
    )
    _write(figure, path)


def attention(frame: pd.DataFrame, path: Path, title: str) -> None:
    figure = go.Figure()
    width = bar_width_days(frame["period"]) * DAY_MS
    actors = list(dict.fromkeys(frame["actor"]))
    colors = iter(PALETTE * (len(actors) // len(PALETTE) + 1))
    for actor in actors:
        part = frame.loc[frame["actor"] == actor]
        color = OTHER_COLOR if actor == OTHER else next(colors)
        figure.add_bar(
            x=part["period"],
            y=part["share"],
            width=width,
            offset=0,
            name=actor,
            marker_color=color,
            customdata=part[["events"]],
            hovertemplate=f"{actor}<br>%{{x}}<br>%{{y:.1%}} (%{{customdata[0]}})",
        )
    figure.update_layout(
        barmode="stack",
        title=title,
        height=600,
        yaxis={"tickformat": ".0%", "range": [0, 1], "title": "share of actor mentions"},
    )
    _write(figure, path)


def _write(figure: go.Figure, path: Path) -> None:
    figure.update_layout(template="plotly_white", legend={"tracegroupgap": 4})
    figure.write_html(
        path,
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
