"""The quality gate: the coder's scores on the gold sets in ../shared must not fall below
the floors pinned in tests/quality_baseline.json (nor bad counts rise above their ceilings).

Floors are raised with ``python tools/update_baseline.py`` when scores go up. Lowering one
takes ``--lower --reason TEXT`` (recorded in the baseline's history; give the reason in the
commit too). A floor lowered by editing the file fails here unless NEWSEVENTS_LOWER_FLOOR=1.
Skipped when ../shared is absent.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from newsevents.evaluation.gate import (
    LOWER_FLOOR_ENV,
    GateMetrics,
    check_gate,
    gate_metrics,
    gate_scores,
    hand_lowered,
    load_baseline,
)

BASELINE = Path(__file__).with_name("quality_baseline.json")
HOW_TO = (
    "If the drop is intended, lower the floor with a reason:\n"
    "    python tools/update_baseline.py --lower --reason '...'\n"
    "and say why in the commit message."
)


@pytest.fixture(scope="module")
def current(shared: Path, shipped_coder: Any) -> GateMetrics:
    return gate_metrics(gate_scores(shared, shipped_coder))


@pytest.mark.slow
def test_scores_are_not_below_their_floors(current: GateMetrics) -> None:
    failures = check_gate(load_baseline(BASELINE), current)
    assert not failures, "quality gate failed:\n  " + "\n  ".join(failures) + "\n" + HOW_TO


@pytest.mark.slow
def test_every_score_has_a_floor(current: GateMetrics) -> None:
    baseline = load_baseline(BASELINE)
    unpinned = sorted(set(current.scores) - set(baseline.floors)) + sorted(
        set(current.counts) - set(baseline.ceilings)
    )
    assert not unpinned, (
        "scores without a floor: "
        + ", ".join(unpinned)
        + "\npin them with: python tools/update_baseline.py"
    )


def test_no_floor_was_lowered_by_hand() -> None:
    lowered = hand_lowered(load_baseline(BASELINE))
    if lowered and os.environ.get(LOWER_FLOOR_ENV) != "1":
        pytest.fail(
            "floors lowered without tools/update_baseline.py --lower --reason:\n  "
            + "\n  ".join(lowered)
            + f"\nset {LOWER_FLOOR_ENV}=1 to accept, and give the reason in the commit."
        )
