"""Where to mark an event on the page: its sentence, its trigger and its actors' mentions,
as character spans (kind, start, end, event_id) found in the stored event records."""

from __future__ import annotations

from typing import Any

SPAN_ROLES = ("source", "target", "attributed")


def article_spans(article: dict[str, Any]) -> list[dict[str, Any]]:
    """The spans of every event of an article (as the store's ``article_detail`` gives it)
    in its text."""
    return [span for event in article["events"] for span in event_spans(event)]


def event_spans(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans of an event in its article's text: the sentence, then the trigger and each
    actor mention found inside the sentence."""
    start, end = event["evidence"]["start"], event["evidence"]["end"]
    sentence = {"kind": "sentence", "start": start, "end": end, "event_id": event["event_id"]}
    inside = [
        {**span, "start": start + span["start"], "end": start + span["end"]}
        for span in sentence_spans(event)
    ]
    return [sentence, *inside]


def sentence_spans(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans of the trigger and the actor mentions within the event's evidence sentence
    (offsets in the sentence), for marking it."""
    evidence = event["evidence"]
    phrases = [("trigger", evidence["trigger"])]
    phrases += [(role, (event.get(_key(role)) or {}).get("text")) for role in SPAN_ROLES]
    spans = []
    for kind, phrase in phrases:
        found = phrase_span(evidence["text"], phrase)
        if found is not None:
            spans.append(
                {"kind": kind, "start": found[0], "end": found[1], "event_id": event["event_id"]}
            )
    return spans


def _key(role: str) -> str:
    return "attributed_to" if role == "attributed" else role


def phrase_span(sentence: str, phrase: str | None) -> tuple[int, int] | None:
    """Where ``phrase`` first occurs in ``sentence`` (exact, then ignoring case; a trigger
    of separated words falls back to its first word), or None."""
    if not phrase:
        return None
    for needle in (phrase, phrase.split()[0]):
        at = sentence.find(needle)
        if at < 0:
            at = sentence.lower().find(needle.lower())
        if at >= 0:
            return at, at + len(needle)
    return None
