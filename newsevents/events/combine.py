"""The patterns and the learned model together, sentence by sentence.

The patterns keep their events and codes where they fire. The model adds what they miss:

* a pattern event without a target takes the model's target span for the same trigger,
  when that span is an actor mention of the sentence other than the source (``by: both``);
  when it is one of two coordinated sources of an act short of force, the act is joint:
  each source's towards the other ("Turkey and Syria are violating the ceasefire");
* a trigger the model finds where no pattern fires becomes an event when it holds a verb
  and its source span is an actor mention (``by: model``), coded with the root's general
  code ("190") and the rules' modality, date and place like any other event. Such an event
  with no target is the model's weakest: ``ModelUse.untargeted`` asks more of it (0.95; on
  the tune halves, dropping them all raised full-event precision and lowered type recall
  and source spans about as much: docs/model.md).

Grammar the model does not always respect, checked on the parse:

* the subject of a passive verb undergoes the act: in "The governor was stabbed outside
  his office" the governor is no source, so the model's event is dropped;
* so does the subject of a verb of undergoing: "Haiti suffered a wave of attacks",
  "The minister could face arrest" report nothing the subject did;
* the object of an active verb is whom the act is done to, never its doer: in "He told
  the BBC that police suspect ..." the BBC is no source of the telling;
* a plain speech verb (say, tell, add, ...) is a frame: what is said is the event, and
  the patterns code the saying when its words accuse, praise or threaten;
* the saying of a reported act that is an event of its own is none: "Trump said US
  forces had hit the sites" is no act of Trump's towards the forces;
* a name inside the title of a law names the law, not an actor:
  "signed the Alabama Human Life Protection Act" is aimed at no Alabama, and making a
  law (sign, pass, adopt ... a law, bill, act, budget) is governing, no event, and what
  the law does ("approved a budget that cuts aid to Ukraine") is not yet done;
* a place of the source's own country is where an act happens, not whom it is aimed at:
  in "Kishida held talks in Tokyo" Tokyo is no target.

Thresholds on the model's probabilities (``ModelUse``) were chosen on the tune halves of
the development sets (docs/model.md).
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, replace

from newsevents.data_files import load_lists
from newsevents.events.extract import Match, distinct_parties, other_party
from newsevents.events.learned import EventModel, Guess, Span
from newsevents.events.patterns import Pattern
from newsevents.events.syntax import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, Tree
from newsevents.records import Mention, Token

MATERIAL_CONFLICT = "14"  # roots from here on: protest, force, violence
WORDS = load_lists(
    "newsevents.events",
    "combine.toml",
    {
        "undergoing_verbs": frozenset[str],
        "no_act_verbs": frozenset[str],
        "law_verbs": frozenset[str],
        "law_words": frozenset[str],
        "frame_verbs": frozenset[str],
    },
)
UNDERGOING_VERBS: frozenset[str] = WORDS["undergoing_verbs"]
NO_ACT_VERBS: frozenset[str] = WORDS["no_act_verbs"]
LAW_VERBS: frozenset[str] = WORDS["law_verbs"]
LAW_WORDS: frozenset[str] = WORDS["law_words"]
FRAME_VERBS: frozenset[str] = WORDS["frame_verbs"]


@dataclass(frozen=True)
class ModelUse:
    """How far the model is trusted: minimum probabilities of a new trigger, of its kind,
    and of a role span; ``untargeted``, the trigger probability at which an event of the
    model's own may lack a target (None: never)."""

    trigger: float = 0.7
    kind: float = 0.5
    role: float = 0.5
    untargeted: float | None = 0.95


@dataclass(frozen=True)
class SentenceWork:
    """One sentence ready for the model: its tree, actor mentions and pattern matches."""

    tree: Tree
    mentions: Sequence[Mention]
    matches: list[Match]


