"""Scoring: a pure function of gold records and system event records (``Event.to_dict()``).

Document gold (our format) is matched event by event, one to one:

* a system event is *on* a gold event's sentence when its evidence span overlaps the gold
  evidence fragment found in the clean text (or, without the clean text or when the
  fragment is not found, when its evidence sentence contains the fragment, fuzzily);
* *sentence + kind*: on the sentence, and the CAMEO root or the PLOVER type is acceptable;
* *event found*: sentence + kind + the source country is acceptable;
* pairs are made greedily, best first, required gold events before optional ones; then
  the target, root, PLOVER, modality and date of each found event are judged.

Recall counts required gold events; events found for optional gold, and non-asserted events
on a must-not-assert statement, leave both counts of precision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsevents.actors.resolve import INTERNATIONAL_ROOTS
from newsevents.evaluation.gold import (
    ActorCase,
    ActorGold,
    DocumentGold,
    GoldDocument,
    GoldEvent,
    GoldSentence,
    GoldStatement,
    SentenceGold,
)
from newsevents.evaluation.match import (
    ANY,
    actor_label,
    actor_matches,
    date_matches,
    event_label,
    kind_matches,
    plover_matches,
    root_matches,
)
from newsevents.evaluation.results import (
    ActorSetScore,
    DocumentSetScore,
    ErrorItem,
    LevelScore,
    SentenceSetScore,
)
from newsevents.evaluation.text import (
    NormalisedText,
    contains_line,
    fuzzy_contains,
    line_present,
    locate,
    normalise_with_offsets,
    overlaps,
    sentence_around,
)

SystemEvent = Mapping[str, Any]
SentenceTest = Callable[[str, int], bool]  # (gold fragment, system event index) -> on it?
StatementHits = dict[int, tuple[bool, GoldStatement]]  # event index -> (asserted?, statement)
ATTRIBUTE_LEVELS = ("target", "root", "plover", "modality", "date")
SYMMETRIC_ROOTS = ("04",)  # a meeting: either direction is the event
DOCUMENT_LABELS = {
    "full": "full event (sentence + kind + source + target)",
    "full_modality": "full event + modality",
    "targets": "targets (gold events naming one)",
    "kind": "sentence + kind",
    "event": "event found (+ source country)",
    "target": "+ target country",
    "root": "+ CAMEO root",
    "plover": "+ PLOVER type",
    "modality": "+ modality",
    "date": "+ date",
}


@dataclass(frozen=True)
class SystemDocument:
    """The coder's output for one document: its events and, when known, the clean text
    that the evidence offsets refer to."""

    doc_id: str
    events: tuple[SystemEvent, ...]
    text: str | None = None


@dataclass(frozen=True)
class Pair:
    """A gold event and a system event on its sentence with the right kind."""

    gold: GoldEvent
    index: int
    source: bool
    checks: tuple[tuple[str, bool | None], ...]  # level -> right, or None when not judged
    confidence: float

    def priority(self) -> tuple[Any, ...]:
        right = sum(1 for _, ok in self.checks if ok)
        return (self.source, right, self.confidence, -self.index)


@dataclass(frozen=True)
class DocumentTally:
    counts: Counter[str]
    errors: tuple[ErrorItem, ...]


# --- document sets ------------------------------------------------------------------------


def score_document_set(
    gold: DocumentGold, system: Mapping[str, SystemDocument]
) -> DocumentSetScore:
    """Scores of a document gold set; documents missing from ``system`` have no events."""
    counts: Counter[str] = Counter()
    errors: list[ErrorItem] = []
    for document in gold.documents:
        output = system.get(document.doc_id) or SystemDocument(document.doc_id, ())
        tally = score_document(document, output)
        counts.update(tally.counts)
        errors.extend(tally.errors)
    return DocumentSetScore(
        name=gold.name,
        path=gold.path,
        format=gold.format,
        documents=len(gold.documents),
        required=counts["required"],
        optional=counts["optional"],
        system_events=counts["system"],
        neutral_events=counts["neutral"],
        levels=_document_levels(counts),
        reversed_dyads=counts["reversed"],
        must_not_assert=counts["statements"],
        asserted_must_not=counts["asserted_must_not"],
        boilerplate_lines=counts["boilerplate_lines"],
        boilerplate_present=None if counts["no_text"] else counts["boilerplate_present"],
        boilerplate_events=counts["boilerplate_events"],
        errors=tuple(errors),
        events_without_target=counts["no_target"],
    )


def _document_levels(counts: Counter[str]) -> tuple[LevelScore, ...]:
    denominator = counts["system"] - counts["neutral"]
    levels = [
        LevelScore(
            level=level,
            label=DOCUMENT_LABELS[level],
            gold_found=counts[f"found:{level}"],
            gold_total=counts["required"],
            system_right=counts[f"right:{level}"],
            system_total=counts["system"],
        )
        for level in ("full", "full_modality")
    ]
    levels.append(
        LevelScore(
            level="targets",
            label=DOCUMENT_LABELS["targets"],
            gold_found=counts["found:targets"],
            gold_total=counts["gold:targets"],
        )
    )
    for level, label in DOCUMENT_LABELS.items():
        if level in ("full", "full_modality", "targets"):
            continue
        judged = counts[f"judged:{level}"] if level != "kind" else None
        right = counts[f"right:{level}"]
        levels.append(
            LevelScore(
                level=level,
                label=label,
                gold_found=right,
                gold_total=counts["required"],
                system_right=right,
                system_total=denominator,
                judged=judged,
                correct=counts[f"correct:{level}"] if judged is not None else None,
            )
        )
    return tuple(levels)


def score_document(document: GoldDocument, output: SystemDocument) -> DocumentTally:
    """Counts and errors of one document (see the module docstring for the rules)."""
    text = normalise_with_offsets(output.text) if output.text is not None else None
    events = output.events
    on_sentence = _sentence_finder(text, events)
    required = [g for g in document.events if g.required]
    optional = [g for g in document.events if not g.required]
    found_required, aligned = _align(required, events, on_sentence, taken=set())
    taken = {pair.index for pair in found_required}
    found_optional, _ = _align(optional, events, on_sentence, taken=set(taken))
    taken |= {pair.index for pair in found_optional}
    statements = _statement_hits(document.must_not_assert, events, on_sentence)
    neutral = {i for i, (asserted, _) in statements.items() if not asserted and i not in taken}
    counts = _base_counts(document, output, len(found_optional) + len(neutral))
    counts.update(_level_counts(found_required, aligned))
    counts.update(full_event_counts(document, events, on_sentence))
    errors = _document_errors(
        document, output, text, found_required, aligned, taken | neutral, statements, on_sentence
    )
    counts["reversed"] = sum(1 for e in errors if e.kind == "reversed dyad")
    counts["asserted_must_not"] = sum(1 for asserted, _ in statements.values() if asserted)
    counts.update(_boilerplate_counts(document, output))
    return DocumentTally(counts=counts, errors=tuple(errors))


def _sentence_finder(text: NormalisedText | None, events: Sequence[SystemEvent]) -> SentenceTest:
    """``on_sentence(fragment, i)``: is system event ``i`` on the sentence of ``fragment``?"""
    located: dict[str, tuple[tuple[int, int], ...]] = {}

    def on_sentence(fragment: str, index: int) -> bool:
        evidence = events[index].get("evidence") or {}
        if fragment not in located:
            located[fragment] = locate(fragment, text) if text is not None else ()
        spans = located[fragment]
        start, end = evidence.get("start"), evidence.get("end")
        if spans and isinstance(start, int) and isinstance(end, int):
            return overlaps(start, end, spans)
        return fuzzy_contains(fragment, str(evidence.get("text") or ""))

    return on_sentence


def _align(
    gold: Sequence[GoldEvent],
    events: Sequence[SystemEvent],
    on_sentence: SentenceTest,
    taken: set[int],
) -> tuple[list[Pair], list[Pair]]:
    """Greedy one-to-one pairs, best first: (found pairs, all sentence+kind pairs made)."""
    candidates = [
        _pair(g, i, events[i])
        for g in gold
        for i in range(len(events))
        if i not in taken
        and kind_matches(g.roots, g.plover, events[i])
        and on_sentence(g.evidence, i)
    ]
    candidates.sort(key=Pair.priority, reverse=True)
    done: set[str] = set()
    aligned = []
    for pair in candidates:
        if pair.gold.event_id in done or pair.index in taken:
            continue
        done.add(pair.gold.event_id)
        taken.add(pair.index)
        aligned.append(pair)
    return [p for p in aligned if p.source], aligned


def _pair(gold: GoldEvent, index: int, event: SystemEvent) -> Pair:
    return Pair(
        gold=gold,
        index=index,
        source=actor_matches(gold.source, event.get("source")),
        checks=judge_attributes(gold, event),
        confidence=float(event.get("confidence") or 0.0),
    )


def judge_attributes(gold: GoldEvent, event: SystemEvent) -> tuple[tuple[str, bool | None], ...]:
    """Right (True), wrong (False) or not judged (None) at each attribute level."""
    return (
        ("target", actor_matches(gold.target, event.get("target"))),
        ("root", root_matches(gold.roots, event)),
        ("plover", plover_matches(gold.plover, event) if gold.plover else None),
        ("modality", event.get("modality") == gold.modality if gold.modality else None),
        ("date", date_matches(gold.date, event.get("date")) if gold.date else None),
    )


def full_event_counts(
    document: GoldDocument, events: Sequence[SystemEvent], on_sentence: SentenceTest
) -> Counter[str]:
    """The headline: gold events found whole (sentence, kind, source and target, or rightly
    none), one to one, required first; with and without the modality. An event is right when
    it is a whole gold event (required or optional), or a must-not-assert statement coded
    as not asserted. Also how many gold targets are found, and events without a target."""
    counts: Counter[str] = Counter()
    for suffix, need_modality in (("full", False), ("full_modality", True)):
        taken: set[int] = set()
        for required in (True, False):
            golds = [g for g in document.events if g.required is required]
            found = _whole_pairs(golds, events, on_sentence, taken, need_modality)
            counts[f"found:{suffix}"] += len(found) if required else 0
            counts[f"right:{suffix}"] += len(found)
        counts[f"right:{suffix}"] += sum(
            1
            for index, event in enumerate(events)
            if index not in taken
            and event.get("modality") != "asserted"
            and any(
                _whole_statement(s, event, index, on_sentence) for s in document.must_not_assert
            )
        )
    named = [g for g in document.events if g.required and ANY not in g.target]
    counts["gold:targets"] = len(named)
    counts["found:targets"] = sum(
        1
        for gold in named
        if any(
            kind_matches(gold.roots, gold.plover, event)
            and actor_matches(gold.target, event.get("target"))
            and on_sentence(gold.evidence, index)
            for index, event in enumerate(events)
        )
    )
    counts["no_target"] = sum(1 for event in events if not event.get("target"))
    return counts


def whole_match(gold: GoldEvent, event: SystemEvent) -> bool:
    """Kind, source and target right (a meeting also the other way round); the sentence is
    checked by the caller."""
    if not kind_matches(gold.roots, gold.plover, event):
        return False
    source, target = event.get("source"), event.get("target")
    if actor_matches(gold.source, source) and actor_matches(gold.target, target):
        return True
    symmetric = bool(gold.roots) and gold.roots[0] in SYMMETRIC_ROOTS
    return symmetric and actor_matches(gold.source, target) and actor_matches(gold.target, source)


def _whole_pairs(
    golds: Sequence[GoldEvent],
    events: Sequence[SystemEvent],
    on_sentence: SentenceTest,
    taken: set[int],
    need_modality: bool,
) -> list[tuple[GoldEvent, int]]:
    """Greedy one-to-one pairs of whole matches, most confident event first."""
    order = sorted(range(len(events)), key=lambda i: -float(events[i].get("confidence") or 0))
    pairs = []
    for gold in golds:
        for index in order:
            event = events[index]
            if index in taken or not whole_match(gold, event):
                continue
            if need_modality and gold.modality and event.get("modality") != gold.modality:
                continue
            if on_sentence(gold.evidence, index):
                taken.add(index)
                pairs.append((gold, index))
                break
    return pairs


def _whole_statement(
    statement: GoldStatement, event: SystemEvent, index: int, on_sentence: SentenceTest
) -> bool:
    return (
        root_matches(statement.roots, event)
        and actor_matches(statement.source, event.get("source"))
        and actor_matches(statement.target, event.get("target"))
        and on_sentence(statement.evidence, index)
    )


def _level_counts(found: list[Pair], aligned: list[Pair]) -> Counter[str]:
    counts: Counter[str] = Counter()
    required_aligned = [p for p in aligned if p.gold.required]
    counts["right:kind"] = len(required_aligned)
    counts["right:event"] = counts["correct:event"] = len(found)
    counts["judged:event"] = len(required_aligned)
    for pair in found:
        for level, ok in pair.checks:
            counts[f"right:{level}"] += ok is not False
            counts[f"judged:{level}"] += ok is not None
            counts[f"correct:{level}"] += ok is True
    return counts


def _base_counts(document: GoldDocument, output: SystemDocument, neutral: int) -> Counter[str]:
    return Counter(
        {
            "required": sum(1 for g in document.events if g.required),
            "optional": sum(1 for g in document.events if not g.required),
            "system": len(output.events),
            "neutral": neutral,
            "statements": len(document.must_not_assert),
        }
    )


def _statement_hits(
    statements: Sequence[GoldStatement], events: Sequence[SystemEvent], on_sentence: SentenceTest
) -> StatementHits:
    """System events on a must-not-assert statement (same sentence, listed root and source
    country): index -> (asserted?, statement)."""
    hits: StatementHits = {}
    for statement in statements:
        for index, event in enumerate(events):
            if index in hits:
                continue
            if (
                root_matches(statement.roots, event)
                and actor_matches(statement.source, event.get("source"))
                and on_sentence(statement.evidence, index)
            ):
                hits[index] = (event.get("modality") == "asserted", statement)
    return hits


def _boilerplate_counts(document: GoldDocument, output: SystemDocument) -> Counter[str]:
    counts: Counter[str] = Counter({"boilerplate_lines": len(document.boilerplate)})
    if output.text is None:
        counts["no_text"] = 1
    else:
        counts["boilerplate_present"] = sum(
            1 for line in document.boilerplate if line_present(line, output.text)
        )
    counts["boilerplate_events"] = sum(
        1 for event in output.events if _from_boilerplate(document, event)
    )
    return counts


def _from_boilerplate(document: GoldDocument, event: SystemEvent) -> bool:
    sentence = str((event.get("evidence") or {}).get("text") or "")
    return any(contains_line(sentence, line) for line in document.boilerplate)


# --- document errors ----------------------------------------------------------------------


def _document_errors(
    document: GoldDocument,
    output: SystemDocument,
    text: NormalisedText | None,
    found: list[Pair],
    aligned: list[Pair],
    matched: set[int],
    statements: StatementHits,
    on_sentence: SentenceTest,
) -> list[ErrorItem]:
    events = output.events
    found_ids = {pair.gold.event_id for pair in found}
    errors = []
    for gold in document.events:
        if gold.required and gold.event_id not in found_ids:
            errors.append(_miss(document, output, text, gold, aligned, on_sentence))
    errors.extend(
        _partial(document.doc_id, events, pair)
        for pair in found
        if pair.gold.required and _wrong_levels(pair)
    )
    for index, event in enumerate(events):
        if index not in matched:
            errors.append(_false(document, event, index, aligned, statements))
        elif statements.get(index, (False, None))[0]:
            errors.append(_asserted_statement(document.doc_id, event, statements[index][1]))
        elif _from_boilerplate(document, event):
            errors.append(
                ErrorItem(
                    "boilerplate",
                    document.doc_id,
                    _sentence_of(event),
                    f"{event_label(event)}: coded from page furniture",
                )
            )
    return errors


def _miss(
    document: GoldDocument,
    output: SystemDocument,
    text: NormalisedText | None,
    gold: GoldEvent,
    aligned: list[Pair],
    on_sentence: SentenceTest,
) -> ErrorItem:
    sentence = _gold_sentence(gold.evidence, output.text, text)
    pair = next((p for p in aligned if p.gold.event_id == gold.event_id), None)
    want = _want(gold)
    if pair is not None:
        event = output.events[pair.index]
        kind = "reversed dyad" if is_reversed(gold, event) else "miss"
        why = "reversed dyad" if kind == "reversed dyad" else "wrong source"
        return ErrorItem(
            kind,
            document.doc_id,
            sentence,
            f"{why}: want {want}; got {event_label(event)}",
            gold.event_id,
        )
    nearby = [event_label(e) for i, e in enumerate(output.events) if on_sentence(gold.evidence, i)]
    detail = (
        f"wrong kind: want {want}; got {'; '.join(nearby)}"
        if nearby
        else (f"no event on the sentence: want {want}")
    )
    return ErrorItem("miss", document.doc_id, sentence, detail, gold.event_id)


def is_reversed(gold: GoldEvent, event: SystemEvent) -> bool:
    """Source and target swapped: the system source is a (specific) gold target and the
    system target a gold source."""
    targets = tuple(code for code in gold.target if code != ANY)
    sources = tuple(code for code in gold.source if code != ANY)
    return (
        bool(targets and sources)
        and actor_matches(targets, event.get("source"))
        and (actor_matches(sources, event.get("target")))
    )


def _wrong_levels(pair: Pair) -> list[str]:
    return [level for level, ok in pair.checks if ok is False]


def _partial(doc_id: str, events: Sequence[SystemEvent], pair: Pair) -> ErrorItem:
    event = events[pair.index]
    wrong = ", ".join(_wrong_levels(pair))
    return ErrorItem(
        "partial",
        doc_id,
        _sentence_of(event),
        f"wrong {wrong}: want {_want(pair.gold)}; got {event_label(event)}",
        pair.gold.event_id,
    )


def _false(
    document: GoldDocument,
    event: SystemEvent,
    index: int,
    aligned: list[Pair],
    statements: StatementHits,
) -> ErrorItem:
    pair = next((p for p in aligned if p.index == index), None)
    if index in statements and statements[index][0]:
        return _asserted_statement(document.doc_id, event, statements[index][1])
    if _from_boilerplate(document, event):
        return ErrorItem(
            "boilerplate",
            document.doc_id,
            _sentence_of(event),
            f"{event_label(event)}: coded from page furniture",
        )
    if pair is not None:
        why = "reversed dyad of" if is_reversed(pair.gold, event) else "wrong source for"
        detail = f"{event_label(event)}: {why} {pair.gold.event_id} (want {_want(pair.gold)})"
        return ErrorItem("false", document.doc_id, _sentence_of(event), detail, pair.gold.event_id)
    return ErrorItem(
        "false",
        document.doc_id,
        _sentence_of(event),
        f"{event_label(event)}: no gold event like it on this sentence",
    )


def _asserted_statement(doc_id: str, event: SystemEvent, statement: GoldStatement) -> ErrorItem:
    return ErrorItem(
        "must-not-assert",
        doc_id,
        _sentence_of(event),
        f"{event_label(event)}: asserted, but {statement.why or 'it must not be'}",
    )


def _want(gold: GoldEvent) -> str:
    parts = ["/".join(gold.source), "->", "/".join(gold.target), "/".join(gold.roots)]
    parts += ["/".join(gold.plover)] if gold.plover else []
    parts += [p for p in (gold.modality, gold.date) if p]
    return " ".join(parts)


def _sentence_of(event: SystemEvent) -> str:
    return " ".join(str((event.get("evidence") or {}).get("text") or "").split())


def _gold_sentence(fragment: str, raw: str | None, text: NormalisedText | None) -> str:
    spans = locate(fragment, text) if text is not None and raw is not None else ()
    if spans and raw is not None:
        return sentence_around(raw, *spans[0])
    return " ".join(fragment.split())


# --- sentence sets ------------------------------------------------------------------------

EventTest = Callable[[GoldEvent, SystemEvent], bool]
SENTENCE_LEVELS: tuple[tuple[str, str, Callable[[GoldEvent], bool], EventTest], ...] = (
    (
        "full",
        "full event (kind + source + target)",
        lambda g: True,
        lambda g, e: (
            kind_matches(g.roots, g.plover, e)
            and actor_matches(g.source, e.get("source"))
            and actor_matches(g.target, e.get("target"))
        ),
    ),
    ("sentence", "sentence has an event", lambda g: True, lambda g, e: True),
    (
        "kind",
        "kind (root or PLOVER)",
        lambda g: bool(g.roots or g.plover),
        lambda g, e: kind_matches(g.roots, g.plover, e),
    ),
    ("root", "CAMEO root", lambda g: bool(g.roots), lambda g, e: root_matches(g.roots, e)),
    ("plover", "PLOVER type", lambda g: bool(g.plover), lambda g, e: plover_matches(g.plover, e)),
    (
        "source",
        "source country",
        lambda g: ANY not in g.source,
        lambda g, e: actor_matches(g.source, e.get("source")),
    ),
    (
        "target",
        "target country",
        lambda g: ANY not in g.target,
        lambda g, e: actor_matches(g.target, e.get("target")),
    ),
    (
        "event",
        "event (kind + source)",
        lambda g: True,
        lambda g, e: (
            kind_matches(g.roots, g.plover, e) and actor_matches(g.source, e.get("source"))
        ),
    ),
    (
        "code",
        "exact CAMEO code + dyad",
        lambda g: bool(g.codes),
        lambda g, e: (
            str(e.get("cameo")) in g.codes
            and actor_matches(g.source, e.get("source"))
            and actor_matches(g.target, e.get("target"))
        ),
    ),
)


def score_sentence_set(
    gold: SentenceGold, system: Mapping[str, Sequence[SystemEvent]]
) -> SentenceSetScore:
    """Scores of a sentence gold set; ``system`` maps record ids to their events.

    At each level a gold event is found when any event of its sentence is right at that
    level, and a system event is right when it is right for any gold event of its sentence
    (sentences without gold events make every event there wrong). Levels that no gold
    event states (a PLOVER type in PETRARCH suites, exact codes in the GSR) are left out."""
    counts: Counter[str] = Counter()
    errors: list[ErrorItem] = []
    for sentence in gold.sentences:
        events = list(system.get(sentence.record_id) or ())
        counts.update(_sentence_counts(sentence, events))
        errors.extend(_sentence_errors(sentence, events))
    levels = tuple(
        LevelScore(
            level=name,
            label=label,
            gold_found=counts[f"found:{name}"],
            gold_total=counts[f"gold:{name}"],
            system_right=counts[f"right:{name}"],
            system_total=counts[f"system:{name}"],
        )
        for name, label, _, _ in SENTENCE_LEVELS
        if counts[f"gold:{name}"]
    )
    return SentenceSetScore(
        name=gold.name,
        path=gold.path,
        format=gold.format,
        sentences=len(gold.sentences),
        skipped=gold.skipped,
        gold_events=counts["gold:sentence"],
        system_events=counts["system"],
        no_event_sentences=counts["no_event_sentences"],
        events_on_no_event_sentences=counts["events_on_no_event_sentences"],
        levels=levels,
        errors=tuple(errors),
        events_without_target=counts["no_target"],
    )


def _sentence_counts(sentence: GoldSentence, events: list[SystemEvent]) -> Counter[str]:
    counts: Counter[str] = Counter({"system": len(events)})
    counts["no_target"] = sum(1 for e in events if not e.get("target"))
    if not sentence.events:
        counts["no_event_sentences"] = 1
        counts["events_on_no_event_sentences"] = len(events)
    for name, _, judged, test in SENTENCE_LEVELS:
        golds = [g for g in sentence.events if judged(g)]
        counts[f"gold:{name}"] += len(golds)
        counts[f"found:{name}"] += sum(1 for g in golds if any(test(g, e) for e in events))
        if golds or not sentence.events:
            counts[f"system:{name}"] += len(events)
            counts[f"right:{name}"] += sum(1 for e in events if any(test(g, e) for g in golds))
    return counts


def _sentence_errors(sentence: GoldSentence, events: list[SystemEvent]) -> list[ErrorItem]:
    test = dict((name, test) for name, _, _, test in SENTENCE_LEVELS)["full"]
    got = "; ".join(event_label(e) for e in events) or "no event"
    errors = [
        ErrorItem(
            "miss", sentence.record_id, sentence.text, f"want {_want(g)}; got {got}", g.event_id
        )
        for g in sentence.events
        if not any(test(g, e) for e in events)
    ]
    errors.extend(
        ErrorItem("false", sentence.record_id, sentence.text, event_label(e))
        for e in events
        if not any(test(g, e) for g in sentence.events)
    )
    return errors


# --- actor cases --------------------------------------------------------------------------


def score_actor_set(
    gold: ActorGold, predictions: Mapping[str, Mapping[str, Any] | None]
) -> ActorSetScore:
    """Accuracy of country and sector on the cases that state them, and of giving no
    country where none is expected. ``predictions`` maps case ids to actor records."""
    counts: Counter[str] = Counter()
    errors: list[ErrorItem] = []
    for case in gold.cases:
        actor = predictions.get(case.case_id)
        for level, right in _actor_checks(case, actor):
            counts[f"judged:{level}"] += 1
            counts[f"correct:{level}"] += right
            if not right:
                errors.append(_actor_error(case, actor, level))
        if case.not_country and actor and actor.get("country") == case.not_country:
            counts["violations"] += 1
    labels = {
        "country": "country (cases that name one)",
        "sector": "sector (first block)",
        "no_country": "no country where none expected",
    }
    levels = tuple(
        LevelScore(
            level=level,
            label=label,
            judged=counts[f"judged:{level}"],
            correct=counts[f"correct:{level}"],
        )
        for level, label in labels.items()
    )
    return ActorSetScore(
        name=gold.name,
        path=gold.path,
        format=gold.format,
        cases=len(gold.cases),
        skipped_empty=gold.skipped_empty,
        skipped_no_text=gold.skipped_no_text,
        levels=levels,
        not_country_violations=counts["violations"],
        errors=tuple(errors),
    )


def _actor_checks(case: ActorCase, actor: Mapping[str, Any] | None) -> list[tuple[str, bool]]:
    checks = []
    if case.country:
        checks.append(("country", actor_matches((case.country,), actor)))
    elif case.country == "":
        checks.append(("no_country", not (actor and actor.get("country"))))
    if case.sector:
        checks.append(("sector", sector_matches(case.sector, actor)))
    return checks


# NGEC's agent scheme: UNK is an actor of unknown kind ("two men", "he"), JNK a phrase that
# names no actor ("yesterday"); international roots (INTERNATIONAL_ROOTS) stand where CAMEO
# puts a country.
UNKNOWN_SECTOR, NO_ACTOR = "UNK", "JNK"


def sector_matches(expected: str, actor: Mapping[str, Any] | None) -> bool:
    """Whether the actor's first sector block is the case's ``code_1``, read in NGEC's
    scheme: JNK wants no actor, UNK an actor with no sector (or none at all), and an
    international root (NGO for the Red Crescent) the actor's code root with no country."""
    expected = expected[:3].upper()
    sector = str((actor or {}).get("sector") or "")[:3].upper()
    if expected == NO_ACTOR:
        return not actor
    if expected == UNKNOWN_SECTOR:
        return not sector
    if expected in INTERNATIONAL_ROOTS and actor and not actor.get("country"):
        return str(actor.get("code") or "").upper().startswith(expected)
    return sector == expected


def _actor_error(case: ActorCase, actor: Mapping[str, Any] | None, level: str) -> ErrorItem:
    want = {"country": case.country, "sector": case.sector, "no_country": "no country"}[level]
    return ErrorItem(
        "miss", case.case_id, case.text, f"{level}: want {want}; got {actor_label(actor)}"
    )
