"""Boilerplate removal on the real seeds, HTML extraction, titles and publication dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsevents.clean import clean_document, content_hash
from newsevents.clean.dates import dateline_date, parse_date
from newsevents.ingest import read_inputs
from newsevents.records import Article, RawDocument, Rejection


def _clean_seed(shared: Path, doc: str) -> Article:
    [raw] = list(read_inputs([str(shared / "corpus" / "seeds" / f"{doc}.txt")]))
    article = clean_document(raw)  # type: ignore[arg-type]
    assert isinstance(article, Article)
    return article


def _lines(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines() if line.strip()}


@pytest.mark.parametrize("doc", ["000_a65c3291a1d29233", "003_804d302cd8d416e4"])
def test_gold_boilerplate_lines_are_gone(shared: Path, doc: str) -> None:
    gold = json.loads((shared / "gold" / "seeds_000_003.json").read_text())
    boilerplate = next(d["boilerplate"] for d in gold["documents"] if d["doc"] == doc)
    kept = _lines(_clean_seed(shared, doc).text)
    assert not kept & set(boilerplate)


def test_everything_from_related_content_on_is_gone(shared: Path) -> None:
    text = _clean_seed(shared, "003_804d302cd8d416e4").text
    assert "Related Content" not in text and "Rouhani accuses" not in text
    assert text.endswith("insulated from the North Korea process.")


def test_subscription_appeal_block_is_gone_but_article_kept(shared: Path) -> None:
    text = _clean_seed(shared, "003_804d302cd8d416e4").text
    for furniture in ("Premium Section", "Editor-in-Chief", "Jerusalem Report", "ePaper"):
        assert furniture not in text
    assert "Neither North Korea nor Iran has given up much" in text
    assert "the US will stay soft on North Korea" in text


def test_caption_kept_once_without_photo_credit(shared: Path) -> None:
    text = _clean_seed(shared, "003_804d302cd8d416e4").text
    assert text.count("shake hands before their one-on-one") == 1
    assert "Hanoi, Vietnam February 27, 2019." in text and "photo credit" not in text


def test_seed_004_tag_line_and_reply_prompt_gone(shared: Path) -> None:
    text = _clean_seed(shared, "004_9d8d437a4009e9de").text
    assert "Uncategorized" not in text and "Leave a Reply" not in text
    assert text.endswith("all he needs now is continuing distraction.")


def test_article_paragraphs_are_kept_whole(shared: Path) -> None:
    """Every line of the seed that is not furniture survives, word for word."""
    raw = (shared / "corpus" / "seeds" / "000_a65c3291a1d29233.txt").read_text()
    article = _clean_seed(shared, "000_a65c3291a1d29233")
    furniture = set(article.removed_lines)
    body = [line.strip() for line in raw.splitlines()[1:] if line.strip()]
    assert [line for line in body if line not in furniture] == [
        p for p in article.text.split("\n\n")
    ]


def test_title_and_dateline_from_text(shared: Path) -> None:
    article = _clean_seed(shared, "003_804d302cd8d416e4")
    assert article.title == "Disconnecting N. Korea and Iran - analysis"
    assert article.published == date(2019, 4, 22) and article.date_source == "text"
    assert "20:07" not in article.text


def test_date_falls_back_to_the_user_date_then_unknown() -> None:
    raw = RawDocument("d", "d", "A headline\n\nIran and Iraq signed an accord in Baghdad today.")
    given = clean_document(raw, default_date=date(2020, 1, 7))
    unknown = clean_document(raw)
    assert isinstance(given, Article) and isinstance(unknown, Article)
    assert (given.published, given.date_source) == (date(2020, 1, 7), "user")
    assert (unknown.published, unknown.date_source) == (None, None)


def test_metadata_date_beats_text_and_user_date() -> None:
    raw = RawDocument(
        "d",
        "d",
        "March 3, 2021\n\nIran and Iraq signed an accord in Baghdad.",
        published="2021-03-04T10:00:00Z",
    )
    article = clean_document(raw, default_date=date(2000, 1, 1))
    assert isinstance(article, Article)
    assert (article.published, article.date_source) == (date(2021, 3, 4), "metadata")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("April 22, 2019 20:07", date(2019, 4, 22)),
        ("Friday, January 4, 2019", date(2019, 1, 4)),
        ("Published: 22 April 2019", date(2019, 4, 22)),
        ("2019-04-22", date(2019, 4, 22)),
        ("Feb. 24, 2022 at 9:15 a.m. EST", date(2022, 2, 24)),
        ("On Feb. 24, Russian President Vladimir Putin launched an invasion", None),
        ("May 24", None),
    ],
)
def test_dateline_detection(line: str, expected: date | None) -> None:
    assert dateline_date(line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Fri, 03 Jan 2020 10:00:00 GMT", date(2020, 1, 3)),
        ("2019-01-04", date(2019, 1, 4)),
        ("26-FEB-1987 16:03:15.46", date(1987, 2, 26)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_metadata_date_formats(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_html_main_text_title_and_date_without_furniture() -> None:
    html = (
        "<html><head><title>Site | Story</title>"
        '<meta property="article:published_time" content="2022-02-24T06:00:00Z"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        '<div class="cookie-banner">We use cookies. Accept all cookies.</div>'
        "<article><h1>Russia invades Ukraine</h1>"
        "<p>Russian forces invaded Ukraine from the north, east and south on Thursday.</p>"
        "<p>The United States and the European Union condemned the attack and announced "
        "sanctions against Moscow.</p></article>"
        "<aside><h3>Related stories</h3><a href='/x'>Older story</a></aside>"
        "<footer>Copyright 2022 Example News. All rights reserved.</footer></body></html>"
    )
    article = clean_document(RawDocument("page", "page.html", html, kind="html"))
    assert isinstance(article, Article)
    assert article.published == date(2022, 2, 24) and article.title
    assert article.text.startswith("Russian forces invaded Ukraine")
    assert "cookies" not in article.text and "Copyright" not in article.text
    assert "Home" not in article.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ("Advertisement\n\nLeave a Reply", "empty"),
        ("Two words", "too short"),
    ],
)
def test_rejections_are_values_with_reasons(content: str, reason: str) -> None:
    result = clean_document(RawDocument("d", "d.txt", content))
    assert isinstance(result, Rejection) and result.reason.startswith(reason)


def test_non_english_text_is_rejected() -> None:
    german = " ".join(["Die Regierung hat heute neue Sanktionen gegen das Land verhängt."] * 8)
    result = clean_document(RawDocument("d", "d.txt", german))
    assert isinstance(result, Rejection) and result.reason == "not English"


def test_content_hash_ignores_whitespace_and_case_only() -> None:
    assert content_hash("Iran  fired\nmissiles") == content_hash("iran fired missiles")
    assert content_hash("Iran fired missiles") != content_hash("Iraq fired missiles")


def test_map_legend_keys_are_furniture() -> None:
    text = (
        "Turkey enters Syria\n\n██ Syrian Arab Republic\n\n██ Syrian opposition & Turkish "
        "occupation\n\nLate on Sunday, Turkey began a military offensive into north-eastern "
        "Syria against the Kurdish-led forces that hold the area."
    )
    article = clean_document(RawDocument("a", "a", text, "text"))
    assert isinstance(article, Article)
    assert "Syrian opposition" not in article.text and "Late on Sunday" in article.text
    assert "██ Syrian opposition & Turkish occupation" in article.removed_lines