def with_model(
    work: Sequence[SentenceWork], model: EventModel, use: ModelUse, codes: Container[str]
) -> list[list[Match]]:
    """For each sentence, its pattern matches (with the targets the model adds) and the
    model's own. The model reads all sentences of an article in two batched passes."""
    # a model event needs an actor mention for its source: a sentence with neither a mention
    # nor a pattern event is not read
    read = iter(model.triggers([item.tree.sentence.text for item in work if _readable(item)]))
    found = [next(read) if _readable(item) else [] for item in work]
    fresh = [
        [
            span
            for span, _ in spans
            if span.probability >= use.trigger and not _overlaps_any(item.tree, span, item.matches)
        ]
        for item, spans in zip(work, found, strict=True)
    ]
    # the role pass reads only the pattern events that lack a target, and the model's own
    requests = [
        (item.tree.sentence.text, *_char_span(item.tree, match.trigger_tokens))
        for item in work
        for match in item.matches
        if not match.targets
    ]
    requests += [
        (item.tree.sentence.text, span.start, span.end)
        for item, spans in zip(work, fresh, strict=True)
        for span in spans
    ]
    guesses = iter(model.roles(requests) if requests else [])
    combined = [
        [
            _add_target(item.tree, item.mentions, match, next(guesses), use)
            if not match.targets
            else _agreed(item.tree, match, spans)
            for match in item.matches
        ]
        for item, spans in zip(work, found, strict=True)
    ]
    for item, spans, matches in zip(work, fresh, combined, strict=True):
        for span in spans:
            match = _model_match(item.tree, item.mentions, span, next(guesses), use, codes)
            if match is not None and not _frames_an_event(item.tree, match, matches):
                matches.append(match)
    return combined


def _frames_an_event(tree: Tree, match: Match, matches: Sequence[Match]) -> bool:
    """ "Trump said US forces had hit the sites": the model's event on the saying, aimed at
    the doer of the act the clause reports, when that act is an event of its own: what was
    said is the event, the saying is none."""
    inside = {t.i for c in tree.kids(match.trigger, "ccomp") for t in tree.subtree(c)}
    if not inside or not any(m.trigger.i in inside for m in matches):
        return False
    return bool(match.targets) and all(
        any(i in inside for i in range(t.start, t.end)) for t in match.targets
    )


def _readable(item: SentenceWork) -> bool:
    return bool(item.mentions or item.matches)


def _agreed(tree: Tree, match: Match, spans: Sequence[tuple[Span, str]]) -> Match:
    """A pattern event the model also finds, with the same root, is by both."""
    for span, root in spans:
        if root == match.pattern.cameo[:2] and _overlaps_any(tree, span, (match,)):
            return replace(match, by="both")
    return match


def _add_target(
    tree: Tree, mentions: Sequence[Mention], match: Match, guess: Guess, use: ModelUse
) -> Match:
    """A pattern event without a target, with the model's target when it names an actor
    other than the source; by both when the model adds it or agrees on the root."""
    unchanged = replace(match, by="both") if guess.root == match.pattern.cameo[:2] else match
    if guess.target is None or guess.target.probability < use.role:
        return unchanged
    target = _mention_on(tree, mentions, guess.target)
    if target is None:
        return unchanged
    if _co_subject(match, target) and match.pattern.cameo[:2] < MATERIAL_CONFLICT:
        # "The United States and South Korea failed to reach agreement": the model reads one
        # subject as the other's target, which makes it a joint act, each towards the other.
        # Not a use of force: allies strike together ("Russia and Syria launched air
        # strikes") and the model reads them as each other's target there too.
        return replace(match, targets=match.sources, by="both")
    if any(not other_party(s, target) for s in match.sources):
        return unchanged
    return replace(match, targets=(target,), by="both")


def _co_subject(match: Match, target: Mention) -> bool:
    """The target is one of two or more coordinated sources with distinct codes."""
    return target in match.sources and distinct_parties(match.sources)


def _model_match(
    tree: Tree,
    mentions: Sequence[Mention],
    span: Span,
    guess: Guess,
    use: ModelUse,
    codes: Container[str],
) -> Match | None:
    code = f"{guess.root}0"
    if guess.kind_probability < use.kind or code not in codes or guess.source is None:
        return None
    if guess.source.probability < use.role:
        return None
    source = _mention_on(tree, mentions, guess.source)
    if source is None or source.only_place:
        return None
    tokens = _tokens_in(tree, span)
    verbs = [t for t in tokens if t.pos == "VERB" and not _describes(tree, t)]
    if not verbs:
        # a noun alone, or a participle on one ("accused criminals", "captured fighters"),
        # names an act more often than it reports one
        return None
    if verbs[0].lemma in FRAME_VERBS:
        return None
    if verbs[0].lemma in NO_ACT_VERBS or _undergoes(tree, verbs[0], source):
        return None
    if _is_object(tree, verbs[0], source):
        return None
    target = None
    if guess.target is not None and guess.target.probability >= use.role:
        target = _mention_on(tree, mentions, guess.target)
    if target is not None and (not other_party(source, target) or _names_a_text(tree, target)):
        target = None
    if target is None and (use.untargeted is None or span.probability < use.untargeted):
        return None
    if _makes_a_law(tree, verbs[0]) and (target is None or _is_object(tree, verbs[0], target)):
        return None  # making a law is governing, and what the law does is not yet done
    sources = (source,)
    targets = (target,) if target is not None else ()
    if (
        target is not None
        and code < MATERIAL_CONFLICT
        and _co_subjects(tree, verbs[0], source, target)
    ):
        sources = targets = (source, target)  # "A and B spoke on the phone": each to the other
    return Match(
        trigger=verbs[0],
        pattern=Pattern(id="model", cameo=code, verb=verbs[0].lemma),
        trigger_tokens=tuple(tokens),
        sources=sources,
        targets=targets,
        direct_source=True,
        attributed_to=None,
        by="model",
    )


