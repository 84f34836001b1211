"""Where an event happened. In order:

1. the place named in its clause ("in Hanoi", "at the hotel in Baghdad", "across Gaza"):
   a region (its centre), a country (its centroid), a city (the gazetteer's
   coordinates) or a landmark's city ("at the White House": Washington; a facility is
   otherwise placed only by a city it is named after, "Baghdad International Airport");
   an ambiguous city name is the city in the country the place names
   ("Paris, Texas"), else in a country of the sentence's actors, else of the article's
   (its dateline first), else the most populous city of that name;
2. else the article's dateline ("NAIROBI, July 8 (Reuters) -"): the dateline's place for
   the events of the sentence that carries it, and the dateline's country (at country
   precision) for an event whose site is in that country. The site of an act of force
   (quad class 4) is its target, and such an act is never placed at the dateline's city
   (a "KYIV —" report of an invasion is not an invasion of Kyiv); the site of anything
   else is its source (speakers speak where they are).

Precision first: a name that is part of a person's name in the article, or that the
knowledge base knows as a person, is no city; a dateline naming two cities
("TEHRAN/WASHINGTON —") places nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsevents.actors.kb import KnowledgeBase
from newsevents.events.extract import Match
from newsevents.events.gazetteer import Gazetteer
from newsevents.events.syntax import Tree
from newsevents.records import Location, Mention, ParsedArticle, Token

PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across", "around", "throughout")
PLACE_TYPES = ("GPE", "LOC", "FAC")
UNTAGGED_TYPES = ("", "ORG", "PERSON")  # tags a place name may wrongly get (not DATE)
MATERIAL_CONFLICT = 4
DATELINE_CHARS = 1500  # a dateline opens one of the article's first paragraphs
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]+(?:[ /][A-Z][A-Z.'-]+){0,3})"
    r"(?:,\s*(?P<qualifier>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?)?"
    r"\s*(?:\([A-Za-z .&-]+\))?\s*(?:—|–|--?)\s+",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Dateline:
    place: Location
    sentence_index: int  # the sentence that carries the dateline


@dataclass(frozen=True)
class ArticlePlaces:
    """What one article tells about places, to locate its events with :meth:`locate`."""

    gazetteer: Gazetteer
    kb: KnowledgeBase
    sentence_countries: tuple[tuple[str, ...], ...]  # actor countries of each sentence
    article_countries: tuple[str, ...]  # the dateline's, then by how often actors have them
    person_names: frozenset[str]  # person names the article uses, whole and each word
    dateline: Dateline | None

    @classmethod
    def of(
        cls,
        parsed: ParsedArticle,
        mentions: Sequence[Sequence[Mention]],
        gazetteer: Gazetteer,
        kb: KnowledgeBase,
    ) -> ArticlePlaces:
        sentence_countries = tuple(_countries_of(found) for found in mentions)
        counts: dict[str, int] = {}
        for found in mentions:
            for mention in found:
                if mention.actor.country:
                    counts[mention.actor.country] = counts.get(mention.actor.country, 0) + 1
        persons = frozenset(
            name for sentence in parsed.sentences for name in _person_names(sentence.tokens)
        )
        places = cls(
            gazetteer,
            kb,
            sentence_countries,
            tuple(sorted(counts, key=lambda c: -counts[c])),
            persons,
            None,
        )
        line = places.find_dateline(parsed)
        if line is None:
            return places
        first = (line.place.country,) if line.place.country else ()
        return replace(places, dateline=line, article_countries=first + places.article_countries)

    def locate(self, match: Match, tree: Tree, quad_class: int) -> Location | None:
        """The event's place: its clause's, else the dateline's (see the module's rules)."""
        return self.clause_location(match.trigger, tree) or self._dateline_location(
            match, tree.sentence.index, quad_class
        )

    def clause_location(self, trigger: Token, tree: Tree) -> Location | None:
        """The place of the trigger's clause: a place phrase after "in", "at", "near", ...
        on the trigger (anywhere in an event noun's own phrase), else on the clauses above."""
        current: Token | None = trigger
        index = tree.sentence.index
        prefer = self._preferred(index)
        while current is not None:
            whole = current is trigger and current.pos != "VERB"
            for head in _place_phrases(current, tree, whole):
                location = self._resolve_phrase(head, tree, prefer)
                if location is not None:
                    return location
            current = tree.head(current)
        return None

    def resolve(
        self, name: str, prefer: Sequence[str], qualifier: str | None = None
    ) -> Location | None:
        """A place name as a region, a country or a city (None when it is none of them,
        or when it is part of a person's name)."""
        region = self.gazetteer.region(name)
        if region is not None:
            return region
        country = _country_of(name, self.kb)
        if country is not None:
            return replace(self.country(country), name=name)
        if self._person_like(name):
            return None
        city = self.gazetteer.city(name, (qualifier,) if qualifier else prefer)
        if city is None or (qualifier is not None and city.country != qualifier):
            return None
        return city.location()

    def find_dateline(self, parsed: ParsedArticle) -> Dateline | None:
        """The dateline of the article's first paragraphs, resolved, with its sentence."""
        text = parsed.article.text
        found = DATELINE.search(text[:DATELINE_CHARS])
        if found is None or "/" in found["place"]:
            return None
        qualifier = found["qualifier"]
        country = _country_of(qualifier, self.kb) if qualifier else None
        if qualifier and country is None:
            return None  # "KYIV, Feb 24 -" has no qualifier; "KYIV, Oblivia -" is unknown
        place = self.resolve(found["place"].title(), (), country)
        if place is None:
            return None
        start = found.end()  # the sentence of the dateline's first words
        index = next((s.index for s in parsed.sentences if s.start <= start < s.end), None)
        return None if index is None else Dateline(place, index)

    def _dateline_location(
        self, match: Match, sentence_index: int, quad_class: int
    ) -> Location | None:
        line = self.dateline
        if line is None:
            return None
        force = quad_class == MATERIAL_CONFLICT
        if sentence_index == line.sentence_index and not force:
            return line.place
        site = match.targets if force else match.sources
        country = line.place.country
        if country is None or not site or any(m.actor.country != country for m in site):
            return None
        return self.country(country)

    def country(self, code: str) -> Location:
        """A country at its centroid, under the knowledge base's name for it."""
        entry = self.kb.entries.get(f"country:{code}")
        name = entry.name if entry is not None else code
        return self.gazetteer.country(code, name) or Location(name, code, None, None, "country")

    def _preferred(self, sentence_index: int) -> tuple[str, ...]:
        own = (
            self.sentence_countries[sentence_index]
            if sentence_index < len(self.sentence_countries)
            else ()
        )
        return own + tuple(c for c in self.article_countries if c not in own)

    def _resolve_phrase(self, head: Token, tree: Tree, prefer: Sequence[str]) -> Location | None:
        name = _entity_text(head, tree)
        qualifier = next(
            (
                _country_of(_entity_text(a, tree), self.kb)
                for a in tree.kids(head, "appos", "npadvmod")
                if a.ent_type == "GPE"
            ),
            None,
        )  # "Hanoi, Vietnam"
        landmark = self.gazetteer.landmark(name)
        if landmark is not None:
            return landmark
        if head.ent_type not in PLACE_TYPES:
            return self._untagged_place(name, prefer)
        if head.ent_type == "FAC":  # a facility is no city ("White House" is Casablanca's
            return self._facility_city(name, prefer)  # name in English)
        return self.resolve(name, prefer, qualifier)

    def _untagged_place(self, name: str, prefer: Sequence[str]) -> Location | None:
        """A proper noun not tagged as a place ("in Ghazni" tagged ORG): a region, a
        country, or a city in a country the article is about; never a name the knowledge
        base gives an actor that is not a country (an organisation, a person)."""
        hit = self.kb.lookup(name)
        if hit is not None and self.kb.entries[hit.entity].kind != "country":
            return None
        location = self.resolve(name, prefer)
        if location is None or location.precision != "city" or location.country in prefer:
            return location
        return None

    def _facility_city(self, name: str, prefer: Sequence[str]) -> Location | None:
        """ "Baghdad International Airport": the city a facility is named after, when that
        city is in a country the article is about."""
        first = name.split()[0]
        if not first[:1].isupper():
            return None
        city = self.gazetteer.city(first, prefer)
        if city is None or city.country not in prefer or self._person_like(first):
            return None
        return city.location()

    def _person_like(self, name: str) -> bool:
        if name.lower() in self.person_names:
            return True
        hit = self.kb.lookup(name)
        return hit is not None and self.kb.entries[hit.entity].kind == "person"


def _person_names(tokens: Sequence[Token]) -> list[str]:
    """The PERSON names among ``tokens``, lower case: each whole name and each of its
    words of three letters or more ("donald trump", "donald", "trump")."""
    names: list[str] = []
    words: list[str] = []
    for token in (*tokens, None):
        if token is not None and token.ent_type == "PERSON":
            words.append(token.text.lower())
            continue
        if words:
            names.append(" ".join(words))
            names.extend(w for w in words if len(w) >= 3 and w.isalpha())
            words = []
    return names


def _countries_of(mentions: Sequence[Mention]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.actor.country for m in mentions if m.actor.country))


