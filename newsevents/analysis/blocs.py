"""Blocs: groups of actors that cooperate with each other and conflict with the others.

The tie between two actors is their cooperation minus their conflict over both directions
(event counts, or with ``weight="goldstein"`` the sum of Goldstein scores); the partition
is :func:`newsevents.analysis.balance.partition_signed` (structural balance). With a split
date, the blocs are found separately before and after it and matched to each other by
their members, so ``bloc_before`` and ``bloc_after`` use the same numbers for the same bloc.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from newsevents.analysis.balance import Partition, partition_signed
from newsevents.analysis.checks import check_choice
from newsevents.analysis.network import scope_edges, undirected_pairs
from newsevents.analysis.selection import EVERY_ASSERTED, DateLike, Scope, as_date, scope_attrs
from newsevents.errors import AnalysisError
from newsevents.store import Store

WEIGHTS = ("count", "goldstein")
BLOC_COLUMNS = ("actor", "bloc", "events", "ties_within", "ties_between")


def signed_blocs(
    store: Store,
    *,
    scope: Scope = EVERY_ASSERTED,
    level: str = "country",
    weight: str = "count",
    min_events: int = 1,
) -> pd.DataFrame:
    """Each actor's bloc (columns BLOC_COLUMNS), by bloc then events. ``ties_within`` and
    ``ties_between`` add the actor's signed ties to its own bloc and to the others.
    ``frame.attrs`` holds the partition's score, frustration and balance."""
    check_choice("weight", weight, WEIGHTS)
    blocs = bloc_table(_pairs(store, scope, level, min_events), weight)
    blocs.attrs.update(scope_attrs(scope, level=level, weight=weight))
    return blocs


def bloc_shift(
    store: Store,
    split: DateLike,
    *,
    scope: Scope = EVERY_ASSERTED,
    level: str = "country",
    weight: str = "count",
    min_events: int = 1,
) -> pd.DataFrame:
    """Blocs before ``split`` and from ``split`` on, per actor: actor, bloc_before,
    bloc_after (matched numbering; missing where the actor has no ties in that period),
    change (stayed, moved, joined, left). ``frame.attrs`` holds both partitions' figures
    and ``agreement``: the share of actor pairs present in both periods that are together
    in both or apart in both (Rand index)."""
    check_choice("weight", weight, WEIGHTS)
    day = _split_day(split)
    before_scope, after_scope = scope.split(day)
    before = bloc_table(_pairs(store, before_scope, level, min_events), weight)
    after = bloc_table(_pairs(store, after_scope, level, min_events), weight)
    shift = compare_blocs(before, after)
    shift.attrs.update(scope_attrs(scope, level=level, weight=weight, split=day.isoformat()))
    return shift


def bloc_table(pairs: pd.DataFrame, weight: str = "count") -> pd.DataFrame:
    """Blocs from undirected pairs (columns a, b, events, net, goldstein_sum)."""
    actors = sorted(set(pairs["a"]) | set(pairs["b"]))
    matrix = tie_matrix(pairs, actors, weight)
    partition = partition_signed(actors, matrix)
    frame = _describe(partition, matrix, _events(pairs, actors))
    frame.attrs.update(_figures(partition))
    return frame


def tie_matrix(pairs: pd.DataFrame, actors: list[str], weight: str = "count") -> np.ndarray:
    """The symmetric signed tie matrix (net count or Goldstein sum per pair)."""
    index = {actor: i for i, actor in enumerate(actors)}
    matrix = np.zeros((len(actors), len(actors)))
    column = "net" if weight == "count" else "goldstein_sum"
    for a, b, value in zip(pairs["a"], pairs["b"], pairs[column], strict=True):
        matrix[index[a], index[b]] = matrix[index[b], index[a]] = float(value)
    return matrix


