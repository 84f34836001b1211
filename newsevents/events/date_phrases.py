"""The date an event's own clause names: the DATE phrase in the trigger's time adjuncts
(or a clause above it), resolved against the article date (:mod:`newsevents.events.dates`)."""

from __future__ import annotations

from datetime import date

from newsevents.events.dates import document_date, resolve_date
from newsevents.events.syntax import CLAUSAL_DEPS, Tree
from newsevents.records import Token

TIME_PREPS = ("on", "in", "at", "during", "by", "through", "throughout")
TIME_DEPS = ("npadvmod", "tmod", "advmod", "obl")


def event_date(trigger: Token, tree: Tree, base: date | None) -> tuple[str | None, str]:
    """The date named in the trigger's clause (or a clause above it), else the article's.
    An event noun also takes a date from anywhere in its phrase ("the summit in Hanoi,
    Vietnam February 27, 2019"); a verb only from its own time adjuncts ("on Friday")."""
    current: Token | None = trigger
    while current is not None:
        phrase = date_phrase(
            current, tree, whole_phrase=current is trigger and current.pos != "VERB"
        )
        if phrase:
            resolved = resolve_date(phrase, base)
            if resolved:
                return resolved
        current = tree.head(current)
    return document_date(base)


def date_phrase(head: Token, tree: Tree, whole_phrase: bool) -> str:
    """Text of the first run of DATE-entity tokens in the head's time adjuncts."""
    if whole_phrase:
        roots = [c for c in tree.kids(head) if c.dep not in CLAUSAL_DEPS]
    else:
        roots = [c for c in tree.kids(head, *TIME_DEPS) if c.ent_type == "DATE"]
        for prep in tree.kids(head, "prep"):
            if prep.lemma in TIME_PREPS:
                roots.extend(o for o in tree.kids(prep, "pobj") if o.ent_type == "DATE")
    found: list[Token] = []
    stack = list(roots)
    while stack:
        tok = stack.pop()
        if tok.ent_type == "DATE":
            found.append(tok)
        stack.extend(c for c in tree.kids(tok) if c.dep not in CLAUSAL_DEPS)
    if not found:
        return ""
    found.sort(key=lambda t: t.i)
    run = [found[0]]
    for tok in found[1:]:
        if tok.i != run[-1].i + 1:
            break
        run.append(tok)
    return " ".join(t.text for t in run)
