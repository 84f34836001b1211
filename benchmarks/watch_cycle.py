"""The overhead of one ``newsevents watch`` cycle beyond coding.

A local HTTP server (tests/feed_server.py) serves ``--sources`` RSS feeds of ``--items``
items each, every item an article page of its own. Timed, with the per-host delay 0:

    first cycle   run_cycle over every feed into a fresh store with the coder replaced by
                  one that cleans (trafilatura) and codes nothing: the feeds fetched and
                  parsed, robots.txt, every page fetched, cleaned, deduplicated and stored,
                  the watch state written. This is the cycle's cost beyond coding.
    cleaning      the cleaning alone (trafilatura, dates) of the same pages, in process,
                  no network, no store: the first cycle less this is what watch adds to
                  what ``ingest`` of the same HTML files would do (fetching, feed parsing,
                  robots.txt, state, store writes).
    quiet cycle   the same feeds again: every feed answers 304 (conditional GET), nothing
                  is fetched or stored; the cost of a cycle with nothing new.
    coding        the coder as it ships (patterns and model) and with --no-model, on a
                  sample of the same cleaned pages (``--sample``): seconds per article,
                  for comparison with the first cycle's seconds per item.

Usage (from the repository root):

    .venv/bin/python benchmarks/watch_cycle.py                       # 20 feeds x 50 items
    .venv/bin/python benchmarks/watch_cycle.py --sources 5 --items 20 --sample 50
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the test suite's local feed server

from feed_server import article_html, rss, serving  # noqa: E402

from newsevents.clean import clean_document  # noqa: E402
from newsevents.coder import Coder  # noqa: E402
from newsevents.config import Settings  # noqa: E402
from newsevents.records import Article, Event, RawDocument, Rejection  # noqa: E402
from newsevents.watch import FetchSettings, WatchSettings, parse_sources, run_cycle  # noqa: E402


@dataclass
class CleanOnlyCoder:
    """Cleans as the coder does and codes nothing: the pipeline without the coding."""

    settings: Settings

    def clean(self, raw: RawDocument) -> Article | Rejection:
        return clean_document(raw, None, self.settings.max_chars, self.settings.dayfirst)

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        return ((article, []) for article in articles)


def _serve_feeds(server, sources: int, items: int) -> list[str]:  # type: ignore[no-untyped-def]
    urls = []
    for feed in range(sources):
        links = []
        for item in range(items):
            number = feed * items + item
            server.page(f"/f{feed}/{item}.html", article_html(number))
            links.append((f"f{feed}-{item}", server.url(f"/f{feed}/{item}.html")))
        server.feed(f"/f{feed}.xml", rss(links, title=f"Feed {feed}"))
        urls.append(server.url(f"/f{feed}.xml"))
    return urls


def _timed_cycle(urls: list[str], settings: Settings, coder: object) -> tuple[float, dict]:
    watch = WatchSettings(fetch=FetchSettings(delay=0.0, timeout=30.0))
    started = time.perf_counter()
    report = run_cycle(parse_sources(urls), settings, watch, coder)  # type: ignore[arg-type]
    return time.perf_counter() - started, report.counts()


def _coding_seconds(articles: list[Article], use_model: bool) -> float:
    coder = Coder.load(Settings(use_model=use_model))
    list(coder.code_articles(articles[:5]))  # warm-up
    started = time.perf_counter()
    for _ in coder.code_articles(articles):
        pass
    return (time.perf_counter() - started) / len(articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--sample", type=int, default=200, help="articles coded for the figure")
    args = parser.parse_args()
    total = args.sources * args.items
    with tempfile.TemporaryDirectory() as folder, serving() as server:
        settings = Settings(db_path=Path(folder) / "watch.duckdb", use_model=False)
        urls = _serve_feeds(server, args.sources, args.items)
        first, counts = _timed_cycle(urls, settings, CleanOnlyCoder(settings))
        quiet, quiet_counts = _timed_cycle(urls, settings, CleanOnlyCoder(settings))
        requests = len(server.requests)
    assert counts["stored"] == total, counts
    assert quiet_counts["new"] == 0 and quiet_counts["stored"] == 0, quiet_counts
    cleaner = CleanOnlyCoder(Settings())
    pages = [RawDocument(f"p{n}", f"p{n}", article_html(n), kind="html") for n in range(total)]
    started = time.perf_counter()
    cleaned = [cleaner.clean(page) for page in pages]
    cleaning = time.perf_counter() - started
    articles = [a for a in cleaned[: args.sample] if isinstance(a, Article)]
    with_model, patterns_only = _coding_seconds(articles, True), _coding_seconds(articles, False)
    python = platform.python_version()
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {python}",
        "sources": args.sources,
        "items": total,
        "requests": requests,
        "first_cycle_s": round(first, 2),
        "first_cycle_ms_per_item": round(1000 * first / total, 2),
        "cleaning_ms_per_page": round(1000 * cleaning / total, 2),
        "watch_ms_per_item_beyond_cleaning": round(1000 * (first - cleaning) / total, 2),
        "quiet_cycle_s": round(quiet, 3),
        "coding_ms_per_article_model": round(1000 * with_model, 2),
        "coding_ms_per_article_no_model": round(1000 * patterns_only, 2),
        "overhead_share_model": round(first / (first + with_model * total), 3),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
