"""The ingest run: read -> clean -> skip duplicates -> parse, code -> store, in batches.

Streaming: only one batch of articles is held at a time. Every read error and rejection
is reported through ``on_problem`` as it happens and recorded in the store with the run.
"""

from __future__ import annotations

import shlex
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from newsevents.api import Coder
from newsevents.config import Settings
from newsevents.ingest import read_inputs
from newsevents.records import Article, ReadError, Rejection
from newsevents.store import Store

BATCH_ARTICLES = 64

ProblemHandler = Callable[[str, str, str], None]  # (kind, origin, message)
ProgressHandler = Callable[[int, int], None]  # (documents read, events so far)


@dataclass
class IngestSummary:
    """What an ingest run did. ``rejected`` counts reasons; ``errors`` lists messages."""

    run_id: str = ""
    read: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    events: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "rejected": sum(self.rejected.values()),
            "errors": len(self.errors),
            "events": self.events,
        }


def run_ingest(
    paths: list[str],
    settings: Settings,
    coder: Coder | None = None,
    on_problem: ProblemHandler | None = None,
    on_progress: ProgressHandler | None = None,
) -> IngestSummary:
    """Ingest every document under ``paths`` into the store named by ``settings``."""
    summary = IngestSummary()
    with Store(settings.db_path) as store:
        command = " ".join(shlex.quote(a) for a in ["newsevents", *sys.argv[1:]])
        summary.run_id = store.start_run(command, settings.describe())
        try:
            coder = coder or Coder.load(settings)
            _ingest(paths, coder, store, summary, on_problem, on_progress)
            if summary.events:
                store.recluster()
        except BaseException:
            store.finish_run(summary.run_id, summary.counts(), status="failed")
            raise
        store.finish_run(summary.run_id, summary.counts())
    return summary


def _ingest(
    paths: list[str],
    coder: Coder,
    store: Store,
    summary: IngestSummary,
    on_problem: ProblemHandler | None,
    on_progress: ProgressHandler | None,
) -> None:
    seen: set[str] = set()
    for batch in _batches(_clean_articles(paths, coder, summary, on_problem), BATCH_ARTICLES):
        articles, problems = batch
        known = store.known_articles([a.article_id for a in articles])
        fresh = []
        for article in articles:
            if article.article_id in known or article.article_id in seen:
                summary.duplicate += 1
            else:
                seen.add(article.article_id)
                fresh.append(article)
        coded = list(coder.code_articles(fresh))
        store.write_batch(summary.run_id, coded, problems)
        summary.new += len(coded)
        summary.events += sum(len(events) for _, events in coded)
        if on_progress:
            on_progress(summary.read, summary.events)


def _clean_articles(
    paths: list[str], coder: Coder, summary: IngestSummary, on_problem: ProblemHandler | None
) -> Iterator[Article | tuple[str, str | None, str, str]]:
    """Clean articles, and problems as (origin, doc_id, kind, reason) tuples."""
    for item in read_inputs(paths):
        if isinstance(item, ReadError):
            summary.errors.append(item.message)
            if on_problem:
                on_problem("error", item.origin, item.message)
            yield (item.origin, None, "error", item.message)
            continue
        summary.read += 1
        result = coder.clean(item)
        if isinstance(result, Rejection):
            summary.rejected[result.reason.split(":")[0]] += 1
            if on_problem:
                on_problem("rejected", result.origin, result.reason)
            yield (result.origin, result.doc_id, "rejected", result.reason)
            continue
        yield result


def _batches(
    items: Iterable[Article | tuple[str, str | None, str, str]], size: int
) -> Iterator[tuple[list[Article], list[tuple[str, str | None, str, str]]]]:
    iterator = iter(items)
    while True:
        chunk = list(islice(iterator, size))
        if not chunk:
            return
        yield (
            [i for i in chunk if isinstance(i, Article)],
            [i for i in chunk if not isinstance(i, Article)],
        )
