"""events: who did what to whom, with codes, modality, date, evidence and confidence.

:func:`code_events` runs the stage on one article: the patterns on each sentence
(:mod:`~newsevents.events.extract`), the learned model beside them
(:mod:`~newsevents.events.combine`), event records from the matches
(:mod:`~newsevents.events.build`), dates carried through a paragraph
(:mod:`~newsevents.events.narrative`) and one event per real event
(:mod:`~newsevents.events.dedup`).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsevents.events.build import Locator, events_of
from newsevents.events.codes import CodeInfo, load_codes
from newsevents.events.combine import ModelUse, SentenceWork, with_model
from newsevents.events.dedup import MostConfident
from newsevents.events.extract import SentenceMatcher
from newsevents.events.learned import EventModel
from newsevents.events.narrative import NarrativeDate
from newsevents.events.patterns import PatternIndex, load_patterns
from newsevents.events.syntax import Tree
from newsevents.records import Event, Mention, ParsedArticle, Sentence

__all__ = ["code_events", "load_codes", "load_patterns"]


def code_events(
    parsed: ParsedArticle,
    mentions: Sequence[Sequence[Mention]],
    patterns: PatternIndex,
    codes: dict[str, CodeInfo],
    locate: Locator | None = None,
    model: EventModel | None = None,
    use: ModelUse | None = None,
) -> list[Event]:
    """Events of one article; ``mentions[k]`` are the actor mentions of sentence ``k``;
    ``locate`` finds an event's place (see :class:`newsevents.events.places.ArticlePlaces`);
    ``model``, when given, adds targets and events where the patterns are silent
    (:mod:`newsevents.events.combine`). One event per (source, target, code, date):
    repeats keep the most confident."""
    kept = MostConfident()
    narrative = NarrativeDate(parsed.article.text)
    work = [
        _sentence_work(sentence, found, patterns) if found and not sentence.dateline else None
        for sentence, found in zip(parsed.sentences, mentions, strict=True)
    ]
    if model is not None:
        ready = [item for item in work if item is not None]
        combined = iter(with_model(ready, model, use or ModelUse(), codes))
        work = [
            None if item is None else SentenceWork(item.tree, item.mentions, next(combined))
            for item in work
        ]
    for sentence, item in zip(parsed.sentences, work, strict=True):
        narrative.enter(sentence)
        if item is None:
            continue
        events = [
            event
            for match in item.matches
            for event in events_of(match, item.tree, parsed, codes, locate)
        ]
        kept.add(narrative.dated(events))
    return kept.events()


def _sentence_work(
    sentence: Sentence, mentions: Sequence[Mention], patterns: PatternIndex
) -> SentenceWork:
    tree = Tree.build(sentence)
    return SentenceWork(tree, mentions, SentenceMatcher(tree, list(mentions), patterns).matches())
