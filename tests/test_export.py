"""GDELT, ICEWS and PLOVER exports: GDELT's 61 columns in GDELT's order, real values, and
files that DuckDB (and pandas, when installed) read back unchanged."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsevents.export import (
    GDELT_SCHEMA,
    ICEWS_SCHEMA,
    fips_code,
    global_event_id,
    to_gdelt,
    to_icews,
    to_plover,
    write_tsv,
)
from newsevents.records import Actor, Article, Event, Evidence, Location
from newsevents.store import Store

# GDELT 2.0 Event table, as its codebook lists it (written out here, not derived).
GDELT_HEADER = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
    "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code "
    "Actor1Type1Code Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode "
    "Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code "
    "Actor2Type1Code Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode "
    "EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type "
    "Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName "
    "ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long "
    "ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
ICEWS_HEADER = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
]
DUCKDB_TYPES = {
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.string(): "VARCHAR",
    pa.date32(): "DATE",
}

USA = Actor("USAGOV", "USA", "GOV", "United States", "The US", "country:USA")
IRGC = Actor("IRNMIL", "IRN", "MIL", "Islamic Revolutionary Guard Corps", "the IRGC", "org:irgc")
PRK = Actor("PRKGOV", "PRK", "GOV", "North Korea", "Pyongyang", "country:PRK")
UN = Actor("IGOUNO", None, None, "United Nations", "the UN", "org:un")
LABOUR = Actor("GBROPPPTY", "GBR", "OPPPTY", "Labour Party", "Labour", "org:labour")


def _article(doc_id: str, url: str | None) -> Article:
    return Article(
        article_id=f"art-{doc_id}",
        doc_id=doc_id,
        origin=f"{doc_id}.txt",
        text="…",
        published=date(2020, 1, 5),
        date_source="metadata",
        url=url,
    )


def _event(
    event_id: str,
    doc_id: str,
    source: Actor,
    target: Actor | None,
    cameo: str,
    when: str,
    location: Location | None = None,
) -> Event:
    from newsevents.events import load_codes

    info = load_codes()[cameo]
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        sentence_index=2,
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=info.root,
        plover=info.plover,
        plover_mode=info.plover_mode,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        modality="asserted",
        attributed_to=None,
        date=when,
        date_precision={4: "year", 7: "month"}.get(len(when), "day"),  # type: ignore[arg-type]
        location=location,
        evidence=Evidence(f"Sentence of {event_id}.\n", 10, 30, "trigger words"),
        confidence=0.75,
        article_id=f"art-{doc_id}",
    )


HANOI = Location("Hanoi", "VNM", 21.0245, 105.84117)
NEW_YORK = Location("New York City", "USA", 40.71427, -74.00597)
IRAN = Location("Iran", "IRN")
EVENTS = {
    "a": [
        _event("f00000000000002a", "a", USA, IRGC, "163", "2019-04"),
        _event("1b2c3d4e5f607182", "a", USA, PRK, "040", "2019-02-27", HANOI),
        _event("0000000000000003", "a", UN, PRK, "1041", "2018", NEW_YORK),
    ],
    "b": [
        _event("00000000000000b1", "b", USA, IRGC, "163", "2019-04-15"),
        _event("00000000000000b2", "b", LABOUR, None, "010", "2020-01-03", IRAN),
    ],
}


@pytest.fixture()
def store(db: Path) -> Iterator[Store]:
    with Store(db) as writer:
        run = writer.start_run("test", {})
        writer.write_batch(
            run,
            [
                (_article("a", "https://example.org/news/a"), EVENTS["a"]),
                (_article("b", None), EVENTS["b"]),
            ],
        )
        writer.recluster()
    with Store(db, read_only=True) as reader:
        yield reader


@pytest.fixture()
def events(store: Store) -> pa.Table:
    return store.events()


@pytest.fixture()
def articles(store: Store) -> pa.Table:
    return store.query("SELECT article_id, url, ingested_at FROM articles")


def _by_id(table: pa.Table, id_column: str, event_id: str) -> dict[str, Any]:
    [row] = [r for r in table.to_pylist() if r[id_column] == global_event_id(event_id)]
    return row


# -- GDELT ---------------------------------------------------------------------------------
def test_gdelt_codes_an_actor_of_no_known_country_by_its_type_alone(tmp_path: Path) -> None:
    """GDELT leaves the country empty and codes the type ("COP"); our "---COP" is that."""
    police = Actor("---COP", None, "COP", "unknown country", "Police")
    protesters = Actor("---OPP", None, "OPP", "unknown country", "40 protesters")
    with Store(tmp_path / "x.duckdb") as writer:
        run = writer.start_run("test", {})
        event = _event("00000000000000c1", "c", police, protesters, "173", "2024-03-03")
        writer.write_batch(run, [(_article("c", None), [event])])
        writer.recluster()
    with Store(tmp_path / "x.duckdb", read_only=True) as reader:
        [row] = to_gdelt(reader.events(), reader.query("SELECT * FROM articles")).to_pylist()
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "COP",
        None,
        "COP",
    )
    assert (row["Actor2Code"], row["Actor2Name"], row["EventCode"]) == ("OPP", None, "173")


def test_gdelt_has_its_61_columns_in_its_order(events: pa.Table) -> None:
    gdelt = to_gdelt(events)
    assert len(GDELT_HEADER) == 61
    assert gdelt.column_names == GDELT_HEADER
    assert gdelt.schema == GDELT_SCHEMA
    assert gdelt.num_rows == events.num_rows == 5
    assert to_gdelt(events.slice(0, 0)).column_names == GDELT_HEADER


def test_gdelt_values(events: pa.Table, articles: pa.Table) -> None:
    gdelt = to_gdelt(events, articles)
    sanction = _by_id(gdelt, "GLOBALEVENTID", "f00000000000002a")
    assert sanction["GLOBALEVENTID"] == 0x700000000000002A  # top bit dropped: 63 bits
    assert (sanction["SQLDATE"], sanction["MonthYear"], sanction["Year"]) == (
        20190401,
        201904,
        2019,
    )
    assert sanction["FractionDate"] == 2019.2493  # (3 * 30 + 1) / 365
    assert (sanction["Actor1Code"], sanction["Actor1Name"]) == ("USAGOV", "United States")
    assert (sanction["Actor1CountryCode"], sanction["Actor1Type1Code"]) == ("USA", "GOV")
    assert (sanction["Actor2Code"], sanction["Actor2CountryCode"]) == ("IRNMIL", "IRN")
    assert sanction["Actor2Type1Code"] == "MIL" and sanction["Actor2Type2Code"] is None
    assert (sanction["EventCode"], sanction["EventBaseCode"], sanction["EventRootCode"]) == (
        "163",
        "163",
        "16",
    )
    assert (sanction["QuadClass"], sanction["GoldsteinScale"]) == (4, -8.0)
    assert (sanction["NumMentions"], sanction["NumSources"], sanction["NumArticles"]) == (1, 1, 1)
    assert sanction["SOURCEURL"] == "https://example.org/news/a"
    assert sanction["ActionGeo_Type"] is None and sanction["AvgTone"] is None
    [added] = [r["ingested_at"] for r in articles.to_pylist() if r["article_id"] == "art-a"]
    assert sanction["DATEADDED"] == int(added.strftime("%Y%m%d%H%M%S"))

    summit = _by_id(gdelt, "GLOBALEVENTID", "1b2c3d4e5f607182")
    assert summit["GLOBALEVENTID"] == 0x1B2C3D4E5F607182
    assert (summit["SQLDATE"], summit["EventCode"], summit["EventRootCode"]) == (
        20190227,
        "040",
        "04",
    )
    assert summit["ActionGeo_Type"] == 4  # a city outside the US
    assert summit["ActionGeo_FullName"] == "Hanoi, Vietnam"
    assert summit["ActionGeo_CountryCode"] == "VM"  # FIPS 10-4, as GDELT: not ISO's VN
    assert (summit["ActionGeo_Lat"], summit["ActionGeo_Long"]) == (21.0245, 105.84117)

    appeal = _by_id(gdelt, "GLOBALEVENTID", "0000000000000003")
    assert (appeal["EventCode"], appeal["EventBaseCode"], appeal["EventRootCode"]) == (
        "1041",
        "104",
        "10",
    )
    assert (appeal["Actor1Code"], appeal["Actor1CountryCode"]) == ("IGOUNO", None)
    assert (appeal["SQLDATE"], appeal["FractionDate"]) == (20180101, 2018.0027)
    assert (appeal["ActionGeo_Type"], appeal["ActionGeo_CountryCode"]) == (3, "US")

    statement = _by_id(gdelt, "GLOBALEVENTID", "00000000000000b2")
    assert statement["Actor1Type1Code"] == "OPP" and statement["Actor1Type2Code"] == "PTY"
    assert statement["Actor2Code"] is None and statement["Actor2Type1Code"] is None
    assert (statement["ActionGeo_Type"], statement["ActionGeo_FullName"]) == (1, "Iran")
    assert statement["ActionGeo_Lat"] is None and statement["ActionGeo_CountryCode"] == "IR"
    assert statement["SOURCEURL"] is None  # article b has no URL


def test_gdelt_counts_come_from_clusters(store: Store, articles: pa.Table) -> None:
    unique = store.events(unique=True)
    gdelt = to_gdelt(unique, articles)
    assert gdelt.num_rows == 4  # the two reports of the April 2019 sanctions are one event
    [sanctions] = [r for r in gdelt.to_pylist() if r["EventCode"] == "163"]
    counts = (sanctions["NumMentions"], sanctions["NumSources"], sanctions["NumArticles"])
    assert counts == (2, 2, 2)
    assert {r["NumMentions"] for r in gdelt.to_pylist() if r["EventCode"] != "163"} == {1}


def test_global_event_id_is_stable_and_63_bits() -> None:
    assert global_event_id("b92d45cd383188dd") == 0x392D45CD383188DD
    assert global_event_id("0000000000000001") == 1
    other = global_event_id("e1")  # not hex: hashed
    assert other == global_event_id("e1") and 0 <= other < 2**63


def test_gdelt_tsv_is_gdelt_shaped(events: pa.Table, articles: pa.Table, tmp_path: Path) -> None:
    gdelt = to_gdelt(events, articles)
    tsv = _write_files(gdelt, tmp_path)[0]
    lines = tsv.read_text("utf-8").splitlines()
    assert lines[0].split("\t") == GDELT_HEADER
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert "\t163\t163\t16\t4\t-8.0\t1\t1\t1\t" in lines[1 + _row_of(gdelt, "f00000000000002a")]


@pytest.mark.parametrize("layout", ["gdelt", "icews"])
def test_round_trip_through_duckdb(
    layout: str, events: pa.Table, articles: pa.Table, tmp_path: Path
) -> None:
    table, schema = _layout(layout, events, articles)
    tsv, parquet = _write_files(table, tmp_path)
    assert _duckdb_tsv(tsv, schema) == table
    assert _duckdb_parquet(parquet, schema) == table


@pytest.mark.parametrize("layout", ["gdelt", "icews"])
def test_round_trip_through_pandas(
    layout: str, events: pa.Table, articles: pa.Table, tmp_path: Path
) -> None:
    pd = pytest.importorskip("pandas")
    table, schema = _layout(layout, events, articles)
    tsv, parquet = _write_files(table, tmp_path)
    dtypes = {pa.int64(): "Int64", pa.float64(): "float64", pa.string(): "string"}
    from_tsv = pd.read_csv(
        tsv,
        sep="\t",
        quoting=csv.QUOTE_NONE,
        dtype={f.name: dtypes[f.type] for f in schema if f.type in dtypes},
        parse_dates=[f.name for f in schema if f.type == pa.date32()],
    )
    for frame in (from_tsv, pd.read_parquet(parquet)):
        assert pa.Table.from_pandas(frame, preserve_index=False).cast(schema) == table


def test_gdelt_file_without_header_is_gdelt_shaped(events: pa.Table, tmp_path: Path) -> None:
    path = tmp_path / "20190401.export.CSV"
    with path.open("w", encoding="utf-8") as stream:
        write_tsv(to_gdelt(events), stream, header=False)
    columns = {name: DUCKDB_TYPES[GDELT_SCHEMA.field(name).type] for name in GDELT_HEADER}
    read = duckdb.connect().read_csv(
        str(path), sep="\t", header=False, quotechar="", columns=columns
    )
    assert read.to_arrow_table().cast(GDELT_SCHEMA) == to_gdelt(events)


# -- ICEWS ---------------------------------------------------------------------------------
def test_icews_values(events: pa.Table, tmp_path: Path) -> None:
    icews = to_icews(events)
    assert icews.column_names == ICEWS_HEADER
    assert _write_files(icews, tmp_path)[0].read_text("utf-8").split("\n")[0] == "\t".join(
        ICEWS_HEADER
    )
    assert icews.schema == ICEWS_SCHEMA
    sanction = _by_id(icews, "Event ID", "f00000000000002a")
    assert sanction["Event Date"] == date(2019, 4, 1)
    assert (sanction["Source Name"], sanction["Source Sectors"]) == ("United States", "GOV")
    assert sanction["Source Country"] == "United States"
    assert sanction["Event Text"] == "Impose embargo, boycott, or sanctions"
    assert (sanction["CAMEO Code"], sanction["Intensity"]) == ("163", -8.0)
    assert sanction["Target Name"] == "Islamic Revolutionary Guard Corps"
    assert (sanction["Target Sectors"], sanction["Target Country"]) == ("MIL", "Iran")
    assert (sanction["Story ID"], sanction["Sentence Number"]) == ("a", 3)
    assert sanction["Publisher"] is None and sanction["Country"] is None

    summit = _by_id(icews, "Event ID", "1b2c3d4e5f607182")
    assert (summit["Event Text"], summit["CAMEO Code"]) == ("Consult, not specified below", "040")
    assert (summit["City"], summit["Country"]) == ("Hanoi", "Vietnam")
    assert (summit["Latitude"], summit["Longitude"]) == (21.0245, 105.84117)
    assert summit["District"] is None and summit["Province"] is None

    statement = _by_id(icews, "Event ID", "00000000000000b2")
    assert statement["Source Sectors"] == "OPP,PTY" and statement["Target Name"] is None
    assert (statement["City"], statement["Country"]) == (None, "Iran")
    appeal = _by_id(icews, "Event ID", "0000000000000003")
    assert (appeal["Source Country"], appeal["City"]) == (None, "New York City")


# -- PLOVER --------------------------------------------------------------------------------
def test_plover_records(events: pa.Table) -> None:
    records = {r["id"]: r for r in to_plover(events)}
    assert "00000000000000b2" not in records  # CAMEO 010 has no PLOVER type
    assert len(records) == 4
    assert records["f00000000000002a"] == {
        "id": "f00000000000002a",
        "date": "2019-04",
        "source": [{"actorText": "The US", "code": "USA", "sector": "GOV"}],
        "target": [{"actorText": "the IRGC", "code": "IRN", "sector": "MIL"}],
        "event": "SANCTION",
        "mode": "discontinue",
        "eventText": "trigger words",
        "text": "Sentence of f00000000000002a.",
        "language": "en",
        "coder": records["f00000000000002a"]["coder"],
        "newsevents": {
            "modality": "asserted",
            "confidence": 0.75,
            "date_precision": "month",
            "cameo": "163",
            "attributed_to": None,
            "doc_id": "a",
            "sentence_index": 2,
            "evidence_start": 10,
            "evidence_end": 30,
        },
    }
    assert records["f00000000000002a"]["coder"].startswith("newsevents ")
    summit = records["1b2c3d4e5f607182"]
    assert (summit["event"], "mode" in summit) == ("CONSULT", False)  # no mode: left out
    assert summit["eventLoc"] == {
        "name": "Hanoi",
        "country code": "VN",
        "lat": 21.0245,
        "lon": 105.84117,
    }
    appeal = records["0000000000000003"]
    assert appeal["source"] == [{"actorText": "the UN", "code": "IGOUNO"}]
    assert (appeal["event"], appeal["mode"], appeal["date"]) == ("REQUEST", "change", "2018")


def test_plover_round_trips_through_jsonl(events: pa.Table, tmp_path: Path) -> None:
    records = to_plover(events)
    path = _write_jsonl(records, tmp_path)
    assert [json.loads(line) for line in path.read_text("utf-8").splitlines()] == records
    read = duckdb.connect().read_json(str(path), format="newline_delimited")
    read = read.project("* REPLACE (CAST(date AS VARCHAR) AS date)")  # DATE when all are days
    assert [_without_nulls(row) for row in read.to_arrow_table().to_pylist()] == records


def test_plover_jsonl_through_pandas(events: pa.Table, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    records = to_plover(events)
    frame = pd.read_json(_write_jsonl(records, tmp_path), lines=True, dtype=False)
    assert [_without_nulls(row) for row in frame.to_dict("records")] == records


@pytest.mark.parametrize(
    ("iso3", "fips"),
    [
        ("DEU", "GM"),  # ISO's GM is Gambia ...
        ("GMB", "GA"),  # ... whose FIPS code is GA, which is ISO's Gabon ...
        ("GAB", "GB"),  # ... whose FIPS code is GB, ISO's United Kingdom ...
        ("GBR", "UK"),
        ("ISR", "IS"),  # ISO's IS is Iceland
        ("ISL", "IC"),
        ("RUS", "RS"),  # ISO's RS is Serbia
        ("SRB", "RI"),
        ("CHN", "CH"),  # ISO's CH is Switzerland
        ("CHE", "SZ"),
        ("AUS", "AS"),
        ("AUT", "AU"),
        ("IRQ", "IZ"),
        ("PRK", "KN"),
        ("KOR", "KS"),
        ("UKR", "UP"),
        ("VNM", "VM"),
        ("XKX", "KV"),
    ],
)
def test_fips_codes_of_tricky_countries(iso3: str, fips: str) -> None:
    assert fips_code(iso3) == fips


def test_fips_palestine_is_told_by_the_place_never_guessed() -> None:
    assert fips_code("PSE", "Gaza") == "GZ"
    assert fips_code("PSE", "West Bank") == "WE"
    assert fips_code("PSE", "Palestine") is None
    assert fips_code(None) is None and fips_code("SUN") is None


def test_fips_table_covers_the_knowledge_base() -> None:
    from newsevents.actors.kb import load_knowledge_base
    from newsevents.export import _fips_table

    table = _fips_table()
    whole = {iso3: code for (iso3, place), code in table.items() if not place}
    assert all(len(code) == 2 and code.isupper() and code.isalpha() for code in table.values())
    assert len(set(whole.values())) == len(whole)  # no two countries share a code
    no_single_code = {"ALA", "BES", "UMI", "PSE", "SUN", "YUG", "CSK", "DDR"}
    countries = {e.country for e in load_knowledge_base().entries.values() if e.kind == "country"}
    assert countries - no_single_code <= set(whole)


def test_write_tsv_keeps_fields_on_one_line() -> None:
    table = pa.table({"a": ["x\ty\nz", None], "b": [1.5, 2.0], "c": [date(2019, 4, 1), None]})
    stream = io.StringIO()
    write_tsv(table, stream)
    assert stream.getvalue() == "a\tb\tc\nx y z\t1.5\t2019-04-01\n\t2.0\t\n"


def test_missing_columns_are_a_clear_error(events: pa.Table) -> None:
    with pytest.raises(ValueError, match="cameo"):
        to_gdelt(events.drop_columns(["cameo"]))
    with pytest.raises(ValueError, match="trigger"):
        to_plover(events.drop_columns(["trigger"]))


# -- helpers -------------------------------------------------------------------------------
def _layout(layout: str, events: pa.Table, articles: pa.Table) -> tuple[pa.Table, pa.Schema]:
    if layout == "gdelt":
        return to_gdelt(events, articles), GDELT_SCHEMA
    return to_icews(events), ICEWS_SCHEMA


def _write_files(table: pa.Table, folder: Path) -> tuple[Path, Path]:
    tsv, parquet = folder / "events.tsv", folder / "events.parquet"
    with tsv.open("w", encoding="utf-8", newline="") as stream:
        write_tsv(table, stream)
    pq.write_table(table, parquet)
    return tsv, parquet


def _write_jsonl(records: list[dict[str, Any]], folder: Path) -> Path:
    path = folder / "events.plover.jsonl"
    lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _row_of(table: pa.Table, event_id: str) -> int:
    return table.column(0).to_pylist().index(global_event_id(event_id))


def _duckdb_tsv(path: Path, schema: pa.Schema) -> pa.Table:
    columns = {f.name: DUCKDB_TYPES[f.type] for f in schema}
    read = duckdb.connect().read_csv(
        str(path), sep="\t", header=True, quotechar="", columns=columns
    )
    return read.to_arrow_table().cast(schema)


def _duckdb_parquet(path: Path, schema: pa.Schema) -> pa.Table:
    return duckdb.connect().read_parquet(str(path)).to_arrow_table().cast(schema)


def _without_nulls(record: dict[str, Any]) -> dict[str, Any]:
    """JSON readers give every record every key, null where it lacks one; PLOVER leaves
    null fields out (our "newsevents" block keeps its nulls)."""
    return {
        key: value if key == "newsevents" else _strip_nulls(value)
        for key, value in record.items()
        if not _is_null(value)
    }


def _strip_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_nulls(v) for k, v in value.items() if not _is_null(v)}
    if isinstance(value, list):
        return [_strip_nulls(v) for v in value]
    return value


def _is_null(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


# -- places at each precision (location.precision, 0.2) ----------------------------------------
def test_exports_say_whether_a_place_is_a_city_a_region_or_a_country(db: Path) -> None:
    places = {
        "c1": Location("Hanoi", "VNM", 21.0245, 105.84117, "city"),
        "c2": Location("Gaza Strip", "PSE", 31.42, 34.37, "region"),
        "c3": Location("Iran", "IRN", 32.58, 54.27, "country"),  # a centroid: no city
    }
    events = [
        _event(f"00000000000000{key}", "c", USA, PRK, "040", "2019-02-27", place)
        for key, place in places.items()
    ]
    with Store(db) as writer:
        writer.write_batch(writer.start_run("test", {}), [(_article("c", None), events)])
    with Store(db, read_only=True) as reader:
        table = reader.events()
    gdelt, icews = to_gdelt(table), to_icews(table)
    rows = {
        key: (
            _by_id(gdelt, "GLOBALEVENTID", f"00000000000000{key}"),
            _by_id(icews, "Event ID", f"00000000000000{key}"),
        )
        for key in places
    }
    assert [rows[k][0]["ActionGeo_Type"] for k in places] == [4, 5, 1]
    assert rows["c2"][0]["ActionGeo_FullName"].startswith("Gaza Strip, ")
    assert rows["c3"][0]["ActionGeo_FullName"] == "Iran"
    assert rows["c3"][0]["ActionGeo_Lat"] == 32.58
    assert [(rows[k][1]["City"], rows[k][1]["Province"]) for k in places] == [
        ("Hanoi", None),
        (None, "Gaza Strip"),
        (None, None),
    ]
