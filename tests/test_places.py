"""Where events happened (newsevents.events.places, .gazetteer): the clause's place, the
dateline, regions and countries at their centres, ambiguous city names."""

from __future__ import annotations

import importlib
from datetime import date
from pathlib import Path

import pycountry
import pytest

from newsevents.analysis.places import world_shapes
from newsevents.api import code_text
from newsevents.events.gazetteer import City, Gazetteer, _countries, _landmarks, _regions

DAY = date(2020, 1, 7)


def _located(coder, text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (
            e.source.code,
            e.target.code if e.target else None,
            e.location.name if e.location else None,
            e.location.precision if e.location else None,
        )
        for e in code_text(text, date=DAY, coder=coder)
    ]


# -- the data files -------------------------------------------------------------------------
def test_every_region_is_in_its_country_and_every_country_has_a_centroid() -> None:
    countries = _countries()
    assert len(countries) > 200
    for code, centre in countries.items():
        assert -90 <= centre.lat <= 90 and -180 <= centre.lon <= 180, code
    regions = _regions()
    assert regions["gaza"].country == "PSE" and regions["crimea"].country == "UKR"
    for region in set(regions.values()):
        assert pycountry.countries.get(alpha_3=region.country) is not None, region.name
        south, north, west, east = _bounds()[region.country]  # in its country's shape's box
        assert south - 1 < region.lat < north + 1 and west - 1 < region.lon < east + 1, region


def _bounds() -> dict[str, tuple[float, float, float, float]]:
    """(south, north, west, east) of each country of the map's shapes."""
    shapes = world_shapes()
    bounds = {}
    for feature in shapes["features"]:
        if feature["geometry"] is None:
            continue
        points = [p for polygon in feature["geometry"]["coordinates"] for r in polygon for p in r]
        lats, lons = [p[1] for p in points], [p[0] for p in points]
        bounds[feature["id"]] = (min(lats), max(lats), min(lons), max(lons))
    return bounds


def test_country_centroids_fall_inside_the_country() -> None:
    countries = _countries()
    # (lat, lon) boxes around each country's main territory
    boxes = {
        "USA": (25, 49, -125, -67),
        "FRA": (42, 51, -5, 8),
        "RUS": (41, 78, 27, 180),
        "NOR": (57, 71, 4, 31),
        "IDN": (-11, 6, 95, 141),
        "CHL": (-56, -17, -76, -66),
        "LBN": (33, 34.7, 35, 36.7),
        "ISR": (29.4, 33.4, 34.2, 35.9),
    }
    for code, (south, north, west, east) in boxes.items():
        centre = countries[code]
        assert south < centre.lat < north and west < centre.lon < east, code


# -- ambiguous city names -------------------------------------------------------------------
def _gazetteer() -> Gazetteer:
    paris = (
        City("Paris", "FRA", 48.85, 2.35, 2_138_551),
        City("Paris", "USA", 33.66, -95.56, 24_171),
    )
    tripoli = (
        City("Tripoli", "LBY", 32.88, 13.19, 1_150_989),
        City("Tripoli", "LBN", 34.44, 35.85, 229_398),
    )
    return Gazetteer({"paris": paris, "tripoli": tripoli}, _regions(), _countries(), {})


def test_an_ambiguous_city_is_the_one_in_the_preferred_country_else_the_most_populous() -> None:
    gazetteer = _gazetteer()
    assert gazetteer.city("Paris").country == "FRA"
    assert gazetteer.city("Paris", ["USA"]).country == "USA"
    assert gazetteer.city("Tripoli", ["SYR", "LBN"]).country == "LBN"
    assert gazetteer.city("Tripoli", ["SYR"]).country == "LBY"
    assert gazetteer.city("Atlantis") is None


def test_the_real_gazetteer_knows_cities_by_their_other_names() -> None:
    gazetteer = Gazetteer.load()
    kyiv = gazetteer.city("Kiev")
    assert (kyiv.country, round(kyiv.lat), round(kyiv.lon)) == ("UKR", 50, 31)
    assert gazetteer.city("Paris", ["USA"]).country == "USA"
    assert gazetteer.city("Paris").country == "FRA"


