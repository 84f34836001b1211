"""Every input format, and every kind of bad input, with the reason the user sees."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.ingest import read_inputs
from newsevents.records import RawDocument, ReadError

ARTICLE = "Russia and China issued statements condemning the strike on Friday, officials said."


def _read(*paths: Path | str) -> list[RawDocument | ReadError]:
    return list(read_inputs([str(p) for p in paths]))


def test_txt_file_is_one_document_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "story-1.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = _read(path)
    assert isinstance(doc, RawDocument)
    assert (doc.doc_id, doc.kind, doc.content) == ("story-1", "text", ARTICLE)


def test_html_file_is_marked_html(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    [doc] = _read(path)
    assert isinstance(doc, RawDocument) and doc.kind == "html"


def test_jsonl_records_use_their_ids_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [
        {
            "id": "a1",
            "title": "T1",
            "date": "2020-01-03",
            "url": "https://x.org/1",
            "text": ARTICLE,
        },
        {"body": ARTICLE + " Again.", "published": "2020-01-04"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.doc_id, first.title, first.published, first.url) == (
        "a1",
        "T1",
        "2020-01-03",
        "https://x.org/1",
    )
    assert second.doc_id == "wire-2" and second.published == "2020-01-04"


def test_malformed_jsonl_line_is_named_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        json.dumps({"text": ARTICLE}) + "\n{not json\n" + json.dumps({"text": ARTICLE + "!"}),
        encoding="utf-8",
    )
    items = _read(path)
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len([i for i in items if isinstance(i, RawDocument)]) == 2
    assert len(errors) == 1 and f"{path}:2: malformed JSON" in errors[0].message


def test_json_array_and_single_object(tmp_path: Path) -> None:
    array = tmp_path / "many.json"
    array.write_text(json.dumps([{"content": ARTICLE}, {"content": ARTICLE + "!"}]))
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": ARTICLE, "title": "One"}))
    docs = _read(array, single)
    assert [d.doc_id for d in docs] == ["many-1", "many-2", "one"]  # type: ignore[union-attr]


def test_csv_with_text_column(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(f'url,date,title,text\nhttps://a,2019-01-04,T,"{ARTICLE}\nSecond line."\n')
    [doc] = _read(path)
    assert isinstance(doc, RawDocument)
    assert doc.doc_id == "news-1" and doc.published == "2019-01-04"
    assert doc.content.endswith("Second line.")


def test_csv_without_text_column_is_one_error_naming_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("url,headline\nhttps://a,Something\n")
    [error] = _read(path)
    assert isinstance(error, ReadError)
    assert "no text column" in error.message and "found url, headline" in error.message


def test_rss_and_atom_feeds(tmp_path: Path) -> None:
    rss = tmp_path / "feed.xml"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        "<item><title>Strike</title><link>https://x.org/a</link><guid>g-1</guid>"
        f"<pubDate>Fri, 03 Jan 2020 10:00:00 GMT</pubDate><description>{ARTICLE}</description>"
        "</item></channel></rss>"
    )
    atom = tmp_path / "feed.atom"
    atom.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>'
        "<entry><title>Talks</title><id>urn:1</id><updated>2019-02-27T00:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry></feed>'
    )
    first, second = _read(rss, atom)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.doc_id, first.title, first.url) == ("g-1", "Strike", "https://x.org/a")
    assert first.published and "2020" in first.published
    assert second.doc_id == "urn:1" and second.kind == "html"


def _warc_bytes(compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    html = f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode()
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/a", "response", payload=io.BytesIO(html), http_headers=headers
        )
    )
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/a.png",
            "response",
            payload=io.BytesIO(b"\x89PNG"),
            http_headers=image,
        )
    )
    return buffer.getvalue()


def test_warc_and_warc_gz_yield_html_responses_only(tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(_warc_bytes(compress=False))
    packed = tmp_path / "crawl.warc.gz"
    packed.write_bytes(_warc_bytes(compress=True))
    docs = _read(plain, packed)
    assert [d.url for d in docs] == ["https://news.example/a"] * 2  # type: ignore[union-attr]
    assert all(isinstance(d, RawDocument) and d.kind == "html" for d in docs)


def test_broken_warc_gz_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a warc file at all"))
    [error] = _read(path)
    assert isinstance(error, ReadError) and "not a readable WARC" in error.message


def test_directory_is_read_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b" / "c.txt").write_text(ARTICLE + " More.")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    assert [d.doc_id for d in _read(tmp_path)] == ["a", "c"]  # type: ignore[union-attr]


def test_stdin_is_read_with_dash() -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(ARTICLE.encode())))
    assert [(d.doc_id, d.content) for d in items] == [("stdin", ARTICLE)]  # type: ignore[union-attr]


def test_bad_files_get_one_line_reasons(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 au lait".encode("latin-1"))
    items = _read(tmp_path / "missing.txt", binary, latin)
    messages = [i.message for i in items if isinstance(i, ReadError)]
    assert messages == [
        f"path not found: {tmp_path / 'missing.txt'}",
        f"{binary}: binary file, not text",
        f"{latin}: not valid UTF-8 text (first bad byte at offset 3)",
    ]
    assert all("\n" not in m for m in messages)
