"""What ``newsevents watch`` follows: feed URLs and folders (of web archives or any file
that ``ingest`` reads), and the items each one holds in a cycle.

A feed's items are its entries, known by their id (else their link); a folder's items are
its files, known by path, size and modification time, so a file that changes is read
again (the ingest's content hashes keep the articles it already gave from being stored
twice).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from newsevents.errors import NewseventsError
from newsevents.ingest import supported_files

URL = re.compile(r"^https?://[^/\s]+", re.IGNORECASE)
INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Source:
    """A watched source: ``kind`` "feed" (``location`` a URL) or "folder" (an absolute
    path, of a folder or of one file). ``source`` is its name in the store."""

    kind: str
    location: str

    @property
    def source(self) -> str:
        return self.location


@dataclass(frozen=True)
class Item:
    """One item of a source: a feed entry (its page is at ``url``; ``content`` is the
    entry's own text, used when it has no link) or a folder's file (``path``)."""

    key: str
    url: str | None = None
    doc_id: str | None = None
    title: str | None = None
    published: str | None = None
    content: str | None = None
    path: Path | None = None


def parse_sources(values: list[str]) -> list[Source]:
    """The sources named on the command line, each once; E023 for one that is neither a
    feed URL nor an existing path."""
    found: dict[str, Source] = {}
    for value in values:
        source = _parse_source(value)
        found.setdefault(source.source, source)
    return list(found.values())


def _parse_source(value: str) -> Source:
    if URL.match(value):
        return Source("feed", value.strip())
    if "://" in value:
        raise NewseventsError("E023", source=value)
    path = Path(value).expanduser()
    if not path.exists():
        raise NewseventsError("E023", source=value)
    return Source("folder", str(path.resolve()))


def parse_interval(value: str) -> timedelta:
    """``900``, ``30s``, ``15m``, ``2h``, ``1d`` as a timedelta (at least one second)."""
    found = INTERVAL.match(value)
    if found is None or float(found[1]) * UNIT_SECONDS[found[2].lower()] < 1:
        raise NewseventsError("E025", value=value)
    return timedelta(seconds=float(found[1]) * UNIT_SECONDS[found[2].lower()])


def folder_items(source: Source) -> list[Item]:
    """The files of a folder source (or the one file it names), each with its key."""
    root = Path(source.location)
    if not root.exists():
        raise FileNotFoundError(f"{root} no longer exists")
    files = [root] if root.is_file() else list(supported_files(root))
    items = []
    for path in files:
        try:
            stat = path.stat()
        except FileNotFoundError:  # moved away since the listing (an inbox being emptied)
            continue
        items.append(Item(key=f"{path}|{stat.st_size}|{stat.st_mtime_ns}", path=path))
    return items


def feed_items(body: bytes, url: str) -> list[Item]:
    """The entries of a feed fetched from ``url`` (after redirects: relative links are
    resolved against it); ValueError (its message one line) when the body is no RSS or
    Atom feed."""
    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise ValueError(f"not a feed ({' '.join(str(reason).split())[:200]})")
    items: dict[str, Item] = {}
    for entry in parsed.entries:
        item = _entry_item(entry, url)
        if item is not None:
            items.setdefault(item.key, item)
    return list(items.values())


def _entry_item(entry: dict, url: str) -> Item | None:
    """An entry with a link (its page is fetched) or its own text; None with neither. A
    link that is no http(s) URL (mailto:, javascript:) is no page to fetch."""
    link = urljoin(url, str(entry.get("link") or "").strip()) if entry.get("link") else None
    if link is not None and not URL.match(link):
        link = None
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary")
    if link is None and not body:
        return None
    key = str(entry.get("id") or link or _digest(f"{entry.get('title')}|{body}"))
    return Item(
        key=key,
        url=link,
        doc_id=key,  # not the entry's position: each new first entry was "<feed>-1"
        title=entry.get("title"),
        published=entry.get("published") or entry.get("updated"),
        content=None if link else body,
    )


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]
