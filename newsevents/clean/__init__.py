"""clean: a raw document to an :class:`Article` with clean text, title and date, or a
:class:`Rejection` with its reason.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from newsevents.clean.dates import (
    date_in_name,
    date_near,
    dateline_date,
    parse_date,
    read_date,
    wire_dateline,
)
from newsevents.clean.furniture import remove_furniture
from newsevents.clean.html import extract_html
from newsevents.data_files import load_lists
from newsevents.records import Article, RawDocument, Rejection

__all__ = ["clean_document", "content_hash", "parse_date"]

DATELINE_SEARCH_LINES = 12
WIRE_DATELINE_LINES = 3  # a wire dateline opens one of the first paragraphs
MIN_WORDS = 3
# The longest clean text coded as one article: spaCy's limit on one text (nlp.max_length),
# which needs about 1 GB of memory per 100,000 characters near it. Settings.max_chars may
# lower it, not raise it. No news article comes near it; a longer text is a whole corpus
# in one file and is rejected with its length, not cut short in silence.
MAX_ARTICLE_CHARS = 1_000_000
# An HTML page may be this many times its text limit (markup, scripts); the rest is cut.
HTML_MARKUP_FACTOR = 4
WORDS = load_lists(
    "newsevents.clean",
    "clean.toml",
    {"english_words": frozenset[str], "other_language_words": frozenset[str]},
)
# The commonest words of English news text: a long text with too few of them is rejected
# as not English (data/clean.toml).
ENGLISH_WORDS: frozenset[str] = WORDS["english_words"]
# Function words of French, Spanish, German, Italian and Portuguese that English news
# does not use: a text where they outnumber the English ones is not English.
OTHER_LANGUAGE_WORDS: frozenset[str] = WORDS["other_language_words"]
MIN_OTHER_LANGUAGE_WORDS = 3


def content_hash(text: str) -> str:
    """The article id: a hash of the clean text with whitespace and case normalised."""
    normal = " ".join(text.lower().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


@dataclass
class _Dating:
    """The publication date as the sources are tried in order, with the warnings met."""

    reference: date | None  # what relative dates and year-less datelines count from
    dayfirst: bool
    published: date | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)  # said whatever the outcome
    unresolved: list[str] = field(default_factory=list)  # said only when no date is found

    def offer(self, found: date | None, source: str) -> None:
        if self.published is None and found is not None:
            self.published, self.source = found, source

    def metadata(self, value: str | None) -> None:
        if self.published is not None or not value:
            return
        found, warning = read_date(value, self.dayfirst, self.reference)
        if warning:
            (self.warnings if found else self.unresolved).append(warning)
        self.offer(found, "metadata")

    def final_warnings(self) -> tuple[str, ...]:
        return tuple(self.warnings + (self.unresolved if self.published is None else []))


def clean_document(
    raw: RawDocument,
    default_date: date | None = None,
    max_chars: int = 2_000_000,
    dayfirst: bool = False,
) -> Article | Rejection:
    """Clean one document. The date comes from the metadata (the record's, then the HTML
    page's), then a dateline in the text, then ``default_date``, then a date in the file
    name; ``Article.date_source`` says which, and ``Article.warnings`` what was read by a
    rule or could not be read (docs/dates.md).

    A text longer than ``max_chars`` (at most :data:`MAX_ARTICLE_CHARS`) is rejected as too
    long; an HTML page is cut at ``HTML_MARKUP_FACTOR`` times that before extraction.
    """
    limit = min(max_chars, MAX_ARTICLE_CHARS)
    title, url = raw.title, raw.url
    name_date = date_in_name(_file_name(raw.origin))
    dating = _Dating(default_date or name_date or date_in_name(url), dayfirst)
    dating.metadata(raw.published)
    content = raw.content
    if raw.kind != "html" and len(content) > limit:  # cleaning removes lines, not bulk
        return Rejection(raw.doc_id, raw.origin, _too_long(len(content), limit))
    if raw.kind == "html":
        extracted = extract_html(content[: limit * HTML_MARKUP_FACTOR])
        content = extracted.text
        title = title or extracted.title
        url = url or extracted.url
        dating.metadata(extracted.date)
    lines = _normalise_lines(content)
    if title is None and raw.kind == "text":
        title, lines = _split_title(lines)
    text_date, lines = _take_dateline(lines)
    dating.offer(text_date, "text")
    furniture = remove_furniture(lines)
    text = _join_paragraphs(furniture.kept)
    if dating.published is None:
        _wire_date(furniture.kept, dating)
    dating.offer(default_date, "user")
    dating.offer(name_date, "filename")
    reason = _too_long(len(text), limit) if len(text) > limit else _rejection_reason(text)
    if reason:
        return Rejection(raw.doc_id, raw.origin, reason)
    return Article(
        article_id=content_hash(text),
        doc_id=raw.doc_id,
        origin=raw.origin,
        text=text,
        title=title.strip() if title else None,
        published=dating.published,
        date_source=dating.source,  # type: ignore[arg-type]
        url=url,
        removed_lines=furniture.removed,
        warnings=dating.final_warnings(),
    )


def _file_name(origin: str) -> str:
    """The file name of an origin ("dir/2021-03-04_x.jsonl:12" -> "2021-03-04_x.jsonl")."""
    return re.sub(r":\d+$", "", origin).replace("\\", "/").rsplit("/", 1)[-1]


def _wire_date(lines: tuple[str, ...], dating: _Dating) -> None:
    """The date of a wire-style dateline in one of the first paragraphs ("NAIROBI, July 8
    (Reuters) - ..."), its year from the dateline or, failing that, the nearest to the
    reference; a dateline with no year and no reference is said, not guessed."""
    for line in [line for line in lines if line.strip()][:WIRE_DATELINE_LINES]:
        found = wire_dateline(line)
        if found is None:
            continue
        month, day, year, said = found
        if year is not None:
            try:
                dating.offer(date(year, month, day), "text")
            except ValueError:
                pass
        elif dating.reference is not None:
            dating.offer(date_near(month, day, dating.reference), "text")
        else:
            dating.unresolved.append(
                f"the dateline {said!r} has no year and nothing else dates the article"
                " (give --date)"
            )
        return


def _normalise_lines(content: str) -> list[str]:
    content = content.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    content = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", content)
    return [line.rstrip() for line in content.split("\n")]


def _split_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """The first non-empty line is the title when it is short, is not a sentence, and is
    followed by a blank line and more text."""
    for position, line in enumerate(lines):
        if line.strip():
            following = lines[position + 1] if position + 1 < len(lines) else ""
            rest = lines[position + 1 :]
            sentence = line.rstrip().endswith((".", "!", '."', ".”", ".'"))  # headlines don't
            if (
                len(line) <= 200
                and not sentence
                and not following.strip()
                and any(r.strip() for r in rest)
            ):
                return line.strip(), rest
            return None, lines
    return None, lines


def _take_dateline(lines: list[str]) -> tuple[date | None, list[str]]:
    """The first dateline near the top, removed from the text."""
    seen = 0
    for position, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > DATELINE_SEARCH_LINES:
            break
        found = dateline_date(line)
        if found is not None:
            return found, lines[:position] + lines[position + 1 :]
    return None, lines


def _join_paragraphs(lines: tuple[str, ...]) -> str:
    """Paragraphs separated by one blank line; a paragraph's own line breaks are kept."""
    text = "\n".join(line.strip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _too_long(length: int, limit: int) -> str:
    return f"too long: {length:,} characters (limit {limit:,})"


def _rejection_reason(text: str) -> str | None:
    words = text.split()
    if not words:
        return "empty: no article text"
    if len(words) < MIN_WORDS:
        return f"too short: {len(words)} words"
    sample = [w.strip(".,;:!?\"'()«»“”").lower() for w in words[:500]]
    english = sum(w in ENGLISH_WORDS for w in sample)
    other = sum(w in OTHER_LANGUAGE_WORDS for w in sample)
    if len(sample) >= 40 and english / len(sample) < 0.05:
        return "not English"
    if other >= MIN_OTHER_LANGUAGE_WORDS and other > english:
        return "not English"
    return None
