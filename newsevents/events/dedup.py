"""Deduplication within an article: one event per (source, target, code, date), and no
bare "make a statement" beside something more specific."""

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
            without_bare_statements(self.best.values()),
            key=lambda e: (e.sentence_index, e.evidence.trigger),
        )


def without_bare_statements(events: Iterable[Event]) -> list[Event]:
    """Drop "make a statement" (010) where the same source does something more specific in
    the same sentence ("issued statements condemning ...": the condemnation is the event)."""
    events = list(events)
    specific = {(e.sentence_index, e.source.code) for e in events if e.cameo != "010"}
    return [
        e for e in events if e.cameo != "010" or (e.sentence_index, e.source.code) not in specific
    ]
