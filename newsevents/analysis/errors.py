"""The analysis commands' user-facing errors, each with a stable code.

:class:`AnalysisError` is a :class:`~newsevents.errors.NewseventsError`, so the CLI's usual
handler turns it into one line on stderr and exit code 1.
"""

from __future__ import annotations

from newsevents.errors import NewseventsError

ACTOR_HELP = "an actor is a code prefix, a country or an entity id, e.g. USA, IRNMIL, org:irgc"


class AnalysisErrors:
    """Message templates (the A-series; the main catalogue is newsevents.errors.Errors)."""

    A001 = "no stored events for actor {actor!r} ({help})"
    A002 = "{name} must be one of {choices}, not {value!r}"
    A003 = "plot path {path} must end in .png or .html"
    A004 = "invalid date {value!r}: use YYYY-MM-DD"
    A005 = "since ({since}) is after until ({until})"
    A006 = "{name} must be {rule}, not {value!r}"
    A007 = "nothing to plot: {what}"


class AnalysisError(NewseventsError):
    """A request the analysis cannot answer, with a one-line message."""

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        self.message = getattr(AnalysisErrors, code).format(**kwargs)
        Exception.__init__(self, f"[{code}] {self.message}")


def unknown_actor(actor: str) -> AnalysisError:
    return AnalysisError("A001", actor=actor, help=ACTOR_HELP)


def check_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    """``value`` when it is one of ``choices``, else A002."""
    if value not in choices:
        raise AnalysisError("A002", name=name, choices=", ".join(choices), value=value)
    return value
