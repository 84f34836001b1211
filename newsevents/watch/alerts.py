"""Alerts: the rules (:mod:`newsevents.watch.rules`) checked against the store after a
cycle, and the alerts sent on (a JSON lines file, a webhook).

"New" events are those of articles ingested after the store's watermark (the end of the
previous check): a *first* rule fires when new events hold its code and no earlier event
did; a *new-pair* rule when a new event joins two actors no earlier event joined; a
*surge* rule when the latest period of the store is a surge of the actor's or dyad's
events of one QuadClass, by the test of ``newsevents surges``
(:func:`newsevents.analysis.surges.surge_test`). Each alert has a key (the rule and what
it found), and the store raises a key once.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from newsevents.analysis.periods import period_start
from newsevents.analysis.selection import Scope, actor_mask, actor_nodes, load_events
from newsevents.analysis.surges import period_counts, surge_test
from newsevents.store import EventFilters, Store
from newsevents.store.watching import AlertRecord, WatchState
from newsevents.watch.fetch import USER_AGENT
from newsevents.watch.rules import AlertRules, FirstRule, NewPairRule, Rule, SurgeRule

WEBHOOK_TIMEOUT = 10.0
EVENT_COLUMNS = (
    "event_id",
    "article_id",
    "source_code",
    "source_country",
    "source_entity",
    "target_code",
    "target_country",
    "target_entity",
    "cameo",
    "plover",
    "date",
)


def check_rules(
    store: Store, rules: AlertRules, since: datetime | None, now: datetime
) -> list[AlertRecord]:
    """The alerts the rules raise for articles ingested after ``since`` (None: every
    article is new). Keys already raised are dropped later, by the store."""
    state = WatchState(store)
    if not state.count_articles_after(since):
        return []
    alerts: list[AlertRecord] = []
    for rule in rules.rules:
        alerts.extend(check_rule(state, store, rule, since, now))
    return alerts


def check_rule(
    state: WatchState, store: Store, rule: Rule, since: datetime | None, now: datetime
) -> list[AlertRecord]:
    if isinstance(rule, SurgeRule):
        return _surge_alerts(state, store, rule, now)
    if isinstance(rule, FirstRule):
        return _first_alerts(state, store, rule, since, now)
    return _pair_alerts(state, rule, since, now)


def _surge_alerts(
    state: WatchState, store: Store, rule: SurgeRule, now: datetime
) -> list[AlertRecord]:
    """A surge in the store's latest period (the one holding its newest dated event);
    the events of the ``window`` periods before it are its baseline."""
    latest = state.latest_event_day(rule.modality)
    if latest is None:
        return []
    chosen = {"dyad": rule.dyad} if rule.dyad else {"actor": rule.actor}
    scope = Scope(since=_history_start(latest, rule.by, rule.window), modality=rule.modality)
    frame = load_events(store, scope, **chosen)
    if rule.quad_class is not None:
        frame = frame.loc[frame["quad_class"] == rule.quad_class]
    if frame.empty:
        return []
    counts = period_counts(frame, rule.by, latest)
    if counts.empty:
        return []
    table = surge_test(counts, rule.window, rule.alpha, rule.min_count, rule.min_history)
    last = table.iloc[-1]
    if not bool(last["surge"]):
        return []
    period = pd.Timestamp(last["period"]).date().isoformat()
    who = "-".join(rule.dyad) if rule.dyad else str(rule.actor)
    quad = f" QuadClass {rule.quad_class}" if rule.quad_class is not None else ""
    details = {
        "actor": rule.actor,
        "dyad": list(rule.dyad) if rule.dyad else None,
        "quad_class": rule.quad_class,
        "by": rule.by,
        "period": period,
        "events": int(last["events"]),
        "baseline": round(float(last["baseline"]), 3),
        "p_value": float(last["p_value"]),
    }
    message = (
        f"surge: {who}{quad}: {details['events']} events in the {rule.by} of {period}"
        f" against a baseline of {details['baseline']:g} (p = {details['p_value']:.2g})"
    )
    return [_alert(rule, f"{period}", now, message, details)]


def _history_start(latest: date, by: str, window: int) -> date:
    """The first day of the period ``window`` periods before the one holding ``latest``."""
    first = period_start(pd.Series([pd.Timestamp(latest)]), by).iloc[0]
    back = {"day": pd.DateOffset(days=window), "week": pd.DateOffset(weeks=window)}
    return (first - back.get(by, pd.DateOffset(months=window))).date()


def _first_alerts(
    state: WatchState, store: Store, rule: FirstRule, since: datetime | None, now: datetime
) -> list[AlertRecord]:
    """The rule's code met for the first time: in new articles and in no earlier one.
    Once raised, the rule is not checked again (its key is raised once)."""
    if state.raised([_key(rule, "first")]):
        return []
    frame = _events(store, code=rule.code, actor=rule.actor, modality=rule.modality)
    fresh = state.ingested_after(frame["article_id"].unique().tolist(), since)
    is_new = frame["article_id"].isin(fresh)
    if not is_new.any() or (~is_new).any():
        return []
    first = frame.loc[is_new].iloc[0]
    for_actor = f" for {rule.actor}" if rule.actor else ""
    message = f"first {rule.code} event{for_actor}: {_describe(first)} ({int(is_new.sum())} in all)"
    details = {"code": rule.code, "actor": rule.actor, **_event_details(first)}
    return [_alert(rule, "first", now, message, details)]


def _pair_alerts(
    state: WatchState, rule: NewPairRule, since: datetime | None, now: datetime
) -> list[AlertRecord]:
    """Each pair of actors (either direction) that new events join and no earlier one did."""
    frame = state.new_events(since, rule.modality, EVENT_COLUMNS).to_pandas()
    frame = frame.loc[frame["target_code"].notna()]
    if rule.actor:
        frame = frame.loc[
            actor_mask(frame, "source", rule.actor) | actor_mask(frame, "target", rule.actor)
        ]
    if frame.empty:
        return []
    ends = zip(
        actor_nodes(frame, "source", rule.level),
        actor_nodes(frame, "target", rule.level),
        strict=True,
    )
    known = state.pairs_before(since, rule.level, rule.modality)
    alerts: dict[tuple[str, ...], AlertRecord] = {}
    for position, ends_of_row in enumerate(ends):
        pair = tuple(sorted(ends_of_row))
        if pair in known or pair in alerts or pair[0] == pair[1]:
            continue
        row = frame.iloc[position]
        message = f"new pair: {pair[0]} and {pair[1]}, first joined by {_describe(row)}"
        details = {"pair": list(pair), "level": rule.level, **_event_details(row)}
        alerts[pair] = _alert(rule, "|".join(pair), now, message, details)
    return list(alerts.values())


def _key(rule: Rule, found: str) -> str:
    return f"{rule.kind}|{rule.name}|{found}"


def _alert(
    rule: Rule, found: str, now: datetime, message: str, details: dict[str, object]
) -> AlertRecord:
    return AlertRecord(
        alert_key=_key(rule, found),
        rule=rule.name,
        kind=rule.kind,
        raised_at=now,
        message=f"[{rule.name}] {message}",
        details=details,
    )


def _events(store: Store, **filters: object) -> pd.DataFrame:
    return store.events(EventFilters(columns=EVENT_COLUMNS, **filters)).to_pandas()  # type: ignore[arg-type]


def _describe(row: pd.Series) -> str:
    target = f" -> {row['target_code']}" if pd.notna(row["target_code"]) else ""
    date = f", {row['date']}" if pd.notna(row["date"]) else ""
    return f"{row['source_code']}{target} {row['cameo']}{date} (event {row['event_id']})"


def _event_details(row: pd.Series) -> dict[str, object]:
    return {
        key: (None if pd.isna(row[key]) else str(row[key]))
        for key in ("event_id", "article_id", "source_code", "target_code", "cameo", "date")
    }


def deliver(
    alerts: Sequence[AlertRecord],
    log_path: Path | None,
    webhook: str | None,
    on_failure: Callable[[str], None],
) -> None:
    """Append the alerts to the JSON lines log and POST each to the webhook; a failure
    is reported through ``on_failure``, never raised. A webhook that cannot be reached
    is not asked again for the rest of the alerts (each would wait the timeout)."""
    if log_path is not None and alerts:
        try:
            with log_path.open("a", encoding="utf-8") as log:
                for alert in alerts:
                    log.write(json.dumps(alert.to_dict(), ensure_ascii=False) + "\n")
        except OSError as exc:
            on_failure(f"cannot write alerts to {log_path}: {exc.strerror or exc}")
    for position, alert in enumerate(alerts if webhook else ()):
        failure = post_alert(webhook, alert)  # type: ignore[arg-type]
        if failure is None:
            continue
        left = len(alerts) - position - 1
        if failure.startswith("HTTP ") or not left:
            on_failure(f"webhook {webhook}: {failure}")
            continue
        # unreachable or silent: each of the others would wait as long (10 s), to fail too
        on_failure(f"webhook {webhook}: {failure} ({left} more alerts not sent)")
        break


def post_alert(url: str, alert: AlertRecord) -> str | None:
    """POST the alert as JSON; the reason it failed, or None."""
    body = json.dumps(alert.to_dict(), ensure_ascii=False).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as answer:
            answer.read(1024)
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return " ".join(str(getattr(exc, "reason", exc)).split())[:200] or type(exc).__name__
    return None
