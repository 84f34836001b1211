"""Dyadic time series: what A did to B and B did to A, period by period.

For each direction and period: events per QuadClass (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict), and the sum and mean of their
Goldstein scores. Periods without events are rows of zeros (mean: missing), so the series
is regular from the first to the last period (or the ``since``/``until`` range).
"""

from __future__ import annotations

import pandas as pd

from newsevents.analysis.errors import check_choice
from newsevents.analysis.periods import in_periods, period_range, span
from newsevents.analysis.selection import (
    DateLike,
    actor_mask,
    label_actor,
    load_events,
    make_scope,
    require_actor,
    scope_attrs,
)
from newsevents.store import Store

DYAD_PERIODS = ("day", "week", "month")
QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
DYAD_COLUMNS = ("period", "source", "target", "events", *QUAD_COLUMNS, "goldstein_sum")


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "month",
    since: DateLike = None,
    until: DateLike = None,
    modality: str | None = "asserted",
    unique: bool = False,
) -> pd.DataFrame:
    """Events from A to B and from B to A per ``by`` period (day, week or month).

    Columns: period, source, target, events, verbal_coop, material_coop, verbal_conflict,
    material_conflict, goldstein_sum, goldstein_mean. Empty when the two never meet in the
    scope; :class:`AnalysisError` A001 when either actor has no stored events at all.
    """
    check_choice("period", by, DYAD_PERIODS)
    scope = make_scope(since, until, modality, unique)
    for actor in (a, b):
        require_actor(store, actor)
    frame = in_periods(load_events(store, scope, dyad=(a, b)), by)
    if frame.empty:
        series = _empty()
    else:
        periods = period_range(*span(frame["period"], scope.since, scope.until), by)
        pairs = ((a, b), (b, a))
        parts = [_direction(frame, source, target, periods) for source, target in pairs]
        series = pd.concat(parts, ignore_index=True)
    series.attrs.update(scope_attrs(scope, by=by, left_out=frame.attrs["left_out"]))
    return series


def _direction(
    frame: pd.DataFrame, source: str, target: str, periods: pd.DatetimeIndex
) -> pd.DataFrame:
    """One direction's counts on every period (zeros where none), with the Goldstein mean."""
    chosen = frame.loc[actor_mask(frame, "source", source) & actor_mask(frame, "target", target)]
    counts = _quad_counts(chosen).reindex(periods, fill_value=0)
    counts["goldstein_mean"] = counts["goldstein_sum"] / counts["events"].where(
        counts["events"] > 0
    )
    counts = counts.rename_axis("period").reset_index()
    counts.insert(1, "source", label_actor(source))
    counts.insert(2, "target", label_actor(target))
    return counts


def _quad_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Per period: events, events per QuadClass, Goldstein sum."""
    quads = (
        frame.groupby(["period", "quad_class"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=[1, 2, 3, 4], fill_value=0)
    )
    quads.columns = list(QUAD_COLUMNS)
    quads.insert(0, "events", quads.sum(axis=1))
    quads["goldstein_sum"] = frame.groupby("period")["goldstein"].sum().astype(float)
    return quads.astype({name: "int64" for name in ("events", *QUAD_COLUMNS)})


def _empty() -> pd.DataFrame:
    return pd.DataFrame({name: [] for name in (*DYAD_COLUMNS, "goldstein_mean")})
