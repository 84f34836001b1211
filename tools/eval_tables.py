"""Print the development-set figures of EVALUATION.md: every gold set in ../shared/gold,
on its tune and its check half, as Markdown tables (the whole event first).

    python tools/eval_tables.py                  # all development sets
    python tools/eval_tables.py --shared DIR     # gold sets under DIR/gold
    python tools/eval_tables.py --no-model       # the patterns alone

The coder is loaded once; each half is coded as ``newsevents eval --split HALF`` codes it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsevents.api import Coder
from newsevents.config import Settings
from newsevents.evaluation import evaluate, load_gold
from newsevents.evaluation.results import (
    ActorSetScore,
    DocumentSetScore,
    LevelScore,
    SentenceSetScore,
    SetScore,
    SpanSetScore,
)
from newsevents.evaluation.split import split_gold

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = (
    "wikinews_2019_dev_a.json",
    "wikinews_2019_dev_b.json",
    "plv_train.jsonl",
    "confli_cameo_train.jsonl",
    "seeds_000_003.json",
    "plover_gsr_cameo.json",
    "actor_resolution_cases.jsonl",
)
COLUMNS = {
    "newsevents": ("full", "full_modality", "targets", "kind", "event"),
    "plover-gsr": ("full", "target", "plover", "event"),
    "plv-spans": ("full", "plover", "source_span", "target_span"),
    "confli-spans": ("full", "source_span", "target_span", "quad"),
    "actor-cases": ("country", "sector", "no_country"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-model", action="store_true", help="patterns only")
    parser.add_argument(
        "--compare", action="store_true", help="one table: each headline without and with the model"
    )
    args = parser.parse_args(argv)
    if not (args.shared / "gold").is_dir():
        print(f"error: no gold sets under {args.shared}", file=sys.stderr)
        return 1
    coder = Coder.load(Settings(use_model=not args.no_model))
    if args.compare:
        print(_comparison(args.shared, coder))
        return 0
    for name in DEV_SETS:
        gold = load_gold(args.shared / "gold" / name)
        halves = {h: evaluate([split_gold(gold, h)], coder)[0] for h in ("tune", "check")}
        print(_table(name, halves))
    return 0


def _table(name: str, halves: dict[str, SetScore]) -> str:
    first = halves["tune"]
    levels = COLUMNS[first.format]
    lines = [
        f"#### `{name}`",
        "",
        "| half | size | " + " | ".join(_label(first, lv) for lv in levels) + " |",
    ]
    lines.append("|---|---:|" + "---:|" * len(levels))
    for half, score in halves.items():
        cells = [_cell(_level(score, lv)) for lv in levels]
        lines.append(f"| {half} | {_size(score)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


HEADLINES = {
    "newsevents": ("full",),
    "plover-gsr": ("full", "plover"),
    "plv-spans": ("full", "plover", "source_span", "target_span"),
    "confli-spans": ("full", "source_span", "target_span", "quad"),
}


def _comparison(shared: Path, coder: Coder) -> str:
    """Each set's headline levels on both halves, without and with the model."""
    from dataclasses import replace

    alone = replace(coder, model=None)
    lines = [
        "| set | half | level | patterns only | with the model |",
        "|---|---|---|---:|---:|",
    ]
    for name in DEV_SETS:
        gold = load_gold(shared / "gold" / name)
        if gold.format not in HEADLINES:
            continue
        for half in ("tune", "check"):
            part = split_gold(gold, half)
            without, with_model = (evaluate([part], c)[0] for c in (alone, coder))
            for level in HEADLINES[gold.format]:
                cells = [_cell(_level(s, level)) for s in (without, with_model)]
                label = _label(without, level)
                lines.append(f"| `{name}` | {half} | {label} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines) + "\n"


def _level(score: SetScore, name: str) -> LevelScore | None:
    return next((lv for lv in score.levels if lv.level == name), None)


def _label(score: SetScore, name: str) -> str:
    level = _level(score, name)
    return level.label if level else name


def _cell(level: LevelScore | None) -> str:
    if level is None:
        return "-"
    if level.accuracy is not None:
        return f"{level.accuracy:.3f} ({level.correct}/{level.judged})"
    if level.precision is None:
        return (
            f"R {level.recall:.3f} ({level.gold_found}/{level.gold_total})"
            if level.recall is not None
            else "-"
        )
    return f"P {level.precision:.3f} R {level.recall:.3f} F1 {level.f1:.3f}"


def _size(score: SetScore) -> str:
    if isinstance(score, DocumentSetScore):
        return f"{score.documents} docs, {score.required} events"
    if isinstance(score, SentenceSetScore):
        return f"{score.sentences} sentences"
    if isinstance(score, SpanSetScore):
        return f"{score.rows} rows"
    if isinstance(score, ActorSetScore):
        return f"{score.cases} cases"
    return "?"


if __name__ == "__main__":
    sys.exit(main())
