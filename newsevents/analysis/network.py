"""The actor network: who cooperates with and who fights whom.

Nodes are actors (countries by default, full CAMEO codes with ``level="code"``); a
directed edge A→B sums the events A did to B: ``cooperation`` counts QuadClass 1–2,
``conflict`` QuadClass 3–4, ``events`` both (the edge weight), ``net`` is cooperation minus
conflict and ``sign`` its sign (+1 mostly cooperative, -1 mostly conflictual, 0 even);
``goldstein_sum`` and ``goldstein_mean`` add the Goldstein scores. Events without a target
and events within one actor (a country's government against its own opposition, at
country level) are left out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from newsevents.analysis.selection import (
    EVERY_ASSERTED,
    Scope,
    actor_nodes,
    load_events,
    scope_attrs,
)
from newsevents.errors import AnalysisError
from newsevents.store import Store

EDGE_COLUMNS = (
    "source",
    "target",
    "events",
    "cooperation",
    "conflict",
    "net",
    "sign",
    "goldstein_sum",
    "goldstein_mean",
)


def network_edges(
    store: Store,
    *,
    scope: Scope = EVERY_ASSERTED,
    level: str = "country",
    min_events: int = 1,
) -> pd.DataFrame:
    """Signed, weighted, directed edges between actors (columns: EDGE_COLUMNS) of the
    events in ``scope``, heaviest first; only edges with at least ``min_events`` events."""
    if min_events < 1:
        raise AnalysisError("A006", name="min_events", rule="at least 1", value=min_events)
    edges = scope_edges(store, scope, level, min_events)
    edges.attrs.update(scope_attrs(scope, level=level))
    return edges


def scope_edges(store: Store, scope: Scope, level: str, min_events: int = 1) -> pd.DataFrame:
    """:func:`network_edges` without its check and its ``attrs``."""
    return edges_from_events(load_events(store, scope), level, min_events)


def edges_from_events(frame: pd.DataFrame, level: str, min_events: int = 1) -> pd.DataFrame:
    """Edges (EDGE_COLUMNS) from an events frame with the columns of ``load_events``."""
    pairs = pd.DataFrame(
        {
            "source": actor_nodes(frame, "source", level),
            "target": actor_nodes(frame, "target", level),
            "cooperation": frame["quad_class"].isin([1, 2]).astype("int64"),
            "conflict": frame["quad_class"].isin([3, 4]).astype("int64"),
            "goldstein_sum": frame["goldstein"].astype(float),
        }
    )
    pairs = pairs.loc[pairs["target"].notna() & (pairs["source"] != pairs["target"])]
    edges = pairs.groupby(["source", "target"], as_index=False).sum()
    edges["events"] = edges["cooperation"] + edges["conflict"]
    edges["net"] = edges["cooperation"] - edges["conflict"]
    edges["sign"] = np.sign(edges["net"]).astype("int64")
    edges["goldstein_mean"] = edges["goldstein_sum"] / edges["events"]
    edges = edges.loc[edges["events"] >= min_events, list(EDGE_COLUMNS)]
    edges = edges.sort_values(["events", "source", "target"], ascending=[False, True, True])
    return edges.reset_index(drop=True)


def network_graph(edges: pd.DataFrame) -> nx.DiGraph:
    """A networkx DiGraph of the edges; nodes carry their totals (events, cooperation,
    conflict, degree over both directions)."""
    graph = nx.DiGraph(name="newsevents actor network")
    for row in edges.to_dict("records"):
        graph.add_edge(str(row["source"]), str(row["target"]), **_edge_attributes(row))
    for node in graph.nodes:
        graph.nodes[node].update(_node_totals(graph, node))
    return graph


def _edge_attributes(row: dict[str, Any]) -> dict[str, int | float]:
    ints = ("events", "cooperation", "conflict", "net", "sign")
    values: dict[str, int | float] = {name: int(row[name]) for name in ints}
    values["weight"] = int(row["events"])
    values["goldstein_sum"] = round(float(row["goldstein_sum"]), 6)
    values["goldstein_mean"] = round(float(row["goldstein_mean"]), 6)
    return values


def _node_totals(graph: nx.DiGraph, node: str) -> dict[str, int | str]:
    touching = [*graph.in_edges(node, data=True), *graph.out_edges(node, data=True)]
    return {
        "label": node,
        "events": sum(data["events"] for _, _, data in touching),
        "cooperation": sum(data["cooperation"] for _, _, data in touching),
        "conflict": sum(data["conflict"] for _, _, data in touching),
    }


def write_graphml(graph: nx.DiGraph, path: str | Path) -> Path:
    """The graph as GraphML (Gephi, Cytoscape, igraph, networkx.read_graphml)."""
    nx.write_graphml(graph, str(path))
    return Path(path)


def network_json(graph: nx.DiGraph) -> dict[str, Any]:
    """The graph as node-link JSON (networkx.node_link_graph(data, edges="edges") reads it)."""
    return nx.node_link_data(graph, edges="edges")


def write_network_json(graph: nx.DiGraph, path: str | Path) -> Path:
    Path(path).write_text(json.dumps(network_json(graph), indent=1) + "\n", encoding="utf-8")
    return Path(path)


def undirected_pairs(edges: pd.DataFrame) -> pd.DataFrame:
    """Both directions of each pair added up (columns a, b with a < b, and the edge sums)."""
    ordered = edges.assign(
        a=edges[["source", "target"]].min(axis=1), b=edges[["source", "target"]].max(axis=1)
    )
    sums = ["events", "cooperation", "conflict", "net", "goldstein_sum"]
    pairs = ordered.groupby(["a", "b"], as_index=False)[sums].sum()
    pairs["sign"] = np.sign(pairs["net"]).astype("int64")
    return pairs
