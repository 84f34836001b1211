"""Find events in one sentence: triggers (verbs and event nouns) matched against the
patterns, with source and target read off the dependency tree and mapped to actor mentions.
The matching rules are those of docs/patterns.md.

Precision rules: no event without a source actor named in the sentence; source and target
must differ; a target comes only from an actor the actor stage found in the target phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsevents.actors.resolve import LOCAL_GROUPS as ACTOR_LOCAL_GROUPS
from newsevents.actors.resolve import PLACE_PREPS as ACTOR_PLACE_PREPS
from newsevents.data_files import load_lists
from newsevents.events.modality import CONDITION_MARKS, LIGHT_VERBS, SPEECH_VERBS
from newsevents.events.patterns import Pattern, PatternIndex
from newsevents.events.syntax import OBJECT_DEPS, SUBJECT_DEPS, Tree
from newsevents.records import Mention, Producer, Token

MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")
SOURCE_MODIFIER_DEPS = ("poss", "compound", "amod", "nmod")
CLAUSE_UP_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl", "prep", "pobj", "dobj", "relcl")
PARTICLE_DEPS = ("prt", "advmod", "prep")
PREP_DEPS = ("prep", "dative", "agent")
PHRASE_CUT_DEPS = ("relcl", "acl", "advcl", "ccomp", "appos")
# Requests (appeals 02, demands 10): a that-clause under them names whom they ask.
REQUEST_ROOTS = ("02", "10")
RECIPROCALS = ({"each", "other"}, {"one", "another"})
ADDRESS_PREPS = frozenset({"to", "against", "toward", "towards"})
OBLIGATIONS = {
    "must": Pattern(id="say-must", cameo="100", target=()),
    "should": Pattern(id="say-should", cameo="020", target=()),
}
WORDS = load_lists(
    "newsevents.events",
    "extract.toml",
    {
        "holder_preps": tuple[str, ...],
        "relative_pronouns": frozenset[str],
        "utterance_nouns": frozenset[str],
        "pronouns": frozenset[str],
        "obligation_speech_verbs": frozenset[str],
        "event_nouns": frozenset[str],
        "more_local_groups": frozenset[str],
        "object_control_verbs": frozenset[str],
        "quantity_nouns": frozenset[str],
        "state_verbs": frozenset[str],
        "state_words": frozenset[str],
        "response_words": frozenset[str],
        "request_words": frozenset[str],
        "question_words": frozenset[str],
        "request_nouns": frozenset[str],
    },
)
# The word lists, with what each is for and an example, are in data/extract.toml.
HOLDER_PREPS: tuple[str, ...] = WORDS["holder_preps"]
RELATIVE_PRONOUNS: frozenset[str] = WORDS["relative_pronouns"]
UTTERANCE_NOUNS: frozenset[str] = WORDS["utterance_nouns"]
PRONOUNS: frozenset[str] = WORDS["pronouns"]
OBLIGATION_SPEECH_VERBS: frozenset[str] = WORDS["obligation_speech_verbs"]
EVENT_NOUNS: frozenset[str] = WORDS["event_nouns"]
LOCAL_GROUPS: frozenset[str] = ACTOR_LOCAL_GROUPS | WORDS["more_local_groups"]
RESPONSE_WORDS: frozenset[str] = WORDS["response_words"]
REQUEST_WORDS: frozenset[str] = WORDS["request_words"]
QUESTION_WORDS: frozenset[str] = WORDS["question_words"]
REQUEST_NOUNS: frozenset[str] = WORDS["request_nouns"]
HOSTILE_ROOT = "11"  # roots from here on: disapprove, reject, threaten ... fight
PLACE_PREPS = tuple(sorted(ACTOR_PLACE_PREPS))
OBJECT_CONTROL_VERBS: frozenset[str] = WORDS["object_control_verbs"]
QUANTITY_NOUNS: frozenset[str] = WORDS["quantity_nouns"]
STATE_VERBS: frozenset[str] = WORDS["state_verbs"]
STATE_WORDS: frozenset[str] = WORDS["state_words"]


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
    score: int = 0
    by: Producer = "pattern"


@dataclass(frozen=True)
class _Fit:
    """How a pattern fits a trigger: its score, the object token and a consumed infinitive."""

    score: int
    pattern: Pattern
    slot: Token | None
    consumed: Token | None
    extra: tuple[Token, ...]
    targets: tuple[Mention, ...]


class SentenceMatcher:
    """Matches the patterns against one sentence's tree and actor mentions."""

    def __init__(self, tree: Tree, mentions: list[Mention], patterns: PatternIndex) -> None:
        self.tree = tree
        self.patterns = patterns
        self.mentions_at: dict[int, list[Mention]] = {}
        for mention in mentions:  # a hyphenated pair shares a token: "U.S.-North Korea"
            for i in range(mention.start, mention.end):
                self.mentions_at.setdefault(i, []).append(mention)
        self.by_token = {i: found[0] for i, found in self.mentions_at.items()}
        self.consumed: set[int] = set()
        self.asked: set[int] = set()  # clauses that say what a request asks for

    def matches(self) -> list[Match]:
        found: list[Match] = []
        tokens = self.tree.sentence.tokens
        for tok in tokens:
            if tok.pos != "VERB" or tok.i in self.consumed or self.tree.describes_noun(tok):
                continue
            match = self._verb_match(tok) if tok.lemma in self.patterns.verbs else None
            if match is None and tok.lemma in OBLIGATION_SPEECH_VERBS:
                match = self._obligation_match(tok)
            if match:
                found.append(match)
        for tok in tokens:
            if (
                tok.pos == "NOUN"
                and tok.lemma in self.patterns.nouns
                and tok.i not in self.consumed
            ):
                match = self._noun_match(tok)
                if match:
                    found.append(match)
        return found

    # -- verbs -------------------------------------------------------------------------
    def _verb_match(self, verb: Token) -> Match | None:
        fits = [f for p in self.patterns.verbs[verb.lemma] if (f := self._verb_fit(verb, p))]
        if not fits:
            return None
        fit = max(fits, key=lambda f: (f.score, -f.pattern.order))
        if fit.pattern.cameo == "010" and self.tree.kids(verb, "ccomp", "xcomp"):
            return None  # "announced that ...": what was announced is the event
        subjects = self._subject_heads(verb)
        act = self._act_as_subject(verb, subjects, fit)
        if act is not None:
            return act
        sources = _acting(self._mentions_of(subjects))
        if not sources:
            return None
        used = [t for t in (fit.slot, fit.consumed) if t is not None]
        targets = fit.targets
        if fit.pattern.cameo[:2] in REQUEST_ROOTS:
            # "demanded that Israel ease restrictions": the clause is what is asked, of
            # its subject; it is no event of its own.
            clauses = self.tree.kids(verb, "ccomp")
            used.extend(self._clause_chain(clauses))
            self.asked.update(c.i for c in clauses)
            if not targets:
                targets = self._mentions_of([s for c in clauses for s in self._own_subjects(c)])
        if not targets:
            targets = self._object_possessors(verb, sources)
        if not targets and fit.pattern.target:
            targets = self._addressees(verb, sources) or self._answered(verb, fit, sources)
        if not targets and self._reciprocal(verb) and distinct_parties(sources):
            targets = sources  # "Turkey and Syria accused each other": each the other's target
        self.consumed.update(t.i for t in used)
        self.consumed.update(t.i for t in subjects if t is not None)  # "the strike that killed"
        return Match(
            trigger=verb,
            pattern=fit.pattern,
            trigger_tokens=tuple(sorted({verb, *fit.extra}, key=lambda t: t.i)),
            sources=sources,
            targets=targets,
            direct_source=bool(self.tree.kids(verb, *SUBJECT_DEPS, "agent")),
            attributed_to=self._speaker(verb),
            score=fit.score,
        )

    def _object_possessors(self, verb: Token, sources: tuple[Mention, ...]) -> tuple[Mention, ...]:
        """ "The EU criticized Hungary's new media law", "Protesters demanded the prime
        minister's resignation": when the object names no actor, whose it is does; the
        act is aimed at its owner. Not the source's own ("Kenya recalled its envoy")."""
        codes = _codes(sources)
        found = [
            mention
            for obj in self.tree.kids(verb, *OBJECT_DEPS)
            for owner in self.tree.kids(obj, "poss")
            if (mention := self.by_token.get(owner.i)) is not None
            and mention.actor.code not in codes
        ]
        return tuple(_unique(found))

    def _addressees(self, verb: Token, sources: tuple[Mention, ...]) -> tuple[Mention, ...]:
        """ "Kenya recalled its envoy to Uganda", "The court ruled against the opposition",
        "turned towards Moscow": an actor after to, against or towards, on the verb or its
        object, is whom the act is aimed at, whatever the pattern's own target slots."""
        # not an act's own: in "vetoed the sanctions against Russia" Russia is the target
        # of the sanctions, not of the veto
        hosts = [verb, *(o for o in self._direct_objects(verb) if not self._is_event_noun(o))]
        objects = [
            o
            for host in hosts
            for p in self.tree.kids(host, *PREP_DEPS)
            if p.lemma in ADDRESS_PREPS
            for o in self._prep_objects(p)
        ]
        codes = _codes(sources)
        return tuple(m for m in self._mentions_of(objects) if m.actor.code not in codes)

    def _answered(
        self, verb: Token, fit: _Fit, sources: tuple[Mention, ...]
    ) -> tuple[Mention, ...]:
        """ "Trump, responding to Pelosi's announcement, attacked the inquiry", "In response
        to Seoul's drills, Pyongyang ...": a hostile act that answers someone is aimed at
        them: the actor after the response word's "to", whose thing that is, or who did it
        ("by"). Not "the death of Navalny" (the victim) nor "a question from reporters"; a
        friendly act answers only a request ("responding to a request from Kyiv, Germany
        sent tanks"): "in response to Russia's attack on Ukraine, Poland sent weapons" is
        aid to Ukraine, not to Russia."""
        words = [
            w
            for w in (
                *self.tree.kids(verb, "advcl"),
                *(o for p in self.tree.kids(verb, "prep") for o in self._prep_objects(p)),
            )
            if w.lemma in RESPONSE_WORDS
        ]
        answered = [
            o
            for w in words
            for p in self.tree.kids(w, "prep")
            if p.lemma == "to"
            for o in self._prep_objects(p)
            if o.lemma not in QUESTION_WORDS
        ]
        if fit.pattern.cameo[:2] < HOSTILE_ROOT:
            answered = [o for o in answered if o.lemma in REQUEST_NOUNS]
        found = [
            mention
            for o in answered
            for tok in (
                o,
                *self.tree.kids(o, "poss"),
                *self.tree.prep_objects(o, ("by", "from") if o.lemma in REQUEST_NOUNS else ("by",)),
            )
            if (mention := self.by_token.get(tok.i)) is not None
        ]
        codes = _codes(sources)
        return tuple(m for m in _unique(found) if m.actor.code not in codes)

    def _reciprocal(self, verb: Token) -> bool:
        """The verb's object is "each other" or "one another" ("accused each other", "fired
        at one another")."""
        objects = self.tree.kids(verb, *OBJECT_DEPS) + [
            o for p in self.tree.kids(verb, "prep") for o in self.tree.kids(p, "pobj")
        ]
        return any(
            {o.text.lower(), *(d.text.lower() for d in self.tree.kids(o, "det"))} in RECIPROCALS
            for o in objects
        )

    def _act_as_subject(self, verb: Token, subjects: list[Token | None], fit: _Fit) -> Match | None:
        """ "A Russian airstrike on Idlib killed 12 civilians": when the subject of the verb
        is itself an act with a pattern of its own, that act is the event (an air strike,
        195, is more than a killing, 190); the verb's targets stand in for the noun's when
        it names none ("Israeli shelling killed four Palestinians")."""
        if verb.dep == "relcl":
            return None  # "the strike that killed ...": the verb describes the noun
        for noun in subjects:
            if noun is None or noun.pos != "NOUN" or noun.lemma not in self.patterns.nouns:
                continue
            match = self._noun_match(noun)
            if match is None:
                continue
            if not match.targets and fit.targets:
                match = replace(match, targets=fit.targets)
            self.consumed.update({verb.i, noun.i})
            return match
        return None

    def _obligation_match(self, verb: Token) -> Match | None:
        """ "Russia said Sudan must return the helicopter": what a speaker says another actor
        must (100, a demand) or should (020, an appeal) do is a request to that actor. The
        clause is what is asked and is no event of its own."""
        for clause in self.tree.kids(verb, "ccomp"):
            modals = [
                a for a in self.tree.kids(clause, "aux") if a.tag == "MD" and a.lemma in OBLIGATIONS
            ]
            if not modals or self.tree.kids(clause, "auxpass", "nsubjpass"):
                continue  # "Iran must be punished": no addressee
            if any(m.lemma in CONDITION_MARKS for m in self.tree.kids(clause, "mark")):
                continue
            subjects = self._subject_heads(verb)
            sources = _acting(self._mentions_of(subjects))
            codes = {m.actor.code for m in sources}
            targets = tuple(
                m
                for m in self._mentions_of(self._own_subjects(clause))
                if m.actor.code not in codes
            )
            if not sources or not targets:
                continue  # "Iran said it must defend itself" asks no one
            self.consumed.update(t.i for t in self._clause_chain([clause]))
            self.asked.add(clause.i)
            return Match(
                trigger=verb,
                pattern=OBLIGATIONS[modals[0].lemma],
                trigger_tokens=(verb,),
                sources=sources,
                targets=targets,
                direct_source=bool(self.tree.kids(verb, *SUBJECT_DEPS)),
                attributed_to=None,
                score=10,
            )
        return None

    def _clause_chain(self, clauses: list[Token]) -> list[Token]:
        """A clause's verb with the infinitives and coordinated verbs that continue it ("must
        be ready to mediate", "must drop barriers or face penalties")."""
        found = list(clauses)
        stack = list(clauses)
        while stack:
            for child in self.tree.kids(stack.pop(), "xcomp", "acomp", "conj"):
                found.append(child)
                stack.append(child)
        return found

    def _own_subjects(self, clause: Token) -> list[Token]:
        """The clause's own (active) subject, not a relative pronoun."""
        return [s for s in self.tree.kids(clause, "nsubj") if s.lemma not in RELATIVE_PRONOUNS]

    def _verb_fit(self, verb: Token, pattern: Pattern) -> _Fit | None:
        extra: list[Token] = []
        particles = self._particles(verb, pattern.particle) if pattern.particle else []
        if pattern.particle and not particles:
            return None
        if not pattern.particle and self.tree.kids(verb, "prt"):
            return None  # "call off" is not "call"; a phrasal verb needs its own pattern
        if any(c.pos in ("NOUN", "PROPN") for c in self.tree.kids(verb, "oprd")):
            return None  # "called the strikes a slap in the face": naming ("shot dead" acts)
        extra.extend(particles[:1])
        hosts = self._prep_hosts(verb, particles)
        preps = self._preps(hosts, pattern.prep) if pattern.prep else []
        if pattern.prep and not preps:
            return None
        slots = self._object_slots(verb, preps if pattern.prep else None)
        slot, consumed, words = self._choose_slot(pattern.objects, slots)
        # the preposition of the chosen object ("spoke on the phone"), not the first one
        # ("On October 6, ... spoke on the phone")
        extra.extend([p for p in preps if slot in self._prep_slots(p)][:1] or preps[:1])
        if pattern.objects and slot is None:
            return None
        if pattern.not_objects and any(
            _entry_words(pattern.not_objects, s, self.tree) for s, _ in slots
        ):
            return None
        if slot is not None:
            extra.append(slot)
        if consumed is None and slot is not None and slot.pos == "VERB":
            consumed = slot
        targets = self._verb_targets(verb, pattern, hosts, slot, consumed)
        if pattern.target_required and not targets:
            return None
        score = pattern.specificity + (10 + 3 * (words - 1) if words else 0) + bool(targets)
        return _Fit(score, pattern, slot, consumed, tuple(extra), targets)

    def _particles(self, verb: Token, particle: str | None) -> list[Token]:
        return [
            c for c in self.tree.kids(verb, *PARTICLE_DEPS) if c.lemma == particle and c.i > verb.i
        ]

    def _direct_objects(self, verb: Token) -> list[Token]:
        """The object slot: dobj, the passive subject, or the noun a participle modifies."""
        found = self.tree.kids(verb, *OBJECT_DEPS, "nsubjpass")
        head = self.tree.head(verb)
        if not found and verb.dep == "acl" and head is not None and head.pos in ("NOUN", "PROPN"):
            found = [head]
        if not found and head is not None and self._passive_adverbial(verb):
            found = self.tree.kids(head, "nsubj", "nsubjpass")
        return [c for tok in found for c in self.tree.conjuncts(tok)]

    def _prep_hosts(self, verb: Token, particles: list[Token]) -> list[Token]:
        return [verb, *self._direct_objects(verb), *(particles or self.tree.kids(verb, "prt"))]

    def _preps(self, hosts: list[Token], lemma: str | None) -> list[Token]:
        return [c for host in hosts for c in self.tree.kids(host, *PREP_DEPS) if c.lemma == lemma]

    def _prep_objects(self, prep: Token) -> list[Token]:
        """A preposition's object: a noun or a gerund ("accused X of violating")."""
        objects = self.tree.kids(prep, "pobj", "pcomp")
        if not objects:  # "pulled out of the treaty": 'of' under the particle
            objects = [g for c in self.tree.kids(prep, "prep") for g in self.tree.kids(c, "pobj")]
        return objects

    def _object_slots(
        self, verb: Token, preps: list[Token] | None
    ) -> list[tuple[Token, Token | None]]:
        """(token to test against `object`, consumed infinitive) pairs."""
        if preps is not None:
            slots = [(o, None) for p in preps for o in self._prep_slots(p)]
        else:
            slots = [(self._content_head(o), None) for o in self._direct_objects(verb)]
        infinitives = [c for c in self.tree.kids(verb, "xcomp") if c.pos == "VERB"]
        return slots + [(inf, inf) for inf in infinitives]

    def _prep_slots(self, prep: Token) -> list[Token]:
        return [self._content_head(o) for o in self._prep_objects(prep)]

    def _content_head(self, tok: Token) -> Token:
        """Look through quantity nouns: "a barrage of rockets" -> rockets."""
        for _ in range(4):
            if not (tok.lemma in QUANTITY_NOUNS or tok.pos == "NUM" or tok.tag == "$"):
                return tok
            inner = [
                g
                for c in self.tree.kids(tok, "prep")
                if c.lemma in ("of", "in")
                for g in self.tree.kids(c, "pobj")
            ]
            if not inner:
                return tok
            tok = inner[0]
        return tok

    def _choose_slot(
        self, entries: tuple[str, ...], slots: list[tuple[Token, Token | None]]
    ) -> tuple[Token | None, Token | None, int]:
        best: tuple[Token | None, Token | None, int] = (None, None, 0)
        if not entries:
            return best
        for slot, consumed in slots:
            words = _entry_words(entries, slot, self.tree)
            if words > best[2]:
                best = (slot, consumed, words)
        return best

    def _verb_targets(
        self,
        verb: Token,
        pattern: Pattern,
        hosts: list[Token],
        slot: Token | None,
        consumed: Token | None,
    ) -> tuple[Mention, ...]:
        """The first target spec that names an actor; an infinitive's objects come second."""
        anchors = [(verb, hosts)]
        if consumed is not None:
            anchors.append((consumed, self._prep_hosts(consumed, [])))
        for spec in pattern.target:
            for anchor, anchor_hosts in anchors:
                found = self._targets_for(spec, anchor, anchor_hosts, slot)
                if found:
                    return found
        return ()

    def _targets_for(
        self, spec: str, verb: Token, hosts: list[Token], slot: Token | None
    ) -> tuple[Mention, ...]:
        if spec == "dobj":
            found: list[Mention] = []
            for obj in self._direct_objects(verb):
                found.extend(
                    self._mentions_inside(obj) if obj == slot else self._mentions_of([obj])
                )
            return tuple(_unique(found))
        if spec == "iobj":
            return self._mentions_of([c for c in self.tree.kids(verb, "dative") if c.pos != "ADP"])
        if slot is not None and slot not in hosts:
            hosts = [*hosts, slot]
        objects = [o for p in self._preps(hosts, spec) for o in self._prep_objects(p)]
        return self._mentions_of(objects)

    # -- nouns -------------------------------------------------------------------------
    def _noun_match(self, noun: Token) -> Match | None:
        if noun.dep == "compound":
            return None
        if any(a.i in self.asked for a in self.tree.ancestors(noun)) or self._asked_for(noun):
            return None  # "demanded that Hungary stop blocking EU aid": asked for, not done
        if self._standing_state(noun):
            return None
        fits = [f for p in self.patterns.nouns[noun.lemma] if (f := self._noun_fit(noun, p))]
        if not fits:
            return None
        fit = max(fits, key=lambda f: (f.score, -f.pattern.order))
        sources, direct = self._noun_sources(noun, fit.slot)
        targets = fit.targets
        if not targets and len(sources) >= 2 and not direct:
            sources, targets = sources[:1], sources[1:]  # "the U.S.-North Korea summit"
        if not sources:
            return None
        if not targets and not (direct or fit.pattern.cameo[:2] == "15"):
            return None  # a bare noun with an inferred doer and no target is too thin
        return Match(
            trigger=noun,
            pattern=fit.pattern,
            trigger_tokens=tuple(sorted({noun, *fit.extra}, key=lambda t: t.i)),
            sources=sources,
            targets=targets,
            direct_source=direct,
            attributed_to=self._speaker(noun),
            score=fit.score,
        )

    def _asked_for(self, noun: Token) -> bool:
        """ "Protesters called for an investigation", "demands for a ceasefire", "demanded
        talks": the act is what a request asks for, not something done."""
        head = self.tree.head(noun)
        if head is not None and noun.dep == "pobj" and head.lemma == "for":
            head = self.tree.head(head)
        elif noun.dep != "dobj":
            return False
        return head is not None and head.lemma in REQUEST_WORDS

    def _standing_state(self, noun: Token) -> bool:
        """ "US sanctions are still in place", "the embargo remains in force": the noun names
        a state that holds, not an act that the sentence reports. Read off the words that
        follow the noun (be/remain/stay, adverbs, in place/force/effect), which holds when
        the parse hangs the noun on another verb."""
        tokens = self.tree.sentence.tokens
        rest = tokens[noun.i - tokens[0].i + 1 :]
        if not rest or rest[0].lemma not in STATE_VERBS:
            return False
        words = [t for t in rest[1:6] if t.pos != "ADV"]
        return len(words) >= 2 and words[0].lemma == "in" and words[1].lemma in STATE_WORDS

    def _noun_fit(self, noun: Token, pattern: Pattern) -> _Fit | None:
        modifiers = self._noun_modifiers(noun)
        if pattern.prep:
            preps = self._preps([noun], pattern.prep)
            if not preps:
                return None
            candidates = [self._content_head(o) for p in preps for o in self._prep_objects(p)]
        else:
            candidates = modifiers
        words = max((_entry_words(pattern.objects, c, self.tree) for c in candidates), default=0)
        if pattern.objects and not words:
            return None
        slot = (
            next(
                (c for c in candidates if _entry_words(pattern.objects, c, self.tree) == words),
                None,
            )
            if words
            else None
        )
        if pattern.not_objects and any(
            _entry_words(pattern.not_objects, m, self.tree) for m in candidates + modifiers
        ):
            return None
        targets: tuple[Mention, ...] = ()
        for spec in pattern.target:
            objects = [o for p in self._preps([noun], spec) for o in self._prep_objects(p)]
            targets = self._mentions_of(objects)
            if targets:
                break
        if pattern.target_required and not targets:
            return None
        score = pattern.specificity + (10 + 3 * (words - 1) if words else 0) + bool(targets)
        extra = (slot,) if slot is not None and slot.i < noun.i else ()
        return _Fit(score, pattern, slot, None, extra, targets)

    def _noun_modifiers(self, noun: Token) -> list[Token]:
        """Compound, adjective and possessive modifiers and the 'of' object."""
        found = self.tree.kids(noun, *MODIFIER_DEPS, "poss")
        found += [
            g
            for c in self.tree.kids(noun, "prep")
            if c.lemma == "of"
            for g in self.tree.kids(c, "pobj")
        ]
        return found

    def _noun_sources(self, noun: Token, slot: Token | None) -> tuple[tuple[Mention, ...], bool]:
        """Who does a noun event: "Russia's invasion", "the U.S. strike", "an attack by
        Hamas", or the subject of a light verb ("North Korea carried out a test"). Second
        value: the doer is named in the noun's own phrase."""
        modifiers = [
            m for m in self.tree.kids(noun, *SOURCE_MODIFIER_DEPS) if m != slot or m.dep == "poss"
        ]
        mentions = _unique(
            [
                found
                for m in modifiers
                for t in self.tree.subtree(m)
                for found in self.mentions_at.get(t.i, ())
                if not (found.place and m.dep == "compound")  # "a Kabul car bombing"
                and not found.only_place
            ]
        )
        if mentions:
            direct = any(m.dep == "poss" for m in modifiers) or len(mentions) == 1
            return tuple(mentions), direct
        agents = _acting(self._mentions_of(self.tree.prep_objects(noun, ("by",))))
        if agents:
            return agents, True
        head = self.tree.head(noun)
        if head is not None and noun.dep in OBJECT_DEPS and head.lemma in LIGHT_VERBS:
            return _acting(self._mentions_of(self._subject_heads(head))), True
        between = self._mentions_of(self.tree.prep_objects(noun, ("between", "among")))
        return _acting(between), False

    # -- roles -------------------------------------------------------------------------
    def _subject_heads(self, verb: Token) -> list[Token | None]:
        """The doer's phrase: a passive verb's agent ("by X"), else whoever fills the subject
        slot of the verb's clause (see :meth:`_clause_subjects`)."""
        if self._is_passive(verb):
            return list(self.tree.prep_objects(verb, ("by",)))
        return self._clause_subjects(verb, depth=0)

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
        if verb.dep == "acl" and verb.tag != "VBG":
            return []  # "sanctions imposed on X" borrows no subject
        if verb.dep == "acl":
            noun = self.tree.head(verb)
            if noun is not None and noun.lemma not in UTTERANCE_NOUNS:
                # "bases hosting US forces": the bases host; only an utterance ("a
                # statement condemning ...") speaks for whoever issued it
                return [noun]
        governor = self._governing_verb(verb)
        if governor is None:
            return []
        controllers = self.tree.kids(governor, *OBJECT_DEPS)
        if controllers and governor.lemma in OBJECT_CONTROL_VERBS:
            return list(controllers)
        return self._clause_subjects(governor, depth + 1)

    def _is_passive(self, verb: Token) -> bool:
        """A passive verb, or a past participle modifying a noun ("a deal mediated by X")."""
        return (
            bool(self.tree.kids(verb, "nsubjpass", "auxpass", "agent"))
            or (verb.tag == "VBN" and verb.dep in ("acl", "relcl", "amod"))
            or self._passive_adverbial(verb)
        )

    def _passive_adverbial(self, verb: Token) -> bool:
        """A bare past participle after a clause, said of that clause's subject ("X appeared
        in court, charged with murder"): X is charged, by someone the sentence may not name."""
        return (
            verb.tag == "VBN"
            and verb.dep == "advcl"
            and not self.tree.kids(verb, "aux", "nsubj", "mark")
        )

    def _governing_verb(self, verb: Token) -> Token | None:
        """The verb a non-finite clause hangs from, through prepositions and nouns."""
        current = self.tree.head(verb)
        steps = 0
        while current is not None and current.pos not in ("VERB", "AUX") and steps < 3:
            if current.dep not in CLAUSE_UP_DEPS + ("nsubj", "attr", "acomp"):  # "is ready to"
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

    # -- mentions ----------------------------------------------------------------------
    def _actor_modifier(self, tok: Token) -> bool:
        """A modifier that names an actor: not a capital as a compound, which says where
        ("a Kabul car bombing"); a possessive capital is its government ("Moscow's move")."""
        mention = self.by_token.get(tok.i)
        return mention is not None and not (mention.place and tok.dep == "compound")

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
                    found.extend(self._joined_adjectives(tok))
        return tuple(_unique(found))

    def _joined_adjectives(self, tok: Token) -> list[Mention]:
        """ "Nigerian and British armed forces": each of the joined country adjectives
        before a noun names an actor of its own."""
        return [
            self.by_token[joined.i]
            for adjective in self.tree.kids(tok, "amod")
            if len(chain := self.tree.conjuncts(adjective)) > 1
            for joined in chain
            if joined.i in self.by_token
        ]

    def _mention_for(self, tok: Token, depth: int = 0) -> Mention | None:
        """The actor a noun phrase names: its head, a possessor or compound modifier of its
        head ("North Korea's leaders"), what a quantity counts ("thousands of Iraqi Kurds"),
        the holder of an office or the group of a member ("a spokesperson for X", "doctors
        from two American aid groups"), the place of a group of people ("demonstrators in
        Baghdad"), an appositive ("Sidhoum, Algeria's leading activist"), or for a subject
        pronoun in reported speech, the speaker ("The US said it would ...")."""
        if tok.i in self.by_token:
            return self.by_token[tok.i]
        for child in self.tree.kids(tok, "poss", "compound", "amod", "nmod"):
            if self._actor_modifier(child) and self._names_holder(tok, child):
                return self.by_token[child.i]
            for grandchild in self.tree.kids(child, "compound", "poss"):
                if self._actor_modifier(grandchild):
                    return self.by_token[grandchild.i]
        if tok.pos == "PRON" and tok.lemma in PRONOUNS and tok.dep in SUBJECT_DEPS:
            return self._reported_speaker(tok)
        if depth >= 2 or tok.pos not in ("NOUN", "NUM", "PROPN"):
            return None
        inner = self._content_head(tok)
        if inner is not tok:
            return self._mention_for(inner, depth + 1)
        if tok.pos == "NOUN":
            preps = HOLDER_PREPS + PLACE_PREPS if self._is_local_group(tok) else HOLDER_PREPS
            for obj in self.tree.prep_objects(tok, preps):
                found = self._mention_for(obj, depth + 1)
                if found is not None:
                    return found
        for appositive in self.tree.kids(tok, "appos"):
            found = self._mention_for(appositive, depth + 1)
            if found is not None:
                return found
        return None

    def _names_holder(self, head: Token, modifier: Token) -> bool:
        """Whether a modifier's actor is the one its noun phrase stands for: "North Korea's
        leaders", "the U.S. strike", but not the person in "the Soleimani operation" or "the
        Khashoggi murder", whom the act was done to."""
        if modifier.dep == "poss" or not self._is_event_noun(head):
            return True
        return not (self.by_token[modifier.i].actor.entity or "").startswith("person:")

    def _is_event_noun(self, tok: Token) -> bool:
        return tok.pos == "NOUN" and (tok.lemma in self.patterns.nouns or tok.lemma in EVENT_NOUNS)

    def _is_local_group(self, tok: Token) -> bool:
        """People named by where they are: "demonstrators in Baghdad", "security forces in
        Guinea" (not "troops in Syria", whose country the place does not tell)."""
        if tok.lemma in LOCAL_GROUPS:
            return True
        return tok.lemma == "force" and any(
            c.lemma in ("security", "police", "government") for c in self.tree.kids(tok, "compound")
        )

    def _reported_speaker(self, pronoun: Token) -> Mention | None:
        """ "The US announced that it is reducing ...": a subject pronoun of a clause reported
        by a speech verb stands for that verb's subject when the subject is one actor."""
        clause = self.tree.head(pronoun)
        speech = self.tree.head(clause) if clause is not None else None
        if clause is None or speech is None or clause.dep != "ccomp":
            return None
        if speech.lemma not in SPEECH_VERBS:
            return None
        speakers = self._mentions_of(self.tree.kids(speech, *SUBJECT_DEPS))
        if len(speakers) != 1:
            return None
        is_person = (speakers[0].actor.entity or "").startswith("person:")
        if pronoun.lemma in ("he", "she"):
            return speakers[0] if is_person else None
        # "it" and "they" stand for a state or a group: "the rebels said they will release ..."
        return speakers[0] if not is_person else None

    def _mentions_inside(self, phrase: Token) -> list[Mention]:
        """Actors named inside an object phrase ("released two French nationals")."""
        found = []
        stack = [phrase]
        while stack:
            tok = stack.pop()
            if tok.i in self.by_token:
                found.append(self.by_token[tok.i])
            stack.extend(c for c in self.tree.kids(tok) if c.dep not in PHRASE_CUT_DEPS)
        return _unique(sorted(found, key=lambda m: m.start))


