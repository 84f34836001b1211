"""Attention: each actor's share of all events over time.

Each event names its source and, when it has one, its target; an actor's share in a
period is the number of events naming it divided by all actor namings in that period (an
event between two actors counts once for each; an event within one actor once). The
``top`` actors over the whole range are kept and every other actor is added up as
"other", so the shares of each period sum to 1.
"""

from __future__ import annotations

import pandas as pd

from newsevents.analysis.checks import check_choice
from newsevents.analysis.periods import in_periods
from newsevents.analysis.selection import (
    EVERY_ASSERTED,
    Scope,
    actor_nodes,
    load_events,
    scope_attrs,
)
from newsevents.errors import AnalysisError
from newsevents.store import Store

OTHER = "other"
ATTENTION_PERIODS = ("week", "month", "year")
ATTENTION_COLUMNS = ("period", "actor", "events", "share")


def attention_shares(
    store: Store,
    *,
    by: str = "month",
    top: int = 10,
    level: str = "country",
    scope: Scope = EVERY_ASSERTED,
) -> pd.DataFrame:
    """Per period and actor (the ``top`` actors and "other"): events of ``scope`` naming
    the actor and its share of all namings (columns ATTENTION_COLUMNS). Periods without events are
    left out; within a period every listed actor has a row, zero or not."""
    check_choice("period", by, ATTENTION_PERIODS)
    if top < 1:
        raise AnalysisError("A006", name="top", rule="at least 1", value=top)
    frame = in_periods(load_events(store, scope), by)
    table = shares(actor_mentions(frame, level), top)
    table.attrs.update(
        scope_attrs(scope, by=by, top=top, level=level, left_out=frame.attrs["left_out"])
    )
    return table


def actor_mentions(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """One row per event and actor it names (columns event_id, period, actor)."""
    sides = [
        pd.DataFrame(
            {
                "event_id": frame["event_id"],
                "period": frame["period"],
                "actor": actor_nodes(frame, role, level),
            }
        )
        for role in ("source", "target")
    ]
    mentions = pd.concat(sides, ignore_index=True).dropna(subset=["actor"])
    return mentions.drop_duplicates(["event_id", "actor"])


def shares(mentions: pd.DataFrame, top: int) -> pd.DataFrame:
    """Shares per period of the ``top`` actors and "other" (ATTENTION_COLUMNS)."""
    if mentions.empty:
        return pd.DataFrame({name: [] for name in ATTENTION_COLUMNS})
    totals = mentions.groupby("actor").size()
    leaders = sorted(totals.index, key=lambda actor: (-totals[actor], actor))[:top]
    named = mentions["actor"].where(mentions["actor"].isin(leaders), OTHER)
    actors = leaders + ([OTHER] if (named == OTHER).any() else [])
    counts = pd.crosstab(mentions["period"], named).reindex(columns=actors, fill_value=0)
    share = counts.div(counts.sum(axis=1), axis=0)
    table = counts.stack().rename("events").to_frame().join(share.stack().rename("share"))
    table = table.reset_index()  # stacking keeps period order, then the actors' order
    table.columns = list(ATTENTION_COLUMNS)
    return table.astype({"events": "int64"})
