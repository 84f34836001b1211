"""Deduplication within an article: one event per (source, target, code, date), no
untargeted repeat of a targeted event, and no bare "make a statement" beside something more
specific."""

from __future__ import annotations

from collections.abc import Iterable

from newsevents.records import Event

EventKey = tuple[str, str, str, str | None]


def event_key(event: Event) -> EventKey:
    """What makes two events of an article the same: source, target, code and date."""
    return (
        event.source.code,
        event.target.code if event.target else "",
        event.cameo,
        event.date,
    )


class MostConfident:
    """The most confident event of each :func:`event_key` among those added."""

    def __init__(self) -> None:
        self.best: dict[EventKey, Event] = {}

    def add(self, events: Iterable[Event]) -> None:
        for event in events:
            key = event_key(event)
            if key not in self.best or event.confidence > self.best[key].confidence:
                self.best[key] = event

    def events(self) -> list[Event]:
        """The kept events without bare statements, in sentence and trigger order."""
        return sorted(
            without_bare_statements(without_untargeted_repeats(self.best.values())),
            key=lambda e: (e.sentence_index, e.evidence.trigger),
        )


def without_untargeted_repeats(events: Iterable[Event]) -> list[Event]:
    """Drop an event with no target where the article has the same act by the same source
    with one: "The attacker was shot dead by police. ... he was shot in
    the head by another police officer" reports one shooting."""
    events = list(events)
    targeted: dict[tuple[str, str], set[str | None]] = {}
    for e in events:
        if e.target is not None:
            targeted.setdefault((e.source.code, e.cameo), set()).add(e.date)
    return [e for e in events if e.target is not None or not _repeats(e, targeted)]


def _repeats(event: Event, targeted: dict[tuple[str, str], set[str | None]]) -> bool:
    """A targeted event has the same source and code, and the same date, or any date when
    this one's is only the article's ("he was shot" in a later paragraph)."""
    dates = targeted.get((event.source.code, event.cameo))
    return dates is not None and (event.date in dates or event.date_precision == "document")


def without_bare_statements(events: Iterable[Event]) -> list[Event]:
    """Drop "make a statement" (010) where the same source does something more specific in
    the same sentence ("issued statements condemning ...": the condemnation is the event)."""
    events = list(events)
    specific = {(e.sentence_index, e.source.code) for e in events if e.cameo != "010"}
    return [
        e for e in events if e.cameo != "010" or (e.sentence_index, e.source.code) not in specific
    ]
