"""Time buckets: which period an event falls in, and which events a period can hold.

An event is only put in a period at least as long as its date is precise: an event dated
"2019-04" (month precision) counts in April's month but in no week or day, and one dated
"2019" only in a year. Events dated by their article (precision "document") count as days.
"""

from __future__ import annotations

import pandas as pd

from newsevents.analysis.checks import check_choice
from newsevents.errors import AnalysisError

PERIODS = ("day", "week", "month", "year")
FREQUENCIES = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}
PERIOD_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
PRECISION_RANK = {"day": 0, "document": 0, "month": 2, "year": 3}
PERIOD_DAYS = {"day": 1, "week": 7, "month": 28, "year": 365}
# A series is filled period by period; a range of more periods than this (a century of
# days, say) is refused rather than built.
MAX_PERIODS = 20_000


def period_start(dates: pd.Series, by: str) -> pd.Series:
    """The first day of the period (weeks start on Monday) each date falls in."""
    check_choice("period", by, PERIODS)
    days = pd.to_datetime(dates).dt.normalize()
    if by == "day":
        return days
    if by == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    if by == "month":
        return days - pd.to_timedelta(days.dt.day - 1, unit="D")
    return days.dt.to_period("Y").dt.start_time


def in_periods(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """The rows that fit a ``by`` period (dated, precise enough), with a ``period`` column;
    ``attrs["left_out"]`` counts the others."""
    check_choice("period", by, PERIODS)
    precision = frame["date_precision"].astype(object).map(PRECISION_RANK).fillna(0)
    fits = frame["date_start"].notna() & (precision <= PERIOD_RANK[by])
    kept = frame.loc[fits].copy()
    kept["period"] = period_start(kept["date_start"], by)
    kept.attrs["left_out"] = int((~fits).sum())
    return kept


def period_range(first: pd.Timestamp, last: pd.Timestamp, by: str) -> pd.DatetimeIndex:
    """Every period start from the one holding ``first`` to the one holding ``last``."""
    bounds = period_start(pd.Series([first, last]), by)
    days = (bounds.iloc[1] - bounds.iloc[0]).days
    if days / PERIOD_DAYS[by] > MAX_PERIODS:
        raise AnalysisError(
            "A006",
            name="the date range",
            rule=f"at most {MAX_PERIODS:,} {by}s long (choose a shorter range or a longer period)",
            value=f"{bounds.iloc[0].date()} to {bounds.iloc[1].date()}",
        )
    return pd.date_range(bounds.iloc[0], bounds.iloc[1], freq=FREQUENCIES[by], name="period")


def span(periods: pd.Series, since: object, until: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The range to fill: the scope's dates where given, else the data's first and last."""
    first = pd.Timestamp(since) if since is not None else periods.min()
    last = pd.Timestamp(until) if until is not None else periods.max()
    return first, last
