"""Readers for feed (RSS/Atom) and web-archive (WARC) containers."""

from __future__ import annotations

import gzip
import hashlib
import io
from collections.abc import Iterator

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsevents.errors import Errors
from newsevents.ingest.decode import decode_bytes, looks_like_html
from newsevents.records import RawDocument, ReadError

MAX_WARC_RECORD = 20 * 1024 * 1024


def is_feed(text: str) -> bool:
    """True for RSS or Atom XML."""
    head = text.lstrip()[:2000].lower()
    return "<rss" in head or ("<feed" in head and "atom" in head) or "<rdf:rdf" in head


def read_feed(text: str, path: str, stem: str) -> Iterator[RawDocument | ReadError]:
    """Each feed item becomes an article: its full content if present, else its summary."""
    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        yield ReadError(path, Errors.E012.format(path=path, reason=parsed.bozo_exception))
        return
    for position, entry in enumerate(parsed.entries, start=1):
        contents = entry.get("content") or []
        body = contents[0].get("value") if contents else entry.get("summary", "")
        if not body:
            yield ReadError(
                f"{path}:{position}",
                Errors.E013.format(path=path, line=position, columns="content/summary"),
            )
            continue
        yield RawDocument(
            doc_id=str(entry.get("id") or entry.get("link") or f"{stem}-{position}"),
            origin=f"{path}:{position}",
            content=body,
            kind="html" if looks_like_html(body) or "<" in body else "text",
            title=entry.get("title"),
            published=entry.get("published") or entry.get("updated"),
            url=entry.get("link"),
        )


def read_warc(data: bytes, path: str) -> Iterator[RawDocument | ReadError]:
    """HTML responses in a .warc or .warc.gz; other records (requests, images) are skipped."""
    try:
        if _warc_head(data) != b"WARC/":
            yield ReadError(path, Errors.E007.format(path=path, reason="no WARC header"))
            return
        for record in ArchiveIterator(io.BytesIO(data)):
            document = _warc_document(record, path)
            if document is not None:
                yield document
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield ReadError(path, Errors.E007.format(path=path, reason=str(exc) or type(exc).__name__))


def _warc_head(data: bytes) -> bytes:
    """The first five bytes of the archive, decompressed if it is gzip."""
    if data[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return stream.read(5)
    return data[:5]


def _warc_document(record: object, path: str) -> RawDocument | ReadError | None:
    if getattr(record, "rec_type", None) != "response":
        return None
    http_headers = getattr(record, "http_headers", None)
    content_type = http_headers.get_header("Content-Type", "") if http_headers else ""
    if "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    payload = record.content_stream().read(MAX_WARC_RECORD + 1)  # type: ignore[attr-defined]
    origin = f"{path}:{url}"
    if len(payload) > MAX_WARC_RECORD:
        return ReadError(origin, Errors.E002.format(path=origin, reason="record over 20 MB"))
    text = decode_bytes(payload, origin)
    if isinstance(text, ReadError):
        text = payload.decode("latin-1")
    digest = hashlib.sha1((url or origin).encode()).hexdigest()[:16]
    return RawDocument(
        doc_id=f"warc-{digest}",
        origin=origin,
        content=text,
        kind="html",
        url=url,
    )
