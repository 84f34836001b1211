"""Every pattern's example coded by the real coder (docs/patterns.md, "Examples are tests").

A pattern's example is coded as the pattern says when the coder, given the example as an
article of its own, codes an event that

- has the pattern's CAMEO code, exactly (an example that the coder recodes as an
  intention, a threat or a refusal shows another code, not this pattern's);
- comes from the pattern's trigger: a word of the event's trigger phrase has the pattern's
  verb or noun lemma;
- has as its source an actor named in ``example_source`` (the actor's words and the
  phrase overlap in the sentence);
- has as its target an actor named in ``example_target``, or no target when
  ``example_target`` is null.

The coder is whatever it is given: the tests and tools/check_patterns.py give it the
patterns alone (``Settings(use_model=False)``), so that the learned model can neither add
nor repair what a pattern does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from newsevents.config import Settings
from newsevents.events.patterns import Pattern, PatternIndex
from newsevents.nlp import parse_articles
from newsevents.records import Actor, Article, Event, ParsedArticle


class ExampleCoder(Protocol):
    """What the check needs of a coder: :class:`newsevents.coder.Coder` is one (a stage
    does not import the layers above it)."""

    nlp: Any
    patterns: PatternIndex
    settings: Settings

    def code_parsed(self, parsed: ParsedArticle) -> list[Event]: ...


@dataclass(frozen=True)
class ExampleResult:
    """A pattern, the events the coder gave its example, and whether one is its own."""

    pattern: Pattern
    events: tuple[Event, ...]
    coded: bool


def check_examples(
    coder: ExampleCoder, patterns: Iterable[Pattern] | None = None
) -> list[ExampleResult]:
    """Code the examples of ``patterns`` (default: all the coder's), batched through
    spaCy, and say for each whether the pattern's own event is among the events."""
    candidates = coder.patterns.in_order() if patterns is None else patterns
    chosen = [p for p in candidates if p.example is not None]
    articles = [
        Article(article_id=p.id, doc_id=p.id, origin="pattern example", text=p.example.text)
        for p in chosen
        if p.example is not None
    ]
    parsed_articles = parse_articles(articles, coder.nlp, coder.settings.batch_size)
    results = []
    for pattern, parsed in zip(chosen, parsed_articles, strict=True):
        events = tuple(coder.code_parsed(parsed))
        coded = any(codes_as_stated(pattern, event, parsed) for event in events)
        results.append(ExampleResult(pattern, events, coded))
    return results


def codes_as_stated(pattern: Pattern, event: Event, parsed: ParsedArticle) -> bool:
    """Whether ``event`` is the event ``pattern`` states for its example (module docstring)."""
    example = pattern.example
    if example is None or event.cameo != pattern.cameo:
        return False
    if pattern.trigger not in _trigger_lemmas(event, parsed):
        return False
    if not _names(event.source, example.source, example.text):
        return False
    if example.target is None:
        return event.target is None
    return event.target is not None and _names(event.target, example.target, example.text)


def describe(event: Event) -> str:
    """ "163 USA (The US) -> IRN (Iran) [imposed]": an event in one line, for reports."""
    source = f"{event.source.code} ({event.source.text})"
    target = f" -> {event.target.code} ({event.target.text})" if event.target else ""
    return f"{event.cameo} {source}{target} [{event.evidence.trigger}]"


def _trigger_lemmas(event: Event, parsed: ParsedArticle) -> set[str]:
    """Lemmas of the words in the event's trigger phrase."""
    sentence = parsed.sentences[event.sentence_index]
    offset = sentence.text.find(event.evidence.trigger)
    if offset < 0:
        return set()
    start = sentence.start + offset
    end = start + len(event.evidence.trigger)
    return {tok.lemma for tok in sentence.tokens if start <= tok.idx < end}


def _names(actor: Actor, phrase: str, text: str) -> bool:
    """Whether the words that name ``actor`` overlap ``phrase`` in ``text``."""
    start = text.find(phrase)
    end = start + len(phrase)
    at = text.find(actor.text)
    while at >= 0:
        if at < end and start < at + len(actor.text):
            return True
        at = text.find(actor.text, at + 1)
    return False
