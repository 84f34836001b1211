"""The Python API: code a text, code articles, ingest paths into a store.

A :class:`Coder` loads the spaCy model, the actor knowledge base and the event patterns
once; keep one per process and pass it around.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from newsevents.clean import clean_document
from newsevents.coder import Coder
from newsevents.config import Settings
from newsevents.ingest.decode import looks_like_html
from newsevents.records import Event, RawDocument, Rejection

if TYPE_CHECKING:
    from newsevents.pipeline import IngestSummary

__all__ = ["Coder", "code_text", "ingest_paths"]


def code_text(
    text: str, date: date | None = None, doc_id: str = "stdin", coder: Coder | None = None
) -> list[Event]:
    """Events in one text (plain or HTML). ``date`` is the publication date, the base for
    relative dates when the text does not carry its own."""
    coder = coder or Coder.load(Settings(default_date=date))
    raw = RawDocument(
        doc_id=doc_id, origin=doc_id, content=text, kind="html" if looks_like_html(text) else "text"
    )
    article = clean_document(raw, date, coder.settings.max_chars)
    if isinstance(article, Rejection):
        return []
    return next(coder.code_articles([article]))[1]


def ingest_paths(paths: Iterable[str], settings: Settings | None = None) -> IngestSummary:
    """Read, clean, code and store every article under ``paths``; returns the run summary."""
    from newsevents.pipeline import run_ingest  # imported when used: it loads the store

    return run_ingest(list(paths), settings or Settings())
