"""From a pattern match to event records: the code, modality (an announced act becomes
the intention, threat or refusal), date, place, each source-target pair, the evidence and
the confidence."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace

from newsevents.events.codes import CodeInfo
from newsevents.events.confidence import confidence
from newsevents.events.date_phrases import event_date
from newsevents.events.extract import Match, distinct_parties, same_party
from newsevents.events.intent import intent_code, stated_intent
from newsevents.events.modality import modality_of
from newsevents.events.syntax import Tree
from newsevents.records import (
    Actor,
    Event,
    Evidence,
    Location,
    Mention,
    ParsedArticle,
    Sentence,
    Token,
)

# An event's place from its match, the sentence's tree and the event's quad class (see
# :meth:`newsevents.events.places.ArticlePlaces.locate`).
Locator = Callable[[Match, Tree, int], Location | None]

# Acts that parties do together when the sentence names no one else: "Serbia and Kosovo
# signed a trade deal", "Armenia and Azerbaijan held talks" are each party's act towards the
# other. Hostile roots are left out: "Russia and Syria launched air strikes" is not an
# attack on each other.
JOINT_ROOTS = frozenset({"03", "04", "05", "06"})


def events_of(
    match: Match,
    tree: Tree,
    parsed: ParsedArticle,
    codes: dict[str, CodeInfo],
    locate: Locator | None,
) -> list[Event]:
    """The events of one match: one per source and target (none when its code is unknown)."""
    info = codes.get(match.pattern.cameo)
    if info is None:
        return []
    sentence = tree.sentence
    base = parsed.article.published
    day, precision = event_date(match.trigger, tree, base)
    modality = modality_of(match.trigger, tree)
    if modality != "asserted":
        # An announced act is coded as the intention (03), threat (13) or refusal (12).
        announced = intent_code(info.cameo, stated_intent(match.trigger, tree))
        if announced is not None and announced in codes:
            info, modality = codes[announced], "asserted"
    location = locate(match, tree, info.quad_class) if locate is not None else None
    targets: Sequence[Mention | None] = match.targets or _joint_parties(match, info) or (None,)
    events = []
    for source in match.sources:
        for found in targets:
            # A target that is the source itself ("Egypt extended the emergency in Sinai"
            # names Egypt twice) is no target; the event stands without one.
            target = None if found is not None and same_party(source, found) else found
            if target is None and len(targets) > 1:
                continue
            events.append(
                _event(match, info, parsed, sentence, source, target, modality, day, precision)
            )
    return [replace(e, location=location) for e in events] if location else events


def _joint_parties(match: Match, info: CodeInfo) -> tuple[Mention, ...]:
    """The coordinated subjects of a joint act as each other's targets, or ()."""
    joint = info.root in JOINT_ROOTS and distinct_parties(match.sources)
    return match.sources if joint else ()


def _event(
    match: Match,
    info: CodeInfo,
    parsed: ParsedArticle,
    sentence: Sentence,
    source: Mention,
    target: Mention | None,
    modality: str,
    day: str | None,
    precision: str,
) -> Event:
    trigger = _trigger_text(match.trigger_tokens, sentence)
    article = parsed.article
    key = "|".join(
        (
            article.article_id,
            str(sentence.index),
            str(match.trigger.i),
            source.actor.code,
            target.actor.code if target else "",
            info.cameo,
        )
    )
    return Event(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
        doc_id=article.doc_id,
        sentence_index=sentence.index,
        source=source.actor,
        target=target.actor if target else None,
        cameo=info.cameo,
        cameo_root=info.root,
        plover=info.plover,
        plover_mode=info.plover_mode,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        modality=modality,  # type: ignore[arg-type]
        attributed_to=_speaker_actor(match),
        date=day,
        date_precision=precision,  # type: ignore[arg-type]
        location=None,
        evidence=Evidence(
            text=sentence.text, start=sentence.start, end=sentence.end, trigger=trigger
        ),
        confidence=confidence(match, target, modality),
        article_id=article.article_id,
        by=match.by,
    )


def _speaker_actor(match: Match) -> Actor | None:
    speaker = match.attributed_to
    if speaker is None or speaker in match.sources:
        return None
    return speaker.actor


def _trigger_text(tokens: Sequence[Token], sentence: Sentence) -> str:
    """The trigger phrase as written, from its first to its last token."""
    first, last = tokens[0], tokens[-1]
    return sentence.text[first.idx - sentence.start : last.idx + len(last.text) - sentence.start]
