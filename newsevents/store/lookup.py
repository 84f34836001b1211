"""Read-side lookups for the web app and the HTTP API: one event, one article with its
events, the actors in the store, and the overview figures. Data only: where to mark an
event on the page is the web app's business (:mod:`newsevents.web.spans`). All SQL here is
parameterised; every function takes an open :class:`~newsevents.store.Store`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsevents.store.query import EventFilters, build_event_query, count_query
from newsevents.store.rows import EVENT_COLUMNS, record_from_row

if TYPE_CHECKING:
    from newsevents.store import Store

ARTICLE_FIELDS = ("article_id", "doc_id", "origin", "url", "title", "published", "n_events")
CLUSTER_FIELDS = ("n_mentions", "n_sources", "n_articles", "first_reported", "last_reported")
# The timeline leaves out the earliest and latest 2.5% of dated events: a few mentions of
# long-past events would otherwise stretch it over decades.
TIMELINE_TRIM = 0.025


def _rows(store: Store, sql: str, params: list[object] | None = None) -> list[dict[str, Any]]:
    return store.con.cursor().sql(sql, params=params or []).to_arrow_table().to_pylist()


def _json_value(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _json_value(value) for key, value in row.items()}


def event_page(store: Store, filters: EventFilters) -> tuple[int, list[dict[str, Any]]]:
    """How many events match (ignoring limit/offset) and the page of event records, each
    with its ``article_id`` (and cluster counts when ``filters.unique``)."""
    total = store.con.cursor().execute(*count_query(filters)).fetchone()[0]  # type: ignore[index]
    sql, params = build_event_query(filters)
    records = []
    for row in _rows(store, sql, params):
        record = record_from_row(row)
        record["article_id"] = row["article_id"]
        if filters.unique:
            record["cluster"] = _plain({f: row[f] for f in ("cluster_id", *CLUSTER_FIELDS)})
        records.append(record)
    return total, records


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event record with its article (id, title, url, date) and its cluster's counts,
    or None when the store has no such event."""
    columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    clusters = ", ".join(f"c.{c}" for c in CLUSTER_FIELDS)
    rows = _rows(
        store,
        f"SELECT {columns}, e.cluster_id, {clusters}, a.title, a.url, a.published "
        "FROM events e JOIN articles a USING (article_id) "
        "LEFT JOIN event_clusters c ON c.cluster_id = e.cluster_id WHERE e.event_id = ?",
        [event_id],
    )
    if not rows:
        return None
    row = rows[0]
    record = record_from_row(row)
    record["article"] = _plain(
        {
            "article_id": row["article_id"],
            "title": row["title"],
            "url": row["url"],
            "published": row["published"],
        }
    )
    record["cluster"] = (
        _plain({"cluster_id": row["cluster_id"], **{f: row[f] for f in CLUSTER_FIELDS}})
        if row["cluster_id"] is not None
        else None
    )
    return record


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article's fields, its clean text and its event records; None if not stored."""
    fields = ", ".join(ARTICLE_FIELDS)
    rows = _rows(store, f"SELECT {fields}, text FROM articles WHERE article_id = ?", [article_id])
    if not rows:
        return None
    article = _plain(rows[0])
    sql, params = build_event_query(EventFilters(article=article_id))
    events = [record_from_row(row) for row in _rows(store, sql, params)]
    article["events"] = events
    return article


def store_actors(store: Store, query: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Actor codes in the store with their most common name and how many events they are
    source or target of, most frequent first; ``query`` matches a code prefix or part of
    a name (case-insensitive)."""
    pattern = (query or "").strip()
    return _rows(
        store,
        """
        SELECT code, country, mode(name) AS name, count(*) AS events,
               count(*) FILTER (WHERE role = 'source') AS as_source,
               count(*) FILTER (WHERE role = 'target') AS as_target
        FROM (
            SELECT source_code AS code, source_country AS country, source_name AS name,
                   'source' AS role FROM events
            UNION ALL
            SELECT target_code, target_country, target_name, 'target' FROM events
            WHERE target_code IS NOT NULL
        ) AS mentions
        WHERE ? = '' OR starts_with(code, upper(?)) OR contains(lower(name), lower(?))
        GROUP BY code, country
        ORDER BY events DESC, code
        LIMIT ?
        """,
        [pattern, pattern, pattern, limit],
    )


def overview(store: Store, top: int = 10) -> dict[str, Any]:
    """The figures of the web page's overview: counts, dates, modalities, the busiest
    dyads (asserted events, country level) and events per month by QuadClass (the
    earliest and latest 2.5% of dates left out; ``timeline_left_out`` counts them)."""
    cursor = store.con.cursor()
    counts = cursor.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM event_clusters), (SELECT min(date_start) FROM events), "
        "(SELECT max(date_start) FROM events)"
    ).fetchone()
    assert counts is not None
    by_modality = "SELECT modality, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
    modality = dict(cursor.execute(by_modality).fetchall())
    dyads = _rows(
        store,
        """
        SELECT least(source_country, target_country) AS a,
               greatest(source_country, target_country) AS b,
               count(*) AS events, round(avg(goldstein), 2) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
        FROM events
        WHERE modality = 'asserted' AND source_country IS NOT NULL
          AND target_country IS NOT NULL AND source_country <> target_country
        GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?
        """,
        [top],
    )
    timeline = _rows(
        store,
        """
        WITH dated AS (
            SELECT date_start, quad_class FROM events
            WHERE modality = 'asserted' AND date_start IS NOT NULL
        ), bounds AS (
            SELECT quantile_disc(date_start, ?) AS lo, quantile_disc(date_start, ?) AS hi
            FROM dated
        )
        SELECT strftime(date_trunc('month', date_start), '%Y-%m') AS month, quad_class,
               count(*) AS events
        FROM dated, bounds WHERE date_start BETWEEN lo AND hi
        GROUP BY 1, 2 ORDER BY 1, 2
        """,
        [TIMELINE_TRIM, 1 - TIMELINE_TRIM],
    )
    dated = cursor.execute(
        "SELECT count(*) FROM events WHERE modality = 'asserted' AND date_start IS NOT NULL"
    ).fetchone()
    left_out = (dated[0] if dated else 0) - sum(row["events"] for row in timeline)
    return {
        "articles": counts[0],
        "events": counts[1],
        "clusters": counts[2],
        "first_date": _json_value(counts[3]),
        "last_date": _json_value(counts[4]),
        "modality": modality,
        "top_dyads": dyads,
        "timeline": timeline,
        "timeline_left_out": left_out,
    }
