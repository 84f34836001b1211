"""Signed partition: split actors into blocs that cooperate inside and fight across.

Structural balance (Heider; Cartwright and Harary) calls a signed network balanced when its
actors fall into groups with only positive ties inside and only negative ties between. Real
networks are never quite balanced; the partition here makes them as balanced as it can.

With w(i, j) the signed tie between i and j (both directions added), the partition
maximises

    score = sum of w inside blocs - sum of w between blocs

which is the same as minimising the *frustration*: the negative weight left inside blocs
plus the positive weight left between them (score = sum |w| - 2 * frustration).

1. Start: the signs of the leading eigenvector of the signed adjacency matrix split the
   actors in two (signed spectral bisection).
2. Improve: each actor in turn moves to the bloc it has the largest total tie to, or to a
   bloc of its own when all those totals are negative, while that strictly raises the
   score; sweeps repeat until no actor moves.
3. Split each bloc into its connected parts (actors with no tie at all between them are
   not a bloc; this leaves the score as it is).

The number of blocs is not fixed in advance: a network with no negative ties is one bloc.
Blocs are numbered by size, largest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

MAX_SWEEPS = 100


@dataclass(frozen=True)
class Partition:
    """Blocs (1, 2, ...) of the actors, with how balanced the network is under them."""

    actors: tuple[str, ...]
    blocs: tuple[int, ...]
    score: float
    frustration: float
    total: float  # sum of |w| over all pairs

    @property
    def balance(self) -> float:
        """Share of the absolute tie weight that agrees with the blocs (1.0: balanced)."""
        return 1.0 - self.frustration / self.total if self.total else 1.0

    def bloc_of(self) -> dict[str, int]:
        return dict(zip(self.actors, self.blocs, strict=True))


def partition_signed(actors: Sequence[str], weights: np.ndarray) -> Partition:
    """Blocs for ``actors`` from the symmetric signed tie matrix ``weights``."""
    matrix = np.asarray(weights, dtype=float)
    matrix = (matrix + matrix.T) / 2
    np.fill_diagonal(matrix, 0.0)
    labels = _spectral_start(matrix)
    labels = _improve(matrix, labels)
    labels = _connected_parts(matrix, labels)
    labels = _number_by_size(labels, actors)
    return _partition(actors, labels, matrix)


def _spectral_start(matrix: np.ndarray) -> np.ndarray:
    if not matrix.any():
        return np.zeros(len(matrix), dtype=int)
    _, vectors = np.linalg.eigh(matrix)
    leading = vectors[:, -1]
    if leading[np.argmax(np.abs(leading))] < 0:
        leading = -leading  # eigenvectors have no sign of their own: fix one
    return (leading < 0).astype(int)


def _improve(matrix: np.ndarray, labels: np.ndarray) -> np.ndarray:
    labels = labels.copy()
    for _ in range(MAX_SWEEPS):
        moved = False
        for actor in range(len(labels)):
            moved |= _move(matrix, labels, actor)
        if not moved:
            break
    return labels


def _move(matrix: np.ndarray, labels: np.ndarray, actor: int) -> bool:
    """Move ``actor`` to the bloc it is tied to most, or to a new bloc of its own when every
    total is negative; True when it moved (the score rose by twice the difference)."""
    totals = np.bincount(labels, weights=matrix[actor], minlength=labels.max() + 2)
    own = totals[labels[actor]]
    if (labels == labels[actor]).sum() == 1:
        totals[-1] = -np.inf  # already alone: a new bloc would change nothing
    best = int(np.argmax(totals))  # the first (lowest-numbered) bloc on ties
    if totals[best] > own + 1e-12:
        labels[actor] = best
        return True
    return False


def _connected_parts(matrix: np.ndarray, labels: np.ndarray) -> np.ndarray:
    graph = nx.Graph()
    graph.add_nodes_from(range(len(labels)))
    rows, cols = np.nonzero(matrix)
    graph.add_edges_from((i, j) for i, j in zip(rows, cols, strict=True) if labels[i] == labels[j])
    parts = np.zeros(len(labels), dtype=int)
    for number, component in enumerate(nx.connected_components(graph)):
        parts[list(component)] = number
    return parts


def _number_by_size(labels: np.ndarray, actors: Sequence[str]) -> np.ndarray:
    """Blocs numbered 1, 2, ... by size, then by their first actor's name."""
    groups = {g: sorted(actors[i] for i in np.flatnonzero(labels == g)) for g in set(labels)}
    order = sorted(groups, key=lambda g: (-len(groups[g]), groups[g][0]))
    number = {g: rank + 1 for rank, g in enumerate(order)}
    return np.array([number[g] for g in labels], dtype=int)


def _partition(actors: Sequence[str], labels: np.ndarray, matrix: np.ndarray) -> Partition:
    same = labels[:, None] == labels[None, :]
    upper = np.triu(np.ones_like(matrix, dtype=bool), k=1)
    inside, across = matrix[same & upper], matrix[~same & upper]
    frustration = -inside[inside < 0].sum() + across[across > 0].sum()
    return Partition(
        actors=tuple(actors),
        blocs=tuple(int(label) for label in labels),
        score=float(inside.sum() - across.sum()),
        frustration=float(frustration),
        total=float(np.abs(matrix[upper]).sum()),
    )
