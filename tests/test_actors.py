"""Actor resolution: offices by date, metonyms, demonyms, composition with sectors,
coreference, a user's override file, and the `actors` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from newsevents.actors import load_knowledge_base
from newsevents.actors.phrase import code_phrase
from newsevents.errors import NewseventsError
from newsevents.nlp import parse_articles
from newsevents.records import Article


@pytest.mark.parametrize(
    ("text", "day", "code"),
    [
        ("Mike Pompeo", date(2017, 6, 1), "USASPY"),
        ("Mike Pompeo", date(2019, 4, 22), "USAGOV"),
        ("Mike Pompeo", date(2022, 1, 1), "USAELI"),
        ("the Taliban", date(2020, 1, 1), "AFGREB"),
        ("the Taliban", date(2022, 1, 1), "AFGGOV"),
        ("Qassem Soleimani", date(2019, 1, 1), "IRNMIL"),
    ],
)
def test_offices_follow_the_article_date(coder, text: str, day: date, code: str) -> None:
    assert coder.code_actor(text, day).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the Kremlin", "RUSGOV"),
        ("the Pentagon", "USAMIL"),
        ("Pyongyang", "PRK"),
        ("the hermit regime", "PRK"),
        ("the Islamic Republic", "IRN"),
        ("the South Koreans", "KOR"),
        ("Israelis", "ISR"),
        ("North Korean officials", "PRKGOV"),
        ("the Sudanese army", "SDNMIL"),
        ("US intelligence", "USASPY"),
        ("the DPRK Ministry of Foreign Affairs", "PRKGOV"),
        ("Iran's top military commander", "IRNMIL"),
        ("the IRGC", "IRNMIL"),
        ("the UN Security Council", "IGOUNO"),
    ],
)
def test_metonyms_demonyms_and_composition(coder, text: str, code: str) -> None:
    actor = coder.code_actor(text, date(2020, 1, 7))
    assert actor is not None and actor.code.startswith(code), (text, actor)


@pytest.mark.parametrize("text", ["turkey sandwiches", "the weather", "chad and his friends"])
def test_common_words_are_no_one(coder, text: str) -> None:
    assert coder.code_actor(text) is None


def test_a_user_file_adds_and_overrides_actors(coder, tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text(
        json.dumps(
            {
                "entity": "org:acme-militia",
                "kind": "org",
                "name": "Acme Militia",
                "code": "SDNREB",
                "country": "SDN",
                "aliases": ["Acme Militia", "the Acme"],
            }
        )
        + "\n"
        + json.dumps(
            {
                "entity": "place:kremlin",
                "kind": "metonym",
                "name": "the Kremlin",
                "code": "RUSGOVXXX",
                "country": "RUS",
                "aliases": ["the Kremlin"],
            }
        )
        + "\n"
    )
    kb = load_knowledge_base(extra)
    assert _code_with(coder, kb, "the Acme").code == "SDNREB"
    assert _code_with(coder, kb, "the Kremlin").code == "RUSGOVXXX"
    assert coder.code_actor("the Kremlin").code == "RUSGOV"  # the bundled base is untouched


def _code_with(coder, kb, text: str):
    [parsed] = parse_articles([Article("a", "a", "a", text)], coder.nlp)
    return code_phrase(parsed, kb, None)


def test_a_broken_user_file_names_the_line(tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text('{"entity": "org:x", "name": "X"}\n{oops\n')
    with pytest.raises(NewseventsError, match=r"mine.jsonl: actor file line 2"):
        load_knowledge_base(extra)


def test_actors_commands_print_json_and_search() -> None:
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "newsevents", "actors", *a],
        capture_output=True,
        text=True,
        input="the Kremlin\nsomething else\n",
        timeout=120,
    )
    coded = run("code", "-")
    assert coded.returncode == 0, coded.stderr
    first, second = coded.stdout.splitlines()
    assert json.loads(first)["code"] == "RUSGOV" and json.loads(second) is None
    found = run("search", "pompeo")
    assert "person:mike-pompeo" in found.stdout and "Secretary of State" in found.stdout


def test_the_country_file_is_what_its_generator_writes() -> None:
    script = Path(__file__).resolve().parent.parent / "tools" / "build_countries.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
