"""Deduplication across articles: reports of one real-world event become one cluster.

Two events are reports of the same event when they have the same source and target
actor codes, the same CAMEO root and the same modality, and their dates agree within
their precision: each date is an interval ("2019-04" is all of April; a date that fell
back to the article date may be up to a week before it), and intervals that overlap or
touch chain into one cluster. The counts follow GDELT's NumMentions / NumSources /
NumArticles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlparse

DOCUMENT_DATE_SLACK = timedelta(days=7)
TOUCH = timedelta(days=1)

CLUSTER_SOURCE_SQL = """
SELECT e.event_id, e.source_code, coalesce(e.target_code, '') AS target_code, e.cameo_root,
       e.modality, e.date_start, e.date_precision, e.article_id, a.published, a.url, a.origin
FROM events e JOIN articles a USING (article_id)
WHERE e.date_start IS NOT NULL
ORDER BY e.source_code, target_code, e.cameo_root, e.modality, e.date_start, e.event_id
"""


@dataclass
class Cluster:
    key: tuple[str, str, str, str]
    first: date
    last: date
    event_ids: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    publishers: set[str] = field(default_factory=set)
    reported: list[date] = field(default_factory=list)

    @property
    def cluster_id(self) -> str:
        return hashlib.sha1("|".join(sorted(self.event_ids)).encode()).hexdigest()[:16]

    def row(self) -> tuple[Any, ...]:
        source, target, root, modality = self.key
        return (
            self.cluster_id,
            source,
            target or None,
            root,
            modality,
            self.first,
            self.last,
            min(self.reported, default=None),
            max(self.reported, default=None),
            len(self.event_ids),
            len(self.publishers),
            len(self.articles),
        )


def event_interval(start: date, precision: str) -> tuple[date, date]:
    """The days an event date can mean, by its precision."""
    if precision == "month":
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start, following - timedelta(days=1)
    if precision == "year":
        return start, start.replace(month=12, day=31)
    if precision == "document":
        return start - DOCUMENT_DATE_SLACK, start
    return start, start


def publisher(url: str | None, origin: str | None) -> str:
    """Who published a report: the URL's host, else the file it came from."""
    if url:
        host = urlparse(url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return (origin or "").rsplit(":", 1)[0]


def build_clusters(rows: Iterable[tuple[Any, ...]]) -> Iterator[Cluster]:
    """Clusters from event rows sorted by key and date (see CLUSTER_SOURCE_SQL)."""
    current: Cluster | None = None
    for (
        event_id,
        source,
        target,
        root,
        modality,
        start,
        precision,
        article,
        published,
        url,
        origin,
    ) in rows:
        key = (source, target, root, modality)
        first, last = event_interval(start, precision)
        if current is None or current.key != key or first > current.last + TOUCH:
            if current is not None:
                yield current
            current = Cluster(key, first, last)
        current.last = max(current.last, last)
        current.event_ids.append(event_id)
        current.articles.add(article)
        current.publishers.add(publisher(url, origin))
        if published is not None:
            current.reported.append(published)
    if current is not None:
        yield current
