"""The records a gold set holds: documents, sentences or actor cases with their gold
events (span rows are in :mod:`newsevents.evaluation.spans`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

GoldFormat = Literal[
    "newsevents", "plover-gsr", "petrarch", "actor-cases", "plv-spans", "confli-spans"
]


@dataclass(frozen=True)
class GoldEvent:
    """One gold event: the acceptable codes at each level. Empty ``plover`` or ``codes`` and
    a None ``modality`` or ``date`` mean the level is not scored for this event."""

    event_id: str
    required: bool
    source: tuple[str, ...]
    target: tuple[str, ...]
    roots: tuple[str, ...]
    plover: tuple[str, ...]
    modality: str | None
    date: str | None
    evidence: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldStatement:
    """A statement that must not be coded as an asserted event (conditional, negated...)."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    roots: tuple[str, ...]
    evidence: str
    why: str


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    day: date | None
    text: str
    origin: str
    events: tuple[GoldEvent, ...]
    must_not_assert: tuple[GoldStatement, ...]
    boilerplate: tuple[str, ...]


@dataclass(frozen=True)
class DocumentGold:
    """A gold set of whole documents (our format)."""

    name: str
    path: str
    documents: tuple[GoldDocument, ...]
    format: GoldFormat = "newsevents"


@dataclass(frozen=True)
class GoldSentence:
    """One short text with its gold events; no events means it codes none."""

    record_id: str
    day: date | None
    text: str
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class SentenceGold:
    """A gold set of single sentences (PLOVER GSR, PETRARCH validation records)."""

    name: str
    path: str
    format: GoldFormat
    sentences: tuple[GoldSentence, ...]
    skipped: int = 0


@dataclass(frozen=True)
class ActorCase:
    """A phrase and the actor it should resolve to. ``country`` "" means no country is
    expected, None that the case says nothing about the country; likewise ``sector``."""

    case_id: str
    text: str
    day: date | None
    country: str | None
    sector: str | None
    not_country: str | None = None


@dataclass(frozen=True)
class ActorGold:
    name: str
    path: str
    cases: tuple[ActorCase, ...]
    skipped_empty: int
    skipped_no_text: int
    format: GoldFormat = "actor-cases"
