"""Scores as rich tables, as JSON, and as an error listing. Nothing here prints: the CLI
does."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from newsevents import __version__
from newsevents.evaluation.results import (
    DECIMALS,
    ActorSetScore,
    DocumentSetScore,
    ErrorItem,
    LevelScore,
    SentenceSetScore,
    SetScore,
    SpanSetScore,
    set_to_dict,
)


def report_json(scores: Sequence[SetScore], with_errors: bool = False) -> str:
    """The scores of every gold set as one JSON document."""
    data = {
        "newsevents": __version__,
        "gold_sets": [set_to_dict(score, with_errors) for score in scores],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def report_tables(scores: Sequence[SetScore]) -> list[RenderableType]:
    """One table per gold set, each followed by its counts."""
    return [_set_table(score) for score in scores]


def _set_table(score: SetScore) -> RenderableType:
    title = f"{score.name} ({score.format})"
    if isinstance(score, ActorSetScore):
        table = _accuracy_table(title, score.levels)
    else:
        table = _level_table(title, score.levels)
    return Group(table, Text(summary(score), style="dim"), Text(""))


def _level_table(title: str, levels: Sequence[LevelScore]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    for header in ("level", "P", "R", "F1", "accuracy", "found/gold", "right/system"):
        table.add_column(header, justify="left" if header == "level" else "right")
    for level in levels:
        table.add_row(
            level.label,
            _number(level.precision),
            _number(level.recall),
            _number(level.f1),
            _accuracy(level),
            f"{level.gold_found}/{level.gold_total}",
            f"{level.system_right}/{level.system_total}",
        )
    return table


def _accuracy_table(title: str, levels: Sequence[LevelScore]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    for header in ("level", "accuracy", "correct/cases"):
        table.add_column(header, justify="left" if header == "level" else "right")
    for level in levels:
        table.add_row(level.label, _number(level.accuracy), f"{level.correct}/{level.judged}")
    return table


def summary(score: SetScore) -> str:
    """The counts of a gold set in a sentence or two."""
    if isinstance(score, DocumentSetScore):
        present = "?" if score.boilerplate_present is None else str(score.boilerplate_present)
        return (
            f"{score.documents} documents; {score.required} required and {score.optional} "
            f"optional gold events; {score.system_events} system events, {score.neutral_events} "
            f"neutral (matched optional gold, or a must-not-assert statement not asserted). "
            f"Reversed dyads: {score.reversed_dyads}. Asserted must-not-assert events: "
            f"{score.asserted_must_not} (on {score.must_not_assert} statements). Page furniture: "
            f"{present} of {score.boilerplate_lines} boilerplate lines left in the clean text, "
            f"{score.boilerplate_events} events coded from it. {_no_target(score)}"
        )
    if isinstance(score, SentenceSetScore):
        return (
            f"{score.sentences} sentences (records skipped: {score.skipped}); "
            f"{score.gold_events} gold events; {score.system_events} system events; "
            f"{score.no_event_sentences} sentences that code no event, with "
            f"{score.events_on_no_event_sentences} events coded there. {_no_target(score)}"
        )
    if isinstance(score, SpanSetScore):
        share = score.events_without_target / score.system_events if score.system_events else 0
        return (
            f"{score.rows} gold rows on {score.sentences} sentences; {score.system_events} system "
            f"events, {score.events_without_target} ({share:.0%}) without a target."
        )
    return (
        f"{score.cases} cases scored; skipped {score.skipped_empty} with no country or sector "
        f"expected and {score.skipped_no_text} without text; expected_not violated "
        f"{score.not_country_violations} times."
    )


def _no_target(score: DocumentSetScore | SentenceSetScore) -> str:
    share = score.events_without_target / score.system_events if score.system_events else 0.0
    return f"System events without a target: {score.events_without_target} ({share:.0%})."


def report_errors(scores: Sequence[SetScore]) -> list[str]:
    """Every miss, false event and partial match, with its sentence, as plain lines."""
    lines: list[str] = []
    for score in scores:
        lines.append(f"== {score.name}: {len(score.errors)} errors")
        lines.extend(line for error in score.errors for line in _error_lines(error))
    return lines


def _error_lines(error: ErrorItem) -> list[str]:
    gold = f" {error.gold_id}" if error.gold_id and error.gold_id != error.record else ""
    return [f"[{error.kind}] {error.record}{gold}: {error.detail}", f"    | {error.sentence}"]


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.{DECIMALS}f}"


def _accuracy(level: LevelScore) -> str:
    if level.accuracy is None:
        return "-"
    return f"{_number(level.accuracy)} ({level.correct}/{level.judged})"
