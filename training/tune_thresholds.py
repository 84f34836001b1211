"""Choose the model's thresholds (ModelUse) on the tune halves of the development sets:
every combination of a small grid, scored by the mean full-event F1 over the tune halves
(never the check halves).

    python training/tune_thresholds.py
"""

from __future__ import annotations

import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

from newsevents.api import Coder
from newsevents.config import Settings
from newsevents.evaluation import evaluate, load_gold
from newsevents.evaluation.split import split_gold
from newsevents.events.combine import ModelUse

ROOT = Path(__file__).resolve().parent.parent
SETS = (
    "wikinews_2019_dev_a.json",
    "wikinews_2019_dev_b.json",
    "plv_train.jsonl",
    "confli_cameo_train.jsonl",
    "plover_gsr_cameo.json",
)
GRID = {"trigger": (0.5, 0.6, 0.7, 0.8, 0.9), "kind": (0.3, 0.5), "role": (0.5, 0.7)}


def main() -> int:
    shared = ROOT.parent / "shared" / "gold"
    coder = Coder.load(Settings())
    if coder.model is None:
        print("no model in the package: run make model", file=sys.stderr)
        return 1
    golds = [split_gold(load_gold(shared / name), "tune") for name in SETS]
    results = []
    for trigger, kind, role in itertools.product(*GRID.values()):
        use = ModelUse(trigger=trigger, kind=kind, role=role)
        scores = evaluate(golds, replace(coder, model_use=use))
        f1 = [next(lv.f1 or 0.0 for lv in s.levels if lv.level == "full") for s in scores]
        results.append((sum(f1) / len(f1), use, f1))
        print(
            json.dumps(
                {
                    "use": use.__dict__,
                    "mean_f1": round(sum(f1) / len(f1), 4),
                    "f1": [round(x, 3) for x in f1],
                }
            ),
            flush=True,
        )
    best = max(results, key=lambda r: r[0])
    print("best", best[1], round(best[0], 4))
    return 0


if __name__ == "__main__":
    sys.exit(main())
