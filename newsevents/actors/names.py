"""Actor codes in words, and words back to the codes a filter matches.

Both directions read the knowledge base the coder uses (no second table):

* :meth:`ActorNames.describe` gives a code's name: a country or international body by its
  entry's name ("IGOAFRAFU" -> "African Union", "IMGMOSISI" -> "Islamic State"), the
  sector blocks after it by their labels in ``sectors.jsonl`` ("RUSGOVMIL" -> "Russia
  (government, military)").
* :meth:`ActorNames.resolve` turns what a user types into a filter value that the store
  understands: a CAMEO code stays a code ("USA", "IRNMIL"), an entity id stays an id
  ("person:vladimir-putin"), a name or alias ("Russia", "the EU", "Hezbollah", "Putin")
  becomes its country or code, or, for people and groups coded with a country's sector,
  its entity id. A value that names nothing raises E016, so a filter never silently
  matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from newsevents.actors.kb import Entry, KnowledgeBase, load_knowledge_base, normalise
from newsevents.actors.resolve import INTERNATIONAL_ROOTS, UNKNOWN_COUNTRY, UNKNOWN_NAME
from newsevents.errors import NewseventsError

# What an international root alone says, for codes whose group the knowledge base lacks.
ROOT_WORDS = MappingProxyType(
    {
        "IGO": "intergovernmental organisation",
        "NGO": "non-governmental organisation",
        "IMG": "international militarised group",
        "MNC": "multinational corporation",
        "NGM": "non-governmental movement",
    }
)
CODE_SHAPE = re.compile(r"^(?:---|[A-Z]{3})(?:[A-Z]{3})*$")
ARTICLES = ("the ", "The ")


@dataclass(frozen=True)
class ActorNames:
    """Names of code roots (countries and international bodies), sector labels, and the
    knowledge base's names for looking values up."""

    roots: Mapping[str, str]
    sectors: Mapping[str, str]
    kb: KnowledgeBase

    def describe(self, code: str | None) -> str | None:
        """The code in words, or None when the code is empty or its root unknown. An
        entity id ("org:irgc") is named by its entry."""
        if not code:
            return None
        if ":" in code:
            entry = self.kb.entries.get(code)
            return entry.name if entry else None
        for end in range(len(code) - len(code) % 3, 2, -3):
            name = self.roots.get(code[:end])
            if name is not None:
                return _with_sectors(name, self._sector_words(code[end:]))
        words = UNKNOWN_NAME if code[:3] == UNKNOWN_COUNTRY else ROOT_WORDS.get(code[:3])
        return _with_sectors(words, self._sector_words(code[3:])) if words else None

    def _sector_words(self, blocks: str) -> list[str]:
        if not blocks:
            return []
        if blocks in self.sectors:
            return [self.sectors[blocks]]
        parts = [blocks[i : i + 3] for i in range(0, len(blocks), 3)]
        return [self.sectors.get(part, part) for part in parts]

    def resolve(self, value: str) -> str:
        """The filter value for what a user typed (see the module's docstring); E016 when
        it is neither a code, an entity id nor a name the knowledge base knows."""
        text = " ".join(value.split())
        if ":" in text:
            return text
        if self.is_code(text):
            return text.upper()
        entry = self.find(text)
        if entry is None:
            raise NewseventsError("E016", name=value)
        return filter_value(entry)

    def is_code(self, text: str) -> bool:
        """A CAMEO actor code or code prefix: a known root (a country, an international
        body, or IGO/NGO/IMG/MNC/NGM alone), then known sector blocks ("RUSSIA" is no code:
        SIA is no sector)."""
        upper = text.upper()
        if not CODE_SHAPE.match(upper):
            return False
        if upper[:3] in INTERNATIONAL_ROOTS or upper[:3] == UNKNOWN_COUNTRY:
            return True
        for end in range(len(upper), 2, -3):
            if upper[:end] in self.roots:
                rest = upper[end:]
                return all(rest[i : i + 3] in self.sectors for i in range(0, len(rest), 3))
        return False

    def find(self, text: str) -> Entry | None:
        """The entry a name or alias names, whatever its case, with or without "the"."""
        kb = self.kb
        bare = text[4:] if text.startswith(ARTICLES) else text
        for candidate in dict.fromkeys((text, bare, f"the {bare}")):
            hit = kb.exact_names.get(candidate) or kb.names.get(normalise(candidate))
            for cased in (candidate.upper(), candidate.capitalize()):  # "nato", "IRAN"
                hit = hit or kb.exact_names.get(cased)
            if hit is not None:
                return kb.entries[hit.entity]
        return None


def filter_value(entry: Entry) -> str:
    """What a filter matches for an entry: a country's code, a body's or a metonym's code
    ("IGOEUREEC", "RUSGOV"), else (people, groups with a country's sector code such as
    Hezbollah, LBNUAF) the entity id, so that other actors with that code do not match."""
    if entry.kind == "country" and entry.country:
        return entry.country
    code = entry.code or ""
    if (entry.kind == "metonym" and code) or code[:3] in INTERNATIONAL_ROOTS:
        return code
    return entry.entity


def _with_sectors(name: str, sectors: list[str]) -> str:
    return f"{name} ({', '.join(sectors)})" if sectors else name


def actor_names(kb: KnowledgeBase) -> ActorNames:
    """The names of ``kb``: countries by their code, and each international code by its
    first entry (the file order puts the body itself before its organs)."""
    roots: dict[str, str] = {}
    for entry in kb.entries.values():
        if entry.kind == "country" and entry.country:
            roots.setdefault(entry.country, entry.name)
        elif entry.kind == "org" and entry.code and entry.code[:3] in INTERNATIONAL_ROOTS:
            roots.setdefault(entry.code, entry.name)
    return ActorNames(MappingProxyType(roots), MappingProxyType(dict(kb.sector_labels)), kb)


@cache
def bundled_actor_names() -> ActorNames:
    """The names of the bundled knowledge base, loaded once."""
    return actor_names(load_knowledge_base())
