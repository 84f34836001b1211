"""clean: a raw document to an :class:`Article` with clean text, title and date, or a
:class:`Rejection` with its reason.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from newsevents.clean.dates import dateline_date, parse_date
from newsevents.clean.furniture import remove_furniture
from newsevents.clean.html import extract_html
from newsevents.data_files import load_lists
from newsevents.records import Article, RawDocument, Rejection

__all__ = ["clean_document", "content_hash", "parse_date"]

DATELINE_SEARCH_LINES = 12
MIN_WORDS = 3
# The longest clean text coded as one article: spaCy's limit on one text (nlp.max_length),
# which needs about 1 GB of memory per 100,000 characters near it. Settings.max_chars may
# lower it, not raise it. No news article comes near it; a longer text is a whole corpus
# in one file and is rejected with its length, not cut short in silence.
MAX_ARTICLE_CHARS = 1_000_000
# An HTML page may be this many times its text limit (markup, scripts); the rest is cut.
HTML_MARKUP_FACTOR = 4
WORDS = load_lists("newsevents.clean", "clean.toml", {"english_words": frozenset[str]})
# The commonest words of English news text: a long text with too few of them is rejected
# as not English (data/clean.toml).
ENGLISH_WORDS: frozenset[str] = WORDS["english_words"]


def content_hash(text: str) -> str:
    """The article id: a hash of the clean text with whitespace and case normalised."""
    normal = " ".join(text.lower().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def clean_document(
    raw: RawDocument, default_date: date | None = None, max_chars: int = 2_000_000
) -> Article | Rejection:
    """Clean one document. The date comes from metadata, then the text, then ``default_date``.

    A text longer than ``max_chars`` (at most :data:`MAX_ARTICLE_CHARS`) is rejected as too
    long; an HTML page is cut at ``HTML_MARKUP_FACTOR`` times that before extraction.
    """
    limit = min(max_chars, MAX_ARTICLE_CHARS)
    title, published, url = raw.title, parse_date(raw.published), raw.url
    date_source = "metadata" if published else None
    content = raw.content
    if raw.kind != "html" and len(content) > limit:  # cleaning removes lines, not bulk
        return Rejection(raw.doc_id, raw.origin, _too_long(len(content), limit))
    if raw.kind == "html":
        extracted = extract_html(content[: limit * HTML_MARKUP_FACTOR])
        content = extracted.text
        title = title or extracted.title
        url = url or extracted.url
        if published is None and (html_date := parse_date(extracted.date)):
            published, date_source = html_date, "metadata"
    lines = _normalise_lines(content)
    if title is None and raw.kind == "text":
        title, lines = _split_title(lines)
    text_date, lines = _take_dateline(lines)
    if published is None and text_date is not None:
        published, date_source = text_date, "text"
    furniture = remove_furniture(lines)
    text = _join_paragraphs(furniture.kept)
    if published is None and default_date is not None:
        published, date_source = default_date, "user"
    reason = _too_long(len(text), limit) if len(text) > limit else _rejection_reason(text)
    if reason:
        return Rejection(raw.doc_id, raw.origin, reason)
    return Article(
        article_id=content_hash(text),
        doc_id=raw.doc_id,
        origin=raw.origin,
        text=text,
        title=title.strip() if title else None,
        published=published,
        date_source=date_source,
        url=url,
        removed_lines=furniture.removed,
    )


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
    sample = [w.strip(".,;:\"'()").lower() for w in words[:500]]
    english = sum(w in ENGLISH_WORDS for w in sample)
    if len(sample) >= 40 and english / len(sample) < 0.05:
        return "not English"
    return None
