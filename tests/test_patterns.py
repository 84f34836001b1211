"""The bundled patterns: the schema every pattern file is checked against when it loads, and
every example coded as its pattern says by the real coder with the patterns alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.errors import NewseventsError
from newsevents.events import load_codes, load_patterns
from newsevents.events.pattern_examples import check_examples, describe

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


def test_every_example_is_coded_as_its_pattern_says(coder) -> None:
    """docs/patterns.md, "Examples are tests": the pattern's code from its trigger, with the
    source in example_source and the target in example_target (none when null)."""
    results = check_examples(coder)
    assert len(results) == len(coder.patterns)
    failures = [
        f"{r.pattern.id} ({r.pattern.cameo}): {r.pattern.example.text} -> "
        + ("; ".join(describe(e) for e in r.events) or "nothing")
        for r in results
        if not r.coded and r.pattern.example is not None
    ]
    assert failures == []


def test_an_example_coded_otherwise_fails_the_check(coder, tmp_path) -> None:
    from dataclasses import replace

    path = _write(
        tmp_path / "mine.jsonl",
        GOOD,
        {**GOOD, "id": "said-no-target", "example_target": None},
        {**GOOD, "id": "roles-swapped", "example_source": "Belarus", "example_target": "The EU"},
    )
    mine = load_patterns(path, builtin=False).in_order()
    results = check_examples(replace(coder, patterns=load_patterns(path)), mine)
    assert [r.coded for r in results] == [True, False, False]
    assert [e.cameo for e in results[1].events] == ["163"]  # coded, but with a target


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