def _co_subjects(tree: Tree, verb: Token, source: Mention, target: Mention) -> bool:
    """Both are among the coordinated subjects of the verb."""
    subjects = {
        t.i for s in tree.kids(verb, "nsubj") for c in tree.conjuncts(s) for t in tree.subtree(c)
    }
    return all(subjects & set(range(m.start, m.end)) for m in (source, target))


def _describes(tree: Tree, verb: Token) -> bool:
    """A participle that describes a noun, before it ("accused criminals") or after it
    without saying by whom ("the civil servants not assigned to the campaign")."""
    if tree.describes_noun(verb):
        return True
    return verb.dep == "acl" and verb.tag == "VBN" and not tree.kids(verb, "agent")


def _undergoes(tree: Tree, verb: Token, source: Mention) -> bool:
    """The source is the subject of a passive verb or of a verb of undergoing."""
    if verb.lemma in UNDERGOING_VERBS:
        return True
    inside = range(source.start, source.end)
    return any(
        t.i in inside for s in tree.kids(verb, *PASSIVE_SUBJECT_DEPS) for t in tree.subtree(s)
    )


def _names_a_text(tree: Tree, mention: Mention) -> bool:
    """The mention is a compound modifier in the title of a law ("the Alabama Human Life
    Protection Act"); not in "the U.N. report" (its author) or "the Hong Kong security
    law" (whom it is for)."""
    tok = last = tree.tokens[mention.end - 1]
    while tok.dep == "compound" and (head := tree.head(tok)) is not None:
        tok = head
    return tok is not last and tok.text[:1].isupper() and tok.lemma.lower() in LAW_WORDS


def _makes_a_law(tree: Tree, verb: Token) -> bool:
    """ "signed the Human Life Protection Act", "passed a new budget": governing."""
    return verb.lemma in LAW_VERBS and any(
        o.lemma.lower() in LAW_WORDS for o in tree.kids(verb, *OBJECT_DEPS)
    )


def _is_object(tree: Tree, verb: Token, mention: Mention) -> bool:
    """The mention is inside the verb's direct or indirect object ("told the BBC",
    "approved a budget that cuts aid to Ukraine")."""
    inside = range(mention.start, mention.end)
    return any(
        t.i in inside for o in tree.kids(verb, *OBJECT_DEPS, "dative") for t in tree.subtree(o)
    )


def _char_span(tree: Tree, tokens: Sequence[Token]) -> tuple[int, int]:
    start = tree.sentence.start
    first, last = tokens[0], tokens[-1]
    return first.idx - start, last.idx + len(last.text) - start


def _tokens_in(tree: Tree, span: Span) -> list[Token]:
    start = tree.sentence.start
    return [
        t
        for t in tree.sentence.tokens
        if t.idx - start < span.end and t.idx - start + len(t.text) > span.start
    ]


def _overlaps_any(tree: Tree, span: Span, matches: Sequence[Match]) -> bool:
    inside = {t.i for t in _tokens_in(tree, span)}
    return any(inside & {t.i for t in m.trigger_tokens} for m in matches)


def _mention_on(tree: Tree, mentions: Sequence[Mention], span: Span) -> Mention | None:
    """The actor mention that a role span names: the one sharing most tokens with it (a
    named place, such as a capital in "the Kabul bombing", only when nothing else is)."""
    inside = {t.i for t in _tokens_in(tree, span)}
    best: tuple[int, Mention] | None = None
    for mention in mentions:
        shared = len(inside & set(range(mention.start, mention.end)))
        score = shared * 2 - (1 if mention.place else 0)
        if shared and (best is None or score > best[0]):
            best = (score, mention)
    return best[1] if best is not None else None
