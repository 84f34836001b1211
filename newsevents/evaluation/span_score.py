"""Scoring sentence rows with actor spans, as ``../shared/scoring/score_spans.py`` does.

A system actor is on a gold span when their words overlap: at least half of the words of
the shorter of the two (lower-cased letters and digits) are shared. Per sentence:

* *full event*: an event of the row's kind (its PLOVER type, or its QuadClass with CAMEO
  01-02 as 0) whose source is on a gold source and whose target is on a gold target, or is
  rightly absent when the row names none; reciprocal spans count as source or target.
  Recall over rows; precision over events (an event is right when it is full for some row
  of its sentence).
* *source span* and *target span*: the distinct actor texts of the sentence's events
  against the gold spans (recall over gold spans, precision over system texts).
* *PLOVER type* (PLV): some event of the sentence has the row's type; *QuadClass*
  (ConfliBERT): the first event's QuadClass equals the row's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.evaluation.match import event_label
from newsevents.evaluation.results import ErrorItem, LevelScore, SpanSetScore
from newsevents.evaluation.spans import SpanGold, SpanRow

SystemEvent = Mapping[str, Any]
WORDS = re.compile(r"[a-z0-9]+")
NEUTRAL_ROOTS = ("01", "02")
LABELS = {
    "full": "full event (kind + source + target spans)",
    "source_span": "source span",
    "target_span": "target span",
    "plover": "PLOVER type",
    "quad": "QuadClass (first event)",
    "source_found": "row's source among the actors",
}


def words(text: str | None) -> set[str]:
    return set(WORDS.findall((text or "").lower()))


def spans_overlap(gold: str, system: str | None) -> bool:
    """At least half of the shorter span's distinct words are in the other."""
    a, b = words(gold), words(system)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.5


def actor_text(actor: Mapping[str, Any] | None) -> str:
    return str((actor or {}).get("text") or "")


def quad_of(event: SystemEvent) -> int | None:
    root = str(event.get("cameo_root") or str(event.get("cameo") or "")[:2])
    if root in NEUTRAL_ROOTS:
        return 0
    quad = event.get("quad_class")
    return int(quad) if isinstance(quad, int) else None


def kind_right(row: SpanRow, event: SystemEvent) -> bool:
    if row.plover:
        return str(event.get("plover") or "").upper() in row.plover
    return row.quad_class is None or quad_of(event) == row.quad_class


def full_match(row: SpanRow, event: SystemEvent) -> bool:
    """The event is the row's event: kind, source span and target span (or none)."""
    if not kind_right(row, event):
        return False
    source, target = actor_text(event.get("source")), actor_text(event.get("target"))
    sources, targets = row.sources + row.reciprocal, row.targets + row.reciprocal
    if not any(spans_overlap(g, source) for g in sources):
        return False
    if not targets:
        return not target
    return any(spans_overlap(g, target) for g in targets)


def score_span_set(gold: SpanGold, system: Mapping[str, Sequence[SystemEvent]]) -> SpanSetScore:
    """Scores of a span gold set; ``system`` maps each row's text to its sentence's events."""
    counts: Counter[str] = Counter()
    errors: list[ErrorItem] = []
    by_text: dict[str, list[SpanRow]] = {}
    for row in gold.rows:
        by_text.setdefault(row.text, []).append(row)
    for text, rows in by_text.items():
        events = list(system.get(text) or ())
        counts.update(_sentence_counts(rows, events))
        errors.extend(_errors(rows, events))
    return SpanSetScore(
        name=gold.name,
        path=gold.path,
        format=gold.format,
        rows=len(gold.rows),
        sentences=len(by_text),
        system_events=counts["events"],
        events_without_target=counts["no_target"],
        levels=_levels(gold, counts),
        errors=tuple(errors),
    )


