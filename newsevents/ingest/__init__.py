"""ingest: paths, directories and standard input to :class:`RawDocument` records.

``read_inputs`` streams documents and :class:`ReadError` values; nothing is held for the
whole corpus. Formats: .txt, .html/.htm, .json, .jsonl, .csv, RSS/Atom (.xml, .rss, .atom,
or any file that is a feed), .warc and .warc.gz.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsevents.errors import Errors
from newsevents.ingest.containers import is_feed, read_feed, read_warc
from newsevents.ingest.decode import decode_bytes, looks_like_html
from newsevents.ingest.gunzip import gunzip
from newsevents.ingest.records import read_csv, read_json, read_jsonl
from newsevents.records import RawDocument, ReadError

__all__ = ["SUPPORTED_SUFFIXES", "read_inputs", "read_path", "read_stream", "supported_files"]

SUPPORTED_SUFFIXES = (
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".csv",
    ".xml",
    ".rss",
    ".atom",
    ".warc",
    ".warc.gz",
)
MAX_FILE_BYTES = 512 * 1024 * 1024

Item = RawDocument | ReadError


def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every document in ``paths``; ``-`` reads standard input (``stdin`` or sys.stdin)."""
    for name in paths:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_stream(stream.read(), origin="stdin", stem="stdin")
            continue
        path = Path(name)
        if path.is_dir():
            for child in supported_files(path):
                yield from read_path(child)
        elif path.exists():
            yield from read_path(path)
        else:
            yield ReadError(name, Errors.E001.format(path=name))


def supported_files(directory: Path) -> Iterator[Path]:
    """Supported files under ``directory``, recursively, in a stable order, hidden ones skipped."""
    for child in sorted(directory.rglob("*")):
        relative = child.relative_to(directory).parts
        if any(part.startswith(".") for part in relative) or not child.is_file():
            continue
        if _suffix(child) in SUPPORTED_SUFFIXES:
            yield child


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz", path.suffix):
        if suffix and name.lower().endswith(suffix.lower()):
            return name[: -len(suffix)]
    return name


def read_path(path: Path) -> Iterator[Item]:
    """Documents in one file, chosen by its suffix (and, for .xml or unknown, its content)."""
    origin = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            yield ReadError(origin, Errors.E002.format(path=origin, reason="larger than 512 MB"))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(origin, Errors.E002.format(path=origin, reason=exc.strerror or exc))
        return
    suffix = _suffix(path)
    if suffix in (".warc", ".warc.gz"):
        yield from read_warc(data, origin)
        return
    if suffix == ".gz":
        data = _gunzip(data, origin)
        if isinstance(data, ReadError):
            yield data
            return
    yield from read_stream(data, origin=origin, stem=_stem(path), suffix=suffix)


def _gunzip(data: bytes, origin: str) -> bytes | ReadError:
    try:
        return gunzip(data, MAX_FILE_BYTES)
    except (OSError, EOFError, ValueError) as exc:
        return ReadError(origin, Errors.E002.format(path=origin, reason=f"bad gzip: {exc}"))


def read_stream(data: bytes, origin: str, stem: str, suffix: str = "") -> Iterator[Item]:
    """Documents in bytes of a known suffix, or sniffed when the suffix says nothing."""
    if data[:4] == b"WARC" or (data[:2] == b"\x1f\x8b" and suffix != ".gz"):
        yield from read_warc(data, origin)
        return
    text = decode_bytes(data, origin)
    if isinstance(text, ReadError):
        yield text
        return
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl(text, origin, stem)
    elif suffix == ".json":
        yield from read_json(text, origin, stem)
    elif suffix == ".csv":
        yield from read_csv(text, origin, stem)
    elif suffix in (".xml", ".rss", ".atom") or is_feed(text):
        yield from read_feed(text, origin, stem)
    elif not suffix and text.lstrip().startswith("{"):
        yield from read_jsonl(text, origin, stem)
    else:
        kind = "html" if suffix in (".html", ".htm", ".xhtml") or looks_like_html(text) else "text"
        yield RawDocument(doc_id=stem, origin=origin, content=text, kind=kind)
