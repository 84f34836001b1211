"""Any input is read, cleaned and coded, or rejected with a reason: never a crash."""

from __future__ import annotations

import gzip

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.api import code_text
from newsevents.clean import clean_document
from newsevents.ingest import read_stream
from newsevents.records import Article, RawDocument, ReadError, Rejection

SUFFIXES = st.sampled_from(["", ".txt", ".html", ".json", ".jsonl", ".csv", ".xml", ".warc"])
NASTY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400
) | st.sampled_from(
    [
        "<html><body>" + "<div>" * 500 + "deep" + "</div>" * 500 + "</body></html>",
        "<p>unclosed <b>bold <i>italic",
        "\u202eRight-to-left override\u202c and العربية والعبرية עברית",
        "\x00\x01\x02 control characters \x7f",
        "<?xml version='1.0'?><rss><channel><item><title>x",
        "WARC/1.0\r\nWARC-Type: response\r\n\r\n",
    ]
)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=600), suffix=SUFFIXES)
def test_any_bytes_are_read_or_refused_with_a_reason(data: bytes, suffix: str) -> None:
    for item in read_stream(data, origin="fuzz", stem="fuzz", suffix=suffix):
        assert isinstance(item, RawDocument | ReadError)
        if isinstance(item, ReadError):
            assert item.message and "\n" not in item.message


@settings(max_examples=150, deadline=None)
@given(text=NASTY_TEXT, kind=st.sampled_from(["text", "html"]))
def test_any_text_is_cleaned_or_rejected_with_a_reason(text: str, kind: str) -> None:
    result = clean_document(RawDocument("d", "d", text, kind=kind))  # type: ignore[arg-type]
    assert isinstance(result, Article | Rejection)
    if isinstance(result, Rejection):
        assert result.reason


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=NASTY_TEXT)
def test_any_text_is_coded_without_a_crash(coder, text: str) -> None:
    for event in code_text(text, coder=coder):
        assert event.source is not None
        assert 0 <= event.evidence.start <= event.evidence.end


def test_a_warc_that_expands_enormously_gives_no_article_and_no_crash() -> None:
    bomb = gzip.compress(b"WARC/1.0\r\n" + b"\0" * 50_000_000)  # 50 KB packed, 50 MB open
    items = list(read_stream(bomb, origin="bomb.warc.gz", stem="bomb", suffix=".warc.gz"))
    assert not [i for i in items if isinstance(i, RawDocument)]


def test_a_huge_single_line_is_coded_within_limits(coder) -> None:
    line = "Russia condemned the attack on Ukraine. " * 2000  # 80,000 characters, one line
    events = code_text(line, coder=coder)
    assert events and all(e.source.country == "RUS" for e in events)
