"""Modality: did the event happen (asserted), not happen (negated), or is it conditional
(hypothetical), planned or expected (future), or hedged (speculative)?

The trigger's own clause decides: its negation and auxiliaries, an "if" clause over it,
hedging adverbs, and the verbs that govern it ("appears to", "is expected to", "refrained
from"). Reported speech is not a hedge: "X said Y attacked" is asserted, attributed to X.
"""

from __future__ import annotations

from newsevents.data_files import load_lists
from newsevents.events.syntax import Tree
from newsevents.records import Modality, Token

WORDS = load_lists(
    "newsevents.events",
    "modality.toml",
    {
        "negators": frozenset[str],
        "speculative_aux": frozenset[str],
        "future_aux": frozenset[str],
        "hypothetical_aux": frozenset[str],
        "condition_marks": frozenset[str],
        "hedge_adverbs": frozenset[str],
        "hedge_verbs": frozenset[str],
        "future_verbs": frozenset[str],
        "negating_verbs": frozenset[str],
        "future_nouns": frozenset[str],
        "negating_preps": frozenset[str],
        "clause_links": tuple[str, ...],
        "ready_adjectives": frozenset[str],
        "hedge_adjectives": frozenset[str],
        "unable_adjectives": frozenset[str],
        "light_verbs": frozenset[str],
        "speech_verbs": frozenset[str],
        "hedged_noun_modifiers": frozenset[str],
        "planned_noun_modifiers": frozenset[str],
    },
)
# The word lists, with what each is for and an example, are in data/modality.toml.
NEGATORS: frozenset[str] = WORDS["negators"]
SPECULATIVE_AUX: frozenset[str] = WORDS["speculative_aux"]
FUTURE_AUX: frozenset[str] = WORDS["future_aux"]
HYPOTHETICAL_AUX: frozenset[str] = WORDS["hypothetical_aux"]
CONDITION_MARKS: frozenset[str] = WORDS["condition_marks"]
HEDGE_ADVERBS: frozenset[str] = WORDS["hedge_adverbs"]
HEDGE_VERBS: frozenset[str] = WORDS["hedge_verbs"]
FUTURE_VERBS: frozenset[str] = WORDS["future_verbs"]
NEGATING_VERBS: frozenset[str] = WORDS["negating_verbs"]
FUTURE_NOUNS: frozenset[str] = WORDS["future_nouns"]
NEGATING_PREPS: frozenset[str] = WORDS["negating_preps"]
CLAUSE_LINKS: tuple[str, ...] = WORDS["clause_links"]
READY_ADJECTIVES: frozenset[str] = WORDS["ready_adjectives"]
HEDGE_ADJECTIVES: frozenset[str] = WORDS["hedge_adjectives"]
UNABLE_ADJECTIVES: frozenset[str] = WORDS["unable_adjectives"]
LIGHT_VERBS: frozenset[str] = WORDS["light_verbs"]
SPEECH_VERBS: frozenset[str] = WORDS["speech_verbs"]
HEDGED_NOUN_MODIFIERS: frozenset[str] = WORDS["hedged_noun_modifiers"]
PLANNED_NOUN_MODIFIERS: frozenset[str] = WORDS["planned_noun_modifiers"]


def modality_of(trigger: Token, tree: Tree) -> Modality:
    """The modality of the event whose trigger is ``trigger`` (a verb or an event noun)."""
    found = _noun_markers(trigger, tree) if trigger.pos != "VERB" else _verb_markers(trigger, tree)
    for modality in ("hypothetical", "negated", "speculative", "future"):
        if modality in found:
            return modality  # type: ignore[return-value]
    return "asserted"


def _noun_markers(trigger: Token, tree: Tree) -> set[str]:
    """An event noun is presupposed by its sentence ("The U.S. strike ... may have had"):
    only its own negation ("no strike") and a verb that plans, denies or hedges it count."""
    found = {"negated"} if any(c.lemma == "no" for c in tree.kids(trigger, "det")) else set()
    if any(c.lemma == "any" for c in tree.kids(trigger, "det")):
        found.add("hypothetical")  # "any Taliban attack would be met with ...": no attack yet
    for modifier in tree.kids(trigger, "amod", "compound"):
        word = modifier.text.lower()
        if word in HEDGED_NOUN_MODIFIERS:
            found.add("speculative")  # "the alleged attack", "a possible strike"
        elif word in PLANNED_NOUN_MODIFIERS:
            found.add("future")  # "the planned summit", "an imminent invasion"
    head = tree.head(trigger)
    if head is not None and trigger.dep in ("dobj", "pobj", "nsubjpass", "nsubj", "attr"):
        governor = tree.head(head) if trigger.dep == "pobj" and head.dep == "prep" else head
        if governor is not None:
            found |= _governing_markers(governor, "dobj")
            if governor.lemma in LIGHT_VERBS:  # "may conduct a test": the verb's clause
                found |= _verb_markers(governor, tree)
            else:  # "X can claim that the American 'assassination' ... is proof"
                found |= _verb_markers(governor, tree, own_markers=False)
    return found