# -- the clause's place ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name", "country", "precision"),
    [
        ("Israel launched air strikes in Gaza.", "Gaza Strip", "PSE", "region"),
        ("Ukrainian forces attacked Russian positions in Crimea.", "Crimea", "UKR", "region"),
        ("Iran fired missiles at a U.S. base in Iraq.", "Iraq", "IRQ", "country"),
        ("Vladimir Putin met Xi Jinping in Moscow.", "Moscow", "RUS", "city"),
        # the city of the sentence's own country, not the most populous of the name
        ("Lebanese troops clashed with gunmen in Tripoli.", "Tripoli", "LBN", "city"),
        ("Libyan troops clashed with gunmen in Tripoli.", "Tripoli", "LBY", "city"),
    ],
)
def test_regions_countries_and_cities_have_coordinates_and_precision(
    coder, text, name, country, precision
) -> None:
    events = code_text(text, date=DAY, coder=coder)
    assert events
    for event in events:
        location = event.location
        assert (location.name, location.country, location.precision) == (name, country, precision)
        assert location.lat is not None and location.lon is not None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the tagger calls Ghazni an organisation: a city of the article's country still
        ("The Taliban attacked police in Ghazni on Monday.", ("Ghazni", "city")),
        # a place phrase on the subject ("a judge in Texas ruled"); a US state is a region
        (
            "On Friday, a federal judge in Texas ruled against the US government.",
            ("Texas", "region"),
        ),
        # a month is no town (March, Cambridgeshire), a university no city (University, Florida)
        ("British police arrested five men in March 2018.", None),
        ("Nigerian officials met Niger officials at the University of Niamey.", None),
    ],
)
def test_untagged_places_only_in_the_articles_countries(coder, text, place) -> None:
    located = {(n, p) if n else None for *_, n, p in _located(coder, text)}
    assert located == {place}


def test_a_landmark_is_its_city_and_a_facility_is_no_city(coder) -> None:
    white_house = "Trump met Netanyahu at the White House on Monday."
    assert {(n, p) for *_, n, p in _located(coder, white_house)} == {("Washington", "city")}
    kremlin = "Putin met Erdogan at the Kremlin."
    assert {(n, p) for *_, n, p in _located(coder, kremlin)} == {("Moscow", "city")}
    airport = "A US drone strike near Baghdad International Airport killed Qassem Soleimani."
    assert {(n, p) for *_, n, p in _located(coder, airport)} == {("Baghdad", "city")}


def test_every_landmark_is_in_its_country() -> None:
    landmarks = _landmarks()
    assert landmarks["white house"].name == "Washington"
    bounds = _bounds()
    for place in set(landmarks.values()):
        if place.country in bounds:  # the Vatican is too small for the shapes
            south, north, west, east = bounds[place.country]
            assert south - 1 < place.lat < north + 1 and west - 1 < place.lon < east + 1, place


@pytest.mark.parametrize(
    ("text", "target", "place"),
    [
        ("Pompeo held talks in Beijing on Monday.", None, "Beijing"),
        ("Biden condemned Russia in a speech in Warsaw.", "RUS", "Warsaw"),
        ("Macron met Zelensky in Kyiv.", "UKRGOV", "Kyiv"),
    ],
)
def test_a_place_after_in_is_the_location_not_the_target(coder, text, target, place) -> None:
    [event] = code_text(text, date=DAY, coder=coder)
    assert (event.target.code if event.target else None, event.location.name) == (target, place)


def test_a_place_after_in_is_the_location_also_where_a_pattern_makes_it_the_target(
    coder,
) -> None:
    [event] = code_text("Russia launched strikes in Ukraine.", date=DAY, coder=coder)
    assert (event.location.name, event.location.precision) == ("Ukraine", "country")


def test_a_city_named_like_a_person_of_the_article_is_no_place(coder) -> None:
    text = "Senator Lincoln criticized the plan. Police arrested protesters in Lincoln."
    assert all(e.location is None for e in code_text(text, date=DAY, coder=coder))


# -- the dateline ---------------------------------------------------------------------------
DATELINED = (
    "NAIROBI, July 8 — Kenya and Ethiopia signed a trade agreement on Tuesday.\n\n"
    "Kenyan President William Ruto praised the deal.\n\n"
    "Ethiopia's foreign minister criticized Somalia.\n\n"
    "Kenyan troops attacked militants in Somalia."
)


