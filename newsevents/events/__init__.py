"""events: who did what to whom, with codes, modality, date, evidence and confidence."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date

from newsevents.events.codes import CodeInfo, load_codes
from newsevents.events.combine import ModelUse, SentenceWork, with_model
from newsevents.events.dates import document_date, resolve_date
from newsevents.events.extract import Match, SentenceMatcher
from newsevents.events.intent import intent_code, stated_intent
from newsevents.events.learned import EventModel
from newsevents.events.modality import modality_of
from newsevents.events.patterns import PatternIndex, load_patterns
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

__all__ = ["code_events", "load_codes", "load_patterns"]

Locator = Callable[[Token, Tree], Location | None]

CLAUSAL_DEPS = ("ccomp", "advcl", "relcl", "acl", "conj", "xcomp", "csubj", "parataxis")


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
    ``locate`` finds an event's place (see :func:`newsevents.events.places.event_location`);
    ``model``, when given, adds targets and events where the patterns are silent
    (:mod:`newsevents.events.combine`). One event per (source, target, code, date):
    repeats keep the most confident."""
    best: dict[tuple[str, str, str, str | None], Event] = {}
    narrative = _NarrativeDate(parsed.article.text)
    work = [
        _sentence_work(sentence, found, patterns) if found else None
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
            for event in _events_of(match, item.tree, parsed, codes, locate)
        ]
        for event in narrative.dated(events):
            key = (
                event.source.code,
                event.target.code if event.target else "",
                event.cameo,
                event.date,
            )
            if key not in best or event.confidence > best[key].confidence:
                best[key] = event
    return sorted(
        _without_bare_statements(best.values()),
        key=lambda e: (e.sentence_index, e.evidence.trigger),
    )


def _sentence_work(
    sentence: Sentence, mentions: Sequence[Mention], patterns: PatternIndex
) -> SentenceWork:
    tree = Tree.build(sentence)
    return SentenceWork(tree, mentions, SentenceMatcher(tree, list(mentions), patterns).matches())


class _NarrativeDate:
    """A paragraph that opens with a date ("On Friday, Russia and China issued statements
    ...") goes on telling that day: an asserted event later in the same paragraph with no
    date of its own takes the last date named there, at its precision."""

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


def _without_bare_statements(events: Iterable[Event]) -> list[Event]:
    """Drop "make a statement" (010) where the same source does something more specific in
    the same sentence ("issued statements condemning ...": the condemnation is the event)."""
    events = list(events)
    specific = {(e.sentence_index, e.source.code) for e in events if e.cameo != "010"}
    return [
        e for e in events if e.cameo != "010" or (e.sentence_index, e.source.code) not in specific
    ]


def _events_of(
    match: Match,
    tree: Tree,
    parsed: ParsedArticle,
    codes: dict[str, CodeInfo],
    locate: Locator | None,
) -> list[Event]:
    info = codes.get(match.pattern.cameo)
    if info is None:
        return []
    sentence = tree.sentence
    base = parsed.article.published
    event_date, precision = _event_date(match.trigger, tree, base)
    modality = modality_of(match.trigger, tree)
    if modality != "asserted":
        # An announced act is coded as the intention (03), threat (13) or refusal (12).
        announced = intent_code(info.cameo, stated_intent(match.trigger, tree))
        if announced is not None and announced in codes:
            info, modality = codes[announced], "asserted"
    location = locate(match.trigger, tree) if locate is not None else None
    targets: Sequence[Mention | None] = match.targets or _joint_parties(match, info) or (None,)
    events = []
    for source in match.sources:
        for found in targets:
            # A target that is the source itself ("Egypt extended the emergency in Sinai"
            # names Egypt twice) is no target; the event stands without one.
            same = found is not None and found.actor.code == source.actor.code
            target = None if same else found
            if target is None and len(targets) > 1:
                continue
            events.append(
                _event(
                    match, info, parsed, sentence, source, target, modality, event_date, precision
                )
            )
    return [replace(e, location=location) for e in events] if location else events


