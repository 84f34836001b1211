"""The ingest run: read -> clean -> skip duplicates -> parse, code -> store, in batches.

Streaming: only a few batches are held at a time. The work runs in this process or, with
``Settings.workers`` or ``Settings.scheduler``, on a Dask cluster (newsevents.scale); the
store is written here either way, one transaction per batch, so a batch lost with a
worker is simply done again and nothing is stored twice (ids are content hashes).

Crashes and other processes: the run holds the store's writer lock throughout (a second
ingest gets E011 at once) but opens the DuckDB file only to look up and to write a batch,
so readers (``newsevents events``, the web app) get in between batches. A run killed at
any point leaves whole batches; running the same command again stores the rest, and
reclusters when it finds events a dead run did not cluster.
"""

from __future__ import annotations

import shlex
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from newsevents.batches import Batch, Problem, chunks, clean_batch
from newsevents.coder import Coder
from newsevents.config import Settings
from newsevents.ingest import read_inputs
from newsevents.records import Article, Event, RawDocument, ReadError
from newsevents.store import Store, busy_timeout, writer_lock

WRITER_PATIENCE = 120.0  # seconds an ingest waits for readers to let go of the store
EXAMPLES = 5  # doc ids kept to name undated or duplicate articles in the summary
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
    warnings: int = 0  # articles stored with a warning (a date read by a stated rule, or none)
    undated: int = 0  # new articles stored without a publication date
    undated_examples: list[str] = field(default_factory=list)  # the first few doc ids
    duplicate_examples: list[str] = field(default_factory=list)  # the first few doc ids

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
    distributed = settings.workers > 1 or bool(settings.scheduler)
    with writer_lock(settings.db_path):
        return _ingest(
            lambda loaded: _batches(paths, settings, loaded, distributed),
            settings,
            coder,
            distributed,
            on_problem,
            on_progress,
        )


def ingest_documents(
    documents: Iterable[RawDocument | ReadError],
    settings: Settings,
    coder: Coder | None = None,
    on_problem: ProblemHandler | None = None,
    on_progress: ProgressHandler | None = None,
) -> IngestSummary:
    """Ingest documents the caller reads or fetches itself, as one run, in this process.
    Only for a caller that holds the store's writer lock (:func:`writer_lock`):
    ``newsevents watch`` holds it for a whole cycle. ``documents`` is read lazily."""

    def batches(loaded: Coder | None) -> Iterator[Batch]:
        for chunk in chunks(documents, settings.batch_size):
            yield clean_batch(chunk, loaded)  # type: ignore[arg-type]

    return _ingest(batches, settings, coder, False, on_problem, on_progress)


def _ingest(
    make_batches: Callable[[Coder | None], Iterable[Batch]],
    settings: Settings,
    coder: Coder | None,
    distributed: bool,
    on_problem: ProblemHandler | None,
    on_progress: ProgressHandler | None,
) -> IngestSummary:
    """One recorded run over the batches, for the holder of the writer lock."""
    summary = IngestSummary()
    path = settings.db_path
    with open_to_write(path) as store:
        store.mark_interrupted_runs()  # we hold the lock: runs still "running" are dead
        summary.run_id = store.start_run(run_command(), settings.describe())
    with recorded_end(path, summary):
        if not distributed:
            coder = coder or Coder.load(settings)
        seen: set[str] = set()
        pending: list[tuple[Article, list[Event]]] | None = None
        for batch in make_batches(coder):
            pending = _store_batch(batch, path, summary, seen, on_problem, coder, pending)
            if on_progress:
                on_progress(summary.read, summary.events)
        with open_to_write(path) as store:
            if pending is not None:
                _write(store, summary, pending, [])
            finish_run(store, summary, changed=summary.events > 0)
    return summary


class RunSummary(Protocol):
    """What the end of a run records: its id and its counts (ingest and recode runs)."""

    run_id: str

    def counts(self) -> dict[str, int]: ...


def finish_run(store: Store, summary: RunSummary, changed: bool) -> None:
    """Recluster when events changed (or a dead run left some unclustered), then record
    the run as finished."""
    if changed or store.has_unclustered_events():
        store.recluster()
    store.finish_run(summary.run_id, summary.counts())


@contextmanager
def recorded_end(path: Path, summary: RunSummary) -> Iterator[None]:
    """Record a run that ends early: "interrupted" on Ctrl-C, "failed" on any other
    error (which is raised again)."""
    try:
        yield
    except KeyboardInterrupt:
        end_run(path, summary.run_id, summary.counts(), "interrupted")
        raise
    except BaseException:
        end_run(path, summary.run_id, summary.counts(), "failed")
        raise


