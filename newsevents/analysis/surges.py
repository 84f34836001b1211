"""Surges: periods in which an actor's events rise far above its own recent baseline.

The test, period by period: the baseline is the mean count of the previous ``window``
periods (read from before ``since`` too). The series starts at the first period with an
event in what was read: earlier periods are not counted as silence, since the store may
not cover them. At least ``min_history`` of them must exist, and
the mean is floored at ``floor`` events so that a first burst after silence needs several
events. Under a Poisson distribution with that mean, ``p_value`` is the chance of at least
the observed count. A period is a surge when ``p_value < alpha`` and the count is at least
``min_count``. ``threshold`` is the smallest count that would have been a surge in that period.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd

from newsevents.analysis.checks import check_choice
from newsevents.analysis.periods import in_periods, period_range, period_start, span
from newsevents.analysis.selection import (
    EVERY_ASSERTED,
    Scope,
    load_events,
    require_actor,
    scope_attrs,
)
from newsevents.errors import AnalysisError
from newsevents.store import Store

SURGE_PERIODS = ("week", "month")
ROLES = ("any", "source", "target")
SURGE_COLUMNS = ("period", "events", "baseline", "ratio", "p_value", "threshold", "surge")


def actor_surges(
    store: Store,
    actor: str,
    *,
    code: str | None = None,
    role: str = "any",
    by: str = "week",
    scope: Scope = EVERY_ASSERTED,
    window: int = 8,
    alpha: float = 0.001,
    min_count: int = 3,
    min_history: int = 3,
    floor: float = 0.5,
) -> pd.DataFrame:
    """The actor's event counts in ``scope`` per period with the surge test (columns
    SURGE_COLUMNS).
    ``code`` keeps events of a kind (CAMEO prefix or PLOVER type); ``role`` whether the
    actor is the source, the target or either. ``frame.attrs["test"]`` states the test."""
    check_choice("period", by, SURGE_PERIODS)
    check_choice("role", role, ROLES)
    _check_settings(window, alpha, min_history, floor)
    require_actor(store, actor)
    history = _with_history(scope, by, window)
    frame = in_periods(load_events(store, history, code=code, **{_role_filter(role): actor}), by)
    left_out = frame.attrs["left_out"]
    counts = _counts(frame, by, None, scope.until)  # from the first event read: see above
    table = surge_test(counts, window, alpha, min_count, min_history, floor)
    if scope.since is not None:
        first = period_start(pd.Series([pd.Timestamp(scope.since)]), by).iloc[0]
        table = table.loc[table["period"] >= first].reset_index(drop=True)
    test = describe_test(by, window, alpha, min_count, min_history, floor)
    table.attrs.update(
        scope_attrs(scope, by=by, actor=actor, code=code, role=role, test=test, left_out=left_out)
    )
    return table


def surge_test(
    counts: pd.Series,
    window: int = 8,
    alpha: float = 0.001,
    min_count: int = 3,
    min_history: int = 3,
    floor: float = 0.5,
) -> pd.DataFrame:
    """The surge test on a regular series of counts indexed by period."""
    trailing = counts.shift(1).rolling(window, min_periods=min_history).mean()
    baseline = trailing.clip(lower=floor).where(trailing.notna())
    p_values = [
        poisson_tail(int(n), mu) if pd.notna(mu) else np.nan
        for n, mu in zip(counts, baseline, strict=True)
    ]
    thresholds = [_threshold(mu, alpha, min_count) if pd.notna(mu) else pd.NA for mu in baseline]
    table = pd.DataFrame(
        {
            "period": counts.index,
            "events": counts.to_numpy(dtype="int64"),
            "baseline": baseline.to_numpy(dtype=float),
            "ratio": (counts / baseline).to_numpy(dtype=float),
            "p_value": np.array(p_values, dtype=float),
            "threshold": pd.array(thresholds, dtype="Int64"),
        }
    )
    table["surge"] = (table["p_value"] < alpha) & (table["events"] >= min_count)
    return table


def period_counts(frame: pd.DataFrame, by: str, until: object = None) -> pd.Series:
    """Events loaded by :func:`load_events` counted per period, from the first period
    with an event to the one holding ``until`` (else the last with an event), silent
    periods as zeros: the series :func:`surge_test` reads (``newsevents watch`` alerts)."""
    return _counts(in_periods(frame, by), by, None, until)


def poisson_tail(count: int, mean: float) -> float:
    """P(X >= count) for X ~ Poisson(mean), summed from ``count`` up (exact for small p)."""
    if count <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    if count <= mean:  # the upper tail is large: one minus the (short) lower tail
        lower = sum(math.exp(-mean + k * math.log(mean) - math.lgamma(k + 1)) for k in range(count))
        return max(0.0, 1.0 - lower)
    term = math.exp(-mean + count * math.log(mean) - math.lgamma(count + 1))
    total, k = 0.0, count
    while term > 1e-17 * max(total, 1e-300) and k < count + 10_000:
        total += term
        k += 1
        term *= mean / k
    return min(total, 1.0)


def describe_test(
    by: str, window: int, alpha: float, min_count: int, min_history: int, floor: float
) -> str:
    return (
        f"one-sided Poisson test against the mean of the previous {window} {by}s "
        f"(at least {min_history} needed; mean floored at {floor:g}); "
        f"surge when p < {alpha:g} and at least {min_count} events"
    )


def _threshold(mean: float, alpha: float, min_count: int) -> int:
    count = max(min_count, math.floor(mean) + 1)
    while poisson_tail(count, mean) >= alpha:
        count += 1
    return count


def _with_history(scope: Scope, by: str, window: int) -> Scope:
    """The scope with ``window`` more periods before ``since``, for the first baselines."""
    if scope.since is None:
        return scope
    first = period_start(pd.Series([pd.Timestamp(scope.since)]), by).iloc[0]
    earlier = first - (
        pd.DateOffset(weeks=window) if by == "week" else pd.DateOffset(months=window)
    )
    return replace(scope, since=earlier.date())


def _role_filter(role: str) -> str:
    return {"any": "actor", "source": "source", "target": "target"}[role]


def _counts(frame: pd.DataFrame, by: str, since: object, until: object) -> pd.Series:
    counts = frame.groupby("period").size()
    if counts.empty:
        return counts.astype("int64")
    periods = period_range(*span(frame["period"], since, until), by)
    return counts.reindex(periods, fill_value=0).astype("int64")


def _check_settings(window: int, alpha: float, min_history: int, floor: float) -> None:
    if window < 1:
        raise AnalysisError("A006", name="window", rule="at least 1", value=window)
    if not 0 < alpha < 1:
        raise AnalysisError("A006", name="alpha", rule="between 0 and 1", value=alpha)
    if not 1 <= min_history <= window:
        raise AnalysisError("A006", name="min_history", rule="from 1 to window", value=min_history)
    if floor <= 0:
        raise AnalysisError("A006", name="floor", rule="above 0", value=floor)
