"""``newsevents watch``: keep a store current from feeds and folders, cycle after cycle."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from newsevents.cli.options import (
    DateOption,
    DayFirstOption,
    DbOption,
    NoModelOption,
    db_path,
    parse_date_option,
)
from newsevents.config import Settings
from newsevents.errors import NewseventsError

if TYPE_CHECKING:
    from newsevents.coder import Coder
    from newsevents.watch import (
        AlertRules,
        CycleReport,
        FetchSettings,
        Source,
        SourceOutcome,
        WatchSettings,
    )

err = Console(stderr=True, highlight=False, soft_wrap=True)


def watch_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE",
            help="RSS/Atom feed URLs (http:// or https://) and folders (web archives, or any"
            " files ingest reads).",
        ),
    ],
    db: Annotated[Path | None, DbOption] = None,
    every: Annotated[
        str,
        typer.Option(metavar="INTERVAL", help="Time between cycles: 30s, 15m, 2h, 1d."),
    ] = "15m",
    once: Annotated[
        bool, typer.Option("--once", help="Run one cycle and exit (for cron and tests).")
    ] = False,
    alerts: Annotated[
        Path | None,
        typer.Option(
            "--alerts",
            metavar="FILE",
            help="Alert rules (TOML; see docs/watch.md), checked after each cycle.",
        ),
    ] = None,
    alerts_log: Annotated[
        Path | None,
        typer.Option("--alerts-log", metavar="FILE", help="Append each alert here (JSON lines)."),
    ] = None,
    webhook: Annotated[
        str | None,
        typer.Option(
            metavar="URL", help="POST each alert here as JSON (overrides the rules file's)."
        ),
    ] = None,
    delay: Annotated[
        float,
        typer.Option(min=0.0, metavar="SECONDS", help="Pause between two requests to one host."),
    ] = 1.0,
    timeout: Annotated[
        float,
        typer.Option(min=0.1, metavar="SECONDS", help="Give up on a host silent this long."),
    ] = 20.0,
    date: Annotated[str | None, DateOption] = None,
    no_model: Annotated[bool, NoModelOption] = False,
    dayfirst: Annotated[bool, DayFirstOption] = False,
) -> None:
    r"""Keep a store current from feeds and folders. Each cycle reads every feed (a
    conditional GET, robots.txt respected, a pause between requests to a host), fetches
    the pages of new items, and ingests them as ingest does; a folder's new or changed
    files are ingested. What was done is kept in the store, so a restart resumes. A
    failing source is logged, recorded and tried again after a backoff (1 minute,
    doubling up to 6 hours); the others go on.

    Prints one line per source per cycle and a summary on stderr, and each alert on
    standard output. Ctrl-C between cycles stops it (exit 0). With --once: exit 1 when
    a source failed.

    Example:

        newsevents watch https://example.org/world.rss archive/ --every 15m --alerts alerts.toml
    """
    from newsevents.watch import WatchSettings, load_rules, parse_interval, parse_sources

    if webhook is not None and not webhook.startswith(("http://", "https://")):
        raise typer.BadParameter("must be an http:// or https:// URL", param_hint="--webhook")
    if alerts_log is not None and not alerts_log.parent.is_dir():
        raise typer.BadParameter(
            f"the folder {alerts_log.parent} does not exist", param_hint="--alerts-log"
        )
    interval = parse_interval(every)
    rules = load_rules(alerts) if alerts is not None else None
    watched = parse_sources(sources)
    settings = Settings(
        db_path=db_path(db),
        default_date=parse_date_option(date),
        use_model=not no_model,
        dayfirst=dayfirst,
    )
    options = WatchSettings(fetch=_fetch_settings(delay, timeout))
    hook = webhook or (rules.webhook if rules else None)
    coder = _load_coder(settings)
    try:
        while True:
            started = time.monotonic()
            failed = _cycle(watched, settings, options, coder, rules, alerts_log, hook, once)
            if once:
                raise typer.Exit(1 if failed else 0)
            time.sleep(max(0.0, interval.total_seconds() - (time.monotonic() - started)))
    except KeyboardInterrupt:  # outside a cycle (one interrupted inside exits 130)
        err.print("stopped between cycles", markup=False)
        raise typer.Exit(0) from None


def _cycle(
    watched: list[Source],
    settings: Settings,
    options: WatchSettings,
    coder: Coder,
    rules: AlertRules | None,
    alerts_log: Path | None,
    hook: str | None,
    once: bool,
) -> bool:
    """One cycle with its lines printed; True when a source failed. A store error ends a
    --once run; a watch going on says it and tries again next cycle."""
    from newsevents.watch import deliver, run_cycle

    try:
        report = run_cycle(watched, settings, options, coder, rules, on_notice=_notice)
    except KeyboardInterrupt:
        err.print("interrupted: what was stored is kept; the next watch resumes", markup=False)
        raise typer.Exit(130) from None
    except NewseventsError as exc:
        if once:
            raise
        err.print(f"error: {exc.message}; trying again next cycle", markup=False)
        return True
    for outcome in report.outcomes:
        err.print(source_line(outcome), markup=False)
    err.print(summary_line(report, settings.db_path), markup=False)
    for alert in report.alerts:
        print(f"alert: {alert.message}")
    deliver(report.alerts, alerts_log, hook, lambda why: err.print(f"error: {why}", markup=False))
    return any(o.status == "failed" for o in report.outcomes)


def _fetch_settings(delay: float, timeout: float) -> FetchSettings:
    from newsevents.watch import FetchSettings

    return FetchSettings(delay=delay, timeout=timeout)


def _load_coder(settings: Settings) -> Coder:
    from newsevents.coder import Coder

    return Coder.load(settings)


def _notice(kind: str, source: str, url: str | None, reason: str) -> None:
    err.print(f"{kind}: {url or source}: {reason}", markup=False)


def source_line(outcome: SourceOutcome) -> str:
    """One line for one source in one cycle."""
    name = f"{outcome.kind} {outcome.source}"
    if outcome.status == "waiting":
        return (
            f"{name}: waiting until {_clock(outcome.retry_after)} (last failure: {outcome.error})"
        )
    if outcome.status == "failed":
        return f"{name}: failed: {outcome.error} (next try after {_clock(outcome.retry_after)})"
    counts = f"new {outcome.new} / seen {outcome.seen} / failed {outcome.failed}"
    if outcome.skipped:
        counts += f" / skipped {outcome.skipped} (robots.txt)"
    if outcome.status == "not-modified":
        counts += " (not modified)"
    return f"{name}: {counts}"


def summary_line(report: CycleReport, db: Path) -> str:
    counts = report.counts()
    seconds = (report.finished - report.started).total_seconds() if report.finished else 0.0
    duplicates = report.ingest.duplicate if report.ingest else 0
    twice = f" ({duplicates} already stored)" if duplicates else ""
    return (
        f"cycle {report.started:%Y-%m-%d %H:%M:%S}: sources {counts['sources']}"
        f" (failed {counts['failed_sources']}, waiting {counts['waiting']}) / items new"
        f" {counts['new']} / seen {counts['seen']} / failed {counts['failed']} / stored"
        f" {counts['stored']} articles{twice} / events {counts['events']} / alerts"
        f" {counts['alerts']} / {seconds:.1f} s  -> {db}"
    )


def _clock(when: datetime | None) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S") if when else "?"
