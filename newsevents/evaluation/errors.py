"""The evaluation's user-facing errors, with stable codes in the E1xx range.

:class:`EvaluationError` is a :class:`~newsevents.errors.NewseventsError`, so the CLI turns
it into one line on stderr and exit code 1 like any other bad input.
"""

from __future__ import annotations

from newsevents.errors import NewseventsError


class EvalErrors:
    """Message templates of the evaluation subsystem."""

    E101 = (
        "{path}: not a gold file that eval knows (expected our gold JSON with 'documents', "
        "PLOVER GSR JSON records, PETRARCH validation XML with <Sentence> records, actor "
        "cases JSONL, or sentence rows with source/target spans JSONL)"
    )
    E102 = "{path}: malformed gold file ({reason})"
    E103 = "{path}: no text for document {doc!r} (looked for {looked}); give --corpus DIR"
    E104 = "{path}:{line}: malformed system event ({reason})"
    E105 = "{path}: malformed quality baseline ({reason})"
    E106 = "{metric}: refusing to lower the floor from {old} to {new} without --lower --reason"
    E107 = "{path}: actor cases are scored by running the coder; drop --system or this file"
    E108 = (
        "--errors lists the tune half's errors only: the check half's sentences are not to be "
        "read (use --split tune)"
    )


class EvaluationError(NewseventsError):
    """Bad gold, system output or baseline input: a one-line message with a code."""

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        self.message = getattr(EvalErrors, code).format(**kwargs)
        Exception.__init__(self, f"[{code}] {self.message}")
