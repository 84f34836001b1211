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

from typing import Literal

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

INTENT_VERBS = frozenset(
    "plan intend vow pledge promise swear decide resolve agree offer threaten schedule".split()
)
INTENT_ADJECTIVES = frozenset("ready willing prepared determined set poised".split())
# Verbs that only give the act an aspect: "will continue to provide aid", "will help rebuild".
# Any other verb or adjective above the act (expect, hope, want, try, refuse, likely, able,
# ...) makes it something else than an announced act, and it keeps its own modality.
ASPECT_VERBS = frozenset("continue begin start resume help keep".split())
# Verbs whose that-clause is an expectation, a fear or a wish, not an announcement.
NOT_INTENT_HEADS = frozenset(
    "expect hope want wish predict forecast fear warn believe think suspect suggest".split()
)

# Longest prefix wins. Cooperative acts (04-08): (announced -> 03, announced as not going
# to happen -> 12). Hostile acts (14, 16-20) announced or conditional -> 13. Demonstrations
# of force (15) stay: an announced exercise is a mobilization, not a threat.
COOPERATIVE_CODES: dict[str, tuple[str, str]] = {
    "04": ("036", "125"), "045": ("039", "126"),
    "05": ("032", "120"), "057": ("030", "127"),
    "06": ("031", "121"), "061": ("0311", "1211"), "062": ("0312", "1212"),
    "063": ("0313", "1213"), "064": ("0314", "1214"),
    "07": ("033", "122"), "071": ("0331", "1221"), "072": ("0332", "1222"),
    "073": ("0333", "1223"), "074": ("0334", "1224"),
    "08": ("035", "124"), "081": ("0351", "1241"), "082": ("0352", "1242"),
    "083": ("034", "123"), "0831": ("0341", "1231"), "0832": ("0342", "1232"),
    "0833": ("0343", "1233"), "0834": ("0344", "1234"), "084": ("0353", "1243"),
    "085": ("0354", "1244"), "086": ("0355", "1245"), "087": ("0356", "1246"),
}  # fmt: skip
THREAT_CODES: dict[str, str] = {
    "14": "133",
    "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135",
    "166": "136",
    "17": "130", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
    "174": "136", "175": "137",
    "18": "1383",
    "19": "138", "191": "1381", "192": "1382", "193": "1384", "194": "1384", "195": "1384",
    "20": "1383", "204": "1385",
}  # fmt: skip


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
