"""The scores of a gold set: frozen records with a ``to_dict`` for JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DECIMALS = 3  # the JSON and the table show the same rounded figures


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def f1_score(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class LevelScore:
    """Precision, recall and F1 at one level.

    ``gold_found`` of ``gold_total`` gold events are found at this level (recall);
    ``system_right`` of ``system_total`` system events are right at it (precision).
    ``correct`` of ``judged`` is the accuracy among the events that the level is judged on
    (for attribute levels: found events whose gold states the attribute)."""

    level: str
    label: str
    gold_found: int = 0
    gold_total: int = 0
    system_right: int = 0
    system_total: int = 0
    judged: int | None = None
    correct: int | None = None

    @property
    def precision(self) -> float | None:
        return ratio(self.system_right, self.system_total)

    @property
    def recall(self) -> float | None:
        return ratio(self.gold_found, self.gold_total)

    @property
    def f1(self) -> float | None:
        return f1_score(self.precision, self.recall)

    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct or 0, self.judged) if self.judged is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "accuracy": _round(self.accuracy),
            "gold_found": self.gold_found,
            "gold_total": self.gold_total,
            "system_right": self.system_right,
            "system_total": self.system_total,
            "judged": self.judged,
            "correct": self.correct,
        }


@dataclass(frozen=True)
class ErrorItem:
    """One miss, false event or partial match, with the sentence it is about."""

    kind: str  # miss, false, reversed dyad, partial, must-not-assert, boilerplate
    record: str  # document or record id
    sentence: str
    detail: str
    gold_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "record": self.record,
            "gold_id": self.gold_id,
            "detail": self.detail,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class DocumentSetScore:
    """Scores on a gold set of whole documents (our format)."""

    name: str
    path: str
    format: str
    documents: int
    required: int
    optional: int
    system_events: int
    neutral_events: int
    levels: tuple[LevelScore, ...]
    reversed_dyads: int
    must_not_assert: int
    asserted_must_not: int
    boilerplate_lines: int
    boilerplate_present: int | None
    boilerplate_events: int
    errors: tuple[ErrorItem, ...] = ()
    events_without_target: int = 0

    def counts(self) -> dict[str, int | None]:
        return {
            "events_without_target": self.events_without_target,
            "documents": self.documents,
            "required_events": self.required,
            "optional_events": self.optional,
            "system_events": self.system_events,
            "neutral_events": self.neutral_events,
            "reversed_dyads": self.reversed_dyads,
            "must_not_assert_statements": self.must_not_assert,
            "asserted_must_not_assert": self.asserted_must_not,
            "boilerplate_lines": self.boilerplate_lines,
            "boilerplate_lines_present": self.boilerplate_present,
            "boilerplate_events": self.boilerplate_events,
        }


@dataclass(frozen=True)
class SentenceSetScore:
    """Scores on a gold set of single sentences (PLOVER GSR, PETRARCH validation)."""

    name: str
    path: str
    format: str
    sentences: int
    skipped: int
    gold_events: int
    system_events: int
    no_event_sentences: int
    events_on_no_event_sentences: int
    levels: tuple[LevelScore, ...]
    errors: tuple[ErrorItem, ...] = ()
    events_without_target: int = 0

    def counts(self) -> dict[str, int | None]:
        return {
            "events_without_target": self.events_without_target,
            "sentences": self.sentences,
            "skipped": self.skipped,
            "gold_events": self.gold_events,
            "system_events": self.system_events,
            "no_event_sentences": self.no_event_sentences,
            "events_on_no_event_sentences": self.events_on_no_event_sentences,
        }


@dataclass(frozen=True)
class ActorSetScore:
    """Accuracy of actor resolution on phrase cases."""

    name: str
    path: str
    format: str
    cases: int
    skipped_empty: int
    skipped_no_text: int
    levels: tuple[LevelScore, ...]
    not_country_violations: int
    errors: tuple[ErrorItem, ...] = ()

    def counts(self) -> dict[str, int | None]:
        return {
            "cases": self.cases,
            "skipped_no_expectation": self.skipped_empty,
            "skipped_no_text": self.skipped_no_text,
            "expected_not_violations": self.not_country_violations,
        }


@dataclass(frozen=True)
class SpanSetScore:
    """Scores on sentence rows with actor spans (PLV, ConfliBERT CAMEO)."""

    name: str
    path: str
    format: str
    rows: int
    sentences: int
    system_events: int
    events_without_target: int
    levels: tuple[LevelScore, ...]
    errors: tuple[ErrorItem, ...] = ()

    def counts(self) -> dict[str, int | None]:
        return {
            "rows": self.rows,
            "sentences": self.sentences,
            "system_events": self.system_events,
            "events_without_target": self.events_without_target,
        }


SetScore = DocumentSetScore | SentenceSetScore | ActorSetScore | SpanSetScore


def set_to_dict(score: SetScore, with_errors: bool = False) -> dict[str, Any]:
    """The JSON form of one gold set's scores."""
    data: dict[str, Any] = {
        "name": score.name,
        "path": score.path,
        "format": score.format,
        "counts": score.counts(),
        "levels": {level.level: level.to_dict() for level in score.levels},
    }
    if with_errors:
        data["errors"] = [error.to_dict() for error in score.errors]
    return data


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)
