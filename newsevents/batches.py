"""Batches of an ingest run: documents read in chunks, cleaned, with the problems met on
the way. The same code runs in this process (:mod:`newsevents.pipeline`) and on Dask
workers (:mod:`newsevents.scale`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from newsevents.coder import Coder
from newsevents.records import Article, Event, RawDocument, ReadError, Rejection

Problem = tuple[str, str | None, str, str]  # (origin, doc_id, kind, reason)

T = TypeVar("T")


@dataclass
class Batch:
    """Clean articles (with their events once coded) and the problems met on the way."""

    articles: list[tuple[Article, list[Event] | None]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    read: int = 0


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of at most ``size`` items (documents and the read errors among them, or the
    ids of stored articles to re-code)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def clean_batch(items: list[RawDocument | ReadError], coder: Coder) -> Batch:
    """Clean the documents of one chunk; rejections, read errors and the articles'
    warnings become problems."""
    batch = Batch()
    for item in items:
        if isinstance(item, ReadError):
            batch.problems.append((item.origin, None, "error", item.message))
            continue
        batch.read += 1
        result = coder.clean(item)
        if isinstance(result, Rejection):
            batch.problems.append((result.origin, result.doc_id, "rejected", result.reason))
        else:
            batch.articles.append((result, None))
            for warning in result.warnings:  # a date read by a rule, or none: said, and kept
                batch.problems.append((result.origin, result.doc_id, "warning", warning))
    return batch