def _sentence_counts(rows: list[SpanRow], events: list[SystemEvent]) -> Counter[str]:
    counts: Counter[str] = Counter({"events": len(events), "rows": len(rows)})
    counts["no_target"] = sum(1 for e in events if not e.get("target"))
    counts["found:full"] = sum(1 for row in rows if any(full_match(row, e) for e in events))
    counts["right:full"] = sum(1 for e in events if any(full_match(row, e) for row in rows))
    for role, gold_of in (("source", _gold_sources), ("target", _gold_targets)):
        golds = sorted({g for row in rows for g in gold_of(row)})
        texts = {actor_text(e.get(role)) for e in events} - {""}
        counts[f"gold:{role}_span"] += len(golds)
        counts[f"system:{role}_span"] += len(texts)
        counts[f"found:{role}_span"] += sum(
            1 for g in golds if any(spans_overlap(g, t) for t in texts)
        )
        counts[f"right:{role}_span"] += sum(
            1 for t in texts if any(spans_overlap(g, t) for g in golds)
        )
    counts["found:source_found"] = sum(
        1
        for row in rows
        if any(spans_overlap(g, actor_text(e.get("source"))) for g in row.sources for e in events)
    )
    typed = [row for row in rows if row.plover]
    counts["gold:plover"] = len(typed)
    counts["found:plover"] = sum(1 for row in typed if any(kind_right(row, e) for e in events))
    if typed:
        counts["system:plover"] = len(events)
        counts["right:plover"] = sum(1 for e in events if any(kind_right(r, e) for r in typed))
    quads = [row for row in rows if not row.plover and row.quad_class is not None]
    counts["gold:quad"] = len(quads)
    counts["found:quad"] = sum(
        1 for row in quads if events and quad_of(events[0]) == row.quad_class
    )
    return counts


def _gold_sources(row: SpanRow) -> tuple[str, ...]:
    return row.sources + row.reciprocal


def _gold_targets(row: SpanRow) -> tuple[str, ...]:
    return row.targets + row.reciprocal


def _levels(gold: SpanGold, counts: Counter[str]) -> tuple[LevelScore, ...]:
    levels = [
        LevelScore(
            "full",
            LABELS["full"],
            counts["found:full"],
            counts["rows"],
            counts["right:full"],
            counts["events"],
        ),
    ]
    for name in ("source_span", "target_span"):
        levels.append(
            LevelScore(
                name,
                LABELS[name],
                counts[f"found:{name}"],
                counts[f"gold:{name}"],
                counts[f"right:{name}"],
                counts[f"system:{name}"],
            )
        )
    if counts["gold:plover"]:
        levels.append(
            LevelScore(
                "plover",
                LABELS["plover"],
                counts["found:plover"],
                counts["gold:plover"],
                counts["right:plover"],
                counts["system:plover"],
            )
        )
        levels.append(
            LevelScore(
                "source_found", LABELS["source_found"], counts["found:source_found"], counts["rows"]
            )
        )
    if counts["gold:quad"]:
        levels.append(
            LevelScore(
                "quad", LABELS["quad"], judged=counts["gold:quad"], correct=counts["found:quad"]
            )
        )
    return tuple(levels)


def _errors(rows: list[SpanRow], events: list[SystemEvent]) -> list[ErrorItem]:
    got = "; ".join(_label(e) for e in events) or "no event"
    errors = [
        ErrorItem("miss", row.record_id, row.text, f"want {_want(row)}; got {got}")
        for row in rows
        if not any(full_match(row, e) for e in events)
    ]
    errors.extend(
        ErrorItem("false", rows[0].record_id, rows[0].text, _label(e))
        for e in events
        if not any(full_match(row, e) for row in rows)
    )
    return errors


def _want(row: SpanRow) -> str:
    kind = "/".join(row.plover) if row.plover else f"quad {row.quad_class}"
    sources = " | ".join(row.sources) or "-"
    targets = " | ".join(row.targets) or "-"
    mutual = f" (reciprocal: {' | '.join(row.reciprocal)})" if row.reciprocal else ""
    return f"[{sources}] -> [{targets}]{mutual} {kind}"


def _label(event: SystemEvent) -> str:
    source, target = actor_text(event.get("source")), actor_text(event.get("target"))
    return f"{event_label(event)} [{source or '-'}] -> [{target or '-'}]"
