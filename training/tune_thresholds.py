"""Choose the model's thresholds (ModelUse) on the tune halves of the development sets:
every combination of a small grid, scored by the mean full-event F1 over the tune halves
(never the check halves).

    python training/tune_thresholds.py
    python training/tune_thresholds.py --grid untargeted=0.7,0.9,0.95   # one parameter

Besides the mean F1 it prints PLOVER type recall (PLV) and QuadClass accuracy
(ConfliBERT), which a choice must not trade away unseen.
"""

from __future__ import annotations

import argparse
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


def _grid(option: str | None) -> dict[str, tuple[float, ...]]:
    """The default grid, or one parameter's values ("untargeted=0.7,0.9") with the others
    at their shipped values."""
    if not option:
        return GRID
    name, _, values = option.partition("=")
    if name not in ModelUse.__dataclass_fields__:
        raise SystemExit(
            f"no threshold {name!r}: one of {', '.join(ModelUse.__dataclass_fields__)}"
        )
    return {name: tuple(float(v) for v in values.split(","))}


def _level(score, name: str, field: str) -> float | None:
    level = next((lv for lv in score.levels if lv.level == name), None)
    return None if level is None else getattr(level, field)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grid", help="one parameter and its values: NAME=V1,V2,...")
    grid = _grid(parser.parse_args(argv).grid)
    shared = ROOT.parent / "shared" / "gold"
    coder = Coder.load(Settings())
    if coder.model is None:
        print("no model in the package: run make model", file=sys.stderr)
        return 1
    golds = [split_gold(load_gold(shared / name), "tune") for name in SETS]
    results = []
    for values in itertools.product(*grid.values()):
        use = replace(ModelUse(), **dict(zip(grid, values, strict=True)))
        scores = evaluate(golds, replace(coder, model_use=use))
        f1 = [next(lv.f1 or 0.0 for lv in s.levels if lv.level == "full") for s in scores]
        results.append((sum(f1) / len(f1), use, f1))
        print(
            json.dumps(
                {
                    "use": use.__dict__,
                    "mean_f1": round(sum(f1) / len(f1), 4),
                    "f1": [round(x, 3) for x in f1],
                    "plv_plover_recall": _level(scores[2], "plover", "recall"),
                    "confli_quad": _level(scores[3], "quad", "accuracy"),
                }
            ),
            flush=True,
        )
    best = max(results, key=lambda r: r[0])
    print("best", best[1], round(best[0], 4))
    return 0


if __name__ == "__main__":
    sys.exit(main())
