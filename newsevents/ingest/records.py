"""Readers for record containers: JSON, JSONL and CSV.

Each record is a mapping with a text field (``text``, ``body``, ``content``, ...) and
optional ``title``, ``date``/``published``, ``url`` and ``id``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from newsevents.errors import Errors
from newsevents.ingest.decode import looks_like_html
from newsevents.records import RawDocument, ReadError

TEXT_KEYS = ("text", "body", "content", "article", "maintext", "full_text", "html")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("date", "published", "publish_date", "pubdate", "date_publish", "datetime")
URL_KEYS = ("url", "link", "source_url")
ID_KEYS = ("id", "doc_id", "guid", "newid", "uuid")


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, ""):
            return value
    return None


def record_to_document(
    record: Mapping[str, Any], *, stem: str, position: int, path: str, line: int
) -> RawDocument | ReadError:
    """Build a document from one record; ``position`` (1-based) names it when it has no id."""
    origin = f"{path}:{line}"
    text = _first(record, TEXT_KEYS)
    if not isinstance(text, str):
        return ReadError(
            origin, Errors.E013.format(path=path, line=line, columns="/".join(TEXT_KEYS))
        )
    record_id = _first(record, ID_KEYS)
    title = _first(record, TITLE_KEYS)
    published = _first(record, DATE_KEYS)
    url = _first(record, URL_KEYS)
    return RawDocument(
        doc_id=str(record_id) if record_id is not None else f"{stem}-{position}",
        origin=origin,
        content=text,
        kind="html" if looks_like_html(text) else "text",
        title=str(title) if title is not None else None,
        published=str(published) if published is not None else None,
        url=str(url) if url is not None else None,
    )


def read_jsonl(text: str, path: str, stem: str) -> Iterator[RawDocument | ReadError]:
    """One JSON object per line; a bad line is reported with its number, the rest go on."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(origin, Errors.E005.format(path=path, line=number, reason=exc.msg))
            continue
        if not isinstance(record, dict):
            yield ReadError(
                origin, Errors.E005.format(path=path, line=number, reason="not an object")
            )
            continue
        yield record_to_document(record, stem=stem, position=number, path=path, line=number)


def read_json(text: str, path: str, stem: str) -> Iterator[RawDocument | ReadError]:
    """A JSON object (one article) or a list of objects; JSONL saved as .json also works."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg.startswith("Extra data"):
            yield from read_jsonl(text, path, stem)
            return
        yield ReadError(path, Errors.E005.format(path=path, line=exc.lineno, reason=exc.msg))
        return
    if isinstance(data, dict) and not _first(data, TEXT_KEYS):
        data = next((v for v in data.values() if isinstance(v, list)), data)
    if isinstance(data, dict):
        record = dict(data)
        record.setdefault("id", stem)
        yield record_to_document(record, stem=stem, position=1, path=path, line=1)
        return
    if not isinstance(data, list):
        yield ReadError(path, Errors.E005.format(path=path, line=1, reason="not an object"))
        return
    for position, record in enumerate(data, start=1):
        origin = f"{path}:{position}"
        if not isinstance(record, dict):
            yield ReadError(
                origin, Errors.E005.format(path=path, line=position, reason="not an object")
            )
            continue
        yield record_to_document(record, stem=stem, position=position, path=path, line=position)


def read_csv(text: str, path: str, stem: str) -> Iterator[RawDocument | ReadError]:
    """CSV with a header row; a file without a text column is one error for the file."""
    csv.field_size_limit(64 * 1024 * 1024)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [f.lower() for f in (reader.fieldnames or [])]
    if not any(key in fields for key in TEXT_KEYS):
        yield ReadError(
            path,
            Errors.E006.format(
                path=path, columns="/".join(TEXT_KEYS), found=", ".join(fields) or "nothing"
            ),
        )
        return
    try:
        for position, row in enumerate(reader, start=1):
            yield record_to_document(
                row, stem=stem, position=position, path=path, line=reader.line_num
            )
    except csv.Error as exc:
        yield ReadError(path, Errors.E002.format(path=path, reason=f"CSV error: {exc}"))