def compare_blocs(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Both periods' blocs side by side, the later ones renumbered to match the earlier."""
    renumber = _match_blocs(before, after)
    merged = pd.merge(
        before[["actor", "bloc"]].rename(columns={"bloc": "bloc_before"}),
        after[["actor", "bloc"]].assign(bloc=after["bloc"].map(renumber)),
        on="actor",
        how="outer",
    ).rename(columns={"bloc": "bloc_after"})
    merged = merged.astype({"bloc_before": "Int64", "bloc_after": "Int64"})
    merged["change"] = [
        _change(b, a) for b, a in zip(merged.bloc_before, merged.bloc_after, strict=True)
    ]
    merged = merged.sort_values(["bloc_after", "bloc_before", "actor"]).reset_index(drop=True)
    merged.attrs.update(
        {f"before_{key}": value for key, value in before.attrs.items()}
        | {f"after_{key}": value for key, value in after.attrs.items()}
        | {"agreement": _agreement(merged)}
    )
    return merged


def _level(level: str) -> str:
    return check_choice("level", level, ("country", "code"))


def _pairs(store: Store, scope: Scope, level: str, min_events: int) -> pd.DataFrame:
    return undirected_pairs(scope_edges(store, scope, _level(level), min_events))


def _split_day(split: DateLike) -> date:
    day = as_date(split)
    if day is None:
        raise AnalysisError("A004", value=split)
    return day


def _events(pairs: pd.DataFrame, actors: list[str]) -> pd.Series:
    both = pd.concat([pairs[["a", "events"]], pairs[["b", "events"]].rename(columns={"b": "a"})])
    return both.groupby("a")["events"].sum().reindex(actors, fill_value=0)


def _describe(partition: Partition, matrix: np.ndarray, events: pd.Series) -> pd.DataFrame:
    labels = np.array(partition.blocs, dtype=int)
    same = labels[:, None] == labels[None, :]
    frame = pd.DataFrame(
        {
            "actor": list(partition.actors),
            "bloc": labels,
            "events": events.to_numpy(dtype="int64"),
            "ties_within": (matrix * same).sum(axis=1),
            "ties_between": (matrix * ~same).sum(axis=1),
        }
    )
    frame = frame.sort_values(["bloc", "events", "actor"], ascending=[True, False, True])
    return frame.reset_index(drop=True)


def _figures(partition: Partition) -> dict[str, float | int]:
    return {
        "blocs": len(set(partition.blocs)),
        "score": partition.score,
        "frustration": partition.frustration,
        "balance": round(partition.balance, 4),
    }


def _match_blocs(before: pd.DataFrame, after: pd.DataFrame) -> dict[int, int]:
    """Later bloc -> earlier bloc number with which it shares most actors (greedy,
    one to one); unmatched later blocs get numbers after the earlier ones."""
    overlap = pd.merge(before, after, on="actor", suffixes=("_before", "_after"))
    counts = overlap.groupby(["bloc_after", "bloc_before"]).size().sort_values(ascending=False)
    mapping: dict[int, int] = {}
    for (later, earlier), _ in counts.items():
        if later not in mapping and earlier not in mapping.values():
            mapping[int(later)] = int(earlier)
    fresh = int(before["bloc"].max()) if not before.empty else 0
    for later in sorted(set(after["bloc"]) - set(mapping)):
        fresh += 1
        mapping[int(later)] = fresh
    return mapping


def _change(before: object, after: object) -> str:
    if pd.isna(before):
        return "joined"
    if pd.isna(after):
        return "left"
    return "stayed" if before == after else "moved"


def _agreement(merged: pd.DataFrame) -> float | None:
    both = merged.dropna(subset=["bloc_before", "bloc_after"])
    earlier = both["bloc_before"].to_numpy(dtype=int)
    later = both["bloc_after"].to_numpy(dtype=int)
    if len(earlier) < 2:
        return None
    upper = np.triu(np.ones((len(earlier), len(earlier)), dtype=bool), k=1)
    agree = (earlier[:, None] == earlier[None, :]) == (later[:, None] == later[None, :])
    return round(float(agree[upper].mean()), 4)


def split_edges(
    store: Store,
    split: DateLike,
    *,
    scope: Scope = EVERY_ASSERTED,
    level: str = "country",
    min_events: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The network's edges before ``split`` and from it on (for plotting a bloc shift)."""
    before, after = scope.split(_split_day(split))
    return (
        scope_edges(store, before, _level(level), min_events),
        scope_edges(store, after, _level(level), min_events),
    )
