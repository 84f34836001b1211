"""evaluation: score the coder (or any system's event records) on gold sets.

Four gold formats (told apart by their content): our document gold, the PLOVER GSR
records, PETRARCH-style validation XML and actor cases. Scoring is a pure function of the
gold and the system's event records (``Event.to_dict()``); running the coder is separate
(:func:`evaluate`), so another system's output can be scored the same way.

    >>> from newsevents.api import Coder
    >>> scores = evaluate([load_gold(Path("gold.json"))], Coder.load())  # doctest: +SKIP
    >>> print(report_json(scores))  # doctest: +SKIP
"""

from __future__ import annotations

from newsevents.errors import EvaluationError
from newsevents.evaluation.gold import (
    ActorGold,
    DocumentGold,
    GoldSet,
    SentenceGold,
    detect_format,
    load_gold,
)
from newsevents.evaluation.report import report_errors, report_json, report_tables
from newsevents.evaluation.results import (
    ActorSetScore,
    DocumentSetScore,
    LevelScore,
    SentenceSetScore,
    SetScore,
)
from newsevents.evaluation.run import evaluate, load_system_events
from newsevents.evaluation.score import (
    SystemDocument,
    score_actor_set,
    score_document_set,
    score_sentence_set,
    sector_matches,
)

__all__ = [
    "ActorGold",
    "ActorSetScore",
    "DocumentGold",
    "DocumentSetScore",
    "EvaluationError",
    "GoldSet",
    "LevelScore",
    "SentenceGold",
    "SentenceSetScore",
    "SetScore",
    "SystemDocument",
    "detect_format",
    "evaluate",
    "load_gold",
    "load_system_events",
    "report_errors",
    "report_json",
    "report_tables",
    "score_actor_set",
    "score_document_set",
    "score_sentence_set",
    "sector_matches",
]
