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
from newsevents.actors.resolve import normalise, source_text
from newsevents.records import Actor, Mention, Sentence, Token

PHRASE_WORDS = 4  # the longest sector phrase tried ("senior government officials")
DOMINANCE = 2  # the context country's mentions against the next country's
HEAD_POS = ("NOUN", "PROPN")
TIED_WORDS = frozenset({"its", "their", "his", "her", "our", "your", "my", "whose"})
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
    sentence: Sentence, kb: KnowledgeBase, country: str, mentions: Sequence[Mention]
) -> list[Mention]:
    """Bare sector phrases of a sentence, coded as the context country's."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    owner = {i: m.actor.country for m in mentions for i in range(m.start, m.end)}
    tokens = sentence.tokens
    found: list[Mention] = []
    for position, tok in enumerate(tokens):
        if tok.pos not in HEAD_POS or tok.dep == "compound" or tok.i in covered:
            continue
        span = _sector_span(tokens, position, kb, covered)
        if span is None or _tied(tokens, span[0], position):
            continue
        begin, sector = span
        if begin > 0 and tokens[begin - 1].text.lower() in DETERMINERS:
            begin -= 1
        first = tokens[begin]
        # "Israeli helicopters and tanks": a phrase joined to an actor's is of its country
        whose = (owner.get(tok.head) if tok.dep == "conj" else None) or country
        entry = kb.entries.get(f"country:{whose}")
        actor = Actor(
            code=f"{whose}{sector}",
            country=whose,
            sector=sector[:3],
            name=entry.name if entry is not None else whose,
            text=source_text(sentence, first, tok),
            entity=f"country:{whose}",
        )
        found.append(Mention(sentence.index, first.i, tok.i + 1, actor))
        covered.update(range(first.i, tok.i + 1))
    return found


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


def _tied(tokens: tuple[Token, ...], begin: int, position: int) -> bool:
    """The phrase belongs to someone else: "their government", "the government of Kenya",
    "Kenya's police" (the possessive is a mention of its own)."""
    before = tokens[begin - 1].text.lower() if begin > 0 else ""
    after = tokens[position + 1].text.lower() if position + 1 < len(tokens) else ""
    return before in TIED_WORDS or before in ("'s", "’s") or after == "of"
