"""Readers for feed (RSS/Atom) and web-archive (WARC) containers."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
from collections.abc import Iterator

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsevents.errors import Errors
from newsevents.ingest.decode import decode_bytes, looks_like_html
from newsevents.ingest.gunzip import GZIP_MAGIC, open_gzip, open_plain
from newsevents.records import RawDocument, ReadError

MAX_WARC_RECORD = 20 * 1024 * 1024
WARC_BLOCK = 1024 * 1024  # warcio joins a long line block by block: big blocks, few joins


def is_feed(text: str) -> bool:
    """True for RSS or Atom XML."""
    head = text.lstrip()[:2000].lower()
    return "<rss" in head or ("<feed" in head and "atom" in head) or "<rdf:rdf" in head


def read_feed(text: str, path: str, stem: str) -> Iterator[RawDocument | ReadError]:
    """Each feed item becomes an article: its full content if present, else its summary."""
    try:
        parsed = feedparser.parse(text)
    except Exception as exc:  # noqa: BLE001 - feedparser fails in many ways on bad input
        yield ReadError(path, Errors.E012.format(path=path, reason=_one_line(exc)))
        return
    if parsed.bozo and not parsed.entries:
        reason = _one_line(parsed.bozo_exception)
        yield ReadError(path, Errors.E012.format(path=path, reason=reason))
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
    """HTML responses in a .warc or .warc.gz; other records (requests, images) are skipped.

    A .warc.gz is decompressed here, within bounds (newsevents.ingest.gunzip), so a gzip
    bomb or a line without end is one E007 error. warcio's warnings about damaged records
    become one E007 error too, after the records that could be read.
    """
    try:
        if _warc_head(data) != b"WARC/":
            yield ReadError(path, Errors.E007.format(path=path, reason="no WARC header"))
            return
        stream: io.RawIOBase = open_gzip(data) if data[:2] == GZIP_MAGIC else open_plain(data)
        records = iter(ArchiveIterator(stream, block_size=WARC_BLOCK))
        damaged: list[str] = []
        count = 0
        while True:
            warnings = io.StringIO()
            with contextlib.redirect_stderr(warnings):  # warcio writes warnings to stderr
                record = next(records, None)
            damaged.extend(_warc_warnings(warnings.getvalue()))
            if record is None:
                break
            count += bool(getattr(record, "rec_type", None))  # headers that name no type: junk
            document = _warc_document(record, path)
            if document is not None:
                yield document
        if not count:
            yield ReadError(path, Errors.E007.format(path=path, reason="no WARC records"))
        elif damaged:
            reason = f"damaged record at offset {damaged[0]} (wrong Content-Length?)"
            if len(damaged) > 1:
                reason += f" and {len(damaged) - 1} more"
            yield ReadError(path, Errors.E007.format(path=path, reason=reason))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield ReadError(path, Errors.E007.format(path=path, reason=_one_line(exc)))


def _warc_warnings(text: str) -> list[str]:
    """The offsets of the damaged records warcio warned about."""
    if not text.strip():
        return []
    return re.findall(r"Offset: (\d+)", text) or ["unknown"]


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] or type(exc).__name__


def _warc_head(data: bytes) -> bytes:
    """The first five bytes of the archive, decompressed if it is gzip."""
    if data[:2] == GZIP_MAGIC:
        return open_gzip(data).read(5)
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
