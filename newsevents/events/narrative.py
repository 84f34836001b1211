"""Narrative dating: a paragraph that opens with a date goes on telling that day."""

from __future__ import annotations

from dataclasses import replace

from newsevents.records import Event, Sentence


class NarrativeDate:
    """A paragraph that opens with a date ("On Friday, Russia and China issued statements
    ...") goes on telling that day: an asserted event later in the same paragraph with no
    date of its own takes the last date named there, at its precision.

    Call :meth:`enter` with every sentence of the article in order, and :meth:`dated` with
    the events of the sentence entered last."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.end = 0
        self.current: tuple[str | None, str] | None = None
        self.own_time = False

    def enter(self, sentence: Sentence) -> None:
        if "\n\n" in self.text[self.end : sentence.start]:
            self.current = None  # a new paragraph
        self.end = sentence.end
        # A time of its own that we could not resolve ("in the weeks since") breaks the thread.
        self.own_time = any(tok.ent_type in ("DATE", "TIME") for tok in sentence.tokens)

    def dated(self, events: list[Event]) -> list[Event]:
        own = [e for e in events if e.date_precision != "document"]
        if own:
            self.current = (own[0].date, own[0].date_precision)
            return events
        if self.current is None or self.own_time:
            return events
        day, precision = self.current
        return [
            replace(e, date=day, date_precision=precision) if e.modality == "asserted" else e
            for e in events
        ]
