"""In-document coreference: later mentions that stand for an actor named earlier.

Once "Kim Jong-un" or "Mike Pompeo" is named, a bare "Kim" or "Pompeo" is that person; a
subject "he" or "she" is the one person in view; "the group", "the alliance", "the country"
are the one group, international body or country in view. Mentions themselves come from
:func:`newsevents.actors.resolve.find_mentions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from newsevents.actors.context import context_country, generic_mentions
from newsevents.actors.kb import Entry, KnowledgeBase
from newsevents.actors.resolve import code_actor, find_mentions, normalise, source_text
from newsevents.data_files import load_lists
from newsevents.records import Actor, Mention, Sentence, Token

WORDS = load_lists(
    "newsevents.actors",
    "coref.toml",
    {"honorifics": frozenset[str], "description_nouns": Mapping[str, str]},
)
# Words before a surname that are a form of address, not a given name ("Mr. Kim"), and
# definite descriptions that refer back to an actor named just before ("the group said"),
# with the kind of actor they refer to: data/coref.toml.
HONORIFICS: frozenset[str] = WORDS["honorifics"]
DESCRIPTION_NOUNS: Mapping[str, str] = WORDS["description_nouns"]
DESCRIPTION_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss"})


def article_mentions(
    sentences: tuple[Sentence, ...], kb: KnowledgeBase, day: date | None
) -> list[list[Mention]]:
    """Mentions of every sentence of an article, with in-document coreference of names:
    once "Kim Jong-un" or "Mike Pompeo" is named, a later bare "Kim" or "Pompeo" is that
    person too (when no other person named so far shares the word)."""
    people: dict[str, Entry | None] = {}
    found: list[list[Mention]] = []
    previous: list[Mention] = []
    for sentence in sentences:
        mentions = find_mentions(sentence, kb, day)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        for position, tok in enumerate(sentence.tokens):
            entry = people.get(tok.text)
            if entry is None or tok.pos != "PROPN" or tok.i in covered:
                continue
            if _inside_other_name(sentence.tokens, position, kb):
                continue  # "Ricardo Llerandi" is not the Ricardo named before
            actor = code_actor(entry, day, text=tok.text)
            mentions.append(Mention(sentence.index, tok.i, tok.i + 1, actor))
        mentions.extend(_personal_pronouns(sentence, previous, mentions))
        mentions.extend(_definite_descriptions(sentence, previous, mentions))
        for mention in mentions:
            _remember_name_parts(kb, mention, people)
        mentions.sort(key=lambda m: (m.start, m.end))
        found.append(mentions)
        previous = mentions
    return with_context(sentences, kb, found)


def with_context(
    sentences: tuple[Sentence, ...], kb: KnowledgeBase, found: list[list[Mention]]
) -> list[list[Mention]]:
    """The mentions with the article's generic actors ("the government", "police") coded
    as the one country the article is about (:mod:`newsevents.actors.context`)."""
    country = context_country(found)
    # an article that names no country at all: its generic actors are of no known country
    countryless = not any(m.actor.country for mentions in found for m in mentions)
    with_generic = []
    for sentence, mentions in zip(sentences, found, strict=True):
        here = country or _place_country(mentions)
        # a titled name is one person whatever the article; "the government" of an article
        # about several countries is any of them
        groups = here is not None or countryless
        generic = generic_mentions(sentence, kb, here, mentions, groups=groups)
        with_generic.append(sorted([*mentions, *generic], key=lambda m: (m.start, m.end)))
    return _named_again(sentences, kb, with_generic)


def _named_again(
    sentences: tuple[Sentence, ...], kb: KnowledgeBase, found: list[list[Mention]]
) -> list[list[Mention]]:
    """People the knowledge base lacks, named again by surname: once "Governor Alan Marsh"
    or "Bruno Keller, the foreign minister of Austria" is named, a later "Marsh" or
    "Keller" is that person (when no one else named so far shares the word)."""
    known: dict[str, Actor | None] = {}
    result = []
    for sentence, mentions in zip(sentences, found, strict=True):
        covered = {i for m in mentions for i in range(m.start, m.end)}
        again = [
            Mention(sentence.index, tok.i, tok.i + 1, replace(actor, text=tok.text))
            for position, tok in enumerate(sentence.tokens)
            if (actor := known.get(tok.text)) is not None
            and tok.pos == "PROPN"
            and tok.i not in covered
            and not _inside_other_name(sentence.tokens, position, kb)
        ]
        for position, tok in enumerate(sentence.tokens):
            if tok.text in known and tok.i not in covered and tok.pos == "PROPN":
                if _inside_other_name(sentence.tokens, position, kb):
                    known[tok.text] = None  # "Anna Marsh" after "Alan Marsh": neither now
        mentions = sorted([*mentions, *again], key=lambda m: (m.start, m.end))
        for surname, actor in _introduced(sentence, mentions):
            before = known.get(surname, actor)
            # two people who share a surname: it names neither
            known[surname] = actor if before is not None and before.code == actor.code else None
        result.append(mentions)
    return result


def _introduced(sentence: Sentence, mentions: list[Mention]) -> list[tuple[str, Actor]]:
    """(surname, actor) of each person the sentence names with a title ("Governor Alan
    Marsh") or an apposition ("Bruno Keller, the foreign minister of Austria") and whom
    the knowledge base lacks."""
    tokens = sentence.tokens
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    found = []
    for tok in tokens:
        if tok.pos != "PROPN" or tok.ent_type != "PERSON" or tok.dep == "compound":
            continue
        mention = by_token.get(tok.i)
        if mention is None:
            mention = next(
                (
                    by_token[t.i]
                    for t in tokens
                    if t.head == tok.i and t.dep == "appos" and t.i in by_token
                ),
                None,
            )
        if mention is None or _is_person(mention):
            continue
        if mention.start <= tok.i < mention.end and tok.i != mention.end - 1:
            continue  # a name inside a longer phrase, not the end of a titled name
        found.append((tok.text, mention.actor))
    return found


def _place_country(mentions: list[Mention]) -> str | None:
    """When the article is about no one country, the one country the sentence's places are
    in: "Russian troops killed five civilians in Kherson" are Ukraine's civilians."""
    countries = {m.actor.country for m in mentions if m.place and m.actor.country}
    return countries.pop() if len(countries) == 1 else None


def _inside_other_name(tokens: tuple[Token, ...], position: int, kb: KnowledgeBase) -> bool:
    """A word next to another capitalised proper noun is part of a longer name, which is
    someone else's: "Ricardo Llerandi" after "Ricardo Rosselló", "Kim Yo-jong" after
    "Kim Jong-un". A title before it is no name ("President Kim", "Mr. Pompeo")."""
    for neighbour in (position - 1, position + 1):
        if not 0 <= neighbour < len(tokens):
            continue
        tok = tokens[neighbour]
        if tok.pos != "PROPN" or not tok.text[:1].isupper():
            continue
        title = tok.text.rstrip(".") in HONORIFICS or normalise(tok.text) in kb.sector_nouns
        if not (neighbour < position and title):
            return True
    return False


def _personal_pronouns(
    sentence: Sentence, previous: list[Mention], mentions: list[Mention]
) -> list[Mention]:
    """A subject "he" or "she" is the one person named in this sentence before it or, if
    none, in the sentence before; with two people in view it is no one."""
    found = []
    for tok in sentence.tokens:
        if tok.lemma not in ("he", "she") or tok.dep not in ("nsubj", "nsubjpass"):
            continue
        before = [m for m in mentions if m.end <= tok.i and _is_person(m)]
        window = before or [m for m in previous if _is_person(m)]
        people = {m.actor.entity for m in window}
        if len(people) == 1:
            actor = window[-1].actor
            found.append(Mention(sentence.index, tok.i, tok.i + 1, replace(actor, text=tok.text)))
    return found


def _definite_descriptions(
    sentence: Sentence, previous: list[Mention], mentions: list[Mention]
) -> list[Mention]:
    """ "The group", "the alliance", "the country" as a subject or object stand for the one
    non-state group, international body or country named in this sentence before them or,
    if none, in the sentence before; with two in view they stand for no one."""
    found = []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    tokens = sentence.tokens
    for position, tok in enumerate(tokens):
        kind = DESCRIPTION_NOUNS.get(tok.lemma.lower())
        if kind is None or tok.i in covered or tok.dep not in DESCRIPTION_DEPS:
            continue
        if position == 0 or tokens[position - 1].text.lower() != "the":
            continue
        if position + 1 < len(tokens) and tokens[position + 1].text.lower() == "of":
            continue  # "the group of seven", "the country of origin"
        before = [m for m in mentions if m.end <= tok.i and _is_kind(m, kind)]
        window = before or [m for m in previous if _is_kind(m, kind)]
        if len({m.actor.entity for m in window}) == 1:
            first = tokens[position - 1]
            actor = replace(window[-1].actor, text=source_text(sentence, first, tok))
            found.append(Mention(sentence.index, first.i, tok.i + 1, actor))
    return found


def _is_kind(mention: Mention, kind: str) -> bool:
    """Whether a mention is of the kind a description names: a country (named as a whole,
    with no sector), an international body, or a group that is neither."""
    entity, code = mention.actor.entity or "", mention.actor.code
    if kind == "country":
        return entity.startswith("country:") and code == mention.actor.country
    if kind == "international":
        return entity.startswith("org:") and code.startswith("IGO")
    return entity.startswith("org:") and not code.startswith("IGO")


def _is_person(mention: Mention) -> bool:
    return (mention.actor.entity or "").startswith("person:")


def _remember_name_parts(
    kb: KnowledgeBase, mention: Mention, people: dict[str, Entry | None]
) -> None:
    entry = kb.entries.get(mention.actor.entity or "")
    if entry is None or entry.kind != "person":
        return
    for part in entry.name.replace("-", " ").split():
        if len(part) < 3 or not part[:1].isupper():
            continue
        if part in people and (people[part] is None or people[part].entity != entry.entity):
            people[part] = None  # two people share the word: it names neither
        else:
            people[part] = entry
