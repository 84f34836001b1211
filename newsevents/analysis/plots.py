"""Plots of the analyses: a PNG (matplotlib, no display needed) or a self-contained
interactive HTML page (plotly, with plotly.js inside the file: it works offline).

The file suffix decides: ``.png``, ``.svg`` or ``.pdf`` (matplotlib) or ``.html``. Each
``plot_*`` function takes the table that the matching analysis function returns and writes
one file; :func:`relabel_actors` first puts names in place of codes where the caller has
them. The drawing itself is in ``plots_png`` and ``plots_html``, imported only when needed.
"""

from __future__ import annotations

import importlib
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import networkx as nx
import pandas as pd

from newsevents.analysis.network import undirected_pairs
from newsevents.errors import AnalysisError

QUAD_COLORS = {
    "verbal_coop": "#74c476",
    "material_coop": "#1a7a3c",
    "verbal_conflict": "#fd8d3c",
    "material_conflict": "#c8102e",
}
QUAD_LABELS = {
    "verbal_coop": "verbal cooperation (Quad 1)",
    "material_coop": "material cooperation (Quad 2)",
    "verbal_conflict": "verbal conflict (Quad 3)",
    "material_conflict": "material conflict (Quad 4)",
}
SIGN_COLORS = {1: "#1a9850", -1: "#d73027", 0: "#9e9e9e"}
SIGN_LABELS = {1: "mostly cooperation", -1: "mostly conflict", 0: "as much of both"}
BLOC_COLORS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
)
SINGLE_COLOR = "#c7c7c7"  # actors alone in their bloc
NODE_COLOR = "#4c72b0"
DEFAULT_TOP = 40
# file suffix -> the module that draws it (matplotlib writes PNG, SVG and PDF alike)
KINDS = {".png": "png", ".svg": "png", ".pdf": "png", ".html": "html", ".htm": "html"}
PLOT_SUFFIXES = (".png", ".svg", ".pdf", ".html")


@dataclass(frozen=True)
class NetworkPicture:
    """What a network drawing shows: nodes with positions, sizes and blocs, and the
    actor pairs (both directions added) as signed, weighted lines."""

    title: str
    note: str
    nodes: tuple[str, ...]
    positions: Mapping[str, tuple[float, float]]
    sizes: Mapping[str, int]
    pairs: pd.DataFrame
    blocs: Mapping[str, int] | None = None
    palette: Mapping[int, str] = field(default_factory=dict)
    codes: Mapping[str, str] = field(default_factory=dict)  # name shown -> actor code

    def color(self, node: str) -> str:
        if self.blocs is None:
            return NODE_COLOR
        return self.palette.get(self.blocs.get(node, 0), SINGLE_COLOR)

    def labels(self, node: str) -> list[str]:
        """What to print by a node, longest first: its name, then its code if it has one."""
        return list(dict.fromkeys([node, self.codes.get(node, node)]))


def bloc_palette(*blocs: Mapping[str, int] | None) -> dict[int, str]:
    """A colour for each bloc of two or more actors (the first eight, by number); actors
    alone, or in later blocs, are drawn grey."""
    shared = set()
    for mapping in blocs:
        counts = Counter((mapping or {}).values())
        shared |= {bloc for bloc, size in counts.items() if size >= 2}
    return dict(zip(sorted(shared), BLOC_COLORS, strict=False))


def plot_kind(path: str | Path) -> str:
    """The drawing module, "png" (PNG, SVG, PDF) or "html", from the file suffix; A003 for
    any other."""
    kind = KINDS.get(Path(path).suffix.lower())
    if kind is None:
        raise AnalysisError("A003", path=path)
    return kind


def relabel_actors(
    frame: pd.DataFrame, labels: Mapping[str, str], columns: tuple[str, ...]
) -> pd.DataFrame:
    """A copy of ``frame`` (with its attrs) whose actor ``columns`` show ``labels`` in
    place of the codes they have one for: what a plot should print. ``attrs["codes"]``
    maps each name put in back to its code, for a plot short of room."""
    relabelled = frame.copy()
    codes = dict(frame.attrs.get("codes", {}))
    for column in columns:
        if column in relabelled.columns:
            codes |= {labels[v]: v for v in relabelled[column] if v in labels}
            relabelled[column] = [labels.get(v, v) for v in relabelled[column]]
    relabelled.attrs = dict(frame.attrs) | ({"codes": codes} if codes else {})
    return relabelled


