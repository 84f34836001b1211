"""Pin the quality gate's floors to the coder's current scores on ../shared gold.

Raises floors (scores rounded down to 0.01) and cuts ceilings (bad counts) to the current
values; refuses to loosen any unless ``--lower --reason TEXT`` is given, and records every
change with its date and reason in the baseline's history.

    python tools/update_baseline.py                 # after a change that raised scores
    python tools/update_baseline.py --lower --reason "stricter date matching"
    python tools/update_baseline.py --dry-run       # show what would change
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsevents.api import Coder
from newsevents.config import Settings
from newsevents.errors import NewseventsError
from newsevents.evaluation.gate import (
    Baseline,
    gate_metrics,
    gate_scores,
    load_baseline,
    save_baseline,
    update_baseline,
)

ROOT = Path(__file__).resolve().parent.parent
ABOUT = (
    "Quality gate floors (scores, higher is better) and ceilings (bad counts, lower is "
    "better) for tests/test_quality_gate.py, measured on the gold sets in ../shared. Change "
    "only with tools/update_baseline.py: it raises floors to current scores and refuses to "
    "lower one without --lower --reason, which the history records."
)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.lower and not (args.reason or "").strip():
        print("error: --lower needs --reason TEXT", file=sys.stderr)
        return 2
    if not (args.shared / "gold").is_dir():
        print(f"error: no gold sets under {args.shared}", file=sys.stderr)
        return 1
    try:
        baseline = load_baseline(args.baseline)
        current = gate_metrics(gate_scores(args.shared, Coder.load(Settings())))
        updated = update_baseline(baseline, current, lower=args.lower, reason=args.reason)
    except NewseventsError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    _print_changes(baseline, updated)
    if not args.dry_run and updated is not baseline:
        save_baseline(Baseline(updated.floors, updated.ceilings, updated.history,
                               updated.about or ABOUT), args.baseline)
        print(f"wrote {args.baseline}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding gold/ (default: ../shared)")
    parser.add_argument("--baseline", type=Path, default=ROOT / "tests" / "quality_baseline.json")
    parser.add_argument("--lower", action="store_true", help="allow floors to go down")
    parser.add_argument("--reason", help="why (required with --lower; recorded)")
    parser.add_argument("--dry-run", action="store_true", help="show changes, write nothing")
    return parser


def _print_changes(old: Baseline, new: Baseline) -> None:
    if new is old:
        print("no change: every floor and ceiling already matches the current scores")
        return
    for metric, (before, after) in sorted(new.history[-1]["metrics"].items()):
        print(f"{metric}: {before} -> {after}")


if __name__ == "__main__":
    sys.exit(main())