def test_the_dateline_places_its_sentence_and_the_events_of_its_country(coder) -> None:
    located = {
        (source, target): (name, precision)
        for source, target, name, precision in _located(coder, DATELINED)
    }
    assert located[("KEN", "ETH")] == ("Nairobi", "city")  # the dateline's sentence
    assert located[("KENGOV", None)] == ("Kenya", "country")  # a Kenyan speaks in Kenya
    assert located[("ETHGOV", "SOM")] == (None, None)  # an Ethiopian speaks anywhere
    assert located[("KENMIL", "SOMUAF")] == ("Somalia", "country")  # the clause wins


def test_a_wire_dateline_parsed_as_its_own_sentence_still_places_the_first_one(coder) -> None:
    text = (
        "NAIROBI, July 8 (Reuters) - Kenyan President William Ruto met opposition leaders on"
        " Monday. Police later fired tear gas at protesters."
    )
    events = code_text(text, date=DAY, coder=coder)
    located = {
        (e.sentence_index, e.cameo): (e.location.name, e.location.precision)
        for e in events
        if e.location
    }
    # the dateline is sentence 0 (no event); its city places the first real sentence,
    # its country the later act of force by Kenyans; its date (the July 8 nearest the
    # given 2020-01-07) dates them all
    assert located == {(1, "040"): ("Nairobi", "city"), (2, "175"): ("Kenya", "country")}
    assert {e.date for e in events} == {"2019-07-08"}


def test_force_is_never_placed_at_the_datelines_city_nor_two_cities(coder) -> None:
    invasion = "KYIV — Russia launched an invasion of Ukraine on Thursday."
    assert {(n, p) for *_, n, p in _located(coder, invasion)} == {("Ukraine", "country")}
    two = "TEHRAN/WASHINGTON — Iran criticized the United States on Wednesday."
    assert {(n, p) for *_, n, p in _located(coder, two)} == {(None, None)}


def test_the_place_is_in_the_json_record(coder) -> None:
    [event] = code_text("Israel launched air strikes in Gaza.", date=DAY, coder=coder)
    assert event.to_dict()["location"] == {
        "name": "Gaza Strip",
        "country": "PSE",
        "lat": 31.42,
        "lon": 34.37,
        "precision": "region",
    }


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("NAIROBI, July 8 (Reuters) - Kenya said", "NAIROBI"),
        ("THE HAGUE — The court said", "THE HAGUE"),
        ("KYIV, Ukraine, Feb. 24 (AP) — Russia said", "KYIV"),
        ("Trump-Kim summit in Hanoi breaks down", None),
    ],
)
def test_dateline_forms(line, place) -> None:
    from newsevents.events.places import DATELINE

    found = DATELINE.search(line)
    assert (found["place"] if found else None) == place


def test_a_store_from_before_precision_gets_it_from_its_coordinates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    import newsevents.store as store_package

    # the module (the package's name `migrate` is the function of that module)
    migrate_module = importlib.import_module("newsevents.store.migrate")
    from newsevents.store import Store

    path = tmp_path / "old.duckdb"
    older = [m for m in migrate_module.migrations() if m[0] < 6]  # the schema before migration 006
    with monkeypatch.context() as patched:
        patched.setattr(migrate_module, "migrations", lambda: older)
        patched.setattr(store_package, "migrations", lambda: older)
        Store(path).close()
    con = duckdb.connect(str(path))
    columns = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
    for event_id, name, lat in (("e1", "Hanoi", 21.0), ("e2", "Iraq", None), ("e3", None, None)):
        values = {"event_id": event_id, "article_id": "a", "doc_id": "d", "sentence_index": 0,
                  "source_code": "USA", "cameo": "040", "cameo_root": "04", "quad_class": 1,
                  "goldstein": 1.0, "modality": "asserted", "date_precision": "day",
                  "location_name": name, "location_lat": lat, "location_lon": lat,
                  "evidence_text": "x", "evidence_start": 0, "evidence_end": 1, "trigger": "x",
                  "confidence": 0.5, "run_id": "r"}  # fmt: skip
        names = [c for c in columns if c in values]
        con.execute(
            f"INSERT INTO events ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [values[c] for c in names],
        )
    con.close()
    with Store(path, read_only=True) as store:  # opening migrates
        precision = {r["event_id"]: r["location"] for r in store.event_records()}
    assert precision["e1"]["precision"] == "city"
    assert precision["e2"]["precision"] == "country"
    assert precision["e3"] is None
