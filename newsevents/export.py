"""Stored events in the layouts that event-data users already read: GDELT 2.0, ICEWS, PLOVER.

Each function takes the Arrow table of :meth:`newsevents.store.Store.events` (the columns
of ``EVENT_COLUMNS``, plus ``n_mentions``/``n_sources``/``n_articles`` for ``unique``
queries) and returns a new table (GDELT, ICEWS) or a list of JSON-ready dicts (PLOVER).
Nothing is read from or written to the store. Where one of these layouts asks for
something newsevents does not know, the value is null, never a guess; ``docs/export.md``
lists the source of every column.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any, TextIO

import pyarrow as pa
import pycountry

from newsevents import __version__
from newsevents.actors.resolve import UNKNOWN_COUNTRY
from newsevents.store.rows import date_start

__all__ = [
    "GDELT_COLUMNS",
    "fips_code",
    "GDELT_SCHEMA",
    "ICEWS_COLUMNS",
    "ICEWS_SCHEMA",
    "global_event_id",
    "to_gdelt",
    "to_icews",
    "to_plover",
    "write_tsv",
]

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
_GDELT_INTEGERS = {
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "IsRootEvent",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "Actor1Geo_Type",
    "Actor2Geo_Type",
    "ActionGeo_Type",
    "DATEADDED",
}
_GDELT_FLOATS = {
    "FractionDate",
    "GoldsteinScale",
    "AvgTone",
    *(f"{role}_{f}" for role in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in ("Lat", "Long")),
}


def _gdelt_type(name: str) -> pa.DataType:
    """GDELT's own type of a column (its BigQuery schema): INTEGER, FLOAT or STRING."""
    if name in _GDELT_INTEGERS:
        return pa.int64()
    return pa.float64() if name in _GDELT_FLOATS else pa.string()


GDELT_SCHEMA = pa.schema((name, _gdelt_type(name)) for name in GDELT_COLUMNS)
ICEWS_SCHEMA = pa.schema(
    [
        ("Event ID", pa.int64()),
        ("Event Date", pa.date32()),
        ("Source Name", pa.string()),
        ("Source Sectors", pa.string()),
        ("Source Country", pa.string()),
        ("Event Text", pa.string()),
        ("CAMEO Code", pa.string()),
        ("Intensity", pa.float64()),
        ("Target Name", pa.string()),
        ("Target Sectors", pa.string()),
        ("Target Country", pa.string()),
        ("Story ID", pa.string()),
        ("Sentence Number", pa.int64()),
        ("Publisher", pa.string()),
        ("City", pa.string()),
        ("District", pa.string()),
        ("Province", pa.string()),
        ("Country", pa.string()),
        ("Latitude", pa.float64()),
        ("Longitude", pa.float64()),
    ]
)
ICEWS_COLUMNS: tuple[str, ...] = tuple(ICEWS_SCHEMA.names)

_GDELT_NEEDS = (
    "event_id",
    "article_id",
    "date",
    "source_code",
    "source_name",
    "source_country",
    "source_sector",
    "target_code",
    "target_name",
    "target_country",
    "target_sector",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "location_precision",
)
_ICEWS_NEEDS = (*_GDELT_NEEDS, "doc_id", "sentence_index")
_PLOVER_NEEDS = (
    *_ICEWS_NEEDS,
    "source_text",
    "target_text",
    "plover",
    "plover_mode",
    "modality",
    "attributed_code",
    "date_precision",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "trigger",
    "confidence",
)
_COUNT_COLUMNS = (
    ("NumMentions", "n_mentions"),
    ("NumSources", "n_sources"),
    ("NumArticles", "n_articles"),
)
_HEX_ID = re.compile(r"^[0-9a-fA-F]{1,16}$")
_ID_BITS = (1 << 63) - 1
_UNSAFE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


