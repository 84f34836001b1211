"""Span sets (PLV-style and ConfliBERT-style rows) and the tune/check split: loaders,
scoring with known answers, and agreement with the reference scorer's definitions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.evaluation import load_gold
from newsevents.evaluation.span_score import score_span_set, spans_overlap
from newsevents.evaluation.spans import SpanGold
from newsevents.evaluation.split import half_of, split_gold

SANCTIONS = "The European Union imposed sanctions on Belarusian officials on Monday."
PROTEST = "Thousands of teachers marched in Accra, demanding higher pay from the government."
TALKS = "Armenia and Azerbaijan held talks in Brussels."


def write_rows(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def actor(text: str | None) -> dict[str, Any] | None:
    return {"code": "XXX", "text": text} if text else None


def system_event(source: str, target: str | None, plover: str, cameo: str, quad: int) -> dict:
    return {
        "source": actor(source),
        "target": actor(target),
        "plover": plover,
        "cameo": cameo,
        "cameo_root": cameo[:2],
        "quad_class": quad,
    }


PLV_ROWS = [
    {
        "id": "p1",
        "sentence_id": "1",
        "text": SANCTIONS,
        "source": "The European Union",
        "target": "Belarusian officials",
        "plover": "SANCTION",
    },
    {
        "id": "p2",
        "sentence_id": "2",
        "text": PROTEST,
        "source": "Thousands of teachers",
        "target": "the government",
        "plover": "PROTEST",
    },
    {
        "id": "p3",
        "sentence_id": "3",
        "text": TALKS,
        "source": "Armenia",
        "target": "Azerbaijan",
        "plover": "YIELD",
    },
]


def test_plv_rows_load_with_old_plover_names_read_as_current(tmp_path: Path) -> None:
    gold = load_gold(write_rows(tmp_path, PLV_ROWS))
    assert isinstance(gold, SpanGold) and gold.format == "plv-spans"
    assert gold.rows[2].plover == ("CONCEDE", "RETREAT")
    assert gold.rows[0].split_key == "1"


def test_plv_full_event_needs_type_and_both_spans(tmp_path: Path) -> None:
    gold = load_gold(write_rows(tmp_path, PLV_ROWS))
    assert isinstance(gold, SpanGold)
    system = {
        # right: the EU (overlaps "The European Union") -> officials
        SANCTIONS: [
            system_event("The European Union", "Belarusian officials", "SANCTION", "163", 4)
        ],
        # right type and source, no target
        PROTEST: [system_event("teachers", None, "PROTEST", "141", 4)],
        TALKS: [system_event("Armenia", "Azerbaijan", "CONSULT", "040", 1)],
    }
    score = score_span_set(gold, system)
    full = next(lv for lv in score.levels if lv.level == "full")
    assert (full.gold_found, full.gold_total, full.system_right, full.system_total) == (1, 3, 1, 3)
    target = next(lv for lv in score.levels if lv.level == "target_span")
    assert (target.gold_found, target.gold_total, target.system_right, target.system_total) == (
        2,
        3,
        2,
        2,
    )
    plover = next(lv for lv in score.levels if lv.level == "plover")
    assert (plover.gold_found, plover.gold_total) == (2, 3)
    assert score.events_without_target == 1
    assert {e.record for e in score.errors if e.kind == "miss"} == {"p2", "p3"}


CONFLI_ROWS = [
    {
        "id": "c1",
        "text": TALKS,
        "quad_class": 1,
        "source": [],
        "target": [],
        "reciprocal": [
            {"text": "Armenia", "start": 0, "end": 7},
            {"text": "Azerbaijan", "start": 12, "end": 22},
        ],
    },
    {
        "id": "c2",
        "text": PROTEST,
        "quad_class": None,
        "source": [{"text": "Thousands of teachers", "start": 0, "end": 21}],
        "target": [],
        "reciprocal": [],
    },
]


def test_confli_reciprocal_spans_count_both_ways_and_no_target_is_right_when_none(
    tmp_path: Path,
) -> None:
    gold = load_gold(write_rows(tmp_path, CONFLI_ROWS))
    assert isinstance(gold, SpanGold) and gold.format == "confli-spans"
    system = {
        TALKS: [system_event("Azerbaijan", "Armenia", "CONSULT", "040", 1)],
        PROTEST: [
            system_event("Thousands of teachers", None, "PROTEST", "141", 4),
            system_event("Thousands of teachers", "the government", "REQUEST", "100", 3),
        ],
    }
    score = score_span_set(gold, system)
    full = next(lv for lv in score.levels if lv.level == "full")
    # c1 whole (reciprocal either way); c2 whole by its targetless event, which alone is right
    assert (full.gold_found, full.system_right, full.system_total) == (2, 2, 3)
    quad = next(lv for lv in score.levels if lv.level == "quad")
    assert (quad.correct, quad.judged) == (1, 1)  # c2 has no QuadClass: not judged


@pytest.mark.parametrize(
    ("gold", "system", "expected"),
    [
        ("a car bomb", "car bomb", True),
        ("the Croatian government's request", "the Croatian government", True),
        ("Iraqi troops", "Iraq", False),
        ("the opposition", "", False),
    ],
)
def test_span_overlap_is_half_of_the_shorter_span(gold: str, system: str, expected: bool) -> None:
    assert spans_overlap(gold, system) is expected


def test_split_is_fixed_by_the_id_and_the_halves_partition_a_set(tmp_path: Path) -> None:
    rows = [{**PLV_ROWS[0], "id": f"p{n}", "sentence_id": str(n)} for n in range(200)]
    gold = load_gold(write_rows(tmp_path, rows))
    tune, check = split_gold(gold, "tune"), split_gold(gold, "check")
    assert isinstance(tune, SpanGold) and isinstance(check, SpanGold)
    tune_ids = {r.record_id for r in tune.rows}
    assert tune_ids.isdisjoint(r.record_id for r in check.rows)
    assert len(tune.rows) + len(check.rows) == 200 and 70 < len(tune.rows) < 130
    assert all(half_of(r.split_key) == "tune" for r in tune.rows)
    assert half_of("wn19-6") == "check" and half_of("doc2") == "tune"  # never changes
    assert split_gold(gold, "all") is gold