def run_command() -> str:
    """The command line of this process, as recorded with a run."""
    return " ".join(shlex.quote(a) for a in ["newsevents", *sys.argv[1:]])


def open_to_write(path: Path) -> Store:
    """The store, opened to write; waits longer than a reader would (a reader's query is
    allowed to finish) before E011."""
    return Store(path, busy_timeout=max(WRITER_PATIENCE, busy_timeout()))


def end_run(path: Path, run_id: str, counts: dict[str, int], status: str) -> None:
    """Record how a run ended ("failed", "interrupted") when the store can be opened;
    never hides the error that ended it."""
    try:
        with Store(path, busy_timeout=busy_timeout()) as store:
            store.finish_run(run_id, counts, status=status)
    except Exception:  # noqa: BLE001 - the original error is what the user must see
        pass


def _batches(
    paths: list[str], settings: Settings, coder: Coder | None, distributed: bool
) -> Iterator[Batch]:
    """Cleaned batches from this process (coded later, duplicates skipped first) or coded
    batches from Dask workers."""
    if distributed:
        from newsevents.scale import distributed_batches

        yield from distributed_batches(paths, settings, settings.batch_size)
        return
    for chunk in chunks(read_inputs(paths), settings.batch_size):
        yield clean_batch(chunk, coder)  # type: ignore[arg-type]


def _store_batch(
    batch: Batch,
    path: Path,
    summary: IngestSummary,
    seen: set[str],
    on_problem: ProblemHandler | None,
    coder: Coder | None,
    pending: list[tuple[Article, list[Event]]] | None = None,
) -> list[tuple[Article, list[Event]]] | None:
    """Count the batch, drop articles already stored, code what is not coded yet, store.
    The store is open only to look up and to write, not while coding; one opening writes
    the batch coded before (``pending``) and looks up this one, and a batch that comes
    coded (from Dask) is written at once. Returns this batch's coded articles when they
    are still to be written (with the next batch, or at the end of the run)."""
    summary.read += batch.read
    for origin, _, kind, reason in batch.problems:
        if kind == "error":
            summary.errors.append(reason)
        elif kind == "warning":
            summary.warnings += 1
        else:
            summary.rejected[reason.split(":")[0]] += 1
        if on_problem:
            on_problem(kind, origin, reason)
    coded_already = all(events is not None for _, events in batch.articles)
    known: set[str] = set()
    if batch.articles or pending is not None or (coded_already and batch.problems):
        with open_to_write(path) as store:
            if pending is not None:
                _write(store, summary, pending, [])
            if batch.articles:
                known = store.known_articles([a.article_id for a, _ in batch.articles])
            if coded_already:
                _write(store, summary, _fresh(batch, known, seen, summary), batch.problems)
                return None
    fresh = _fresh(batch, known, seen, summary)
    coded = _coded(fresh, coder)
    if batch.problems:
        with open_to_write(path) as store:
            _write(store, summary, coded, batch.problems)
        return None
    return coded or None


def _fresh(
    batch: Batch, known: set[str], seen: set[str], summary: IngestSummary
) -> list[tuple[Article, list[Event] | None]]:
    """The batch's articles not stored before nor met earlier in this run."""
    fresh = []
    for article, events in batch.articles:
        if article.article_id in known or article.article_id in seen:
            summary.duplicate += 1
            _keep_example(summary.duplicate_examples, article.doc_id)
        else:
            seen.add(article.article_id)
            fresh.append((article, events))
    return fresh


def _write(
    store: Store,
    summary: IngestSummary,
    coded: list[tuple[Article, list[Event]]] | list[tuple[Article, list[Event] | None]],
    problems: list[Problem],
) -> None:
    """One transaction: the coded articles with their events, and the problems."""
    if coded or problems:
        store.write_batch(summary.run_id, coded, problems)  # type: ignore[arg-type]
    summary.new += len(coded)
    summary.events += sum(len(events or ()) for _, events in coded)
    for article, _ in coded:
        if article.published is None:
            summary.undated += 1
            _keep_example(summary.undated_examples, article.doc_id)


def _keep_example(examples: list[str], doc_id: str) -> None:
    if len(examples) < EXAMPLES:
        examples.append(doc_id)


def _coded(
    articles: list[tuple[Article, list[Event] | None]], coder: Coder | None
) -> list[tuple[Article, list[Event]]]:
    done = [(a, e) for a, e in articles if e is not None]
    todo = [a for a, e in articles if e is None]
    if todo and coder is not None:
        done.extend(coder.code_articles(todo))
    return done
