"""Re-coding stored articles: choose them, read them back, and swap their events.

Each batch of re-coded articles replaces its old events in one transaction (delete and
insert, with the article's event count, date and the actor code counts), so that an
article always has either its old events or its new ones, never none and never both.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from newsevents.records import Article, Event
from newsevents.store.rows import EVENT_COLUMNS, event_row
from newsevents.store.transactions import transaction

if TYPE_CHECKING:
    from newsevents.store import Store

SELECT_SQL = """
SELECT article_id FROM articles
WHERE (CAST(? AS DATE) IS NULL OR published >= CAST(? AS DATE))
  AND (CAST(? AS VARCHAR) IS NULL OR doc_id = ? OR article_id = ?)
ORDER BY ingested_at, article_id
"""
ARTICLE_SQL = """
SELECT article_id, doc_id, origin, text, title, published, date_source, url
FROM articles WHERE article_id IN (SELECT unnest(?)) ORDER BY ingested_at, article_id
"""
# The actor code counts of the events about to be deleted, taken off actor_codes.
UNCOUNT_SQL = """
UPDATE actor_codes SET n_events = actor_codes.n_events - gone.n
FROM (SELECT code, coalesce(country, '') AS country, count(*) AS n
      FROM (SELECT source_code AS code, source_country AS country FROM events
            WHERE article_id IN (SELECT unnest($ids))
            UNION ALL
            SELECT target_code, target_country FROM events
            WHERE target_code IS NOT NULL AND article_id IN (SELECT unnest($ids))) AS m
      GROUP BY ALL) AS gone
WHERE actor_codes.code = gone.code AND actor_codes.country = gone.country
"""


def articles_to_recode(store: Store, since: date | None, doc: str | None) -> list[str]:
    """Ids of the stored articles published on or after ``since`` (all when None) whose
    doc_id or article_id is ``doc`` (any when None), oldest ingest first."""
    rows = store.con.execute(SELECT_SQL, [since, since, doc, doc, doc]).fetchall()
    return [row[0] for row in rows]


def stored_articles(store: Store, article_ids: Sequence[str]) -> list[Article]:
    """The stored articles with these ids, as the coder takes them."""
    rows = store.con.execute(ARTICLE_SQL, [list(article_ids)]).fetchall()
    return [
        Article(
            article_id=article_id,
            doc_id=doc_id,
            origin=origin or "",
            text=text,
            title=title,
            published=published,
            date_source=date_source,
            url=url,
        )
        for article_id, doc_id, origin, text, title, published, date_source, url in rows
    ]


EventKey = tuple[str, str, str | None]  # (event_id, cameo, date): what counts as a change


def event_keys(store: Store, article_ids: Sequence[str]) -> dict[str, list[EventKey]]:
    """Each of these articles' stored events as sorted (event_id, cameo, date) keys."""
    rows = store.con.execute(
        "SELECT article_id, event_id, cameo, date FROM events WHERE article_id IN"
        " (SELECT unnest(?)) ORDER BY 1, 2, 3, 4",
        [list(article_ids)],
    ).fetchall()
    keys: dict[str, list[EventKey]] = {}
    for article_id, event_id, cameo, day in rows:
        keys.setdefault(article_id, []).append((event_id, cameo, day))
    return keys


def replace_events(store: Store, run_id: str, coded: Sequence[tuple[Article, list[Event]]]) -> None:
    """In one transaction: delete the events of these articles, store their new ones, and
    update each article's event count and date (its date may be new) and the actor code
    counts. Event clusters are left to :meth:`Store.recluster`."""
    ids = [article.article_id for article, _ in coded]
    rows = [event_row(event, run_id) for _, events in coded for event in events]
    with transaction(store.con):
        store.con.execute(UNCOUNT_SQL, {"ids": ids})
        store.con.execute("DELETE FROM actor_codes WHERE n_events <= 0")
        store.con.execute("DELETE FROM events WHERE article_id IN (SELECT unnest(?))", [ids])
        store._insert("events", EVENT_COLUMNS, rows)
        store._count_actor_codes(rows)
        store.con.executemany(
            "UPDATE articles SET n_events = ?, published = ?, date_source = ? WHERE article_id = ?",
            [
                (len(events), article.published, article.date_source, article.article_id)
                for article, events in coded
            ],
        )