# -- GDELT ---------------------------------------------------------------------------------
def to_gdelt(events: pa.Table, articles: pa.Table | None = None) -> pa.Table:
    """The GDELT 2.0 Event table (61 columns, GDELT's names, order and types) of ``events``.

    ``articles`` (columns ``article_id`` and ``url``, optionally ``ingested_at``) fills
    SOURCEURL and DATEADDED. Columns newsevents has no value for are null.
    """
    column = _columns(events, _GDELT_NEEDS)
    rows = events.num_rows
    days = [date_start(value) for value in column["date"]]
    values: dict[str, list[Any]] = {
        "GLOBALEVENTID": [global_event_id(value) for value in column["event_id"]],
        "SQLDATE": [_ymd(day) for day in days],
        "MonthYear": [day.year * 100 + day.month if day else None for day in days],
        "Year": [day.year if day else None for day in days],
        "FractionDate": [_fraction_date(day) for day in days],
        "EventCode": column["cameo"],
        "EventBaseCode": [code[:3] if code else None for code in column["cameo"]],
        "EventRootCode": column["cameo_root"],
        "QuadClass": column["quad_class"],
        "GoldsteinScale": column["goldstein"],
        **_gdelt_actor(column, 1, "source"),
        **_gdelt_actor(column, 2, "target"),
        **_gdelt_action_geo(column),
        **_gdelt_article(column["article_id"], articles),
    }
    for name, count in _COUNT_COLUMNS:
        values[name] = events[count].to_pylist() if count in events.column_names else [1] * rows
    return _table(values, GDELT_SCHEMA, rows)


def global_event_id(event_id: str) -> int:
    """A stable non-negative 63-bit integer for an event id (GDELT's GLOBALEVENTID is one).

    Our ids are 16 hex digits: the integer is their value without the top bit, so
    ``format(n, "016x")`` gives the id back when that bit was 0. Other ids are hashed.
    """
    if _HEX_ID.match(event_id):
        return int(event_id, 16) & _ID_BITS
    digest = hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _ID_BITS


def _gdelt_actor(column: dict[str, list[Any]], number: int, role: str) -> dict[str, list[Any]]:
    sectors = column[f"{role}_sector"]
    codes = column[f"{role}_code"]
    return {
        # an actor of no known country has GDELT's code of its type alone ("COP")
        f"Actor{number}Code": [_gdelt_code(code) for code in codes],
        f"Actor{number}Name": [
            None if _gdelt_code(code) != code else name
            for code, name in zip(codes, column[f"{role}_name"], strict=True)
        ],
        f"Actor{number}CountryCode": column[f"{role}_country"],
        **{
            f"Actor{number}Type{block + 1}Code": [_sector_block(s, block) for s in sectors]
            for block in range(3)
        },
    }


def _gdelt_code(code: str | None) -> str | None:
    if code and code.startswith(UNKNOWN_COUNTRY):
        return code[len(UNKNOWN_COUNTRY) :] or None
    return code


def _gdelt_action_geo(column: dict[str, list[Any]]) -> dict[str, list[Any]]:
    names, countries = column["location_name"], column["location_country"]
    lats, lons = column["location_lat"], column["location_lon"]
    kinds = _place_kinds(column)
    country_names = _country_names()
    return {
        "ActionGeo_Type": [
            _geo_type(n, c, kind) for n, c, kind in zip(names, countries, kinds, strict=True)
        ],
        "ActionGeo_FullName": [
            _full_name(name, country_names.get(country or ""), kind)
            for name, country, kind in zip(names, countries, kinds, strict=True)
        ],
        "ActionGeo_CountryCode": [
            fips_code(country, name) for country, name in zip(countries, names, strict=True)
        ],
        "ActionGeo_Lat": lats,
        "ActionGeo_Long": lons,
    }


def _gdelt_article(article_ids: list[str], articles: pa.Table | None) -> dict[str, list[Any]]:
    if articles is None:
        return {}
    known = _columns(articles, ("article_id", "url"))
    urls = dict(zip(known["article_id"], known["url"], strict=True))
    values: dict[str, list[Any]] = {"SOURCEURL": [urls.get(a) for a in article_ids]}
    if "ingested_at" in articles.column_names:
        added = dict(zip(known["article_id"], articles["ingested_at"].to_pylist(), strict=True))
        values["DATEADDED"] = [_timestamp(added.get(a)) for a in article_ids]
    return values


def fips_code(country: str | None, place: str | None = None) -> str | None:
    """GDELT's FIPS 10-4 country code of an ISO alpha-3 code ("DEU" -> "GM"), None when
    FIPS has no one code for it. A country FIPS splits (Palestine: Gaza Strip GZ, West
    Bank WE) is told apart by the ``place`` name, and is None without a known one."""
    if not country:
        return None
    table = _fips_table()
    return table.get((country, place or "")) or table.get((country, ""))


