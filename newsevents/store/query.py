"""Event filters to parameterised SQL (never string-formatted user values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsevents.store.rows import EVENT_COLUMNS

MODALITIES = ("asserted", "negated", "hypothetical", "future", "speculative")


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
    limit: int | None = None


def _actor_clause(role: str, value: str) -> tuple[str, list[object]]:
    sql = f"({role}_code LIKE ? OR {role}_country = ? OR {role}_entity = ?)"
    return sql, [value.upper() + "%" if ":" not in value else value, value.upper(), value]


def build_event_query(filters: EventFilters) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []

    def add(sql: str, values: list[object]) -> None:
        clauses.append(sql)
        params.extend(values)

    if filters.actor:
        source_sql, source_params = _actor_clause("source", filters.actor)
        target_sql, target_params = _actor_clause("target", filters.actor)
        add(f"({source_sql} OR {target_sql})", source_params + target_params)
    for role, value in (("source", filters.source), ("target", filters.target)):
        if value:
            add(*_actor_clause(role, value))
    if filters.dyad:
        a, b = filters.dyad
        ab = [_actor_clause("source", a), _actor_clause("target", b)]
        ba = [_actor_clause("source", b), _actor_clause("target", a)]
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
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    columns = ", ".join(EVENT_COLUMNS)
    order = "date_start NULLS LAST, doc_id, sentence_index, event_id"
    sql = f"SELECT {columns} FROM events{where} ORDER BY {order}"
    if filters.limit is not None:
        sql += " LIMIT ?"
        params.append(int(filters.limit))
    return sql, params
