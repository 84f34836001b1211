"""Dyadic time series: what A did to B and B did to A, period by period.

For each direction and period: events per QuadClass (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict), and the sum and mean of their
Goldstein scores. Periods without events are rows of zeros (mean: missing), so the series
is regular from the first to the last period with an event in either direction. Empty
periods before the first and after the last event are left out, also when ``since`` or
``until`` reach further; ``attrs["empty_left_out"]`` counts them.
"""

from __future__ import annotations

import pandas as pd

from newsevents.analysis.checks import check_choice
from newsevents.analysis.periods import PERIOD_RANK, PRECISION_RANK, period_range, span
from newsevents.analysis.selection import (
    EVERY_ASSERTED,
    FIELDS,
    Scope,
    label_actor,
    require_actor,
    scope_attrs,
)
from newsevents.store import Store
from newsevents.store.query import actor_clause, build_event_query

DYAD_PERIODS = ("day", "week", "month", "year")
QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
DYAD_COLUMNS = ("period", "source", "target", "events", *QUAD_COLUMNS, "goldstein_sum")


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "month",
    scope: Scope = EVERY_ASSERTED,
) -> pd.DataFrame:
    """Events from A to B and from B to A per ``by`` period (day, week, month or year), in
    ``scope`` (:func:`~newsevents.analysis.selection.make_scope`).

    Columns: period, source, target, events, verbal_coop, material_coop, verbal_conflict,
    material_conflict, goldstein_sum, goldstein_mean. Empty when the two never meet in the
    scope; :class:`AnalysisError` A001 when either actor has no stored events at all.
    The counting is one SQL aggregate in the store; only the per-period rows come back.
    """
    check_choice("period", by, DYAD_PERIODS)
    for actor in (a, b):
        require_actor(store, actor)
    counts = dyad_counts(store, scope, a, b, by)
    fitting = counts.loc[counts["fits"]]
    empty_left_out = 0
    if fitting.empty:
        series = _empty()
    else:
        periods = period_range(fitting["period"].min(), fitting["period"].max(), by)
        empty_left_out = _periods_in_scope(fitting["period"], scope, by) - len(periods)
        parts = [
            _direction(fitting.loc[fitting[flag]], source, target, periods)
            for flag, source, target in (("ab", a, b), ("ba", b, a))
        ]
        series = pd.concat(parts, ignore_index=True)
    left_out = int(counts.loc[~counts["fits"], "n"].sum())
    series.attrs.update(scope_attrs(scope, by=by, left_out=left_out, empty_left_out=empty_left_out))
    return series


def _periods_in_scope(periods: pd.Series, scope: Scope, by: str) -> int:
    """How many periods the scope's range (where given; else the data's) spans."""
    return len(period_range(*span(periods, scope.since, scope.until), by))


def dyad_counts(store: Store, scope: Scope, a: str, b: str, by: str) -> pd.DataFrame:
    """Events between A and B in ``scope`` grouped by direction flags (``ab``: A did it to
    B, ``ba``: B to A), whether the date is precise enough for a ``by`` period (``fits``;
    see :mod:`~newsevents.analysis.periods`), period start, and QuadClass: columns ab,
    ba, fits, period, n, verbal_coop, material_coop, verbal_conflict, material_conflict,
    goldstein."""
    chosen, params = build_event_query(scope.filters(columns=FIELDS, dyad=(a, b)), ordered=False)
    ab = [actor_clause("source", a), actor_clause("target", b)]
    ba = [actor_clause("source", b), actor_clause("target", a)]
    ranks = " ".join(f"WHEN '{p}' THEN {r}" for p, r in PRECISION_RANK.items())
    fits = (
        f"date_start IS NOT NULL AND (CASE date_precision {ranks} ELSE 0 END) <= {PERIOD_RANK[by]}"
    )
    quads = ", ".join(
        f"count(*) FILTER (WHERE quad_class = {q}) AS {name}"
        for q, name in enumerate(QUAD_COLUMNS, start=1)
    )
    sql = f"""
        SELECT {ab[0][0]} AND {ab[1][0]} AS ab, {ba[0][0]} AND {ba[1][0]} AS ba,
               {fits} AS fits, CAST(date_trunc('{by}', date_start) AS DATE) AS period,
               count(*) AS n, {quads}, sum(goldstein) AS goldstein
        FROM ({chosen}) AS chosen
        GROUP BY ALL
    """
    flags = ab[0][1] + ab[1][1] + ba[0][1] + ba[1][1]
    frame = store.con.cursor().sql(sql, params=flags + params).to_arrow_table().to_pandas()
    frame["period"] = pd.to_datetime(frame["period"])
    return frame.astype({"ab": bool, "ba": bool, "fits": bool})


def _direction(
    counts: pd.DataFrame, source: str, target: str, periods: pd.DatetimeIndex
) -> pd.DataFrame:
    """One direction's counts on every period (zeros where none), with the Goldstein mean."""
    columns = ["n", *QUAD_COLUMNS, "goldstein"]
    summed = counts.groupby("period")[columns].sum()
    result = summed.reindex(periods, fill_value=0).rename(
        columns={"n": "events", "goldstein": "goldstein_sum"}
    )
    result = result.astype({name: "int64" for name in ("events", *QUAD_COLUMNS)})
    result["goldstein_sum"] = result["goldstein_sum"].astype(float)
    result["goldstein_mean"] = result["goldstein_sum"] / result["events"].where(
        result["events"] > 0
    )
    result = result.rename_axis("period").reset_index()
    result.insert(1, "source", label_actor(source))
    result.insert(2, "target", label_actor(target))
    return result


def _empty() -> pd.DataFrame:
    return pd.DataFrame({name: [] for name in (*DYAD_COLUMNS, "goldstein_mean")})
