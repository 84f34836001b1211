"""The bundled patterns: the schema every pattern file is checked against when it loads, and
their own examples coded."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

from newsevents.errors import NewseventsError
from newsevents.events import load_codes, load_patterns
from newsevents.records import Article

GOOD = {
    "id": "my-impose",
    "cameo": "163",
    "verb": "impose",
    "object": ["sanction"],
    "target": ["on"],
    "example": "The EU imposed sanctions on Belarus.",
    "example_source": "The EU",
    "example_target": "Belarus",
}


def _write(path: Path, *patterns: dict[str, object]) -> Path:
    path.write_text("# a user's patterns\n\n" + "".join(json.dumps(p) + "\n" for p in patterns))
    return path


def test_the_bundled_patterns_cover_every_root() -> None:
    index = load_patterns()
    assert len(index) > 700
    assert {p.cameo[:2] for p in index.in_order()} == {f"{r:02d}" for r in range(1, 21)}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"objects": ["sanction"]}, "key 'objects': unknown key"),
        ({"cameo": 163}, "key 'cameo': Input should be a valid string"),
        ({"cameo": "1999"}, "key 'cameo': '1999' is not in cameo_codes.tsv"),
        ({"object": "sanction"}, "key 'object': Input should be a valid list"),
        ({"target": [1]}, "key 'target': should be a string or a list of strings"),
        ({"target": ["On"]}, "key 'target': 'On' is neither dobj, iobj nor a preposition"),
        ({"target_required": "yes"}, "key 'target_required': Input should be a valid boolean"),
        ({"verb": "Imposed"}, "key 'verb': 'Imposed' is not one lowercase lemma"),
        ({"id": "My Impose"}, "key 'id': must be lowercase-kebab-case"),
        ({"noun": "sanction"}, "keys 'verb' and 'noun': give exactly one"),
        ({"example_target": "Minsk"}, "key 'example_target': 'Minsk' is not in the example"),
        ({"example_target": None, "target_required": True}, "key 'target_required': true"),
    ],
)
def test_a_pattern_that_breaks_the_schema_stops_the_load(tmp_path, change, problem) -> None:
    path = _write(tmp_path / "mine.jsonl", GOOD, {**GOOD, "id": "second", **change})
    with pytest.raises(NewseventsError) as caught:
        load_patterns(path)
    assert caught.value.code == "E002"
    assert f"mine.jsonl: line 4: {problem}" in str(caught.value)


def test_a_missing_key_a_repeated_id_and_bad_json_are_named(tmp_path) -> None:
    without = {k: v for k, v in GOOD.items() if k != "example_target"}
    cases = [
        ((without,), "line 3: key 'example_target': missing key"),
        ((GOOD, GOOD), "line 4: key 'id': 'my-impose' is used twice"),
    ]
    for patterns, problem in cases:
        with pytest.raises(NewseventsError, match=problem):
            load_patterns(_write(tmp_path / "mine.jsonl", *patterns))
    (tmp_path / "bad.jsonl").write_text('{"id": "x",\n')
    with pytest.raises(NewseventsError, match="bad.jsonl: line 1: Expecting"):
        load_patterns(tmp_path / "bad.jsonl")


# Share of pattern examples that yield the pattern's own CAMEO code. Most misses are
# sources the actor stage does not code without a country ("The rebels", "The junta").
EXAMPLE_FLOOR = 0.77


def _raw_patterns() -> list[dict[str, object]]:
    text = (ROOT / "newsevents" / "events" / "data" / "patterns.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


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
    mine = {**GOOD, "id": "impose-sanction", "cameo": "1312"}
    my_warn = {
        "id": "my-warn",
        "cameo": "130",
        "verb": "warn",
        "target": ["dobj"],
        "example": "Iran warned Israel.",
        "example_source": "Iran",
        "example_target": "Israel",
    }
    index = load_patterns(_write(tmp_path / "mine.jsonl", mine, my_warn))
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