def _entry_words(entries: tuple[str, ...], tok: Token, tree: Tree) -> int:
    """Words of the best matching entry (0 = none): "war crime" needs head "crime" with a
    modifier "war"; an entry is compared with the lemma and with the word as written."""
    best = 0
    modifiers: set[str] | None = None
    for entry in entries:
        words = entry.split()
        if words[-1] not in (tok.lemma, tok.text.lower()):
            continue
        if len(words) > 1:
            if modifiers is None:
                modifiers = {
                    w for c in tree.kids(tok, *MODIFIER_DEPS) for w in (c.lemma, c.text.lower())
                }
            if not all(word in modifiers for word in words[:-1]):
                continue
        best = max(best, len(words))
    return best


def other_party(source: Mention, target: Mention) -> bool:
    """The target is someone else than the source, and not a place of the source's own
    country (Tokyo for Japan's prime minister, Srinagar for the Indian army): there the act
    happens, it is not aimed at it. Two people named are two parties even when they hold
    one code: in "President Mbeki dismissed his deputy Jacob Zuma" both are ZAFGOV."""
    if same_party(source, target):
        return False
    same_country = target.actor.country is not None and target.actor.country == source.actor.country
    return not (target.place and same_country)


def same_party(one: Mention, other: Mention) -> bool:
    """One actor named twice ("Egypt extended the emergency in Egypt's Sinai"), as far as
    codes tell; two people named are two parties even when they hold one code."""
    if one.actor.code != other.actor.code:
        return False
    entities = {one.actor.entity or "", other.actor.entity or ""}
    return not (len(entities) == 2 and all(e.startswith("person:") for e in entities))


def distinct_parties(mentions: tuple[Mention, ...]) -> bool:
    """Two or more coordinated actors, each with a code of its own: the parties a joint
    act can go between."""
    return len(_codes(mentions)) == len(mentions) >= 2


def _acting(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The mentions that can act: not a city named only as a place."""
    return tuple(m for m in mentions if not m.only_place)


def _codes(mentions: tuple[Mention, ...]) -> set[str]:
    return {m.actor.code for m in mentions}


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[int, int]] = set()
    unique = []
    for mention in mentions:
        if (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            unique.append(mention)
    return unique
