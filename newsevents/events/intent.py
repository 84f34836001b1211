"""Announced acts are intentions: the CAMEO rule for future tense.

The CAMEO manual codes "all cooperative actions reported in future tense" as intentions to
cooperate (03: "Portugal will support Turkey's bid" is 032, "Finland will give Tanzania a
grant" is 0331), a hostile act announced for the future as a threat (13: "he will extend the
curfew" is 1323, "would boycott the elections unless ..." is 1312), and a cooperative act
announced as not going to happen as a refusal (12: "will not accept more refugees").
PLOVER reads them the same way (AGREE, THREATEN, REJECT). The statement of intent is what
happened, so the recoded event is asserted.

:func:`stated_intent` decides from the trigger's clause whether the act is announced:
``will``/``shall``, ``would`` in reported speech or with an if/unless clause, a governing
verb of intention ("plans to", "vowed to", "agreed to") or an adjective of readiness ("is
ready to", "is willing to"). Predictions and hedges ("is expected to", "may", "could"),
conditions the act is part of ("if X attacks ..."), and acts only wanted or tried by someone
are not intentions and keep their own code and modality.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from newsevents.data_files import load_lists
from newsevents.events.modality import (
    CONDITION_MARKS,
    FUTURE_AUX,
    HEDGE_ADVERBS,
    LIGHT_VERBS,
    SPEECH_VERBS,
)
from newsevents.events.syntax import Tree
from newsevents.records import Token

Intent = Literal["intent", "refusal", "conditional"]

WORDS = load_lists(
    "newsevents.events",
    "intent.toml",
    {
        "intent_verbs": frozenset[str],
        "intent_adjectives": frozenset[str],
        "aspect_verbs": frozenset[str],
        "not_intent_heads": frozenset[str],
        "cooperative_codes": Mapping[str, tuple[str, str]],
        "threat_codes": Mapping[str, str],
    },
)
# The word lists and code tables, with what each is for and an example, are in
# data/intent.toml.
INTENT_VERBS: frozenset[str] = WORDS["intent_verbs"]
INTENT_ADJECTIVES: frozenset[str] = WORDS["intent_adjectives"]
ASPECT_VERBS: frozenset[str] = WORDS["aspect_verbs"]
NOT_INTENT_HEADS: frozenset[str] = WORDS["not_intent_heads"]
# Longest prefix wins. Cooperative acts (04-08): (announced -> 03, announced as not going
# to happen -> 12). Hostile acts (14, 16-20) announced or conditional -> 13. Demonstrations
# of force (15) stay: an announced exercise is a mobilization, not a threat.
COOPERATIVE_CODES: Mapping[str, tuple[str, str]] = WORDS["cooperative_codes"]
THREAT_CODES: Mapping[str, str] = WORDS["threat_codes"]


def intent_code(cameo: str, intent: Intent | None) -> str | None:
    """The CAMEO code of the stated intention behind an announced act, or None when the
    act keeps its own code (no intention, or a kind of act the rule does not cover)."""
    if intent is None:
        return None
    if cameo[:2] == "05" and intent == "conditional":
        return None  # "will welcome it if ...": a conditional opinion, not an offer
    for length in range(len(cameo), 1, -1):
        prefix = cameo[:length]
        if prefix in COOPERATIVE_CODES:
            return COOPERATIVE_CODES[prefix][intent == "refusal"]
        if prefix in THREAT_CODES:
            # "will not attack": a negated hostile act stays what it is
            return None if intent == "refusal" else THREAT_CODES[prefix]
    return None


def stated_intent(trigger: Token, tree: Tree) -> Intent | None:
    """Whether the trigger's act is announced by its doer: "intent" ("will give", "plans to
    impose", "is ready to send"), "refusal" (the same, negated: "will not accept"),
    "conditional" ("would boycott ... unless", "will withdraw ... if"); None otherwise."""
    clause = _clause_of(trigger, tree)
    if clause is None:
        return None
    announced = negated = conditional = False
    current = clause
    while True:
        markers = _markers(current, tree)
        if markers is None:
            return None
        announced |= "future" in markers
        negated |= "negated" in markers
        conditional |= "conditional" in markers
        head = tree.head(current)
        if head is None:
            break
        if current.dep == "xcomp":
            if head.lemma in INTENT_VERBS or head.lemma in INTENT_ADJECTIVES:
                announced = True
            elif head.lemma == "go" and head.tag == "VBG":
                announced = True  # "is going to attack"
            elif head.lemma not in ASPECT_VERBS:
                return None
            current = head
        elif current.dep == "acomp" and current.lemma in INTENT_ADJECTIVES:
            current = head  # "is ready to": the copula's clause
        elif current.dep == "conj" and not tree.kids(current, "nsubj", "nsubjpass"):
            current = head  # "will visit Mali and meet its president": the aux is shared
        elif current.dep == "ccomp" and head.lemma in SPEECH_VERBS:
            if _markers(head, tree) != set():
                return None  # "if he says he will ...", "may announce that ..."
            break
        else:
            if current.dep == "ccomp" and head.lemma in NOT_INTENT_HEADS:
                return None  # "fears that Russia will invade"
            break
    if conditional:
        return "refusal" if negated else "conditional"
    if not announced:
        return None
    return "refusal" if negated else "intent"


def _clause_of(trigger: Token, tree: Tree) -> Token | None:
    """The verb whose clause states the act: the trigger verb, or the light verb that
    carries an event noun ("will hold talks", "will launch an offensive")."""
    if trigger.pos == "VERB":
        return trigger
    head = tree.head(trigger)
    if head is not None and trigger.dep == "dobj" and head.lemma in LIGHT_VERBS:
        return head
    return None


def _markers(tok: Token, tree: Tree) -> set[str] | None:
    """The intention markers among a clause's own dependents; None for a marker that rules
    an intention out (a hedge, a modal of possibility or obligation, or the clause being
    itself a condition)."""
    found: set[str] = set()
    has_condition = any(
        m.lemma in CONDITION_MARKS for c in tree.kids(tok, "advcl") for m in tree.kids(c, "mark")
    )
    for child in tree.kids(tok):
        lemma = child.lemma
        if child.dep == "neg" or (child.dep == "advmod" and lemma == "never"):
            found.add("negated")
        elif child.dep in ("aux", "auxpass") and child.tag == "MD":
            if lemma in FUTURE_AUX:
                found.add("future")
            elif lemma in ("would", "'d") and _reported(tok, tree):
                found.add("future")
            else:
                return None
        elif child.dep == "mark" and lemma in CONDITION_MARKS:
            return None
        elif child.dep == "advmod" and lemma in HEDGE_ADVERBS:
            return None
    if has_condition and "future" in found:
        found.add("conditional")
    return found


def _reported(tok: Token, tree: Tree) -> bool:
    """'said it would boycott': a reported intention."""
    head = tree.head(tok)
    return tok.dep == "ccomp" and head is not None and head.lemma in SPEECH_VERBS
