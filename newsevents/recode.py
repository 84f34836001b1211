"""The recode run: stored articles coded again by the installed coder, in place.

The store keeps each article's clean text, so re-coding needs no source files: the
articles chosen (by publication date, by doc id) are read back in batches, coded, and
each batch's events replace the old ones in one transaction (newsevents.store.recoding).
Like an ingest, the run holds the writer lock throughout, opens the DuckDB file only to
read or write a batch, records itself in ``ingest_runs``, and a run killed at any point
leaves every article with either its old events or its new ones; running it again
finishes the job. ``date`` gives the chosen article a new publication date (the base of
its events' relative dates) before it is coded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from newsevents.batches import chunks as _chunks  # tests shrink batches through this name
from newsevents.coder import Coder
from newsevents.config import Settings
from newsevents.errors import NewseventsError
from newsevents.pipeline import finish_run, open_to_write, recorded_end, run_command
from newsevents.records import Article
from newsevents.store import writer_lock
from newsevents.store.recoding import (
    articles_to_recode,
    event_keys,
    replace_events,
    stored_articles,
)

ProgressHandler = Callable[[int, int], None]  # (articles re-coded, total)


@dataclass(frozen=True)
class RecodeSelection:
    """Which stored articles to re-code: published on or after ``since``, with doc_id (or
    article_id) ``doc``; ``new_date`` becomes their publication date (only with ``doc``)."""

    since: date | None = None
    doc: str | None = None
    new_date: date | None = None


@dataclass
class RecodeSummary:
    """What a recode run did."""

    run_id: str = ""
    coder_version: str = ""
    articles: int = 0  # chosen
    recoded: int = 0  # done
    changed: int = 0  # whose events changed (ids, codes or dates)
    events_before: int = 0
    events_after: int = 0

    def counts(self) -> dict[str, int]:
        """The counts as an ingest run records them (read = re-coded, events = new total)."""
        return {"read": self.recoded, "events": self.events_after}


def run_recode(
    settings: Settings,
    selection: RecodeSelection,
    coder: Coder | None = None,
    on_progress: ProgressHandler | None = None,
) -> RecodeSummary:
    """Re-code the chosen stored articles of the store named by ``settings``."""
    path = settings.db_path
    if not path.exists():
        raise NewseventsError("E001", path=f"{path} (no store yet: run newsevents ingest)")
    if selection.new_date is not None and selection.doc is None:
        raise NewseventsError("E021")
    summary = RecodeSummary()
    with writer_lock(path):
        with open_to_write(path) as store:
            store.mark_interrupted_runs()
            ids = articles_to_recode(store, selection.since, selection.doc)
            if selection.doc is not None and not ids:
                raise NewseventsError("E022", doc=selection.doc, path=path)
            summary.articles = len(ids)
            summary.run_id = store.start_run(run_command(), settings.describe())
        with recorded_end(path, summary):
            coder = coder or Coder.load(settings)
            summary.coder_version = coder.version
            for chunk in _chunks(ids, settings.batch_size):
                _recode_batch(path, chunk, selection, coder, summary)
                if on_progress:
                    on_progress(summary.recoded, summary.articles)
            with open_to_write(path) as store:
                finish_run(store, summary, changed=summary.recoded > 0)
    return summary


def _recode_batch(
    path: Path,
    ids: Sequence[str],
    selection: RecodeSelection,
    coder: Coder,
    summary: RecodeSummary,
) -> None:
    """Read a batch back, code it, and swap its events in one transaction."""
    with open_to_write(path) as store:
        articles = [_dated(a, selection.new_date) for a in stored_articles(store, ids)]
        before = event_keys(store, ids)
    coded = list(coder.code_articles(articles))
    with open_to_write(path) as store:
        replace_events(store, summary.run_id, coded)
    after = {a.article_id: sorted((e.event_id, e.cameo, e.date) for e in ev) for a, ev in coded}
    summary.recoded += len(coded)
    summary.events_before += sum(len(keys) for keys in before.values())
    summary.events_after += sum(len(ev) for _, ev in coded)
    summary.changed += sum(before.get(i, []) != keys for i, keys in after.items())


def _dated(article: Article, new_date: date | None) -> Article:
    if new_date is None:
        return article
    return replace(article, published=new_date, date_source="user")
