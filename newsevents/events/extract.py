"""Find events in one sentence: triggers (verbs and event nouns) matched against the
patterns, with source and target read off the dependency tree and mapped to actor mentions.

Precision rules: no event without a source actor named in the sentence; a noun event needs
a target unless its pattern allows none (tests, drills); source and target must differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.events.modality import LIGHT_VERBS, SPEECH_VERBS
from newsevents.events.patterns import Pattern, PatternIndex
from newsevents.events.syntax import OBJECT_DEPS, SUBJECT_DEPS, Tree
from newsevents.records import Mention, Token

MODIFIER_DEPS = ("poss", "compound", "amod", "nmod", "npadvmod")
HOLDER_PREPS = ("of", "for", "from")  # "a spokesperson for X", "officials from X"
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
CLAUSE_UP_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl", "prep", "pobj", "dobj", "relcl")


@dataclass(frozen=True)
class Match:
    """A trigger matched to a pattern, with the mentions that fill its roles."""

    trigger: Token
    pattern: Pattern
    trigger_tokens: tuple[Token, ...]
    sources: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    direct_source: bool
    attributed_to: Mention | None


class SentenceMatcher:
    """Matches the patterns against one sentence's tree and actor mentions."""

    def __init__(self, tree: Tree, mentions: list[Mention], patterns: PatternIndex) -> None:
        self.tree = tree
        self.patterns = patterns
        self.by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        self.consumed: set[int] = set()

    def matches(self) -> list[Match]:
        found: list[Match] = []
        tokens = self.tree.sentence.tokens
        for tok in tokens:
            if tok.pos == "VERB" and tok.lemma in self.patterns.verbs:
                match = self._verb_match(tok)
                if match:
                    found.append(match)
        for tok in tokens:
            if tok.pos in ("NOUN", "PROPN") and tok.i not in self.consumed:
                match = self._noun_match(tok) if tok.lemma in self.patterns.nouns else None
                if match:
                    found.append(match)
        return found

    # -- verbs -------------------------------------------------------------------------
    def _verb_match(self, verb: Token) -> Match | None:
        for pattern in self.patterns.verbs[verb.lemma]:
            fit = self._verb_fits(verb, pattern)
            if fit is None:
                continue
            extra = fit
            if pattern.cameo == "010" and self.tree.kids(verb, "ccomp", "xcomp"):
                return None  # "announced that ...": what was announced is the event
            sources, direct = self._subjects(verb)
            if not sources:
                return None
            targets = self._verb_targets(verb, pattern, extra)
            self.consumed.update(t.i for t in extra)
            return Match(
                trigger=verb,
                pattern=pattern,
                trigger_tokens=(verb, *extra),
                sources=sources,
                targets=targets,
                direct_source=direct,
                attributed_to=self._speaker(verb),
            )
        return None

    def _verb_fits(self, verb: Token, pattern: Pattern) -> tuple[Token, ...] | None:
        """The tokens that complete the trigger (particle, preposition, object), or None."""
        extra: list[Token] = []
        if not pattern.particle and self.tree.kids(verb, "prt"):
            return None  # "call off" is not "call"; a phrasal verb needs its own pattern
        if pattern.particle:
            particle = [c for c in self.tree.kids(verb, "prt") if c.lemma == pattern.particle]
            if not particle:
                return None
            extra.append(particle[0])
        objects = self._objects(verb)
        if pattern.prep:
            preps = [
                c
                for c in self.tree.kids(verb, "prep", "agent", "dative")
                if c.lemma == pattern.prep
            ]
            if not preps:
                return None
            extra.append(preps[0])
            objects = self.tree.kids(preps[0], "pobj", "pcomp")
        if pattern.not_objects and any(o.lemma in pattern.not_objects for o in objects):
            return None
        if pattern.objects:
            chosen = [o for o in objects if o.lemma in pattern.objects]
            if not chosen:
                return None
            extra.append(chosen[0])
        return tuple(sorted(extra, key=lambda t: t.i))

    def _objects(self, verb: Token) -> list[Token]:
        objects = self.tree.kids(verb, *OBJECT_DEPS)
        if not objects:
            objects = self.tree.kids(verb, "nsubjpass")
        expanded = []
        for obj in objects:
            expanded.extend(self.tree.conjuncts(obj))
        return expanded

    def _verb_targets(
        self, verb: Token, pattern: Pattern, extra: tuple[Token, ...]
    ) -> tuple[Mention, ...]:
        heads: list[Token] = []
        preps = tuple(t for t in pattern.target if t != "dobj")
        if "dobj" in pattern.target:
            heads.extend(self._objects(verb))
        heads.extend(self.tree.prep_objects(verb, preps))
        for tok in extra:
            if tok.pos in ("NOUN", "PROPN"):
                heads.extend(self.tree.prep_objects(tok, preps))
        if pattern.prep and pattern.prep in pattern.target and not pattern.objects:
            prep = next(t for t in extra if t.lemma == pattern.prep)
            heads.extend(self.tree.kids(prep, "pobj"))
        return self._mentions_of(heads)

    # -- nouns -------------------------------------------------------------------------
    def _noun_match(self, noun: Token) -> Match | None:
        for pattern in self.patterns.nouns[noun.lemma]:
            modifiers = self.tree.kids(noun, "compound", "amod", "nmod")
            qualifier = [m for m in modifiers if m.lemma in pattern.objects]
            if pattern.objects and not qualifier:
                continue
            if any(m.lemma in pattern.not_objects for m in modifiers):
                continue
            sources, direct = self._noun_sources(noun)
            targets = self._mentions_of(self.tree.prep_objects(noun, pattern.target))
            if not targets and len(sources) >= 2 and not direct:
                sources, targets = sources[:1], sources[1:]  # "the U.S.-North Korea summit"
            if not sources or (not targets and not _allows_no_target(pattern)):
                return None
            return Match(
                trigger=noun,
                pattern=pattern,
                trigger_tokens=tuple(sorted((*qualifier[:1], noun), key=lambda t: t.i)),
                sources=sources,
                targets=targets,
                direct_source=direct,
                attributed_to=self._speaker(noun),
            )
        return None

    def _noun_sources(self, noun: Token) -> tuple[tuple[Mention, ...], bool]:
        """Who does a noun event: "Russia's invasion", "the U.S. strike", or the subject of a
        light verb ("North Korea carried out a test"). Second value: from a possessive."""
        modifiers = [m for m in self.tree.kids(noun, *MODIFIER_DEPS)]
        mentions = self._unique(
            [
                self.by_token[t.i]
                for m in modifiers
                for t in self.tree.subtree(m)
                if t.i in self.by_token
            ]
        )
        if mentions:
            direct = any(m.dep == "poss" for m in modifiers) or len(mentions) == 1
            return tuple(mentions), direct
        head = self.tree.head(noun)
        if head is not None and noun.dep in OBJECT_DEPS and head.lemma in LIGHT_VERBS:
            return self._subjects(head)[0], True
        between = self._mentions_of(self.tree.prep_objects(noun, ("between", "among")))
        return between, False

    # -- roles -------------------------------------------------------------------------
    def _subjects(self, verb: Token) -> tuple[tuple[Mention, ...], bool]:
        """Mentions of the doer: a passive verb's agent ("by X"), else whoever fills the
        subject slot of the verb's clause (see :meth:`_clause_subjects`). Second value:
        the doer is the verb's own subject or agent."""
        if self._is_passive(verb):
            return self._mentions_of(self.tree.prep_objects(verb, ("by",))), True
        own = bool(self.tree.kids(verb, *SUBJECT_DEPS))
        return self._mentions_of(self._clause_subjects(verb, depth=0)), own

    def _clause_subjects(self, verb: Token, depth: int) -> list[Token | None]:
        """The subject of a clause, inherited where the clause has none of its own: from the
        clause it is coordinated with, from the object of an object-control verb ("accused X
        of striking", "urged X to leave"), else from the subject of the governing verb
        ("Russia went further, describing ...", "X is believed to be sending aid")."""
        subjects = self.tree.kids(verb, *SUBJECT_DEPS, "nsubjpass")
        if subjects:
            if subjects[0].lemma in RELATIVE_PRONOUNS and verb.dep == "relcl":
                return [self.tree.head(verb)]  # "the strike that killed ..."
            return list(subjects)
        if depth > 4 or verb.dep not in CLAUSE_UP_DEPS:
            return []
        governor = self._governing_verb(verb)
        if governor is None:
            return []
        controllers = self.tree.kids(governor, *OBJECT_DEPS)
        if controllers and verb.dep in ("xcomp", "pcomp", "prep", "pobj"):
            return list(controllers)
        return self._clause_subjects(governor, depth + 1)

    def _is_passive(self, verb: Token) -> bool:
        """A passive verb, or a past participle modifying a noun ("a deal mediated by X")."""
        return bool(self.tree.kids(verb, "nsubjpass", "auxpass", "agent")) or (
            verb.tag == "VBN" and verb.dep in ("acl", "relcl", "amod")
        )

    def _governing_verb(self, verb: Token) -> Token | None:
        """The verb a non-finite clause hangs from, through prepositions and nouns."""
        current = self.tree.head(verb)
        steps = 0
        while current is not None and current.pos not in ("VERB", "AUX") and steps < 3:
            if current.dep not in CLAUSE_UP_DEPS + ("nsubj", "attr"):
                return None
            current = self.tree.head(current)
            steps += 1
        return current if current is not None and current.pos in ("VERB", "AUX") else None

    def _speaker(self, trigger: Token) -> Mention | None:
        """Who reports the event: the subject of a speech verb the trigger's clause hangs on."""
        for ancestor in self.tree.ancestors(trigger):
            if ancestor.lemma in SPEECH_VERBS and ancestor.pos == "VERB":
                speakers = self._mentions_of(self.tree.kids(ancestor, *SUBJECT_DEPS))
                return speakers[0] if speakers else None
        return None

    def _mentions_of(self, heads: list[Token | None]) -> tuple[Mention, ...]:
        """The actor mentions that phrases headed by ``heads`` (and their conjuncts) name."""
        found: list[Mention] = []
        for head in heads:
            if head is None:
                continue
            for tok in self.tree.conjuncts(head):
                mention = self._mention_for(tok)
                if mention is not None:
                    found.append(mention)
        return tuple(self._unique(found))

    def _mention_for(self, tok: Token) -> Mention | None:
        """The actor a noun phrase names: its head, a possessor or compound modifier of its
        head ("North Korea's leaders"), or the holder of an office ("a spokesperson for X")."""
        if tok.i in self.by_token:
            return self.by_token[tok.i]
        for child in self.tree.kids(tok, "poss", "compound", "amod", "nmod"):
            if child.i in self.by_token:
                return self.by_token[child.i]
            for grandchild in self.tree.kids(child, "compound", "poss"):
                if grandchild.i in self.by_token:
                    return self.by_token[grandchild.i]
        if tok.pos in ("NOUN",):
            for obj in self.tree.prep_objects(tok, HOLDER_PREPS):
                if obj.i in self.by_token:
                    return self.by_token[obj.i]
        return None

    @staticmethod
    def _unique(mentions: list[Mention]) -> list[Mention]:
        seen: set[tuple[int, int]] = set()
        unique = []
        for mention in mentions:
            if (mention.start, mention.end) not in seen:
                seen.add((mention.start, mention.end))
                unique.append(mention)
        return unique


def _allows_no_target(pattern: Pattern) -> bool:
    return pattern.target == ("none",) or "none" in pattern.target or pattern.cameo[:2] in ("15",)
