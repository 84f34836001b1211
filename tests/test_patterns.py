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


def test_a_users_pattern_with_a_built_in_id_replaces_it_and_wins_ties(tmp_path) -> None:
    from newsevents.events import load_patterns

    user = tmp_path / "mine.jsonl"
    user.write_text(
        json.dumps(
            {
                "id": "impose-sanction",
                "cameo": "1312",
                "verb": "impose",
                "object": ["sanction"],
                "target": ["on"],
                "example": "The EU imposed sanctions on Belarus.",
                "example_source": "The EU",
                "example_target": "Belarus",
            }
        )
        + "\n"
        + json.dumps({"id": "my-warn", "cameo": "130", "verb": "warn", "target": ["dobj"]})
        + "\n",
        "utf-8",
    )
    index = load_patterns(user)
    imposed = [p for p in index.verbs["impose"] if p.id == "impose-sanction"]
    assert [p.cameo for p in imposed] == ["1312"]
    warn = index.verbs["warn"]
    assert warn[0].id == "my-warn" and warn[0].order < min(p.order for p in warn[1:])


def test_every_intention_threat_and_refusal_code_exists() -> None:
    from newsevents.events.intent import COOPERATIVE_CODES, THREAT_CODES

    codes = load_codes()
    used = [c for pair in COOPERATIVE_CODES.values() for c in pair] + list(THREAT_CODES.values())
    assert [c for c in used if c not in codes] == []
    assert {codes[c].plover for pair in COOPERATIVE_CODES.values() for c in pair} == {
        "AGREE",
        "REJECT",
    }
    assert {codes[c].plover for c in THREAT_CODES.values()} == {"THREATEN"}
