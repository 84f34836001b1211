"""One watch cycle: read every source, fetch the new items' pages, ingest them through the
ingest pipeline, record what was done, check the alert rules.

The cycle holds the store's writer lock from start to end (a concurrent ``ingest`` gets
E011, as it would from another ingest) and opens the store only between network work.
State is written at the end: a cycle killed at any point leaves whole ingest batches and
the state of the cycle before, so the next cycle does the rest again. A page it fetches
again is skipped when an article with its URL is stored, and an article is never stored
twice (its id is the content hash).
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from newsevents.coder import Coder
from newsevents.config import Settings
from newsevents.ingest import read_path
from newsevents.ingest.decode import decode_bytes, looks_like_html
from newsevents.pipeline import IngestSummary, ingest_documents, open_to_write
from newsevents.records import RawDocument, ReadError
from newsevents.store import Store, writer_lock
from newsevents.store.watching import DONE_STATUSES, AlertRecord, ItemState, SourceState, WatchState
from newsevents.watch.alerts import check_rules
from newsevents.watch.fetch import Fetcher, FetchError, FetchSettings
from newsevents.watch.rules import AlertRules
from newsevents.watch.sources import Item, Source, feed_items, folder_items

log = logging.getLogger(__name__)
EPOCH = datetime(1970, 1, 1)
PAGE_TYPES = ("html", "xml", "text/plain")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
NoticeHandler = Callable[[str, str, str | None, str], None]  # (kind, source, url, reason)


@dataclass(frozen=True)
class WatchSettings:
    """How a cycle fetches and how it treats failing sources and items."""

    fetch: FetchSettings = field(default_factory=FetchSettings)
    backoff: timedelta = timedelta(minutes=1)  # after a source's first failure; doubles
    max_backoff: timedelta = timedelta(hours=6)
    max_attempts: int = 3  # a page that fails this often is given up


@dataclass
class SourceOutcome:
    """What a cycle did with one source: ``status`` ok, not-modified, failed or waiting
    (in backoff), and its items new, seen (done before), failed and skipped (robots)."""

    source: str
    kind: str
    status: str = "ok"
    new: int = 0
    seen: int = 0
    failed: int = 0
    skipped: int = 0
    error: str | None = None
    retry_after: datetime | None = None


@dataclass
class CycleReport:
    cycle_id: str
    started: datetime
    finished: datetime | None = None
    outcomes: list[SourceOutcome] = field(default_factory=list)
    ingest: IngestSummary | None = None
    alerts: list[AlertRecord] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "sources": len(self.outcomes),
            "new": sum(o.new for o in self.outcomes),
            "seen": sum(o.seen for o in self.outcomes),
            "failed": sum(o.failed for o in self.outcomes),
            "skipped": sum(o.skipped for o in self.outcomes),
            "failed_sources": sum(o.status == "failed" for o in self.outcomes),
            "waiting": sum(o.status == "waiting" for o in self.outcomes),
            "events": self.ingest.events if self.ingest else 0,
            "stored": self.ingest.new if self.ingest else 0,
            "alerts": len(self.alerts),
        }


@dataclass
class _Plan:
    """A source in a cycle: its outcome, its next state, its items to do and done."""

    source: Source
    outcome: SourceOutcome
    state: SourceState
    items: list[Item] = field(default_factory=list)
    todo: list[tuple[Item, int]] = field(default_factory=list)  # (item, attempts before)
    done: dict[str, ItemState] = field(default_factory=dict)
    failures: list[tuple[str | None, str]] = field(default_factory=list)  # (url, reason)
    validators: tuple[str | None, str | None] | None = None  # the feed's new ETag, Last-Modified

    def next_state(self) -> SourceState:
        """The state to store: the feed's new validators only once every item is handled.
        While a page is left to try again (failed, not yet abandoned) the old ones stay,
        so the next cycle gets the feed in full, not a 304 that would hide that page."""
        retry = any(done.status == "failed" for done in self.done.values())
        if self.validators is None or retry:
            return self.state
        etag, last_modified = self.validators
        return replace(self.state, etag=etag, last_modified=last_modified)


def run_cycle(
    sources: list[Source],
    settings: Settings,
    watch: WatchSettings | None = None,
    coder: Coder | None = None,
    rules: AlertRules | None = None,
    on_notice: NoticeHandler | None = None,
    clock: Callable[[], datetime] = datetime.now,
    fetcher: Fetcher | None = None,
) -> CycleReport:
    """Run one cycle over ``sources`` into the store of ``settings``."""
    watch = watch or WatchSettings()
    fetcher = fetcher or Fetcher(watch.fetch)
    notice = on_notice or _log_notice
    path = settings.db_path
    with writer_lock(path):
        with open_to_write(path) as store:
            state = WatchState(store)
            report = CycleReport(state.start_cycle(clock()), clock())
            known = state.sources()
            if state.watermark() is None:  # the store as it was before watching began
                state.set_watermark(state.latest_ingest() or EPOCH)
        plans = [_plan(s, known.get(s.source), fetcher, watch, clock()) for s in sources]
        with open_to_write(path) as store:
            for plan in plans:
                _sort_items(plan, WatchState(store))
        if any(plan.todo for plan in plans):
            documents = _documents(plans, fetcher, watch, notice)
            report.ingest = ingest_documents(
                documents, settings, coder, on_problem=_problem_handler(plans, notice)
            )
        report.outcomes = [plan.outcome for plan in plans]
        with open_to_write(path) as store:
            report.alerts = _record(store, report, plans, rules, clock())
    return report


def _plan(
    source: Source, known: SourceState | None, fetcher: Fetcher, watch: WatchSettings, now: datetime
) -> _Plan:
    """Read a source's list of items (a feed, conditionally; a folder's files)."""
    state = known or SourceState(source.source, source.kind)
    plan = _Plan(source, SourceOutcome(source.source, source.kind), state)
    if state.retry_after is not None and state.retry_after > now:
        plan.outcome.status = "waiting"
        plan.outcome.retry_after = state.retry_after
        plan.outcome.error = state.last_error
        return plan
    try:
        plan.items = _read_source(plan, fetcher)
    except (FetchError, ValueError, OSError) as exc:
        _source_failed(plan, str(exc) or type(exc).__name__, watch, now)
        return plan  # said by the source's own line (the caller's report), not a notice
    except Exception as exc:  # noqa: BLE001 - one source's surprise must not stop the rest
        log.exception("reading %s", source.source)
        _source_failed(plan, f"unexpected {type(exc).__name__}: {exc}", watch, now)
        return plan
    plan.state = replace(
        plan.state, last_checked=now, last_ok=now, failures=0, last_error=None, retry_after=None
    )
    return plan


def _read_source(plan: _Plan, fetcher: Fetcher) -> list[Item]:
    if plan.source.kind == "folder":
        return folder_items(plan.source)
    url = plan.source.location
    if not fetcher.allowed(url):
        raise FetchError("the feed is disallowed by robots.txt")
    answer = fetcher.get(url, plan.state.etag, plan.state.last_modified)
    if answer.not_modified:
        plan.outcome.status = "not-modified"
        return []
    items = feed_items(answer.body, answer.url)
    plan.validators = (answer.etag, answer.last_modified)
    return items


def _source_failed(plan: _Plan, reason: str, watch: WatchSettings, now: datetime) -> None:
    """Count the failure and put the source off: backoff doubling up to the cap."""
    failures = plan.state.failures + 1
    wait = backoff_wait(failures, watch.backoff, watch.max_backoff)
    plan.state = replace(
        plan.state, last_checked=now, failures=failures, last_error=reason, retry_after=now + wait
    )
    plan.outcome.status = "failed"
    plan.outcome.error = reason
    plan.outcome.retry_after = now + wait
    plan.failures.append((None, reason))


def backoff_wait(failures: int, first: timedelta, cap: timedelta) -> timedelta:
    """How long a source is put off after ``failures`` failures in a row: ``first``,
    doubled for each failure after the first, up to ``cap``. The doubling stops at the cap
    (``first * 2 ** (failures - 1)`` overflows a timedelta from 42 failures: a feed dead
    for a week, failing every 6 hours, crashed each cycle)."""
    wait = first
    for _ in range(failures - 1):
        if wait >= cap:
            break
        wait *= 2
    return min(wait, cap)


def _sort_items(plan: _Plan, state: WatchState) -> None:
    """Items done before are seen; a page whose URL a stored article has is done (a
    cycle that died stored it); the rest are to do, with their attempts so far."""
    if not plan.items:
        return
    before = state.item_attempts(plan.source.source, [item.key for item in plan.items])
    stored = state.known_urls([item.url for item in plan.items if item.url])
    for item in plan.items:
        status, attempts = before.get(item.key, ("new", 0))
        if status in DONE_STATUSES:
            plan.outcome.seen += 1
        elif item.url is not None and item.url in stored:
            plan.outcome.seen += 1
            plan.done[item.key] = ItemState(item.key, item.url, "ingested", attempts + 1)
        else:
            plan.todo.append((item, attempts))


def _documents(
    plans: list[_Plan], fetcher: Fetcher, watch: WatchSettings, notice: NoticeHandler
) -> Iterator[RawDocument | ReadError]:
    """The documents of every item to do, fetched one by one as the ingest asks."""
    for plan in plans:
        for item, attempts in plan.todo:
            if item.path is not None:
                _ingested(plan, item, attempts)
                yield from read_path(item.path)
                continue
            document = _item_document(plan, item, attempts, fetcher, watch, notice)
            if document is not None:
                yield document


def _item_document(
    plan: _Plan,
    item: Item,
    attempts: int,
    fetcher: Fetcher,
    watch: WatchSettings,
    notice: NoticeHandler,
) -> RawDocument | None:
    """The item's page as a document (or the entry's own text when it has no link);
    None when it is skipped (robots.txt) or failed (recorded, tried again later)."""
    source = plan.source.source
    if item.url is None:
        content = item.content or ""
        _ingested(plan, item, attempts)
        kind = "html" if looks_like_html(content) or "<" in content else "text"
        return _document(item, _origin(plan, item), content, kind)
    try:
        if not fetcher.allowed(item.url):
            reason = "disallowed by robots.txt"
            plan.done[item.key] = ItemState(item.key, item.url, "skipped", attempts, reason)
            plan.outcome.skipped += 1
            notice("skipped", source, item.url, reason)
            return None
        text = _fetch_page(fetcher, item.url)
    except FetchError as exc:
        status = "abandoned" if attempts + 1 >= watch.max_attempts else "failed"
        plan.done[item.key] = ItemState(item.key, item.url, status, attempts + 1, str(exc))
        plan.outcome.failed += 1
        plan.failures.append((item.url, str(exc)))
        notice("failed", source, item.url, str(exc))
        return None
    _ingested(plan, item, attempts)
    return _document(item, item.url, text, "html")


def _ingested(plan: _Plan, item: Item, attempts: int) -> None:
    """The item handed to the ingest: done, and new to its source."""
    plan.done[item.key] = ItemState(item.key, item.url, "ingested", attempts + 1)
    plan.outcome.new += 1


def _origin(plan: _Plan, item: Item) -> str:
    """Where the ingest says an item's document came from: its page, its file, or (an
    entry without a link) the feed and the entry's key."""
    if item.path is not None:
        return str(item.path)
    return item.url or f"{plan.source.source}#{item.key}"


