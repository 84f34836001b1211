"""Sentence rows with actor spans: the PLV rows (source and target span texts, a PLOVER
type) and the ConfliBERT CAMEO rows (source, target and reciprocal character spans, a
QuadClass). Both are scored on the text of the event's actors, not on their codes.

A row is one gold event; rows that share a sentence are coded once. Old PLOVER names are
read as the current ones (YIELD as CONCEDE or RETREAT, as the PLOVER 2021 table split it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from newsevents.errors import EvaluationError

SpanFormat = Literal["plv-spans", "confli-spans"]
DEFAULT_DAY = date(2018, 1, 1)  # the rows carry no date; the reference scorer uses this one
SPAN_PLOVER: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "YIELD": ("CONCEDE", "RETREAT"),
        "DEMAND": ("REQUEST",),
        "DISAPPROVE": ("ACCUSE",),
        "INVESTIGATE": ("ACCUSE",),
        "FIGHT": ("ASSAULT",),
    }
)


@dataclass(frozen=True)
class SpanRow:
    """One gold event of a sentence: actor span texts and its kind (a PLOVER type or a
    QuadClass, 0 = neutral statement or appeal)."""

    record_id: str
    split_key: str
    text: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    reciprocal: tuple[str, ...] = ()
    plover: tuple[str, ...] = ()
    quad_class: int | None = None


@dataclass(frozen=True)
class SpanGold:
    name: str
    path: str
    format: SpanFormat
    rows: tuple[SpanRow, ...]
    day: date = DEFAULT_DAY


def span_format(record: Mapping[str, Any]) -> SpanFormat | None:
    """The span format of a JSONL record, or None."""
    if not isinstance(record.get("text"), str):
        return None
    if isinstance(record.get("plover"), str) and isinstance(record.get("source"), str):
        return "plv-spans"
    if isinstance(record.get("reciprocal"), list) and isinstance(record.get("source"), list):
        return "confli-spans"
    return None


def load_span_gold(path: Path, content: str, kind: SpanFormat) -> SpanGold:
    rows = []
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            record = _record(path, number, line)
            rows.append(_plv_row(record, number) if kind == "plv-spans" else _confli_row(record))
    return SpanGold(name=path.name, path=str(path), format=kind, rows=tuple(rows))


def _record(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvaluationError("E102", path=path, reason=f"line {number}: {exc.msg}") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise EvaluationError("E102", path=path, reason=f"line {number}: a row needs 'text'")
    return record


def _plv_row(record: dict[str, Any], number: int) -> SpanRow:
    record_id = str(record.get("id") or f"row-{number}")
    plover = str(record.get("plover") or "").strip().upper()
    return SpanRow(
        record_id=record_id,
        split_key=str(record.get("sentence_id") or record_id),
        text=record["text"],
        sources=_texts(record.get("source")),
        targets=_texts(record.get("target")),
        plover=SPAN_PLOVER.get(plover, (plover,)) if plover else (),
    )


def _confli_row(record: dict[str, Any]) -> SpanRow:
    record_id = str(record.get("id") or record["text"])
    quad = record.get("quad_class")
    return SpanRow(
        record_id=record_id,
        split_key=record_id,
        text=record["text"],
        sources=_texts(record.get("source")),
        targets=_texts(record.get("target")),
        reciprocal=_texts(record.get("reciprocal")),
        quad_class=int(quad) if isinstance(quad, int) else None,
    )


def _texts(value: Any) -> tuple[str, ...]:
    """Span texts from a string or a list of strings or {"text": ...} objects."""
    items = value if isinstance(value, list) else [value]
    texts = (item.get("text") if isinstance(item, dict) else item for item in items)
    return tuple(str(text) for text in texts if isinstance(text, str) and text.strip())