@cache
def _fips_table() -> Mapping[tuple[str, str], str]:
    """(ISO alpha-3, place or "") -> FIPS code, from data/fips_countries.tsv."""
    text = (resources.files("newsevents") / "data" / "fips_countries.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {
        (row["iso3"], row["place"]): row["fips"] for row in csv.DictReader(lines, delimiter="\t")
    }


def _ymd(day: date | None) -> int | None:
    return day.year * 10000 + day.month * 100 + day.day if day else None


def _fraction_date(day: date | None) -> float | None:
    """GDELT's YYYY.FFFF: FFFF = (MONTH * 30 + DAY) / 365 with months counted from 0, which
    keeps it in GDELT's documented range 0-0.9999 (2016-01-01 -> 2016.0027)."""
    if day is None:
        return None
    return round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)


def _sector_block(sector: str | None, block: int) -> str | None:
    """The block-th 3-letter role code of a sector ("OPPPTY", 1 -> "PTY")."""
    value = (sector or "")[block * 3 : block * 3 + 3]
    return value or None


def _place_kinds(column: dict[str, list[Any]]) -> list[str]:
    """Each location's precision (city, region, country); locations stored before 0.2 had
    none and were cities when they had coordinates."""
    return [
        precision or ("city" if lat is not None else "country")
        for precision, lat in zip(column["location_precision"], column["location_lat"], strict=True)
    ]


def _geo_type(name: str | None, country: str | None, kind: str) -> int | None:
    """GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city,
    5 world state (a region)."""
    if name is None:
        return None
    us = country == "USA"
    return {"country": 1, "region": 2 if us else 5, "city": 3 if us else 4}[kind]


def _full_name(name: str | None, country_name: str | None, kind: str) -> str | None:
    """GDELT's "City, Country" for cities and regions; a country is its own name."""
    if name is None or kind == "country" or not country_name or country_name == name:
        return name
    return f"{name}, {country_name}"


def _timestamp(value: datetime | None) -> int | None:
    return int(value.strftime("%Y%m%d%H%M%S")) if value else None


# -- ICEWS ---------------------------------------------------------------------------------
def to_icews(events: pa.Table) -> pa.Table:
    """An ICEWS-like table (ICEWS's 20 column names and order) of ``events``."""
    column = _columns(events, _ICEWS_NEEDS)
    codes = _code_names()
    countries = _country_names()
    kinds = _place_kinds(column)
    cities = [
        n if k == "city" else None for n, k in zip(column["location_name"], kinds, strict=True)
    ]
    provinces = [
        n if k == "region" else None for n, k in zip(column["location_name"], kinds, strict=True)
    ]
    values: dict[str, list[Any]] = {
        "Event ID": [global_event_id(value) for value in column["event_id"]],
        "Event Date": [date_start(value) for value in column["date"]],
        "Event Text": [codes.get(code) for code in column["cameo"]],
        "CAMEO Code": column["cameo"],
        "Intensity": column["goldstein"],
        "Story ID": column["doc_id"],
        "Sentence Number": [i + 1 if i is not None else None for i in column["sentence_index"]],
        "City": cities,
        "Province": provinces,
        "Country": [_country_name(c, countries) for c in column["location_country"]],
        "Latitude": column["location_lat"],
        "Longitude": column["location_lon"],
    }
    for label, role in (("Source", "source"), ("Target", "target")):
        values[f"{label} Name"] = column[f"{role}_name"]
        values[f"{label} Sectors"] = [_sector_list(s) for s in column[f"{role}_sector"]]
        values[f"{label} Country"] = [
            _country_name(c, countries) for c in column[f"{role}_country"]
        ]
    return _table(values, ICEWS_SCHEMA, events.num_rows)


def _sector_list(sector: str | None) -> str | None:
    """ICEWS lists an actor's sectors comma-separated: "OPPPTY" -> "OPP,PTY"."""
    if not sector:
        return None
    return ",".join(sector[i : i + 3] for i in range(0, len(sector), 3))


def _country_name(code: str | None, names: dict[str, str]) -> str | None:
    return names.get(code, code) if code else None