# Acts that parties do together when the sentence names no one else: "Serbia and Kosovo
# signed a trade deal", "Armenia and Azerbaijan held talks" are each party's act towards the
# other. Hostile roots are left out: "Russia and Syria launched air strikes" is not an
# attack on each other.
JOINT_ROOTS = frozenset({"03", "04", "05", "06"})


def _joint_parties(match: Match, info: CodeInfo) -> tuple[Mention, ...]:
    """The coordinated subjects of a joint act as each other's targets, or ()."""
    codes = {m.actor.code for m in match.sources}
    if info.root not in JOINT_ROOTS or len(codes) < 2 or len(codes) != len(match.sources):
        return ()
    return match.sources


def _event(
    match: Match,
    info: CodeInfo,
    parsed: ParsedArticle,
    sentence: Sentence,
    source: Mention,
    target: Mention | None,
    modality: str,
    event_date: str | None,
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
        date=event_date,
        date_precision=precision,  # type: ignore[arg-type]
        location=None,
        evidence=Evidence(
            text=sentence.text, start=sentence.start, end=sentence.end, trigger=trigger
        ),
        confidence=_confidence(match, target, modality),
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


def _confidence(match: Match, target: Mention | None, modality: str) -> float:
    """A heuristic in [0, 1]: higher for a specific pattern, a syntactic subject and a
    target found in the sentence; lower for event nouns and unasserted events."""
    score = 0.55
    score += 0.15 if target is not None else 0.0
    score += 0.1 if match.score >= 4 else 0.0  # an object, particle or preposition matched
    score += 0.1 if match.direct_source else 0.0
    score -= 0.1 if match.pattern.noun else 0.0
    score -= 0.1 if modality != "asserted" else 0.0
    score -= 0.1 if match.by == "model" else 0.0  # no pattern states it
    return round(min(max(score, 0.05), 0.95), 2)


def _event_date(trigger: Token, tree: Tree, base: date | None) -> tuple[str | None, str]:
    """The date named in the trigger's clause (or a clause above it), else the article's.
    An event noun also takes a date from anywhere in its phrase ("the summit in Hanoi,
    Vietnam February 27, 2019"); a verb only from its own time adjuncts ("on Friday")."""
    current: Token | None = trigger
    while current is not None:
        phrase = _date_phrase(
            current, tree, whole_phrase=current is trigger and current.pos != "VERB"
        )
        if phrase:
            resolved = resolve_date(phrase, base)
            if resolved:
                return resolved
        current = tree.head(current)
    return document_date(base)


TIME_PREPS = ("on", "in", "at", "during", "by", "through", "throughout")
TIME_DEPS = ("npadvmod", "tmod", "advmod", "obl")


def _date_phrase(head: Token, tree: Tree, whole_phrase: bool) -> str:
    """Text of the first run of DATE-entity tokens in the head's time adjuncts."""
    if whole_phrase:
        roots = [c for c in tree.kids(head) if c.dep not in CLAUSAL_DEPS]
    else:
        roots = [c for c in tree.kids(head, *TIME_DEPS) if c.ent_type == "DATE"]
        for prep in tree.kids(head, "prep"):
            if prep.lemma in TIME_PREPS:
                roots.extend(o for o in tree.kids(prep, "pobj") if o.ent_type == "DATE")
    found: list[Token] = []
    stack = list(roots)
    while stack:
        tok = stack.pop()
        if tok.ent_type == "DATE":
            found.append(tok)
        stack.extend(c for c in tree.kids(tok) if c.dep not in CLAUSAL_DEPS)
    if not found:
        return ""
    found.sort(key=lambda t: t.i)
    run = [found[0]]
    for tok in found[1:]:
        if tok.i != run[-1].i + 1:
            break
        run.append(tok)
    return " ".join(t.text for t in run)
