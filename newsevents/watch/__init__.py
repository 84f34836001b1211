"""watch: keep a store current from feeds and folders (``newsevents watch``).

A cycle (:func:`run_cycle`) reads each source (a feed with a conditional GET, a folder's
files), fetches the pages of new feed items politely (:mod:`newsevents.watch.fetch`),
ingests them through the ingest pipeline, records what it did in the store (migration
007: a restarted watch resumes), and checks the alert rules
(:mod:`newsevents.watch.rules`, :mod:`newsevents.watch.alerts`). The command line
(``newsevents.cli.watch_cmd``) repeats cycles and prints what they did.

>>> from newsevents.config import Settings
>>> from newsevents.watch import parse_sources, run_cycle
>>> report = run_cycle(parse_sources(["https://example.org/feed.xml"]),
...                    Settings(db_path="news.duckdb"))  # doctest: +SKIP
"""

from __future__ import annotations

from newsevents.watch.alerts import check_rules, deliver
from newsevents.watch.cycle import CycleReport, SourceOutcome, WatchSettings, run_cycle
from newsevents.watch.fetch import USER_AGENT, Fetcher, FetchError, FetchSettings
from newsevents.watch.rules import AlertRules, load_rules
from newsevents.watch.sources import Source, parse_interval, parse_sources

__all__ = [
    "USER_AGENT",
    "AlertRules",
    "CycleReport",
    "FetchError",
    "FetchSettings",
    "Fetcher",
    "Source",
    "SourceOutcome",
    "WatchSettings",
    "check_rules",
    "deliver",
    "load_rules",
    "parse_interval",
    "parse_sources",
    "run_cycle",
]
