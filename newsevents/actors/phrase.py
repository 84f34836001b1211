"""Code a short actor phrase ("North Korean officials", "Chile's Ministry of Mines",
"taxi drivers") as one actor: the mention that heads the phrase, or a sector alone."""

from __future__ import annotations

from datetime import date

from newsevents.actors.kb import KnowledgeBase, normalise
from newsevents.actors.resolve import find_mentions
from newsevents.records import Actor, Mention, ParsedArticle, Token


def code_phrase(parsed: ParsedArticle, kb: KnowledgeBase, day: date | None) -> Actor | None:
    """The actor a phrase names, or None when it names none."""
    mentions = [m for s in parsed.sentences for m in find_mentions(s, kb, day)]
    root = _phrase_head(parsed.tokens)
    heading = _heading_mention(mentions, root) if mentions else None
    if heading is not None and root is not None and heading.start <= root.i < heading.end:
        return heading.actor
    sector = _sector_of(parsed.tokens, root, kb)
    if heading is not None:
        actor = heading.actor
        if sector and actor.country and actor.code == actor.country:
            # "the largest trade unions in Denmark": the head says who, the country where
            return Actor(
                f"{actor.country}{sector}",
                actor.country,
                sector,
                actor.name,
                parsed.article.text,
                actor.entity,
            )
        return actor
    if sector is None:
        return None
    return Actor(
        code=sector, country=None, sector=sector, name=sector, text=parsed.article.text, entity=None
    )


def _phrase_head(tokens: tuple[Token, ...]) -> Token | None:
    roots = [t for t in tokens if t.dep == "ROOT"]
    return roots[0] if roots else (tokens[-1] if tokens else None)


def _heading_mention(mentions: list[Mention], root: Token | None) -> Mention:
    if root is not None:
        for mention in mentions:
            if mention.start <= root.i < mention.end:
                return mention
    return mentions[0]


def _sector_of(tokens: tuple[Token, ...], root: Token | None, kb: KnowledgeBase) -> str | None:
    """A sector noun at the head of the phrase ("taxi drivers" -> CVL)."""
    if root is None:
        return None
    for start in range(max(0, root.i - 3), root.i + 1):
        phrase = " ".join(t.text for t in tokens[start : root.i + 1])
        sector = kb.sector_nouns.get(normalise(phrase))
        if sector:
            return sector
    return kb.sector_nouns.get(root.lemma)
