"""Generic actors from the article's context.

"The government", "police", "protesters", "the opposition", "lawmakers", "people" name a
kind of actor but no country. News names the country once and then goes on about its
government and its streets: in an article about one country, such a phrase is that
country's. An article is about one country when that country has at least twice the
mentions of any other (in a one-sentence text one mention is enough: "Police fired tear
gas at protesters in Nairobi" are Kenya's police and Kenya's protesters). Phrases tied to
another actor ("their government", "the government of Kenya") are left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsevents.actors.kb import KnowledgeBase
from newsevents.actors.resolve import UNKNOWN_COUNTRY, UNKNOWN_NAME, normalise, source_text
from newsevents.records import Actor, Mention, Sentence, Token

PHRASE_WORDS = 4  # the longest sector phrase tried ("senior government officials")
DOMINANCE = 2  # the context country's mentions against the next country's
HEAD_POS = ("NOUN", "PROPN")
TIED_WORDS = frozenset({"its", "their", "his", "her", "our", "your", "my", "whose"})
# what a possessive group word belongs to when it is a body of its own ("the teachers' union")
GROUP_HEADS = frozenset({"union", "association", "federation", "council", "committee", "group"})
NOUN_MODIFIERS = frozenset({"det", "amod", "nummod", "compound", "quantmod", "advmod"})
DETERMINERS = frozenset({"the", "a", "an", "some", "many", "several", "thousands", "hundreds"})


def context_country(found: Sequence[Sequence[Mention]]) -> str | None:
    """The one country an article is about, or None when no country stands out."""
    counts = Counter(m.actor.country for mentions in found for m in mentions if m.actor.country)
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= DOMINANCE * runner_up and n > runner_up else None


def generic_mentions(
    sentence: Sentence,
    kb: KnowledgeBase,
    country: str | None,
    mentions: Sequence[Mention],
    groups: bool = True,
) -> list[Mention]:
    """Bare sector phrases of a sentence ("the police", "Governor Alan Marsh"), coded as the
    context country's; with no context country, as of no known country (``---COP``).
    Without ``groups``, only the titled names."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    owner = {i: m.actor.country for m in mentions for i in range(m.start, m.end)}
    # the tokens of mentions that name a country as a whole ("Algeria's", "Ankara")
    bare = {
        i: m.actor.country
        for m in mentions
        if m.actor.country and m.actor.code == m.actor.country
        for i in range(m.start, m.end)
    }
    tokens = sentence.tokens
    found: list[Mention] = []
    for position, tok in enumerate(tokens):
        if tok.pos not in HEAD_POS or tok.dep == "compound" or tok.i in covered:
            continue
        if tok.dep == "poss" and _sector_head(tokens, tok, kb):
            continue  # "the teachers' union" is a union, not teachers
        span = _titled_name(tokens, position, kb, covered)
        if groups and span is None:
            span = _sector_span(tokens, position, kb, covered)
        if span is None or _tied(tokens, span[0], position):
            continue
        left = _left_modifiers(tokens, position)
        modifiers = {bare.get(t.i) for t in left if t.i in covered}
        if None in modifiers or len(modifiers) > 1:
            continue  # "Taliban militants", "the Kremlin leader": the named actor's own
        begin, sector = span
        words_before = {t.i for t in left if t.dep in NOUN_MODIFIERS}
        while begin > 0 and tokens[begin - 1].i in words_before - covered:
            begin -= 1  # "the detained journalists", "two activists"
        if begin > 0 and tokens[begin - 1].text.lower() in DETERMINERS:
            begin -= 1
        first = tokens[begin]
        # "Israeli helicopters and tanks": a phrase joined to an actor's is of its country;
        # "troops from the United States" are of the country they come from
        # "Algeria's leading human rights activist", "the Montenegro Assembly": of the
        # country named before it
        whose = (
            next(iter(modifiers), None)
            or (owner.get(tok.head) if tok.dep == "conj" else None)
            or _origin(tokens, position, owner)
            or country
        )
        actor = _generic_actor(kb, whose, sector, source_text(sentence, first, tok))
        found.append(Mention(sentence.index, first.i, tok.i + 1, actor))
        covered.update(range(first.i, tok.i + 1))
    return found