def _fetch_page(fetcher: Fetcher, url: str) -> str:
    answer = fetcher.get(url)
    if answer.content_type and not any(kind in answer.content_type for kind in PAGE_TYPES):
        kind = answer.content_type.split(";")[0]
        raise FetchError(f"not an article page (content type {kind})")
    return page_text(answer.body, answer.content_type, url)


def page_text(body: bytes, content_type: str, url: str) -> str:
    """A page's text in the charset its Content-Type names, else its ``<meta charset>``
    (or ``http-equiv``), else UTF-8; an unlabelled page that is no UTF-8 is read as
    windows-1252, as browsers do. FetchError for binary data."""
    header = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type)
    meta = CHARSET.search(body[:4096])
    for label in (header and header[1], meta and meta[1].decode("ascii")):
        try:
            charset = codecs.lookup(label).name if label else None
        except LookupError:
            continue
        if charset is not None and "utf-16" not in charset and b"\x00" not in body[:8192]:
            return body.decode("utf-8-sig" if charset == "utf-8" else charset, errors="replace")
    text = decode_bytes(body, url)
    if isinstance(text, ReadError):
        if b"\x00" in body[:8192]:
            raise FetchError(f"not an article page ({text.message})")
        return body.decode("cp1252", errors="replace")
    return text