def _verb_markers(trigger: Token, tree: Tree, own_markers: bool = True) -> set[str]:
    """Markers of the trigger's clause and of the clauses above it; ``own_markers=False``
    skips the trigger's own auxiliaries and negation (a noun's governing verb)."""
    found: set[str] = set()
    current: Token | None = trigger
    child_dep = ""
    only_conditions = False
    while current is not None:
        markers = _own_markers(current, tree, first=current is trigger)
        if current is trigger and not own_markers:
            markers = set()
        # A coordinated clause with its own subject shares only the condition of the
        # clause it joins: "Pyongyang's test was not X and North Korea carried out Y".
        found |= {m for m in markers if m == "hypothetical"} if only_conditions else markers
        if current is not trigger:
            found |= _governing_markers(current, child_dep)
        if current.lemma in SPEECH_VERBS and current is not trigger:
            break  # the speaker's clause does not change what the speaker reports
        if current.dep not in CLAUSE_LINKS or current.dep == "relcl":
            break  # a relative clause is presupposed by the noun it describes
        only_conditions = current.dep == "conj" and bool(tree.kids(current, "nsubj", "nsubjpass"))
        child_dep = current.dep
        if child_dep == "advcl" and any(a.tag == "TO" for a in tree.kids(current, "aux")):
            child_dep = "xcomp"  # "have sworn to fight": an infinitive parsed as advcl
        current = tree.head(current)
    return found


def _own_markers(tok: Token, tree: Tree, first: bool) -> set[str]:
    """What the token's own dependents say: negation, modal auxiliaries, if-clauses, hedges."""
    found: set[str] = set()
    for child in tree.kids(tok):
        lemma = child.lemma
        if child.dep == "neg" or (
            child.dep in ("advmod", "det")
            and lemma in ("never", "no")
            and (child.dep == "advmod" or first)
        ):
            found.add("negated")
        elif child.dep in ("aux", "auxpass") and child.tag == "MD":
            found.add(_modal(lemma, tok, tree))
        elif child.dep == "mark" and lemma in CONDITION_MARKS:
            found.add("hypothetical")
        elif (
            child.dep == "advcl"
            and any(m.lemma in CONDITION_MARKS for m in tree.kids(child, "mark"))
            and _has_modal(tok, tree, HYPOTHETICAL_AUX | FUTURE_AUX)
        ):
            found.add("hypothetical")  # "would ... if", "will ... if"
        elif child.dep == "advmod" and lemma in HEDGE_ADVERBS:
            found.add("speculative")
        elif child.dep == "acomp" and lemma in ("likely", "unlikely", "possible", "expected"):
            found.add("speculative")
    return found


def _modal(lemma: str, tok: Token, tree: Tree) -> str:
    if lemma in SPECULATIVE_AUX:
        return "speculative"
    if lemma in FUTURE_AUX:
        return "future"
    if lemma in HYPOTHETICAL_AUX:
        return "future" if lemma == "would" and _in_reported_speech(tok, tree) else "hypothetical"
    return ""


def _has_modal(tok: Token, tree: Tree, modals: frozenset[str]) -> bool:
    return any(c.lemma in modals for c in tree.kids(tok, "aux"))


def _in_reported_speech(tok: Token, tree: Tree) -> bool:
    """'said Tehran would remain': a reported intention, not a condition."""
    head = tree.head(tok)
    return tok.dep == "ccomp" and head is not None and head.lemma in SPEECH_VERBS


def _governing_markers(governor: Token, child_dep: str) -> set[str]:
    """What a verb above the trigger says about it: 'appears to', 'plans to', 'refrained from'."""
    if child_dep not in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "acl", "advcl"):
        return set()
    if governor.pos == "ADJ" and child_dep == "xcomp":
        if governor.lemma in READY_ADJECTIVES:
            return {"future"}
        if governor.lemma in UNABLE_ADJECTIVES:
            return {"negated"}
        return {"speculative"} if governor.lemma in HEDGE_ADJECTIVES else set()
    if governor.lemma in HEDGE_VERBS:
        return {"speculative"}
    if governor.lemma in NEGATING_VERBS:
        return {"negated"}
    if governor.lemma in FUTURE_VERBS and child_dep in ("xcomp", "ccomp", "dobj"):
        return {"future"}
    if governor.lemma in NEGATING_PREPS:
        return {"negated"}
    if governor.pos == "NOUN" and governor.lemma in FUTURE_NOUNS and child_dep in ("acl", "ccomp"):
        return {"future"}  # "its demand that Israel ease restrictions"
    return set()
