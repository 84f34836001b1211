"""The bundled patterns: well-formed, every code known, and their own examples coded."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

from newsevents.events import load_codes
from newsevents.records import Article

# Share of pattern examples that yield the pattern's own CAMEO code. Most misses are
# sources the actor stage does not code without a country ("The rebels", "The junta").
EXAMPLE_FLOOR = 0.77


def _raw_patterns() -> list[dict[str, object]]:
    text = (resources.files("newsevents.events") / "data" / "patterns.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_patterns_are_well_formed_with_known_codes() -> None:
    codes = load_codes()
    patterns = _raw_patterns()
    ids = [p["id"] for p in patterns]
    assert len(ids) == len(set(ids))
    for pattern in patterns:
        assert pattern["cameo"] in codes, pattern["id"]
        assert ("verb" in pattern) != ("noun" in pattern), pattern["id"]
    roots = {str(p["cameo"])[:2] for p in patterns}
    assert roots == {f"{r:02d}" for r in range(1, 21)}


def test_pattern_examples_code_their_own_event(coder) -> None:
    patterns = _raw_patterns()
    articles = [
        Article(
            article_id=str(i),
            doc_id=str(p["id"]),
            origin="pattern",
            text=str(p["example"]),
            published=date(2020, 1, 1),
        )
        for i, p in enumerate(patterns)
    ]
    misses = []
    for pattern, (_, events) in zip(patterns, coder.code_articles(articles), strict=True):
        if pattern["cameo"] not in {e.cameo for e in events}:
            misses.append(f"{pattern['id']}: {pattern['example']}")
    rate = 1 - len(misses) / len(patterns)
    assert rate >= EXAMPLE_FLOOR, f"{rate:.3f} of examples coded; misses:\n" + "\n".join(misses)
