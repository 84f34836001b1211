"""Which events an analysis looks at: dates, modality, clusters, and actor matching.

Every analysis reads events through :func:`load_events`, which uses the store's own
filters (:class:`~newsevents.store.EventFilters`), so an actor here means what it means
for ``newsevents events``: a code prefix (``USA``, ``IRNMIL``), a country (``IRN``) or an
entity id (``org:irgc``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

from newsevents.analysis.checks import check_choice, unknown_actor
from newsevents.errors import AnalysisError
from newsevents.records import MODALITIES
from newsevents.store import EventFilters, Store

ALL = "all"
LEVELS = ("country", "code")
FIELDS = (
    "event_id",
    "source_code",
    "source_country",
    "source_entity",
    "target_code",
    "target_country",
    "target_entity",
    "cameo",
    "plover",
    "quad_class",
    "goldstein",
    "modality",
    "date_start",
    "date_precision",
)
DateLike = date | str | None


@dataclass(frozen=True)
class Scope:
    """The events an analysis covers: a date range, one modality (None: all), and whether
    to count each real-world event once (one report per cluster) or every report."""

    since: date | None = None
    until: date | None = None
    modality: str | None = "asserted"
    unique: bool = False

    def filters(self, **extra: Any) -> EventFilters:
        return EventFilters(
            since=self.since,
            until=self.until,
            modality=self.modality,
            unique=self.unique,
            **extra,
        )

    def split(self, day: date) -> tuple[Scope, Scope]:
        """This scope before ``day`` and from ``day`` on."""
        return replace(self, until=day - timedelta(days=1)), replace(self, since=day)


EVERY_ASSERTED = Scope()  # the default: asserted events, all dates, every report


def scope_attrs(scope: Scope, **extra: object) -> dict[str, object]:
    """What a result table covers, for its ``attrs`` (plot titles use them)."""
    return {
        "since": scope.since.isoformat() if scope.since else None,
        "until": scope.until.isoformat() if scope.until else None,
        "modality": scope.modality or "all",
        "unique": scope.unique,
        **extra,
    }


def as_date(value: DateLike) -> date | None:
    """A date, an ISO string or None; A004 for a string that is not YYYY-MM-DD."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise AnalysisError("A004", value=value) from None


def make_scope(
    since: DateLike = None,
    until: DateLike = None,
    modality: str | None = "asserted",
    unique: bool = False,
) -> Scope:
    """A checked :class:`Scope`; ``modality`` "all" or None means every modality."""
    first, last = as_date(since), as_date(until)
    if first and last and first > last:
        raise AnalysisError("A005", since=first, until=last)
    if modality == ALL:
        modality = None
    if modality is not None:
        check_choice("modality", modality, (*MODALITIES, ALL))
    return Scope(first, last, modality, unique)


def load_events(store: Store, scope: Scope, **filters: Any) -> pd.DataFrame:
    """The events of ``scope`` (and any further EventFilters fields) as a DataFrame with
    the columns in FIELDS; ``date_start`` as datetime64."""
    table = store.events(scope.filters(columns=FIELDS, **filters))
    frame = table.to_pandas()
    frame["date_start"] = pd.to_datetime(frame["date_start"])
    return frame


def require_actor(store: Store, actor: str) -> None:
    """A001 when the store holds no event at all (any date, any modality) for ``actor``."""
    if not store.has_actor(actor):
        raise unknown_actor(actor)


def actor_mask(frame: pd.DataFrame, role: str, actor: str) -> pd.Series:
    """Rows whose ``role`` ("source" or "target") is ``actor``, as the store's filters match."""
    code = frame[f"{role}_code"].astype(object).fillna("").astype(str)
    if ":" in actor:
        by_code = code == actor
    else:
        by_code = code.str.startswith(actor.upper())
    by_country = frame[f"{role}_country"].astype(object) == actor.upper()
    by_entity = frame[f"{role}_entity"].astype(object) == actor
    return (by_code | by_country | by_entity).astype(bool)


def actor_nodes(frame: pd.DataFrame, role: str, level: str) -> pd.Series:
    """The node each row's ``role`` actor is at ``level``: its country (the full code for
    actors without one, such as IGOs), or its full code. Missing targets stay missing."""
    check_choice("level", level, LEVELS)
    code = frame[f"{role}_code"].astype(object)
    if level == "code":
        return code
    return frame[f"{role}_country"].astype(object).where(frame[f"{role}_country"].notna(), code)


def label_actor(actor: str) -> str:
    """How an actor given by the user is shown: codes upper case, entity ids as given."""
    return actor if ":" in actor else actor.upper()
