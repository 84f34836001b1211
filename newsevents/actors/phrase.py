"""Code a short actor phrase ("North Korean officials", "Chile's Ministry of Mines",
"taxi drivers") as one actor: the mention that heads the phrase, or a sector alone."""

from __future__ import annotations

from datetime import date

from newsevents.actors.kb import KnowledgeBase, normalise
from newsevents.actors.resolve import FORMER_WORDS, code_actor, find_mentions
from newsevents.data_files import load_lists
from newsevents.records import Actor, Mention, ParsedArticle, Token

WORDS = load_lists("newsevents.actors", "phrase.toml", {"group_heads": frozenset[str]})
# Heads that only count or group the people named after "of" ("several of the unions",
# "members of the army"): data/phrase.toml.
GROUP_HEADS: frozenset[str] = WORDS["group_heads"]


def code_phrase(parsed: ParsedArticle, kb: KnowledgeBase, day: date | None) -> Actor | None:
    """The actor a phrase names, or None when it names none."""
    mentions = [m for s in parsed.sentences for m in find_mentions(s, kb, day, True)]
    text = parsed.article.text
    if not mentions and text.isupper():
        return _shouted_name(text, kb, day)  # "TEHRAN", "SECURITY COUNCIL"
    root = _phrase_head(parsed.tokens)
    heading = _heading_mention(mentions, root) if mentions else None
    if heading is not None and root is not None and heading.start <= root.i < heading.end:
        return heading.actor
    sector = _sector_of(parsed.tokens, root, kb)
    if heading is not None:
        actor = heading.actor
        if sector and actor.country and actor.code in (actor.country, f"{actor.country}GOV"):
            # "the largest trade unions in Denmark": the head says who, the country where
            return Actor(
                f"{actor.country}{sector}",
                actor.country,
                sector[:3],
                actor.name,
                text,
                actor.entity,
            )
        return actor
    if sector is None:
        return _city(text, kb)
    if _former(parsed.tokens, root):
        sector = "ELI"  # "retired vice president": a former official (CAMEO ch. 3)
    return Actor(code=sector, country=None, sector=sector[:3], name=sector, text=text, entity=None)


def _former(tokens: tuple[Token, ...], root: Token | None) -> bool:
    """The phrase's head is modified by "former", "retired" or "ex"."""
    return root is not None and any(
        tok.head == root.i and tok.i < root.i and tok.text.lower().rstrip("-") in FORMER_WORDS
        for tok in tokens
    )


def _shouted_name(text: str, kb: KnowledgeBase, day: date | None) -> Actor | None:
    """A phrase in capitals (a dateline, a headline) looked up as a name."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    hit = kb.names.get(normalise(" ".join(words)))
    if hit is None:
        return None
    entry = kb.entries[hit.entity]
    return code_actor(entry, day, "GOV" if hit.form == "capital" else None, text)


def _city(text: str, kb: KnowledgeBase) -> Actor | None:
    """A city alone ("Mariupol", "Sydney") stands for its people: country + CVL."""
    country = kb.city_country(text.strip())
    if country is None:
        return None
    return Actor(f"{country}CVL", country, "CVL", text.strip(), text, None)


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
    """The sector of the phrase's head: a sector noun at the head ("taxi drivers" -> CVL),
    after a counting head ("a team of police" -> COP), in a title before a name
    ("Governor Vadim Shumkov" -> GOV), or in what a title is of ("chairman of the
    company's board" -> BUS), or a noun modifying the head ("army accountant" -> MIL)."""
    if root is None:
        return None
    grouping = root.lemma.lower() in GROUP_HEADS or root.text.lower() in GROUP_HEADS
    sector = _noun_ending_at(tokens, root, kb, single=not grouping)
    if sector:
        return sector  # "taxi drivers"; "a paramilitary group" but not "a group" alone
    if root.pos == "PROPN":
        return _title_before(tokens, root, kb)
    for tok in _of_chain(tokens, root):
        sector = _noun_ending_at(tokens, tok, kb)
        if sector:
            return sector
    for tok in tokens:
        if tok.head == root.i and tok.dep == "conj":  # "two dozen men and women"
            sector = _noun_ending_at(tokens, tok, kb)
            if sector:
                return sector
    for tok in tokens:
        if tok.head == root.i and tok.dep == "compound" and tok.i < root.i:
            sector = kb.sector_nouns.get(normalise(tok.text))
            if sector:
                return sector
    return None


def _noun_ending_at(
    tokens: tuple[Token, ...], tok: Token, kb: KnowledgeBase, single: bool = True
) -> str | None:
    """The longest sector noun ending at ``tok`` (of one word only when ``single``)."""
    first = tokens[0].i
    end = tok.i - first
    for start in range(max(0, end - 3), end + (1 if single else 0)):
        phrase = " ".join(t.text for t in tokens[start : end + 1])
        sector = kb.sector_nouns.get(normalise(phrase))
        if sector:
            return sector
    return kb.sector_nouns.get(tok.lemma) if single else None


def _title_before(tokens: tuple[Token, ...], root: Token, kb: KnowledgeBase) -> str | None:
    """The longest sector noun among the words before a name ("Deputy Secretary Hicks")."""
    first = tokens[0].i
    end = root.i - first
    for length in range(min(end, 4), 0, -1):
        for start in range(0, end - length + 1):
            phrase = " ".join(t.text for t in tokens[start : start + length])
            sector = kb.sector_nouns.get(normalise(phrase))
            if sector:
                return sector
    return None


def _of_chain(tokens: tuple[Token, ...], root: Token) -> list[Token]:
    """The nouns a head is "of" or belongs to, nearest first: "chairman of the company's
    board" -> board, company."""
    children: dict[int, list[Token]] = {}
    for tok in tokens:
        if tok.head != tok.i:
            children.setdefault(tok.head, []).append(tok)
    chain = []
    current = root
    for _ in range(4):
        nxt = None
        for child in children.get(current.i, ()):
            if child.dep == "prep" and child.text.lower() == "of":
                objects = [c for c in children.get(child.i, ()) if c.dep == "pobj"]
                nxt = objects[0] if objects else None
            elif child.dep == "poss" and nxt is None:
                nxt = child
        if nxt is None:
            break
        chain.append(nxt)
        for child in children.get(nxt.i, ()):
            if child.dep == "poss":
                chain.append(child)
        current = nxt
    return chain