# -- PLOVER --------------------------------------------------------------------------------
def to_plover(events: pa.Table) -> list[dict[str, Any]]:
    """PLOVER event records (the field names of the PLOVER ground-truth set), one per event
    that has a PLOVER type; events whose CAMEO code has none (e.g. 010, statements) are
    left out. Null fields are left out, as PLOVER does; our own fields are under
    "newsevents"."""
    _require(events, _PLOVER_NEEDS)
    return [_plover_record(row) for row in events.to_pylist() if row["plover"]]


def _plover_record(row: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": row["event_id"],
        "date": row["date"],
        "source": [_plover_actor(row, "source")],
        "target": [_plover_actor(row, "target")] if row["target_code"] else None,
        "event": row["plover"],
        "mode": row["plover_mode"],
        "eventText": row["trigger"],
        "text": (row["evidence_text"] or "").strip() or None,
        "eventLoc": _plover_location(row),
        "language": "en",
        "coder": f"newsevents {__version__}",
        "newsevents": {
            "modality": row["modality"],
            "confidence": row["confidence"],
            "date_precision": row["date_precision"],
            "cameo": row["cameo"],
            "attributed_to": row["attributed_code"],
            "doc_id": row["doc_id"],
            "sentence_index": row["sentence_index"],
            "evidence_start": row["evidence_start"],
            "evidence_end": row["evidence_end"],
        },
    }
    return {key: value for key, value in record.items() if value is not None}


def _plover_actor(row: dict[str, Any], role: str) -> dict[str, Any]:
    """PLOVER's actor: the text, the code without its sector blocks, and the sector."""
    code, sector = row[f"{role}_code"], row[f"{role}_sector"]
    if sector and code.endswith(sector) and len(code) > len(sector):
        code = code[: -len(sector)]
    actor = {"actorText": row[f"{role}_text"] or row[f"{role}_name"], "code": code}
    return actor | ({"sector": sector} if sector else {})


def _plover_location(row: dict[str, Any]) -> dict[str, Any] | None:
    """PLOVER's eventLoc: name and ISO alpha-2 "country code", with lat/lon when known."""
    if row["location_name"] is None:
        return None
    location: dict[str, Any] = {"name": row["location_name"]}
    country = pycountry.countries.get(alpha_3=row["location_country"] or "")
    if country is not None:
        location["country code"] = country.alpha_2
    if row["location_lat"] is not None:
        location |= {"lat": row["location_lat"], "lon": row["location_lon"]}
    return location


# -- writing -------------------------------------------------------------------------------
def write_tsv(table: pa.Table, stream: TextIO, *, header: bool = True) -> None:
    """Write a table tab-separated and unquoted, as GDELT's and ICEWS's files are: nulls are
    empty fields, tabs and line breaks inside values become spaces. GDELT's own files have
    no header line (``header=False`` writes that raw layout)."""
    if header:
        stream.write("\t".join(table.column_names) + "\n")
    for batch in table.to_batches():
        columns = [_tsv_values(array.to_pylist()) for array in batch.columns]
        for row in zip(*columns, strict=True):
            stream.write("\t".join(row) + "\n")


def _tsv_values(values: Iterable[Any]) -> list[str]:
    out = []
    for value in values:
        if value is None:
            out.append("")
        elif isinstance(value, date | datetime):
            out.append(value.isoformat())
        else:
            out.append(str(value).translate(_UNSAFE))
    return out


# -- shared --------------------------------------------------------------------------------
def _require(table: pa.Table, names: Iterable[str]) -> None:
    missing = [name for name in names if name not in table.column_names]
    if missing:
        raise ValueError(f"the table lacks the column(s) {', '.join(missing)}")


def _columns(table: pa.Table, names: tuple[str, ...]) -> dict[str, list[Any]]:
    """The named columns as Python lists; a clear error when one is missing."""
    _require(table, names)
    return {name: table[name].to_pylist() for name in names}


def _table(values: dict[str, list[Any]], schema: pa.Schema, rows: int) -> pa.Table:
    arrays = [pa.array(values.get(f.name, [None] * rows), type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


@cache
def _code_names() -> dict[str, str]:
    from newsevents.events import load_codes

    return {code: info.name for code, info in load_codes().items()}


@cache
def _country_names() -> dict[str, str]:
    """ISO alpha-3 code -> the country's name in the bundled knowledge base."""
    from newsevents.actors.kb import load_knowledge_base

    entries = load_knowledge_base().entries.values()
    return {e.country: e.name for e in entries if e.kind == "country" and e.country}
