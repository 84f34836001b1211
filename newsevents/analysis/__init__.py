"""analysis: dyadic time series, the actor network and its blocs, surges, attention, and the
places and country dyads a map draws (:func:`map_data`, drawn by
:mod:`newsevents.analysis.map_plot`).

Each function reads a :class:`~newsevents.store.Store` and returns a pandas DataFrame
(``frame.attrs`` says what it covers); :mod:`newsevents.analysis.plots` draws each table
as a PNG or an offline HTML page. Actors are given as for ``newsevents events``: a code
prefix (``USA``, ``IRNMIL``), a country (``IRN``) or an entity id (``org:irgc``). Only
asserted events count unless the :class:`Scope` says otherwise; every function takes
one (made and checked by :func:`make_scope`: dates, modality or "all", ``unique``).

>>> from newsevents.store import Store
>>> from newsevents.analysis import dyad_series, make_scope
>>> with Store("news.duckdb", read_only=True) as store:  # doctest: +SKIP
...     series = dyad_series(store, "USA", "IRN", by="month", scope=make_scope(since="2019-01-01"))
"""

from __future__ import annotations

from newsevents.analysis.attention import attention_shares
from newsevents.analysis.balance import Partition, partition_signed
from newsevents.analysis.blocs import bloc_shift, signed_blocs
from newsevents.analysis.dyad import dyad_series
from newsevents.analysis.network import (
    network_edges,
    network_graph,
    network_json,
    write_graphml,
    write_network_json,
)
from newsevents.analysis.places import MapData, map_data
from newsevents.analysis.selection import Scope, make_scope
from newsevents.analysis.surges import actor_surges, poisson_tail
from newsevents.errors import AnalysisError

__all__ = [
    "AnalysisError",
    "MapData",
    "Partition",
    "Scope",
    "actor_surges",
    "attention_shares",
    "bloc_shift",
    "dyad_series",
    "make_scope",
    "map_data",
    "network_edges",
    "network_graph",
    "network_json",
    "partition_signed",
    "poisson_tail",
    "signed_blocs",
    "write_graphml",
    "write_network_json",
]
