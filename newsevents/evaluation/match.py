"""Comparing a system event (its JSON record) with gold codes, one field at a time.

Actors match at country level: the first three letters of the system actor's code
(``USAGOV`` -> ``USA``) or its ``country``; international actors also by their group code
(``IGOUNO`` matches ``IGOUNO`` and ``UNO``; ``IGO`` matches any IGO). ``*`` accepts any actor
or none.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from newsevents.actors.resolve import INTERNATIONAL_ROOTS

ANY = "*"
# Old CAMEO country codes still found in gold files, and their ISO 3166 alpha-3 codes.
LEGACY_COUNTRY_CODES: Mapping[str, str] = MappingProxyType(
    {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
)
DATE_PRECISION_BY_LENGTH: Mapping[int, str] = MappingProxyType({4: "year", 7: "month", 10: "day"})


def canonical_code(code: str) -> str:
    """A gold actor code with an old CAMEO country prefix replaced by its ISO code."""
    code = code.strip().upper()
    prefix = LEGACY_COUNTRY_CODES.get(code[:3])
    return prefix + code[3:] if prefix else code


def country_key(code: str) -> str:
    """The part of a full actor code that matching looks at: the country (``USAGOV`` ->
    ``USA``) or the international root with its group (``IGOUNOKID`` -> ``IGOUNO``)."""
    code = canonical_code(code)
    if not code or code.strip("-") == "":
        return ANY
    return code[:6] if code[:3] in INTERNATIONAL_ROOTS else code[:3]


def actor_keys(actor: Mapping[str, Any]) -> frozenset[str]:
    code = str(actor.get("code") or "").upper()
    keys = {code, code[:3]}
    if actor.get("country"):
        keys.add(str(actor["country"]).upper())
    if code[:3] in INTERNATIONAL_ROOTS:
        keys.update({code[:6], code[3:6]})
    keys.discard("")
    return frozenset(keys)


def actor_matches(gold_codes: tuple[str, ...], actor: Mapping[str, Any] | None) -> bool:
    """True when the system actor is one of the acceptable gold codes."""
    if ANY in gold_codes:
        return True
    if not actor:
        return False
    keys = actor_keys(actor)
    code = str(actor.get("code") or "").upper()
    return any(gold in keys or (gold and code.startswith(gold)) for gold in gold_codes)


def actor_label(actor: Mapping[str, Any] | None) -> str:
    """A short label for error listings: ``USAGOV ("The US")`` or ``-``."""
    if not actor:
        return "-"
    text = actor.get("text")
    return f"{actor.get('code')} ({text!r})" if text else str(actor.get("code"))


def root_of(event: Mapping[str, Any]) -> str:
    return str(event.get("cameo_root") or str(event.get("cameo") or "")[:2])


def root_matches(roots: tuple[str, ...], event: Mapping[str, Any]) -> bool:
    return ANY in roots or root_of(event) in roots


def plover_matches(plover: tuple[str, ...], event: Mapping[str, Any]) -> bool:
    return bool(event.get("plover")) and str(event.get("plover")).upper() in plover


def kind_matches(roots: tuple[str, ...], plover: tuple[str, ...], event: Mapping[str, Any]) -> bool:
    """Right kind of event: the CAMEO root is acceptable or the PLOVER type is."""
    return root_matches(roots, event) or plover_matches(plover, event)


def date_matches(gold_date: str, system_date: str | None) -> bool:
    """The system date, cut to the gold date's precision, equals the gold date: gold
    ``2019-04`` accepts ``2019-04-22`` and ``2019-04`` but not ``2019``."""
    if not system_date or len(system_date) < len(gold_date):
        return False
    return system_date[: len(gold_date)] == gold_date


def event_label(event: Mapping[str, Any]) -> str:
    """``USAGOV -> IRNMIL 163 SANCTION asserted 2019-04``: one line for error listings."""
    source = (event.get("source") or {}).get("code") or "-"
    target = (event.get("target") or {}).get("code") or "-"
    parts = [
        f"{source} -> {target}",
        str(event.get("cameo") or ""),
        str(event.get("plover") or "-"),
        str(event.get("modality") or ""),
        str(event.get("date") or ""),
    ]
    return " ".join(part for part in parts if part)
