"""Checks of an analysis request that raise the catalogue's A-series errors
(:mod:`newsevents.errors`)."""

from __future__ import annotations

from newsevents.errors import AnalysisError

ACTOR_HELP = "an actor is a code prefix, a country or an entity id, e.g. USA, IRNMIL, org:irgc"


def unknown_actor(actor: str) -> AnalysisError:
    return AnalysisError("A001", actor=actor, help=ACTOR_HELP)


def check_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    """``value`` when it is one of ``choices``, else A002."""
    if value not in choices:
        raise AnalysisError("A002", name=name, choices=", ".join(choices), value=value)
    return value