def _generic_actor(kb: KnowledgeBase, country: str | None, sector: str, text: str) -> Actor:
    """A sector of a country, or of no known country: ``UNKNOWN_COUNTRY`` and the sector."""
    if country is None:
        return Actor(f"{UNKNOWN_COUNTRY}{sector}", None, sector[:3], UNKNOWN_NAME, text)
    entry = kb.entries.get(f"country:{country}")
    name = entry.name if entry is not None else country
    return Actor(f"{country}{sector}", country, sector[:3], name, text, f"country:{country}")


def _sector_span(
    tokens: tuple[Token, ...], position: int, kb: KnowledgeBase, covered: set[int]
) -> tuple[int, str] | None:
    """The longest sector phrase ending at ``tokens[position]``: (first position, sector)."""
    for begin in range(max(0, position - PHRASE_WORDS + 1), position + 1):
        if any(tokens[k].i in covered for k in range(begin, position + 1)):
            continue
        words = " ".join(t.text for t in tokens[begin : position + 1])
        sector = kb.sector_nouns.get(normalise(words))
        if sector:
            return begin, sector
    return None


def _titled_name(
    tokens: tuple[Token, ...], position: int, kb: KnowledgeBase, covered: set[int]
) -> tuple[int, str] | None:
    """A person the knowledge base does not know, named after a title that gives their
    office: "Judge Maria Delgado" (JUD), "Interior Minister Tomas Verhoeven" (GOV). The
    title is the sector phrase that ends where the name, read leftwards, begins."""
    name = position
    while tokens[name].ent_type == "PERSON" and tokens[name].pos == "PROPN" and name > 0:
        title = _sector_span(tokens, name - 1, kb, covered)
        if title is not None:
            return title
        if tokens[name - 1].pos != "PROPN" or tokens[name - 1].i in covered:
            return None
        name -= 1
    return None


def _sector_head(tokens: tuple[Token, ...], tok: Token, kb: KnowledgeBase) -> bool:
    """The word a possessive belongs to names a kind of actor itself."""
    head = tokens[tok.head - tokens[0].i]
    return head.lemma.lower() in GROUP_HEADS or normalise(head.text) in kb.sector_nouns


def _left_modifiers(tokens: tuple[Token, ...], position: int) -> list[Token]:
    """The words before a noun that depend on it, directly or through one another."""
    head = tokens[position].i
    return [tok for tok in tokens[:position] if _under(tokens, tok, head)]


def _origin(tokens: tuple[Token, ...], position: int, owner: dict[int, str | None]) -> str | None:
    """The country a group comes from: "doctors from two American aid groups"."""
    head, first = tokens[position].i, tokens[0].i
    for prep in tokens[position + 1 :]:
        if prep.head == head and prep.dep == "prep" and prep.text.lower() == "from":
            for tok in tokens[prep.i - first + 1 :]:
                if _under(tokens, tok, prep.i) and owner.get(tok.i):
                    return owner[tok.i]
    return None


def _under(tokens: tuple[Token, ...], tok: Token, head: int) -> bool:
    """``tok`` depends on the token at ``head``, directly or through others."""
    first, step, seen = tokens[0].i, tok, 0
    while step.head not in (head, step.i) and seen < len(tokens):
        step, seen = tokens[step.head - first], seen + 1
    return step.head == head


def _tied(tokens: tuple[Token, ...], begin: int, position: int) -> bool:
    """The phrase belongs to someone else: "their government", "the government of Kenya",
    "Kenya's police" (the possessive is a mention of its own)."""
    before = tokens[begin - 1].text.lower() if begin > 0 else ""
    after = tokens[position + 1].text.lower() if position + 1 < len(tokens) else ""
    return before in TIED_WORDS or before in ("'s", "’s") or after == "of"