def _document(item: Item, origin: str, content: str, kind: str) -> RawDocument:
    return RawDocument(
        doc_id=item.doc_id or item.key,
        origin=origin,
        content=content,
        kind=kind,  # type: ignore[arg-type]
        title=item.title,
        published=item.published,
        url=item.url,
    )


def _problem_handler(plans: list[_Plan], notice: NoticeHandler) -> Callable[[str, str, str], None]:
    """The ingest's problems (a page that is no article, a file that cannot be read)
    counted against the item and source they came from."""
    by_origin: dict[str, tuple[_Plan, Item]] = {}
    for plan in plans:
        for item, _ in plan.todo:
            by_origin[_origin(plan, item)] = (plan, item)

    def on_problem(kind: str, origin: str, message: str) -> None:
        if kind == "warning":
            return
        found = by_origin.get(origin) or _by_prefix(by_origin, origin)
        if found is None:
            return
        plan, item = found
        done = plan.done.get(item.key)
        if item.path is None and done is not None and done.status == "ingested":
            plan.done[item.key] = replace(done, status="rejected", reason=message)
            plan.outcome.new -= 1  # a page that is no article (a file: its other records count)
        plan.outcome.failed += 1
        plan.failures.append((item.url or origin, message))
        notice("rejected" if kind == "rejected" else "failed", plan.source.source, origin, message)

    return on_problem


