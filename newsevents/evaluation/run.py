"""Running the coder on gold sets (or reading another system's output) and scoring it.

The coder is loaded once by the caller and reused for every gold set; each set's texts go
through ``Coder.code_articles`` in one batch, so spaCy parses them with ``nlp.pipe``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from newsevents.config import Settings
from newsevents.errors import EvaluationError
from newsevents.evaluation.gold import (
    ActorGold,
    DocumentGold,
    GoldSet,
    SentenceGold,
)
from newsevents.evaluation.results import SetScore
from newsevents.evaluation.score import (
    SystemDocument,
    score_actor_set,
    score_document_set,
    score_sentence_set,
)
from newsevents.evaluation.span_score import score_span_set
from newsevents.evaluation.spans import SpanGold
from newsevents.records import Actor, Article, Event, RawDocument, Rejection

SystemEvents = Mapping[str, Sequence[Mapping[str, Any]]]


class EventCoder(Protocol):
    """What scoring needs of a coder: :class:`newsevents.coder.Coder` is one (the
    evaluation stage does not import the layers above it)."""

    settings: Settings

    def code_articles(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Event]]]: ...

    def code_actor(self, text: str, day: date | None = None) -> Actor | None: ...


def evaluate(
    golds: Iterable[GoldSet], coder: EventCoder | None = None, system: SystemEvents | None = None
) -> tuple[SetScore, ...]:
    """Scores of each gold set: of ``system`` (events by doc id) when given, else of the
    coder's output."""
    return tuple(evaluate_one(gold, coder, system) for gold in golds)


def evaluate_one(gold: GoldSet, coder: EventCoder | None, system: SystemEvents | None) -> SetScore:
    if isinstance(gold, ActorGold):
        if coder is None:
            raise EvaluationError("E107", path=gold.path)
        return score_actor_set(gold, code_actor_cases(gold, coder))
    if isinstance(gold, DocumentGold):
        if system is not None:
            outputs = {
                doc_id: SystemDocument(doc_id, tuple(events)) for doc_id, events in system.items()
            }
        else:
            outputs = code_documents(gold, _need(coder))
        return score_document_set(gold, outputs)
    if isinstance(gold, SpanGold):
        by_text = _by_text(gold, system) if system is not None else code_spans(gold, _need(coder))
        return score_span_set(gold, by_text)
    events = system if system is not None else code_sentences(gold, _need(coder))
    return score_sentence_set(gold, events)


def _by_text(gold: SpanGold, system: SystemEvents) -> dict[str, list[Mapping[str, Any]]]:
    """Another system's events (keyed by row id) keyed by the rows' texts."""
    by_text: dict[str, list[Mapping[str, Any]]] = {}
    for row in gold.rows:
        by_text.setdefault(row.text, list(system.get(row.record_id) or ()))
    return by_text


def _need(coder: EventCoder | None) -> EventCoder:
    if coder is None:
        raise ValueError("a Coder is needed to score gold without system output")
    return coder


def code_documents(gold: DocumentGold, coder: EventCoder) -> dict[str, SystemDocument]:
    """The coder's events and clean text for each gold document."""
    raws = [_raw(doc.doc_id, doc.origin, doc.text) for doc in gold.documents]
    days = [doc.day for doc in gold.documents]
    outputs = {doc.doc_id: SystemDocument(doc.doc_id, (), text="") for doc in gold.documents}
    for article, events in coder.code_articles(_clean_all(coder, raws, days)):
        outputs[article.doc_id] = SystemDocument(
            article.doc_id, tuple(event.to_dict() for event in events), text=article.text
        )
    return outputs


def code_sentences(gold: SentenceGold, coder: EventCoder) -> dict[str, list[dict[str, Any]]]:
    """The coder's events for each gold sentence, coded with the sentence's date."""
    raws = [_raw(s.record_id, f"{gold.path}#{s.record_id}", s.text) for s in gold.sentences]
    days = [s.day for s in gold.sentences]
    outputs: dict[str, list[dict[str, Any]]] = {s.record_id: [] for s in gold.sentences}
    for article, events in coder.code_articles(_clean_all(coder, raws, days)):
        outputs[article.doc_id] = [event.to_dict() for event in events]
    return outputs


def code_spans(gold: SpanGold, coder: EventCoder) -> dict[str, list[dict[str, Any]]]:
    """The coder's events for each distinct sentence of a span set (keyed by its text)."""
    texts = list(dict.fromkeys(row.text for row in gold.rows))
    ids = {text: f"s{n}" for n, text in enumerate(texts)}
    raws = [_raw(ids[text], f"{gold.path}#{ids[text]}", text) for text in texts]
    outputs: dict[str, list[dict[str, Any]]] = {text: [] for text in texts}
    text_of = {ident: text for text, ident in ids.items()}
    articles = _clean_all(coder, raws, [gold.day] * len(raws))
    for article, events in coder.code_articles(articles):
        outputs[text_of[article.doc_id]] = [event.to_dict() for event in events]
    return outputs


def code_actor_cases(gold: ActorGold, coder: EventCoder) -> dict[str, dict[str, Any] | None]:
    """The actor the coder resolves each case's phrase to (None when it finds none)."""
    predictions: dict[str, dict[str, Any] | None] = {}
    for case in gold.cases:
        actor = coder.code_actor(case.text, case.day)
        predictions[case.case_id] = actor.to_dict() if actor is not None else None
    return predictions


def _raw(doc_id: str, origin: str, text: str) -> RawDocument:
    from newsevents.ingest.decode import looks_like_html

    return RawDocument(
        doc_id=doc_id, origin=origin, content=text, kind="html" if looks_like_html(text) else "text"
    )


def _clean_all(
    coder: EventCoder, raws: Sequence[RawDocument], days: Sequence[Any]
) -> list[Article]:
    from newsevents.clean import clean_document

    cleaned = (
        clean_document(raw, day, coder.settings.max_chars)
        for raw, day in zip(raws, days, strict=True)
    )
    return [article for article in cleaned if not isinstance(article, Rejection)]


def load_system_events(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Event records (JSON lines, as ``newsevents code`` prints them) grouped by doc_id."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError("E104", path=path, line=0, reason=str(exc).splitlines()[0]) from None
    events: dict[str, list[dict[str, Any]]] = {}
    for number, line in enumerate(lines, start=1):
        if line.strip():
            event = _event_line(path, number, line)
            events.setdefault(str(event["doc_id"]), []).append(event)
    return events


def _event_line(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        event = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvaluationError("E104", path=path, line=number, reason=exc.msg) from None
    if not isinstance(event, dict) or "doc_id" not in event or "cameo" not in event:
        raise EvaluationError(
            "E104", path=path, line=number, reason="not an event record (needs doc_id and cameo)"
        )
    return event
