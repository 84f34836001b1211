"""How sure we are of an event: a heuristic score in [0, 1]."""

from __future__ import annotations

from newsevents.events.extract import Match
from newsevents.records import Mention


def confidence(match: Match, target: Mention | None, modality: str) -> float:
    """Higher for a specific pattern, a syntactic subject and a target found in the
    sentence; lower for event nouns, unasserted events and events no pattern states."""
    score = 0.55
    score += 0.15 if target is not None else 0.0
    score += 0.1 if match.score >= 4 else 0.0  # an object, particle or preposition matched
    score += 0.1 if match.direct_source else 0.0
    score -= 0.1 if match.pattern.noun else 0.0
    score -= 0.1 if modality != "asserted" else 0.0
    score -= 0.1 if match.by == "model" else 0.0  # no pattern states it
    return round(min(max(score, 0.05), 0.95), 2)
