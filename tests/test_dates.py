"""Publication dates are never lost in silence (issue #18): each date source, the rules for
dates that need one, the warnings, and the ingest summary's undated articles."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from newsevents.clean import clean_document
from newsevents.clean.dates import date_in_name, read_date, wire_dateline
from newsevents.cli.ingest_view import run_ingest_with_progress
from newsevents.config import Settings
from newsevents.records import Article, RawDocument
from newsevents.store import Store

BODY = (
    "Kenyan police arrested two opposition leaders on Tuesday after a day of protests in"
    " the capital, witnesses and officials said."
)


def _clean(content: str, origin: str = "story", **kwargs: object) -> Article:
    raw = RawDocument(
        doc_id="story",
        origin=origin,
        content=content,
        published=kwargs.pop("published", None),  # type: ignore[arg-type]
    )
    article = clean_document(raw, **kwargs)  # type: ignore[arg-type]
    assert isinstance(article, Article), article
    return article


# -- the sources, one by one -------------------------------------------------------------


def test_a_wire_dateline_with_its_year_dates_the_article() -> None:
    article = _clean(f"Headline\n\nWASHINGTON, March 3, 2021 — {BODY}")
    assert (article.published, article.date_source, article.warnings) == (
        date(2021, 3, 3),
        "text",
        (),
    )
    assert article.text.startswith("WASHINGTON, March 3, 2021 —")  # the paragraph is kept


def test_a_wire_dateline_without_a_year_takes_the_year_of_the_file_name() -> None:
    article = _clean(f"Headline\n\nNAIROBI, July 8 (Reuters) - {BODY}", "news/2021-07-09_x.txt")
    assert (article.published, article.date_source) == (date(2021, 7, 8), "text")
    # a file dated early in January: the July dateline is the July before, not after
    january = _clean(f"Headline\n\nNAIROBI, July 8 (Reuters) - {BODY}", "20220102-x.html")
    assert january.published == date(2021, 7, 8)


def test_a_wire_dateline_without_a_year_and_nothing_else_is_said_not_guessed() -> None:
    article = _clean(f"Headline\n\nNAIROBI, July 8 (Reuters) - {BODY}")
    assert article.published is None and article.date_source is None
    [warning] = article.warnings
    assert "NAIROBI, July 8" in warning and "no year" in warning and "--date" in warning
    # --date gives the year (and, the dateline being the article's own, not its day)
    dated = _clean(
        f"Headline\n\nNAIROBI, July 8 (Reuters) - {BODY}", default_date=date(2021, 7, 10)
    )
    assert (dated.published, dated.date_source, dated.warnings) == (date(2021, 7, 8), "text", ())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("NAIROBI, July 8 (Reuters) - Kenyan police", (7, 8, None)),
        ("WASHINGTON, March 3, 2021 — The United States", (3, 3, 2021)),
        ("KYIV, Ukraine, Feb. 24 (AP) -- Russian forces", (2, 24, None)),
        ("Kenyan police said on July 8 - a Tuesday - that", None),  # no place in capitals
        ("The talks in Geneva, March 3, 2021 — ended", None),
    ],
)
def test_wire_datelines(line: str, expected: tuple[int, int, int | None] | None) -> None:
    found = wire_dateline(line)
    assert (found[:3] if found else None) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2021-03-04_story.txt", date(2021, 3, 4)),
        ("20210304-story.html", date(2021, 3, 4)),
        ("corpus/2021_03_04 story.txt", date(2021, 3, 4)),
        ("https://example.org/world/2021/03/04/story", date(2021, 3, 4)),
        ("story-2021-13-45.txt", None),  # no such day
        ("report-123456789.txt", None),
        ("story.txt", None),
    ],
)
def test_dates_in_file_names(name: str, expected: date | None) -> None:
    assert date_in_name(name) == expected


def test_the_file_name_dates_an_article_nothing_else_dates() -> None:
    article = _clean(f"Headline\n\n{BODY}", "corpus/20210304-kenya.html")
    assert (article.published, article.date_source) == (date(2021, 3, 4), "filename")
    records = _clean(f"Headline\n\n{BODY}", "feeds/2021-03-04_wire.jsonl:7")
    assert (records.published, records.date_source) == (date(2021, 3, 4), "filename")


def test_the_sources_in_order_metadata_dateline_user_date_file_name() -> None:
    text = f"Headline\n\nWASHINGTON, March 3, 2021 — {BODY}"
    origin = "2020-01-01_x.txt"
    user = date(2019, 5, 5)
    assert _clean(text, origin, published="2021-03-04", default_date=user).date_source == (
        "metadata"
    )
    assert _clean(text, origin, default_date=user).date_source == "text"
    assert _clean(f"Headline\n\n{BODY}", origin, default_date=user).published == user
    assert _clean(f"Headline\n\n{BODY}", origin).date_source == "filename"


# -- metadata dates that need a rule or a reference ------------------------------------------


def test_relative_published_dates_count_back_from_the_user_date_or_the_file_name() -> None:
    assert read_date("yesterday", reference=date(2021, 3, 4)) == (date(2021, 3, 3), None)
    assert read_date("2 days ago", reference=date(2021, 3, 4)) == (date(2021, 3, 2), None)
    assert read_date("a week ago", reference=date(2021, 3, 4)) == (date(2021, 2, 25), None)
    article = _clean(f"Headline\n\n{BODY}", "2021-03-04_x.json", published="yesterday")
    assert (article.published, article.date_source) == (date(2021, 3, 3), "metadata")
    given = _clean(f"Headline\n\n{BODY}", published="Yesterday", default_date=date(2021, 3, 4))
    assert given.published == date(2021, 3, 3)


def test_a_relative_date_with_nothing_to_count_from_is_no_date_with_a_warning() -> None:
    article = _clean(f"Headline\n\n{BODY}", published="yesterday")
    assert article.published is None
    [warning] = article.warnings
    assert "'yesterday'" in warning and "relative" in warning
    vague = _clean(f"Headline\n\n{BODY}", published="3 months ago", default_date=None)
    assert vague.published is None and "too vague" in vague.warnings[0]


def test_a_relative_date_the_text_can_replace_is_not_warned_about() -> None:
    article = _clean(f"Headline\n\nWASHINGTON, March 3, 2021 — {BODY}", published="yesterday")
    assert (article.published, article.date_source, article.warnings) == (
        date(2021, 3, 3),
        "text",
        (),
    )


def test_ambiguous_all_number_dates_are_read_month_first_with_a_warning() -> None:
    found, warning = read_date("10/11/2023")
    assert found == date(2023, 10, 11)
    assert warning and "month first" in warning and "2023-11-10" in warning
    assert "--dayfirst" in warning
    assert read_date("10/11/2023", dayfirst=True) == (date(2023, 11, 10), None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("25/11/2023", date(2023, 11, 25)),  # a part above 12 is the day
        ("11/25/2023", date(2023, 11, 25)),
        ("05.05.2023", date(2023, 5, 5)),  # the same either way
        ("2023/10/11", date(2023, 10, 11)),  # year first: ISO order
        ("10/11/2023 14:05", date(2023, 10, 11)),
    ],
)
def test_all_number_dates_that_are_not_ambiguous(value: str, expected: date) -> None:
    found, warning = read_date(value)
    assert found == expected
    assert warning is None or value.startswith("10/11")


def test_an_unreadable_published_value_is_said() -> None:
    article = _clean(f"Headline\n\n{BODY}", published="sometime last spring")
    assert article.published is None and "not a date" in article.warnings[0]


# -- ingest: warnings, undated articles, --date on stored articles -------------------------


def _ingest(paths: list[Path], db: Path, coder, **settings: object) -> str:
    stream = io.StringIO()
    console = Console(file=stream, width=400, highlight=False, soft_wrap=True)
    settings = Settings(db_path=db, use_model=False, **settings)  # type: ignore[arg-type]
    run_ingest_with_progress([str(p) for p in paths], settings, console, coder=coder)
    return stream.getvalue()


def test_ingest_names_the_undated_articles_and_prints_the_warnings(
    tmp_path: Path, db: Path, coder
) -> None:
    (tmp_path / "dated.txt").write_text(f"Headline\n\nWASHINGTON, March 3, 2021 — {BODY}")
    (tmp_path / "wire.txt").write_text(f"Headline\n\nNAIROBI, July 8 (Reuters) - {BODY}")
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "amb", "published": "10/11/2023", "text": "Russia condemned the strike on'
        ' Friday, the foreign ministry in Moscow said."}\n'
        '{"id": "rel", "published": "yesterday", "text": "Iran and Iraq signed an accord in'
        ' Baghdad, officials in both countries said."}\n'
    )
    out = _ingest([tmp_path], db, coder)
    lines = out.splitlines()
    assert any(
        line.startswith("warning: ") and "feed.jsonl:1" in line and "month first" in line
        for line in lines
    )
    assert any(line.startswith("warning: ") and "'yesterday'" in line for line in lines)
    assert any(line.startswith("warning: ") and "NAIROBI, July 8" in line for line in lines)
    [undated] = [line for line in lines if line.startswith("no date:")]
    assert "2 of 4 new articles" in undated and "rel" in undated and "wire" in undated
    assert "dated" not in undated.split("(")[1].split(")")[0].split(", ")
    with Store(db, read_only=True) as store:
        problems = store.query("SELECT doc_id, kind FROM problems ORDER BY doc_id").to_pylist()
        assert {(p["doc_id"], p["kind"]) for p in problems} == {
            ("amb", "warning"),
            ("rel", "warning"),
            ("wire", "warning"),
        }
        # events and their filters carry on working with undated articles in the store
        records = store.event_records()
        assert {"rel", "wire"} <= {r["doc_id"] for r in records}
        assert all(r["date"] is None for r in records if r["doc_id"] in ("rel", "wire"))
        assert store.events(since=date(2021, 1, 1)).num_rows >= 1


def test_the_undated_list_names_the_first_few_and_counts_the_rest(
    tmp_path: Path, db: Path, coder
) -> None:
    for number in range(7):
        (tmp_path / f"n{number}.txt").write_text(f"Headline {number}\n\n{BODY} ({number})")
    out = _ingest([tmp_path], db, coder)
    [undated] = [line for line in out.splitlines() if line.startswith("no date:")]
    assert "7 of 7 new articles (n0, n1, n2, n3, n4 and 2 more)" in undated


def test_ingest_date_on_a_stored_article_points_to_recode(tmp_path: Path, db: Path, coder) -> None:
    story = tmp_path / "story.txt"
    story.write_text(f"Headline\n\n{BODY}")
    _ingest([story], db, coder)
    out = _ingest([story], db, coder, default_date=date(2021, 3, 4))
    [line] = [line for line in out.splitlines() if line.startswith("already stored:")]
    assert "--date 2021-03-04 did not change" in line
    assert f"newsevents recode --db {db} --doc story --date 2021-03-04" in line
    with Store(db, read_only=True) as store:  # nothing changed, nothing doubled
        assert store.query("SELECT published FROM articles").to_pylist() == [{"published": None}]


def test_the_api_ingest_reports_undated_articles_and_serves_their_events(
    tmp_path: Path, sample_store: Path, coder
) -> None:
    import shutil

    from fastapi.testclient import TestClient

    from newsevents.web import ServeSettings, create_app

    path = tmp_path / "copy.duckdb"
    shutil.copy(sample_store, path)
    client = TestClient(create_app(ServeSettings(db_path=path, token="t0ken"), coder=coder))
    text = b"Iran accused the United States of sabotaging the talks in Vienna, officials said."
    answer = client.post(
        "/api/ingest",
        files={"files": ("undated-note.txt", text, "text/plain")},
        headers={"Authorization": "Bearer t0ken"},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["new"], body["undated"], body["undated_doc_ids"]) == (1, 1, ["undated-note"])
    events = client.get("/api/events", params={"source": "IRN", "code": "11"}).json()["events"]
    [undated] = [e for e in events if e["doc_id"] == "undated-note"]
    assert undated["date"] is None and undated["coder_version"] == coder.version
