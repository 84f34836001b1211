"""Check a pattern file: it loads (the schema of docs/patterns.md), and the real coder, with
the patterns alone, codes every example as its pattern says.

Usage (from the repository root):

    python tools/check_patterns.py                        # the built-in pattern file
    python tools/check_patterns.py --patterns my.jsonl    # a user's file, beside the built-in
    python tools/check_patterns.py --patterns my.jsonl --alone   # a user's file on its own
    python tools/check_patterns.py --show impose-sanction # also print one example's parse

A user's file is loaded as the coder would load it: its patterns are tried first, and one
with the id of a built-in pattern replaces it; only the user's patterns are checked. The
check is newsevents.events.pattern_examples, the same one tests/test_patterns.py runs.
Prints each failing pattern with what was coded instead; exits 1 if any fails.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from newsevents.api import Coder
from newsevents.config import Settings
from newsevents.errors import NewseventsError
from newsevents.events.pattern_examples import ExampleResult, check_examples, describe
from newsevents.events.patterns import load_patterns


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns", type=Path, help="a user's pattern file (JSON lines)")
    parser.add_argument(
        "--alone", action="store_true", help="with --patterns: without the built-in patterns"
    )
    parser.add_argument("--show", metavar="ID", help="print the parse of one pattern's example")
    args = parser.parse_args(argv)
    try:
        index = load_patterns(args.patterns, builtin=not args.alone)
        own = load_patterns(args.patterns, builtin=False) if args.patterns else index
    except (OSError, NewseventsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    coder = replace(Coder.load(Settings(use_model=False)), patterns=index)
    results = check_examples(coder, own.in_order())
    failures = [r for r in results if not r.coded]
    for result in failures:
        print(report(result))
    if args.show:
        show_parse(coder, [r for r in results if r.pattern.id == args.show])
    print(f"{len(results)} patterns, {len(failures)} failing")
    return 1 if failures else 0


def report(result: ExampleResult) -> str:
    pattern, example = result.pattern, result.pattern.example
    assert example is not None
    lines = [
        f"FAIL {pattern.id} ({pattern.cameo}): {example.text}",
        f"    wanted: {pattern.cameo} {example.source} -> {example.target or 'no target'}"
        f" [{pattern.trigger}]",
    ]
    lines += [f"    coded:  {describe(event)}" for event in result.events] or [
        "    coded:  nothing"
    ]
    return "\n".join(lines)


def show_parse(coder: Coder, results: list[ExampleResult]) -> None:
    for result in results:
        assert result.pattern.example is not None
        doc = coder.nlp(result.pattern.example.text)
        print(" ".join(f"{t.text}/{t.lemma_}/{t.pos_}/{t.dep_}>{t.head.i}" for t in doc))


if __name__ == "__main__":
    sys.exit(main())