def plot_dyad(frame: pd.DataFrame, path: str | Path, title: str | None = None) -> Path:
    """Events per QuadClass in each direction, and the Goldstein sums (from dyad_series)."""
    _require_rows(frame, "the dyad has no events")
    renderer = _renderer(path)
    renderer.dyad(frame, Path(path), title or dyad_title(frame))
    return Path(path)


def plot_network(
    edges: pd.DataFrame,
    path: str | Path,
    *,
    blocs: pd.DataFrame | None = None,
    top: int = DEFAULT_TOP,
    title: str | None = None,
) -> Path:
    """The actor network (from network_edges); nodes coloured by bloc when ``blocs`` (from
    signed_blocs) is given. Only the ``top`` actors with the most events are drawn."""
    _require_rows(edges, "the network has no edges")
    renderer = _renderer(path)
    bloc_map = _bloc_map(blocs)
    title = title or network_title(edges, blocs)
    picture = network_picture(edges, top, bloc_map, title, palette=bloc_palette(bloc_map))
    renderer.network([picture], Path(path), title)
    return Path(path)


def plot_bloc_shift(
    before: pd.DataFrame,
    after: pd.DataFrame,
    shift: pd.DataFrame,
    path: str | Path,
    *,
    split: str,
    top: int = DEFAULT_TOP,
) -> Path:
    """The network before and after the split side by side (edges from network_edges),
    actors coloured by their matched bloc (from bloc_shift), in the same positions."""
    _require_rows(pd.concat([before, after]), "neither period has edges")
    renderer = _renderer(path)
    positions = network_layout(undirected_pairs(pd.concat([before, after])))
    maps = [_shift_map(shift, column) for column in ("bloc_before", "bloc_after")]
    palette = bloc_palette(*maps)
    titles = (f"Before {split}", f"From {split} on")
    pictures = [
        network_picture(edges, top, bloc_map, title, palette, positions)
        for edges, bloc_map, title in zip((before, after), maps, titles, strict=True)
    ]
    renderer.network(pictures, Path(path), f"Blocs before and after {split}{_scope_words(shift)}")
    return Path(path)


def plot_surges(frame: pd.DataFrame, path: str | Path, title: str | None = None) -> Path:
    """Counts per period with baseline, threshold and surges marked (from actor_surges)."""
    _require_rows(frame, "the actor has no events in this range")
    renderer = _renderer(path)
    renderer.surges(frame, Path(path), title or surges_title(frame), frame.attrs.get("test", ""))
    return Path(path)


def plot_attention(frame: pd.DataFrame, path: str | Path, title: str | None = None) -> Path:
    """Stacked shares of attention per period (from attention_shares)."""
    _require_rows(frame, "no events in this range")
    renderer = _renderer(path)
    renderer.attention(frame, Path(path), title or attention_title(frame))
    return Path(path)


