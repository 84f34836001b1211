"""Find and code actor mentions in parsed sentences.

Names come from the knowledge base (longest match first, case-aware), then a country is
composed with a following sector noun ("North Korean officials" -> PRKGOV, "the DPRK
Ministry of Foreign Affairs" -> PRKGOV), and a title before a person's name ("US Secretary
of State Mike Pompeo") joins that person's mention.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache

from newsevents.actors.kb import Entry, KnowledgeBase
from newsevents.actors.kb import normalise as _normalise
from newsevents.data_files import load_lists
from newsevents.records import Actor, Mention, Sentence, Token

COMPOSABLE_FORMS = ("name", "adjective", "capital", "demonym")
DETERMINERS = ("the", "The")
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC", "ORG"})
CITY_TAGS = frozenset({"GPE", "LOC", "FAC"})  # what the tagger calls a city it knows is one
WORDS = load_lists(
    "newsevents.actors",
    "resolve.toml",
    {
        "rank_words": frozenset[str],
        "former_words": frozenset[str],
        "past_words": frozenset[str],
        "dissolved_states": frozenset[str],
        "locative_words": frozenset[str],
        "role_blocks": frozenset[str],
        "international_roots": frozenset[str],
        "local_groups": frozenset[str],
        "place_preps": frozenset[str],
        "word_cities": frozenset[str],
        "generic_titles": frozenset[str],
        "party_heads": frozenset[str],
        "party_status": Mapping[str, str],
    },
)
# The word lists and code tables, with what each is for and an example, are in
# data/resolve.toml.
RANK_WORDS: frozenset[str] = WORDS["rank_words"]
FORMER_WORDS: frozenset[str] = WORDS["former_words"]
PAST_WORDS: frozenset[str] = WORDS["past_words"]
DISSOLVED_STATES: frozenset[str] = WORDS["dissolved_states"]
LOCATIVE_WORDS: frozenset[str] = WORDS["locative_words"]
ROLE_BLOCKS: frozenset[str] = WORDS["role_blocks"]
INTERNATIONAL_ROOTS: frozenset[str] = WORDS["international_roots"]
# CAMEO's root for an actor of no known country: "Police arrested 40 protesters", in a text
# that names no country, is ---COP against ---OPP
UNKNOWN_COUNTRY = "---"
UNKNOWN_NAME = "unknown country"
LOCAL_GROUPS: frozenset[str] = WORDS["local_groups"]
PLACE_PREPS: frozenset[str] = WORDS["place_preps"]
WORD_CITIES: frozenset[str] = WORDS["word_cities"]
GENERIC_TITLES: frozenset[str] = WORDS["generic_titles"]
PARTY_HEADS: frozenset[str] = WORDS["party_heads"]
PARTY_STATUS: Mapping[str, str] = WORDS["party_status"]
# kb.normalise, memoised: it runs on every token and on every candidate span (a word or
# phrase recurs often within and across articles).
normalise = lru_cache(maxsize=1 << 16)(_normalise)


def find_mentions(
    sentence: Sentence, kb: KnowledgeBase, day: date | None, capitals: bool = False
) -> list[Mention]:
    """Actor mentions in one sentence, left to right, not overlapping. With ``capitals``
    a capital named alone stands for its government ("Beijing" -> CHNGOV), as in a
    phrase given as an actor; in running text it stays the country, like the country's
    name, so that "Pyongyang" and "North Korea" in one article are one actor."""
    if sentence.dateline:
        return _dateline_place(sentence, kb)
    tokens = sentence.tokens
    spans = _name_spans(tokens, kb)
    mentions: list[Mention] = []
    titles: dict[int, tuple[str, str]] = {}  # span -> the country and title before it
    adjectives: set[int] = set()  # mentions that are a bare country adjective ("Nigerian")
    position = 0
    while position < len(spans):
        start, end, hit_entity, form = spans[position]
        entry = kb.entries[hit_entity]
        if entry.kind == "country" and _not_the_state(tokens, start, end, entry.entity):
            position += 1
            continue
        sector_end, sector = (end, None)
        if _composable(entry, form) or _international(entry):
            sector_end, sector = _sector_after(tokens, end, kb)
        if _composable(entry, form):
            sector_end, sector = _prefer_party(tokens, start, end, sector_end, sector)
        elif entry.country and entry.kind != "person" and _after_former(tokens, start):
            # "a former CIA official", "a former White House aide": a former official
            stop, noun = _sector_after(tokens, end, kb)
            if noun:
                sector_end, sector = stop, "ELI"
        if sector and _after_former(tokens, start) and entry.kind == "country":
            sector = "ELI"  # "the former Iraqi army officers"
        if entry.kind == "country" and sector is None:
            start, sector = _sector_of_country(tokens, start, form, mentions, kb, capitals)
        following = spans[position + 1] if position + 1 < len(spans) else None
        if following and following[0] == sector_end and _is_named_actor(kb, following[2]):
            # "US Secretary of State Mike Pompeo", "the Iranian Islamic Revolutionary Guard
            # Corps": the country and title belong to the person or organisation named next.
            spans[position + 1] = (start, following[1], following[2], following[3])
            if sector and entry.country and not _generic_title(tokens, sector_end):
                titles[position + 1] = (entry.country, sector)
            position += 1
            continue
        mention = _mention(sentence, tokens, start, sector_end, entry, sector, day)
        if entry.kind == "person" and day is not None and not _in_office(entry, day):
            title = titles.get(position) or _plain_title(tokens, start, entry, kb)
            if title is not None:
                mention = _coded_by_title(mention, *title)
        if form == "capital" and sector is None:
            mention = replace(mention, place=True)
        if entry.kind == "person" and day is None:
            mention = _titled_person(mention, tokens, start, entry, kb)
        mentions.append(mention)
        if form in ("adjective", "demonym") and entry.kind == "country" and sector is None:
            adjectives.add(len(mentions) - 1)
        position += 1
    mentions = _shared_sectors(tokens, kb, mentions, adjectives)
    mentions = [_local_group(sentence, kb, day, m) for m in mentions]
    covered = {i for m in mentions for i in range(m.start, m.end)}
    mentions.extend(_hyphen_pairs(sentence, kb, day, covered))
    covered = {i for m in mentions for i in range(m.start, m.end)}
    mentions.extend(_city_mentions(sentence, kb, covered))
    covered = {i for m in mentions for i in range(m.start, m.end)}
    mentions.extend(_bare_places(sentence, kb, covered))
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _generic_title(tokens: tuple[Token, ...], sector_end: int) -> bool:
    """A title that names no office ("Polish leader Jarosław Kaczyński")."""
    return tokens[sector_end - 1].text.lower() in GENERIC_TITLES


def _plain_title(
    tokens: tuple[Token, ...], start: int, entry: Entry, kb: KnowledgeBase
) -> tuple[str, str] | None:
    """The office a title right before a name gives, in the person's own country:
    "Finance Minister Edouard Balladur" -> (FRA, GOV)."""
    if entry.country is None or start == 0 or _generic_title(tokens, start):
        return None
    for begin in range(max(0, start - 4), start):
        sector = kb.sector_nouns.get(normalise(_span_text(tokens, begin, start)))
        if sector:
            return entry.country, sector
    return None


def _in_office(entry: Entry, day: date) -> bool:
    return any(role.holds_on(day) for role in entry.roles)


def _coded_by_title(mention: Mention, country: str, sector: str) -> Mention:
    """A person named with their country and office ("French Finance Minister Edouard
    Balladur", 1987) whom the knowledge base knows in no office on that day is coded by
    the office the text gives (FRAGOV), not by their status out of office."""
    actor = replace(mention.actor, code=f"{country}{sector}", country=country, sector=sector[:3])
    return replace(mention, actor=actor)


def _local_group(
    sentence: Sentence, kb: KnowledgeBase, day: date | None, mention: Mention
) -> Mention:
    """People named by where they are take the place's country and their own sector:
    "militants in Gaza" (PSEUAF), "protesters in Hong Kong" (HKGOPP). Only groups that
    belong where they are: not "troops in Syria" or "migrants in Libya"."""
    entry = kb.entries.get(mention.actor.entity or "")
    if entry is None or entry.kind != "country" or mention.actor.sector is not None:
        return mention
    tokens = sentence.tokens
    position = mention.start - tokens[0].i - 1  # the word before the place
    if position >= 0 and tokens[position].text.lower() == "the":
        position -= 1
    if position < 1 or tokens[position].text.lower() not in PLACE_PREPS:
        return mention
    noun = tokens[position - 1]
    if noun.lemma.lower() not in LOCAL_GROUPS or noun.pos != "NOUN":
        return mention
    for begin in range(max(0, position - 3), position):
        sector = kb.sector_nouns.get(normalise(_span_text(tokens, begin, position)))
        if sector:
            actor = code_actor(entry, day, sector)
            last = tokens[mention.end - 1 - tokens[0].i]
            text = source_text(sentence, tokens[begin], last)
            return Mention(sentence.index, tokens[begin].i, mention.end, replace(actor, text=text))
    return mention


def _international(entry: Entry) -> bool:
    """An intergovernmental body whose members can be named ("EU legislators")."""
    return entry.country is None and (entry.code or "").startswith("IGO")


def _not_the_state(tokens: tuple[Token, ...], start: int, end: int, entity: str) -> bool:
    """A country word that names no actor of today: a war's name ("an Iraq War
    veteran", "the Korean War"), a people of the past ("ancient Egyptians"), or a
    dissolved state as what it was ("the former Soviet Union")."""
    following = tokens[end].text if end < len(tokens) else ""
    previous = tokens[start - 1].text.lower() if start > 0 else ""
    if entity in DISSOLVED_STATES and previous in FORMER_WORDS:
        return True  # "former Soviet republics", "the former Yugoslavia": a region now
    return following in ("War", "Wars") or previous in PAST_WORDS


def _after_former(tokens: tuple[Token, ...], start: int) -> bool:
    """``tokens[start]`` follows "former" (or "ex-"), perhaps with "the" or "a" between."""
    return _word_before(tokens, start) in FORMER_WORDS


def _dateline_place(sentence: Sentence, kb: KnowledgeBase) -> list[Mention]:
    """The place a wire dateline names ("NAIROBI, July 8 (Reuters) -"), as a place of its
    country; the agency that filed the story is no actor of it."""
    words = list(itertools.takewhile(lambda t: t.text.isupper(), sentence.tokens))
    if not words:
        return []
    name = _span_text(tuple(words), 0, len(words)).title()
    hit = kb.lookup(name)
    entry = kb.entries[hit.entity] if hit is not None else None
    country = entry.country if entry is not None else kb.city_country(name)
    country_entry = kb.entries.get(f"country:{country}") if country else None
    if country_entry is None:
        return []  # "UNITED NATIONS", "TEHRAN/WASHINGTON": no one country
    text = source_text(sentence, words[0], words[-1])
    actor = replace(code_actor(country_entry, None), text=text)
    return [Mention(sentence.index, words[0].i, words[-1].i + 1, actor, place=True)]


def _shared_sectors(
    tokens: tuple[Token, ...], kb: KnowledgeBase, mentions: list[Mention], adjectives: set[int]
) -> list[Mention]:
    """ "Nigerian and British armed forces", "Armenian, Azerbaijani and Russian troops":
    country adjectives joined by "and" or commas share the sector noun of the last one."""
    found = list(mentions)
    for position in sorted(adjectives, reverse=True):
        if position + 1 >= len(found):
            continue
        mention, following = found[position], found[position + 1]
        between = [t.text.lower() for t in tokens if mention.end <= t.i < following.start]
        sector = following.actor.sector
        if not between or any(w not in ("and", ",", "or") for w in between) or not sector:
            continue
        if following.actor.code != f"{following.actor.country}{sector}":
            continue  # the next one is no country with a sector noun
        entry = kb.entries.get(mention.actor.entity)
        if entry is None:
            continue
        # a country entry with a sector is coded country + sector ("NGAMIL")
        found[position] = replace(
            mention, actor=code_actor(entry, None, sector, mention.actor.text)
        )
    return found


def _sector_of_country(
    tokens: tuple[Token, ...],
    start: int,
    form: str,
    mentions: list[Mention],
    kb: KnowledgeBase,
    capitals: bool = False,
) -> tuple[int, str | None]:
    """A country named without a sector noun after it: "the President of the United
    States" (a sector noun, "of", the country) takes the noun's sector; a capital alone
    ("Beijing said") stands for the government, unless it is a place ("in Beijing")."""
    position = start - 1
    if position >= 0 and tokens[position].text.lower() == "the":
        position -= 1
    previous_end = max((m.end for m in mentions), default=-1)
    # "the President of the United States"; not "the President of the Chadian Human
    # Rights League", where the adjective belongs to what follows.
    if position >= 1 and tokens[position].text.lower() == "of" and form in ("name", "capital"):
        for begin in range(max(0, position - 5), position):
            if tokens[begin].i < previous_end:
                continue
            noun = kb.sector_nouns.get(normalise(_span_text(tokens, begin, position)))
            if noun:
                return begin, noun
    placed = position >= 0 and tokens[position].text.lower() in LOCATIVE_WORDS
    if capitals and form == "capital" and not placed:
        return start, "GOV"
    return start, None


def _titled_person(
    mention: Mention, tokens: tuple[Token, ...], start: int, entry: Entry, kb: KnowledgeBase
) -> Mention:
    """With no date, a person named with a title ("Deputy Minister of Defense Andrei
    Kartapolov") is coded by the office the title names, when they held one like it."""
    for begin in range(max(0, start - 6), start):
        for stop in range(start, begin, -1):
            title = kb.sector_nouns.get(normalise(_span_text(tokens, begin, stop)))
            if title is None:
                continue
            for role in reversed(entry.roles):
                if _sector_of_code(role.code, entry.country) == title[:3]:
                    actor = code_actor(entry, role.start, text=mention.actor.text)
                    return replace(mention, actor=actor)
            return mention
    return mention


def _place_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.pos == "PROPN" or tok.ent_type in PLACE_ENTITIES)


def _city_mentions(sentence: Sentence, kb: KnowledgeBase, covered: set[int]) -> list[Mention]:
    """A city the knowledge base does not name, followed by a sector noun: "Shanghai
    police" (CHNCOP), "Oxford University" (GBREDU). A bare city is not an actor here."""
    tokens = sentence.tokens
    found = []
    for position, tok in enumerate(tokens):
        if tok.i in covered or not _place_word(tok):
            continue
        if position > 0 and _place_word(tokens[position - 1]):
            continue  # inside a longer name ("Jan Oxford")
        for end in range(min(len(tokens), position + 3), position, -1):
            if not all(_place_word(t) and t.i not in covered for t in tokens[position:end]):
                continue
            name = _span_text(tokens, position, end)
            if name.lower() in WORD_CITIES and tok.ent_type not in CITY_TAGS:
                continue  # "the Federal Police", "Green Party leaders"
            country = kb.city_country(name)
            if country is None:
                continue
            stop, sector = _sector_after(tokens, end, kb)
            if sector:
                first, last = tokens[position], tokens[stop - 1]
                text = source_text(sentence, first, last)
                actor = Actor(f"{country}{sector}", country, sector[:3], name, text, None)
                found.append(Mention(sentence.index, first.i, last.i + 1, actor))
            break
    return found


def _bare_places(sentence: Sentence, kb: KnowledgeBase, covered: set[int]) -> list[Mention]:
    """A city the tagger calls a place ("Russia shelled Kharkiv", "rockets at Ashkelon"),
    as a place of its country: where an act happens or what it strikes, never who acts."""
    tokens = sentence.tokens
    found = []
    position = 0
    while position < len(tokens):
        tok = tokens[position]
        end = position
        while end < len(tokens) and tokens[end].ent_type in CITY_TAGS and _place_word(tokens[end]):
            end += 1
        inside_name = any(
            0 <= k < len(tokens) and tokens[k].pos == "PROPN" for k in (position - 1, end)
        )  # "Kenzo Oshima": a tagger's place inside a person's name
        if end == position or inside_name or any(t.i in covered for t in tokens[position:end]):
            position = max(end, position + 1)
            continue
        country = kb.city_country(_span_text(tokens, position, end))
        entry = kb.entries.get(f"country:{country}") if country else None
        if entry is not None:
            text = source_text(sentence, tok, tokens[end - 1])
            actor = replace(code_actor(entry, None), text=text)
            last = tokens[end - 1].i + 1
            found.append(Mention(sentence.index, tok.i, last, actor, place=True, only_place=True))
        position = end
    return found


def _hyphen_pairs(
    sentence: Sentence, kb: KnowledgeBase, day: date | None, covered: set[int]
) -> list[Mention]:
    """Both sides of a hyphenated pair ("U.S.-North Korea summit", "Israel-Hamas war"),
    as two mentions that share the hyphenated token."""
    tokens = sentence.tokens
    found: list[Mention] = []
    for position, tok in enumerate(tokens):
        if tok.i in covered or "-" not in tok.text.strip("-"):
            continue
        left, right = tok.text.rsplit("-", 1)
        left_hit = kb.lookup(left)
        for stop in range(min(len(tokens), position + 3), position, -1):
            words = [right, *(t.text for t in tokens[position + 1 : stop])]
            right_hit = kb.lookup(" ".join(words))
            if left_hit and right_hit:
                for hit, end in ((left_hit, position + 1), (right_hit, stop)):
                    actor = code_actor(kb.entries[hit.entity], day)
                    found.append(Mention(sentence.index, tok.i, tokens[end - 1].i + 1, actor))
                break
    return found


def _name_spans(tokens: tuple[Token, ...], kb: KnowledgeBase) -> list[tuple[int, int, str, str]]:
    """(start, end, entity, form) of each longest name match; positions index ``tokens``."""
    spans: list[tuple[int, int, str, str]] = []
    position = 0
    while position < len(tokens):
        match = _longest_match(tokens, position, kb)
        if match is None:
            position += 1
            continue
        end, entity, form = match
        if _inside_longer_name(tokens, position, end, kb, entity, spans):
            position += 1
            continue
        spans.append((position, end, entity, form))
        position = end
    return spans


def _inside_longer_name(
    tokens: tuple[Token, ...],
    start: int,
    end: int,
    kb: KnowledgeBase,
    entity: str,
    spans: list[tuple[int, int, str, str]],
) -> bool:
    """An organisation's name at the end of a longer capitalised name the knowledge base
    does not know: "Security Council" in "Iran's Supreme National Security Council" is
    not the UN's. (People keep their titles: "Foreign Minister Zarif".)"""
    if start == 0 or kb.entries[entity].kind != "org" or (spans and spans[-1][1] > start - 1):
        return False
    before = tokens[start - 1]
    head = before.head - tokens[0].i
    return (
        before.text[:1].isupper()
        and before.text.isalpha()
        and before.dep in ("compound", "amod")
        and start <= head < end
    )


def _longest_match(
    tokens: tuple[Token, ...], start: int, kb: KnowledgeBase
) -> tuple[int, str, str] | None:
    first = tokens[start]
    longest = kb.first_words.get(normalise(first.text))
    if longest is None:
        return None
    begin = first.idx
    candidates: list[tuple[int, str]] = []  # (end, text of tokens[start:end])
    text = ""
    for end in range(start + 1, len(tokens) + 1):
        last = tokens[end - 1]
        if last.idx + len(last.text) - begin > longest:
            break
        if end - 1 > start and last.idx > tokens[end - 2].idx + len(tokens[end - 2].text):
            text += " "
        text += last.text
        candidates.append((end, text))
    for end, phrase in reversed(candidates):
        hit = kb.lookup(phrase)
        if hit is not None:
            return end, hit.entity, hit.form
    return None


def source_text(sentence: Sentence, first: Token, last: Token) -> str:
    """The sentence's own text from token ``first`` to token ``last``, both included."""
    return sentence.text[first.idx - sentence.start : last.idx + len(last.text) - sentence.start]


def _span_text(tokens: tuple[Token, ...], start: int, end: int) -> str:
    """The text of tokens[start:end] with single spaces where the text had whitespace."""
    parts = []
    for position in range(start, end):
        tok = tokens[position]
        parts.append(tok.text)
        if position + 1 < end and tokens[position + 1].idx > tok.idx + len(tok.text):
            parts.append(" ")
    return "".join(parts)


def _composable(entry: Entry, form: str) -> bool:
    return entry.kind == "country" and form in COMPOSABLE_FORMS


def _sector_after(tokens: tuple[Token, ...], end: int, kb: KnowledgeBase) -> tuple[int, str | None]:
    """The longest sector noun right after ``end`` (after an optional "'s")."""
    start = end + 1 if end < len(tokens) and tokens[end].text in ("'s", "’s") else end
    former = False
    while start < len(tokens) and tokens[start].text.lower() in RANK_WORDS | FORMER_WORDS:
        former = former or tokens[start].text.lower() in FORMER_WORDS
        start += 1  # "Nigerian junior foreign minister", "the US former ambassador"
    for stop in range(min(len(tokens), start + 5), start, -1):
        sector = kb.sector_nouns.get(normalise(_span_text(tokens, start, stop)))
        if sector:
            # "Iraq's former defence minister" is a former official (CAMEO ch. 3: ELI)
            return stop, "ELI" if former else sector
    return end, None


def _party_after(tokens: tuple[Token, ...], start: int, end: int) -> tuple[int, str | None]:
    """A party the knowledge base does not know, named after its country: "the ruling
    Mongolian People's Party" (GOVPTY), "the opposition Zambian Democratic Party" (OPPPTY),
    "the Mongolian Green Party" (PTY: in or out of government, the text does not say)."""
    stop = end
    while stop < min(len(tokens), end + 5) and _name_word(tokens[stop]):
        stop += 1
        if tokens[stop - 1].text in PARTY_HEADS:
            return stop, PARTY_STATUS.get(_word_before(tokens, start), "") + "PTY"
    return end, None


def _prefer_party(
    tokens: tuple[Token, ...], start: int, end: int, sector_end: int, sector: str | None
) -> tuple[int, str | None]:
    """The party reading of a country word, over the sector noun after it when the party's
    name runs on from that noun ("Mongolian People's Party" is no Mongolian people), not
    when other words come between ("Iranian Officials Meet Party Leaders")."""
    party_end, party = _party_after(tokens, start, end)
    if party is None:
        return sector_end, sector
    between = tokens[sector_end : party_end - 1]
    if sector is None or all(tok.text in ("'s", "’s") for tok in between):
        return party_end, party
    return sector_end, sector


def _name_word(tok: Token) -> bool:
    """A word of a proper name; a capitalised verb is a headline's ("Iranian Officials
    Meet Party Leaders"), not a name's."""
    if tok.text in ("'s", "’s", "-"):
        return True
    return tok.text[:1].isupper() and tok.pos not in ("VERB", "AUX", "ADP", "CCONJ")


def _word_before(tokens: tuple[Token, ...], start: int) -> str:
    """The word before ``start``, skipping one determiner ("the ruling ...")."""
    position = start - 1
    if position >= 0 and tokens[position].text.lower() in ("the", "a", "an"):
        position -= 1
    return tokens[position].text.lower() if position >= 0 else ""


def _is_named_actor(kb: KnowledgeBase, entity: str) -> bool:
    return kb.entries[entity].kind != "country"


def _mention(
    sentence: Sentence,
    tokens: tuple[Token, ...],
    start: int,
    end: int,
    entry: Entry,
    sector: str | None,
    day: date | None,
) -> Mention:
    if start > 0 and tokens[start - 1].text in DETERMINERS:
        start -= 1  # "the United States", "The US"
    actor = code_actor(entry, day, sector)
    first, last = tokens[start], tokens[end - 1]
    text = source_text(sentence, first, last)
    return Mention(
        sentence_index=sentence.index,
        start=tokens[start].i,
        end=tokens[end - 1].i + 1,
        actor=Actor(actor.code, actor.country, actor.sector, actor.name, text, actor.entity),
    )


def code_actor(entry: Entry, day: date | None, sector: str | None = None, text: str = "") -> Actor:
    """The actor an entry stands for on ``day``, with an explicit sector if one was named."""
    code = entry.code_on(day) or ""
    if sector and entry.kind == "country":
        code = f"{entry.country}{sector}"
    elif sector == "ELI" and entry.country:
        code = f"{entry.country}ELI"  # "a former CIA official"
    elif sector and _international(entry) and sector != "GOV" and not code.endswith(sector):
        code = f"{code}{sector}"  # "EU legislators" -> IGOEUREECLEG; "EU officials" stay
    # An office in an international body is not the holder's country: the UN
    # Secretary-General (IGOUNO) is no Portuguese actor. Members of an international
    # assembly are elected in and for their country: an Estonian MEP stays Estonian.
    # An office of another state is that state's: Saakashvili as governor of Odesa is
    # UKRGOV, Gorbachev as Soviet leader SUNGOV.
    if not code:
        country = entry.country
    elif code[:3] in INTERNATIONAL_ROOTS:
        country = entry.country if code.endswith("LEG") else None
    else:
        country = code[:3]
    role = _sector_of_code(code, country)
    if role is None and not country and code == entry.code:
        role = entry.sector  # "International Court of Justice": a court (JUD)
    return Actor(
        code=code,
        country=country,
        sector=role,
        name=entry.name,
        text=text or entry.name,
        entity=entry.entity,
    )


def _sector_of_code(code: str, country: str | None) -> str | None:
    """The sector of a code: its block after the country ("USAGOVMIL" -> GOV), or for an
    international code the first role block after its root ("IGOEUREECLEG" -> LEG)."""
    if country and code.startswith(country):
        return code[3:6] if len(code) >= 6 else None
    for begin in range(3, len(code) - 2, 3):
        if code[begin : begin + 3] in ROLE_BLOCKS:
            return code[begin : begin + 3]
    return None
