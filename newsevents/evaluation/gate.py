"""The quality gate: scores on the check halves of the shared gold sets against floors
pinned in a baseline.

Only the check half of each development set is gated (the half whose sentences nobody
reads), and on it the whole-event figures first: the full event (and with its modality),
target recall, the span levels of span sets, and actor-resolution accuracy.

The baseline (``tests/quality_baseline.json``) holds a floor for every score (higher is
better) and a ceiling for every bad count (asserted must-not-assert events, events coded
from page furniture...), and a history of every change made by ``tools/update_baseline.py``.
Floors go up when scores go up; lowering one needs ``--lower --reason TEXT``, which is
recorded. A floor below the last value its history records was lowered by hand: the gate
test refuses that unless ``NEWSEVENTS_LOWER_FLOOR=1``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.errors import EvaluationError
from newsevents.evaluation.results import (
    ActorSetScore,
    DocumentSetScore,
    SentenceSetScore,
    SetScore,
)

if TYPE_CHECKING:
    from newsevents.evaluation.run import EventCoder

GATE_GOLD = (
    "gold/seeds_000_003.json",
    "gold/wikinews_2019_dev_a.json",
    "gold/wikinews_2019_dev_b.json",
    "gold/plover_gsr_cameo.json",
    "gold/plv_train.jsonl",
    "gold/confli_cameo_train.jsonl",
    "gold/actor_resolution_cases.jsonl",
)
GATE_SPLIT = "check"
# the levels pinned on document and sentence sets; span and actor sets pin every level
GATE_LEVELS = frozenset({"full", "full_modality", "targets", "target"})
LOWER_FLOOR_ENV = "NEWSEVENTS_LOWER_FLOOR"
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Baseline:
    floors: Mapping[str, float]
    ceilings: Mapping[str, float]
    history: tuple[Mapping[str, Any], ...] = ()
    about: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "floors": dict(sorted(self.floors.items())),
            "ceilings": dict(sorted(self.ceilings.items())),
            "history": list(self.history),
        }


@dataclass(frozen=True)
class GateMetrics:
    """Current values: scores (higher is better) and bad counts (lower is better)."""

    scores: Mapping[str, float] = field(default_factory=dict)
    counts: Mapping[str, float] = field(default_factory=dict)


def gate_metrics(sets: Sequence[SetScore]) -> GateMetrics:
    """The values the gate pins, named ``GOLDSET:level.stat`` (``seeds_000_003:event.f1``)."""
    scores: dict[str, float] = {}
    counts: dict[str, float] = {}
    for score in sets:
        prefix = Path(score.name.split(" [")[0]).stem
        for level in score.levels:
            if isinstance(score, (DocumentSetScore, SentenceSetScore)) and (
                level.level not in GATE_LEVELS
            ):
                continue
            stats = (
                {"accuracy": level.accuracy}
                if isinstance(score, ActorSetScore)
                else {"precision": level.precision, "recall": level.recall, "f1": level.f1}
            )
            scores.update(
                {
                    f"{prefix}:{level.level}.{stat}": value
                    for stat, value in stats.items()
                    if value is not None
                }
            )
        counts.update({f"{prefix}:{name}": value for name, value in _bad_counts(score).items()})
    return GateMetrics(scores=scores, counts=counts)


def _bad_counts(score: SetScore) -> dict[str, float]:
    if isinstance(score, DocumentSetScore):
        counts = {
            "asserted_must_not_assert": score.asserted_must_not,
            "boilerplate_events": score.boilerplate_events,
        }
        if score.boilerplate_present is not None:
            counts["boilerplate_lines_present"] = score.boilerplate_present
        return counts
    if isinstance(score, SentenceSetScore):
        return {"events_on_no_event_sentences": score.events_on_no_event_sentences}
    if isinstance(score, ActorSetScore):
        return {"expected_not_violations": score.not_country_violations}
    return {}


def check_gate(baseline: Baseline, current: GateMetrics) -> list[str]:
    """One line per score below its floor or count above its ceiling (empty: gate passes)."""
    failures = []
    for metric, floor in sorted(baseline.floors.items()):
        value = current.scores.get(metric)
        if value is None:
            failures.append(f"{metric}: no longer measured (floor {floor})")
        elif value < floor - TOLERANCE:
            failures.append(f"{metric}: {value:.4f} is below its floor {floor}")
    for metric, ceiling in sorted(baseline.ceilings.items()):
        value = current.counts.get(metric)
        if value is None:
            failures.append(f"{metric}: no longer measured (ceiling {ceiling})")
        elif value > ceiling + TOLERANCE:
            failures.append(f"{metric}: {value:g} is above its ceiling {ceiling:g}")
    return failures


def hand_lowered(baseline: Baseline) -> list[str]:
    """Floors below (ceilings above) the last value their history records: changed by hand,
    not through ``tools/update_baseline.py``."""
    recorded = last_recorded(baseline.history)
    lowered = [
        f"floor {metric}: {floor} < {recorded[metric]} recorded"
        for metric, floor in sorted(baseline.floors.items())
        if metric in recorded and floor < recorded[metric] - TOLERANCE
    ]
    lowered += [
        f"ceiling {metric}: {ceiling} > {recorded[metric]} recorded"
        for metric, ceiling in sorted(baseline.ceilings.items())
        if metric in recorded and ceiling > recorded[metric] + TOLERANCE
    ]
    return lowered


def last_recorded(history: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """The latest value that the history gives each metric."""
    recorded: dict[str, float] = {}
    for entry in history:
        for metric, (_, new) in (entry.get("metrics") or {}).items():
            if new is None:
                recorded.pop(metric, None)
            else:
                recorded[metric] = new
    return recorded


def floor_of(value: float) -> float:
    """A score rounded down to 0.01 (0.5833 -> 0.58), the floor that pins it."""
    return math.floor(value * 100 + TOLERANCE) / 100


def update_baseline(
    baseline: Baseline,
    current: GateMetrics,
    lower: bool = False,
    reason: str | None = None,
    today: date | None = None,
) -> Baseline:
    """Floors raised to current scores (rounded down to 0.01), ceilings cut to current
    counts. Loosening either raises E106 unless ``lower`` and a ``reason`` are given."""
    floors, ceilings = dict(baseline.floors), dict(baseline.ceilings)
    changes: dict[str, list[float | None]] = {}
    loosened: list[tuple[str, float, float | str]] = []
    for metric, value in current.scores.items():
        _apply(metric, floor_of(value), floors, changes, loosened, tighter=lambda n, o: n > o)
    for metric, value in current.counts.items():
        _apply(metric, float(value), ceilings, changes, loosened, tighter=lambda n, o: n < o)
    for pinned, measured in ((floors, current.scores), (ceilings, current.counts)):
        for metric in [m for m in pinned if m not in measured]:  # no longer measured
            loosened.append((metric, pinned[metric], "nothing (no longer measured)"))
            changes[metric] = [pinned.pop(metric), None]
    if loosened and not (lower and reason and reason.strip()):
        metric, old, new = loosened[0]
        raise EvaluationError("E106", metric=metric, old=old, new=new)
    if not changes:
        return baseline
    entry = {
        "date": (today or date.today()).isoformat(),
        "change": "lower" if loosened else "raise",
        "reason": (reason or "").strip() or "pinned to the current scores",
        "metrics": changes,
    }
    return Baseline(
        floors=floors, ceilings=ceilings, history=(*baseline.history, entry), about=baseline.about
    )


def _apply(
    metric: str,
    new: float,
    pinned: dict[str, float],
    changes: dict[str, list[float | None]],
    loosened: list[tuple[str, float, float | str]],
    tighter: Any,
) -> None:
    old = pinned.get(metric)
    if old is not None and abs(new - old) <= TOLERANCE:
        return
    if old is not None and not tighter(new, old):
        loosened.append((metric, old, new))
    pinned[metric] = new
    changes[metric] = [old, new]


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Baseline(
            floors={str(k): float(v) for k, v in data["floors"].items()},
            ceilings={str(k): float(v) for k, v in data.get("ceilings", {}).items()},
            history=tuple(data.get("history") or ()),
            about=str(data.get("about") or ""),
        )
    except FileNotFoundError:
        return Baseline(floors={}, ceilings={})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise EvaluationError("E105", path=path, reason=str(exc).splitlines()[0]) from None


def save_baseline(baseline: Baseline, path: Path) -> None:
    path.write_text(json.dumps(baseline.to_dict(), indent=2) + "\n", encoding="utf-8")


def gate_scores(shared: Path, coder: EventCoder) -> tuple[SetScore, ...]:
    """Scores of the coder on the check halves of the gate's gold sets under ``shared``."""
    from newsevents.evaluation.gold import load_gold
    from newsevents.evaluation.run import evaluate
    from newsevents.evaluation.split import split_gold

    golds = [split_gold(load_gold(shared / name), GATE_SPLIT) for name in GATE_GOLD]
    return evaluate(golds, coder)