def network_picture(
    edges: pd.DataFrame,
    top: int,
    blocs: Mapping[str, int] | None,
    title: str,
    palette: Mapping[int, str] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> NetworkPicture:
    """The ``top`` actors of the edges and the pairs among them, laid out."""
    pairs = undirected_pairs(edges)
    sizes = _node_events(pairs)
    nodes = sorted(sizes.index, key=lambda node: (-sizes[node], node))[:top]
    kept = pairs.loc[pairs["a"].isin(nodes) & pairs["b"].isin(nodes)]
    shown = f"{len(nodes)} actors" if len(sizes) <= top else f"the {top} of {len(sizes)} actors"
    note = f"{shown} with the most events" if len(sizes) > top else shown
    note += f", {len(kept)} pairs (both directions added)"
    return NetworkPicture(
        title=title,
        note=note,
        nodes=tuple(nodes),
        positions=positions or network_layout(kept, nodes),
        sizes={node: int(sizes[node]) for node in nodes},
        pairs=kept.reset_index(drop=True),
        blocs=dict(blocs) if blocs is not None else None,
        palette=dict(palette or {}),
        codes={k: v for k, v in edges.attrs.get("codes", {}).items() if k in nodes},
    )


def network_layout(
    pairs: pd.DataFrame, nodes: list[str] | None = None, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """Force-directed positions, deterministic for a given network. Cooperation pulls
    actors together more than conflict, so blocs tend to sit apart; each connected part is
    laid out on its own, in a box as wide as the square root of its size, and the boxes are
    packed in rows, largest first."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes if nodes is not None else set(pairs.a) | set(pairs.b)))
    for row in pairs.itertuples():
        pull = 1.0 + math.log1p(max(row.net, 0)) if row.sign >= 0 else 0.4
        graph.add_edge(row.a, row.b, pull=pull)
    parts = sorted(nx.connected_components(graph), key=lambda part: (-len(part), min(part)))
    return _pack([_part_layout(graph.subgraph(part), seed) for part in parts])


def _part_layout(graph: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """One connected part in the unit square."""
    if graph.number_of_nodes() == 1:
        return {str(node): (0.5, 0.5) for node in graph.nodes}
    spacing = 1.6 / math.sqrt(graph.number_of_nodes())
    raw = nx.spring_layout(graph, weight="pull", seed=seed, k=spacing, iterations=500)
    xs, ys = [p[0] for p in raw.values()], [p[1] for p in raw.values()]
    width, height = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    return {
        str(node): ((x - min(xs)) / width, (y - min(ys)) / height) for node, (x, y) in raw.items()
    }


def _pack(parts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Unit-square layouts side by side in rows (shelf packing), top to bottom."""
    sides = [math.sqrt(len(part)) for part in parts]
    row_width = max(max(sides, default=1.0), math.sqrt(sum(s * s for s in sides)) * 1.3)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part, side in zip(parts, sides, strict=True):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        margin = 0.15 if len(part) > 1 else 0.5
        for node, (px, py) in part.items():
            positions[node] = (
                x + side * (margin + (1 - 2 * margin) * px),
                -(y + side * (margin + (1 - 2 * margin) * py)),
            )
        x, row_height = x + side, max(row_height, side)
    return positions


def dyad_title(frame: pd.DataFrame) -> str:
    a, b = frame["source"].iloc[0], frame["target"].iloc[0]
    return f"{a} ↔ {b}: events {_by(frame)}{_scope_words(frame)}"


def network_title(edges: pd.DataFrame, blocs: pd.DataFrame | None) -> str:
    what = "Blocs" if blocs is not None else "Actor network"
    return f"{what}: cooperation and conflict{_scope_words(edges)}"


def surges_title(frame: pd.DataFrame) -> str:
    attrs = frame.attrs
    kind = f" of kind {attrs['code']}" if attrs.get("code") else ""
    role = {"source": " as source", "target": " as target"}.get(str(attrs.get("role")), "")
    return f"Surges: events{kind} of {attrs.get('actor', 'the actor')}{role}, {_by(frame)}" + (
        _scope_words(frame)
    )


def attention_title(frame: pd.DataFrame) -> str:
    top = f"top {frame.attrs['top']} actors" if frame.attrs.get("top") else "actors"
    return f"Share of attention {_by(frame)}, {top}{_scope_words(frame)}"


def scope_note(frame: pd.DataFrame) -> str:
    """ "asserted events, 2019-01-01 to 2019-12-31" from a table's attrs."""
    attrs = frame.attrs
    modality = attrs.get("modality") or "all"
    words = f"{modality} events" if modality != "all" else "events of every modality"
    if attrs.get("since") or attrs.get("until"):
        words += f", {attrs.get('since') or '…'} to {attrs.get('until') or '…'}"
    return words


def bar_width_days(periods: pd.Series) -> float:
    """Bar width in days: most of the gap between consecutive periods."""
    unique = pd.Series(sorted(set(periods)))
    if len(unique) < 2:
        return 20.0
    return float(unique.diff().dt.days.min()) * 0.8


def _scope_words(frame: pd.DataFrame) -> str:
    return f" ({scope_note(frame)})" if frame.attrs.keys() - {"codes"} else ""


def _by(frame: pd.DataFrame) -> str:
    by = frame.attrs.get("by")
    return f"per {by}" if by else "over time"


def _node_events(pairs: pd.DataFrame) -> pd.Series:
    both = pd.concat([pairs[["a", "events"]], pairs[["b", "events"]].rename(columns={"b": "a"})])
    return both.groupby("a")["events"].sum()


def _bloc_map(blocs: pd.DataFrame | None) -> dict[str, int] | None:
    if blocs is None:
        return None
    return {
        str(actor): int(bloc) for actor, bloc in zip(blocs["actor"], blocs["bloc"], strict=True)
    }


def _shift_map(shift: pd.DataFrame, column: str) -> dict[str, int]:
    present = shift.dropna(subset=[column])
    return {str(a): int(b) for a, b in zip(present["actor"], present[column], strict=True)}


def _require_rows(frame: pd.DataFrame, what: str) -> None:
    if frame.empty:
        raise AnalysisError("A007", what=what)


def _renderer(path: str | Path) -> ModuleType:
    return importlib.import_module(f"newsevents.analysis.plots_{plot_kind(path)}")
