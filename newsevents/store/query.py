"""Event filters to parameterised SQL (never string-formatted user values)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from newsevents.errors import NewseventsError
from newsevents.store.rows import EVENT_COLUMNS

# One row per cluster: its most confident report, with the cluster's counts and dates.
UNIQUE_SQL = """
SELECT {columns}, cluster_id, n_mentions, n_sources, n_articles, date_first, date_last,
       first_reported, last_reported
FROM (
    SELECT e.*, c.n_mentions, c.n_sources, c.n_articles, c.date_first, c.date_last,
           c.first_reported, c.last_reported,
           row_number() OVER (PARTITION BY e.cluster_id
                              ORDER BY e.confidence DESC, e.event_id) AS report_rank
    FROM events e JOIN event_clusters c USING (cluster_id)
) AS events{where}{order}
"""
ORDER = "date_start NULLS LAST, doc_id, sentence_index, event_id"
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bounds(value: str) -> tuple[date, date]:
    """The first and last day of a date of any precision: "2022" is the whole year,
    "2022-03" the month, "2022-03-15" the day. E017 for anything else."""
    found = PARTIAL_DATE.match(value.strip())
    try:
        if found is None:
            raise ValueError(value)
        year = int(found[1])
        if found[2] is None:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(found[2])
        if found[3] is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date(year, month, int(found[3]))
        return day, day
    except ValueError:
        raise NewseventsError("E017", value=value) from None


@dataclass(frozen=True)
class EventFilters:
    """Filters of ``newsevents events``. Actor values match a code prefix ("USA", "USAGOV"),
    a country, or an entity id ("person:mike-pompeo")."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    code: str | None = None  # CAMEO code or prefix, or a PLOVER type
    since: date | None = None
    until: date | None = None
    modality: str | None = None
    article: str | None = None  # one article's events (its article_id)
    limit: int | None = None
    offset: int = 0  # skip this many rows first (pagination)
    unique: bool = False  # one row per cluster (real-world event), with its report counts
    columns: tuple[str, ...] | None = None  # only these event columns (faster on big stores)


def actor_clause(role: str, value: str) -> tuple[str, list[object]]:
    """SQL (with its parameters) matching events whose ``role`` actor is ``value``: a code
    prefix ("USA" matches USAGOV), a country, or an entity id (values with a colon match
    the code or entity exactly). Values are parameters, never SQL; no wildcards."""
    if ":" in value:
        return f"({role}_code = ? OR {role}_entity = ?)", [value, value]
    upper = value.upper()
    # The codes this actor can have come first from the small actor_codes table: the
    # scan then keeps only rows with one of them (DuckDB pushes the join's keys into it).
    known, values = _codes_of((value,))
    sql = f"({role}_code IN ({known}) AND (starts_with({role}_code, ?) OR {role}_country = ?))"
    return sql, [*values, upper, upper]


def _codes_of(actors: tuple[str, ...]) -> tuple[str, list[object]]:
    """A subquery of the stored codes any of ``actors`` (codes or countries) can have."""
    tests = " OR ".join("starts_with(code, ?) OR country = ?" for _ in actors)
    values: list[object] = [v for actor in actors for v in (actor.upper(), actor.upper())]
    return f"SELECT code FROM actor_codes WHERE {tests}", values


def build_event_query(filters: EventFilters, ordered: bool = True) -> tuple[str, list[object]]:
    """SQL and parameters for the filters; ``ordered=False`` leaves out the ORDER BY (for
    counting or aggregating the rows, where order does not matter)."""
    clauses: list[str] = []
    params: list[object] = []

    def add(sql: str, values: list[object]) -> None:
        clauses.append(sql)
        params.extend(values)

    if filters.actor:
        source_sql, source_params = actor_clause("source", filters.actor)
        target_sql, target_params = actor_clause("target", filters.actor)
        add(f"({source_sql} OR {target_sql})", source_params + target_params)
    for role, value in (("source", filters.source), ("target", filters.target)):
        if value:
            add(*actor_clause(role, value))
    if filters.dyad:
        a, b = filters.dyad
        if ":" not in a + b:  # both sides' codes: a pre-filter DuckDB can push into the scan
            known, values = _codes_of((a, b))
            add(f"source_code IN ({known}) AND target_code IN ({known})", values + values)
        ab = [actor_clause("source", a), actor_clause("target", b)]
        ba = [actor_clause("source", b), actor_clause("target", a)]
        add(
            f"(({ab[0][0]} AND {ab[1][0]}) OR ({ba[0][0]} AND {ba[1][0]}))",
            ab[0][1] + ab[1][1] + ba[0][1] + ba[1][1],
        )
    if filters.code:
        if filters.code.isdigit():
            add("cameo LIKE ?", [filters.code + "%"])
        else:
            add("plover = ?", [filters.code.upper()])
    if filters.since:
        add("date_start >= ?", [filters.since])
    if filters.until:
        add("date_start <= ?", [filters.until])
    if filters.modality:
        add("modality = ?", [filters.modality])
    if filters.article:
        add("article_id = ?", [filters.article])
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    wanted = filters.columns or EVENT_COLUMNS
    unknown = [c for c in wanted if c not in EVENT_COLUMNS]
    if unknown:
        raise ValueError(f"unknown event columns: {', '.join(unknown)}")
    columns = ", ".join(wanted)
    order = f" ORDER BY {ORDER}" if ordered else ""
    if filters.unique:
        ranked = f"{where} AND report_rank = 1" if where else " WHERE report_rank = 1"
        sql = UNIQUE_SQL.format(columns=columns, where=ranked, order=order)
    else:
        sql = f"SELECT {columns} FROM events{where}{order}"
    if filters.limit is not None:
        sql += " LIMIT ?"
        params.append(int(filters.limit))
    if filters.offset:
        sql += " OFFSET ?"
        params.append(int(filters.offset))
    return sql, params


def count_query(filters: EventFilters) -> tuple[str, list[object]]:
    """How many rows the filters match (ignoring limit and offset)."""
    unpaged = replace(filters, limit=None, offset=0, columns=("event_id",))
    sql, params = build_event_query(unpaged, ordered=False)
    return f"SELECT count(*) FROM ({sql}) AS matched", params


# A page of at most this many rows is read in two steps (see ``two_step``); DuckDB looks
# rows up through the event_id index for up to 2,048 keys.
TWO_STEP_MAX_ROWS = 2048


def two_step(filters: EventFilters) -> bool:
    """Whether a listing is read as (1) the page's event ids, ordered, from a narrow
    scan, then (2) those rows, all columns, through the event_id index. On a big store
    this is several times faster than a Top-N over every column."""
    return (
        filters.limit is not None
        and 0 < filters.limit <= TWO_STEP_MAX_ROWS
        and not filters.unique
        and (filters.columns is None or len(filters.columns) > 3)
    )


def rows_by_ids_query(columns: tuple[str, ...] | None, n_ids: int) -> str:
    """The rows of ``n_ids`` event ids (parameters), in listing order."""
    wanted = ", ".join(columns or EVENT_COLUMNS)
    keys = ", ".join("?" * n_ids) if n_ids else "NULL"
    return f"SELECT {wanted} FROM events WHERE event_id IN ({keys}) ORDER BY {ORDER}"
