"""The actor knowledge base: JSONL entries (countries, metonyms, organisations, people,
sector nouns) loaded once into lookup tables.

Each entry has a stable ``entity`` id (``country:PRK``, ``org:irgc``, ``person:kim-jong-un``)
and the names news uses for it. People and some groups carry ``roles`` with date ranges, so
the code depends on the article's date. The format is documented in docs/knowledge-base.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.actors.places import city_countries, fold, read_geonames
from newsevents.errors import NewseventsError

ENTRY_FILES = ("countries.jsonl", "metonyms.jsonl", "organisations.jsonl", "people.jsonl")
SECTOR_FILE = "sectors.jsonl"
# Which lists of an entry are names, and how a name of that kind is used.
NAME_FIELDS = ("aliases", "adjectives", "demonyms", "capitals", "descriptions")


@dataclass(frozen=True)
class Role:
    code: str
    start: date | None
    end: date | None
    title: str = ""

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Entry:
    """One actor of the knowledge base."""

    entity: str
    kind: str
    name: str
    code: str | None
    country: str | None
    sector: str | None
    roles: tuple[Role, ...] = ()
    default_code: str | None = None
    wikidata: str | None = None

    def code_on(self, day: date | None) -> str | None:
        """The actor code on ``day``: the role held then, else the default, else the code."""
        if self.roles:
            if day is None and self.kind == "person":
                return self.roles[-1].code  # no date: the person's latest office
            if day is None:
                # no date: a group's status now ("Congress Party" is out of government)
                current = [r for r in self.roles if r.end is None]
                return current[-1].code if current else self.code or self.country
            for role in reversed(self.roles):  # overlapping roles: the later one wins
                if role.holds_on(day):
                    return role.code
        return self.default_code or self.code or self.country


@dataclass(frozen=True)
class AliasHit:
    """An entry named by a string, and how: ``name``, ``adjective``, ``demonym``, ..."""

    entity: str
    form: str
    lower_ok: bool = False  # the name itself starts lower case ("the hermit regime")


@dataclass
class KnowledgeBase:
    """Entries by id, names by normalised text, sector nouns by normalised text."""

    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, AliasHit] = field(default_factory=dict)
    exact_names: dict[str, AliasHit] = field(default_factory=dict)
    sector_nouns: dict[str, str] = field(default_factory=dict)
    # sector code -> its words for people ("GOV" -> "government", "GOVMED" -> "state media")
    sector_labels: dict[str, str] = field(default_factory=dict)
    # first word of a name -> length of the longest name starting with it (bounds the
    # phrases the matcher tries at each token)
    first_words: dict[str, int] = field(default_factory=dict)
    max_chars: int = 1
    # folded city name -> ISO3 country ("Shanghai police"); built on first use unless given
    cities: dict[str, str] | None = None

    def city_country(self, name: str) -> str | None:
        """The country of the most populous city called ``name`` (GeoNames), or None."""
        if self.cities is None:
            self.cities = city_countries(read_geonames())
        return self.cities.get(fold(name))

    def add_entry(self, raw: dict[str, Any]) -> None:
        """Add (or, for a known entity id, replace) one entry and its names."""
        entry = _entry_from_json(raw)
        self.entries[entry.entity] = entry
        for field_name in NAME_FIELDS:
            form = "name" if field_name == "aliases" else field_name.rstrip("s")
            for alias in raw.get(field_name) or ():
                self._add_name(alias, AliasHit(entry.entity, form))
        self._add_name(entry.name, AliasHit(entry.entity, "name"), overwrite=False)

    def _add_name(self, alias: str, hit: AliasHit, overwrite: bool = True) -> None:
        alias = " ".join(alias.split())
        if not alias:
            return
        # Short or all-capital names ("US", "UN", "IS") must match case exactly.
        exact = len(alias) <= 4 or alias.isupper()
        table = self.exact_names if exact else self.names
        key = normalise(alias) if not exact else alias.replace("’", "'")
        if overwrite or key not in table:
            table[key] = AliasHit(hit.entity, hit.form, alias[:1].islower())
        word = first_word(key)
        self.first_words[word] = max(self.first_words.get(word, 0), len(key))
        self.max_chars = max(self.max_chars, len(key))

    def add_sector(self, sector: str, nouns: Iterable[str], label: str | None = None) -> None:
        if label:
            self.sector_labels[sector] = label
        for noun in nouns:
            self.sector_nouns[normalise(noun)] = sector

    def lookup(self, text: str) -> AliasHit | None:
        """The entry a piece of text names, or None. Case matters for short names."""
        hit = self.exact_names.get(text.replace("’", "'"))
        if hit is not None:
            return hit
        key = normalise(text)
        hit = self.names.get(key)
        if hit is None or (text.isupper() and len(text) > 4):
            return None  # "SANAA/WASHINGTON —": a dateline or a shouted headline
        # Lower-case text matches only names that are themselves lower case ("the hermit
        # regime"), so "turkey" the bird or "chad" the verb does not become a country.
        if text[:1].islower() and not hit.lower_ok and text == text.lower():
            return None  # ("al-Qaeda", "bin Laden" have capitals: names, not words)
        return hit

    def search(self, query: str) -> list[Entry]:
        """Entries whose id, name or any alias contains ``query`` (case-insensitive)."""
        query = normalise(query)
        found: dict[str, Entry] = {}
        for table in (self.names, self.exact_names):
            for key, hit in table.items():
                if query in key.lower():
                    found[hit.entity] = self.entries[hit.entity]
        for entity, entry in self.entries.items():
            if query in entity.lower() or query in entry.name.lower():
                found[entity] = entry
        return sorted(found.values(), key=lambda e: (e.kind, e.name))


def first_word(text: str) -> str:
    """The first word of a name as the matcher sees it: up to a space, hyphen or apostrophe."""
    word = normalise(text).split(" ")[0]
    for mark in ("-", "'"):
        word = word.split(mark)[0] or word
    return word


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def _parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _entry_from_json(raw: dict[str, Any]) -> Entry:
    roles = tuple(
        Role(
            code=role["code"],
            start=_parse_day(role.get("start")),
            end=_parse_day(role.get("end")),
            title=role.get("title", ""),
        )
        for role in raw.get("roles") or ()
    )
    code = raw.get("code")
    return Entry(
        entity=raw["entity"],
        kind=raw.get("kind", "org"),
        name=raw.get("name") or raw["entity"],
        code=code,
        country=raw.get("country"),
        sector=raw.get("sector"),
        roles=tuple(sorted(roles, key=lambda r: r.start or date.min)),
        default_code=raw.get("default_code"),
        wikidata=raw.get("wikidata"),
    )


def _read_jsonl(lines: Iterable[str], origin: str) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise NewseventsError("E014", path=origin, line=number, reason=exc.msg) from None
        if not isinstance(record, dict) or ("entity" not in record and "sector" not in record):
            raise NewseventsError(
                "E014", path=origin, line=number, reason="needs an 'entity' (or 'sector') key"
            )
        yield record


def load_knowledge_base(
    extra: Path | None = None, raw_cities: dict[str, dict[str, Any]] | None = None
) -> KnowledgeBase:
    """The bundled knowledge base, with a user's JSONL file added on top (it overrides).
    ``raw_cities``: GeoNames cities already read (see :func:`read_geonames`); without
    them the city table is read when first needed."""
    kb = KnowledgeBase(cities=city_countries(raw_cities) if raw_cities is not None else None)
    data = resources.files("newsevents.actors") / "data"
    for name in ENTRY_FILES:
        resource = data / name
        if resource.is_file():
            for record in _read_jsonl(resource.read_text("utf-8").splitlines(), name):
                kb.add_entry(record)
    sectors = data / SECTOR_FILE
    if sectors.is_file():
        for record in _read_jsonl(sectors.read_text("utf-8").splitlines(), SECTOR_FILE):
            kb.add_sector(record["sector"], record.get("nouns") or (), record.get("label"))
    if extra is not None:
        _add_user_file(kb, extra)
    return kb


def _add_user_file(kb: KnowledgeBase, path: Path) -> None:
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise NewseventsError("E002", path=path, reason=str(exc)) from None
    for record in _read_jsonl(lines, str(path)):
        if "entity" in record:
            kb.add_entry(record)
        else:
            kb.add_sector(record["sector"], record.get("nouns") or (), record.get("label"))