def _place_phrases(head: Token, tree: Tree, whole: bool) -> list[Token]:
    """Heads of the objects of place prepositions under ``head``, a verb's object ("launched
    strikes in Gaza") or its subject ("a judge in Texas ruled"), also inside their
    prepositional phrases ("fired at a base in Iraq", "the summit at the Metropole Hotel in
    Hanoi"); an event noun's whole phrase is searched. Place entities, and proper nouns
    the tagger took for something else ("met in Niamey" tagged ORG)."""
    found = []
    hosts = [head, *tree.kids(head, "dobj", "nsubj", "nsubjpass")] if head.pos == "VERB" else [head]
    stack = [(p, 0) for host in hosts for p in tree.kids(host, "prep")]
    while stack:
        prep, depth = stack.pop(0)
        for obj in tree.kids(prep, "pobj"):
            if prep.lemma in PLACE_PREPS and (
                obj.ent_type in PLACE_TYPES or _untagged_name(obj, tree)
            ):
                found.append(obj)
            if depth < (4 if whole else 1):
                stack.extend((p, depth + 1) for p in tree.kids(obj, "prep"))
    return found


def _untagged_name(token: Token, tree: Tree) -> bool:
    """A bare proper noun the tagger left untagged or took for an organisation or a person
    ("in Ghazni" as ORG): no date, and no "of" phrase ("the University of Colorado")."""
    return (
        token.pos == "PROPN"
        and token.ent_type in UNTAGGED_TYPES
        and not any(p.lemma == "of" for p in tree.kids(token, "prep"))
    )


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
