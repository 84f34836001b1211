"""A small view of one sentence's dependency tree over plain token records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from newsevents.records import Sentence, Token

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass",)
OBJECT_DEPS = ("dobj", "obj")
# Links to a clause of its own: a search for a phrase's parts stops at them.
CLAUSAL_DEPS = ("ccomp", "advcl", "relcl", "acl", "conj", "xcomp", "csubj", "parataxis")
# Clause links through which a verb inherits its subject from its head verb.
SUBJECT_INHERITING_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl")


@dataclass
class Tree:
    sentence: Sentence
    tokens: dict[int, Token] = field(default_factory=dict)
    children: dict[int, list[Token]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, sentence: Sentence) -> Tree:
        tree = cls(sentence)
        for tok in sentence.tokens:
            tree.tokens[tok.i] = tok
        for tok in sentence.tokens:
            if tok.head != tok.i and tok.head in tree.tokens:
                tree.children[tok.head].append(tok)
        return tree

    def describes_noun(self, verb: Token) -> bool:
        """A participle before a noun ("captured fighters", "accused criminals") describes
        it; no act is reported. Unless the parse has made the noun its root, which happens
        when it mistakes the sentence's verb for a modifier ("The British relinquished
        control of Hong Kong")."""
        head = self.head(verb)
        return verb.dep == "amod" and head is not None and self.head(head) is not None

    def head(self, tok: Token) -> Token | None:
        """The syntactic head, or None for the root."""
        return None if tok.head == tok.i else self.tokens.get(tok.head)

    def kids(self, tok: Token, *deps: str) -> list[Token]:
        """Children of ``tok``, only those with one of ``deps`` when given."""
        found = self.children.get(tok.i, [])
        return [c for c in found if c.dep in deps] if deps else list(found)

    def ancestors(self, tok: Token) -> Iterator[Token]:
        current = self.head(tok)
        while current is not None:
            yield current
            current = self.head(current)

    def subtree(self, tok: Token) -> list[Token]:
        """``tok`` and everything below it, in sentence order."""
        found = [tok]
        stack = [tok]
        while stack:
            for child in self.children.get(stack.pop().i, []):
                found.append(child)
                stack.append(child)
        return sorted(found, key=lambda t: t.i)

    def conjuncts(self, tok: Token) -> list[Token]:
        """``tok`` and the tokens coordinated with it ("Russia and China")."""
        found = [tok]
        stack = [tok]
        while stack:
            for child in self.kids(stack.pop(), "conj", "appos"):
                if child.dep == "conj":
                    found.append(child)
                stack.append(child)
        return found

    def prep_objects(self, tok: Token, preps: tuple[str, ...]) -> list[Token]:
        """Objects of prepositions attached to ``tok`` whose lemma is in ``preps``."""
        objects = []
        for prep in self.kids(tok, "prep", "agent", "dative"):
            if prep.lemma in preps or (prep.dep == "dative" and "to" in preps):
                objects.extend(self.kids(prep, "pobj") or ([prep] if prep.dep == "dative" else []))
        return objects