def _by_prefix(by_origin: dict[str, tuple[_Plan, Item]], origin: str) -> tuple[_Plan, Item] | None:
    """The file a record's origin ("path:line", "path:url") belongs to."""
    for prefix, found in by_origin.items():
        if origin.startswith(prefix + ":"):
            return found
    return None


def _record(
    store: Store, report: CycleReport, plans: list[_Plan], rules: AlertRules | None, now: datetime
) -> list[AlertRecord]:
    """Write the cycle's state (items, sources, failures), check the alert rules, store
    the new alerts and finish the cycle: one store opening."""
    state = WatchState(store)
    for plan in plans:
        state.save_items(plan.source.source, list(plan.done.values()), now)
        state.record_failures(
            report.cycle_id, [(plan.source.source, url, why) for url, why in plan.failures], now
        )
    state.save_sources(plan.next_state() for plan in plans)
    alerts: list[AlertRecord] = []
    if rules is not None and rules.rules:
        alerts = state.add_alerts(check_rules(store, rules, state.watermark(), now))
    state.set_watermark(state.latest_ingest() or EPOCH)
    report.alerts, report.finished = alerts, now
    run_id = report.ingest.run_id if report.ingest else None
    state.finish_cycle(report.cycle_id, run_id, report.counts(), now)
    return alerts


def _log_notice(kind: str, source: str, url: str | None, reason: str) -> None:
    log.warning("%s: %s%s: %s", kind, source, f" {url}" if url else "", reason)
