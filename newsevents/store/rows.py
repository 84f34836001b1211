"""Events and articles to store rows, and store rows back to event records."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from newsevents.records import Actor, Article, Event

ACTOR_FIELDS = ("code", "country", "sector", "name", "text", "entity")
EVENT_COLUMNS = (
    "event_id",
    "article_id",
    "doc_id",
    "sentence_index",
    *(f"source_{f}" for f in ACTOR_FIELDS),
    *(f"target_{f}" for f in ACTOR_FIELDS),
    "cameo",
    "cameo_root",
    "plover",
    "plover_mode",
    "quad_class",
    "goldstein",
    "modality",
    *(f"attributed_{f}" for f in ACTOR_FIELDS),
    "date",
    "date_precision",
    "date_start",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "location_precision",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "trigger",
    "confidence",
    "run_id",
    "produced_by",
    "coder_version",
)
CLUSTER_COLUMNS = (
    "cluster_id",
    "source_code",
    "target_code",
    "cameo_root",
    "modality",
    "date_first",
    "date_last",
    "first_reported",
    "last_reported",
    "n_mentions",
    "n_sources",
    "n_articles",
)
ARTICLE_COLUMNS = (
    "article_id",
    "doc_id",
    "origin",
    "url",
    "title",
    "published",
    "date_source",
    "text",
    "n_events",
    "run_id",
    "ingested_at",
)


def date_start(value: str | None) -> date | None:
    """The first day an ISO date of any precision can mean ("2019-04" -> 2019-04-01)."""
    if not value:
        return None
    parts = value.split("-") + ["01", "01"]
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _actor_values(actor: Actor | None) -> list[Any]:
    return [getattr(actor, f) if actor else None for f in ACTOR_FIELDS]


def event_row(event: Event, run_id: str) -> tuple[Any, ...]:
    location = event.location
    return (
        event.event_id,
        event.article_id,
        event.doc_id,
        event.sentence_index,
        *_actor_values(event.source),
        *_actor_values(event.target),
        event.cameo,
        event.cameo_root,
        event.plover,
        event.plover_mode,
        event.quad_class,
        event.goldstein,
        event.modality,
        *_actor_values(event.attributed_to),
        event.date,
        event.date_precision,
        date_start(event.date),
        location.name if location else None,
        location.country if location else None,
        location.lat if location else None,
        location.lon if location else None,
        location.precision if location else None,
        event.evidence.text,
        event.evidence.start,
        event.evidence.end,
        event.evidence.trigger,
        event.confidence,
        run_id,
        event.by,
        event.coder_version,
    )


def article_row(article: Article, n_events: int, run_id: str, now: datetime) -> tuple[Any, ...]:
    return (
        article.article_id,
        article.doc_id,
        article.origin,
        article.url,
        article.title,
        article.published,
        article.date_source,
        article.text,
        n_events,
        run_id,
        now,
    )


def _actor_dict(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row.get(f"{prefix}_code") is None:
        return None
    return {f: row.get(f"{prefix}_{f}") for f in ACTOR_FIELDS}


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The event record of DESIGN.md from a store row (a dict of column values)."""
    location = None
    if row.get("location_name") is not None:
        location = {
            "name": row["location_name"],
            "country": row["location_country"],
            "lat": row["location_lat"],
            "lon": row["location_lon"],
            "precision": row.get("location_precision"),
        }
    return {
        "event_id": row["event_id"],
        "doc_id": row["doc_id"],
        "sentence_index": row["sentence_index"],
        "source": _actor_dict(row, "source"),
        "target": _actor_dict(row, "target"),
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "plover": row["plover"],
        "plover_mode": row["plover_mode"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "modality": row["modality"],
        "attributed_to": _actor_dict(row, "attributed"),
        "date": row["date"],
        "date_precision": row["date_precision"],
        "location": location,
        "evidence": {
            "text": row["evidence_text"],
            "start": row["evidence_start"],
            "end": row["evidence_end"],
            "trigger": row["trigger"],
        },
        "confidence": row["confidence"],
        "by": row.get("produced_by") or "pattern",
        "coder_version": row.get("coder_version"),
    }
