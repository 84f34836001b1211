"""HTML to main text and metadata with trafilatura."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from html import unescape

import trafilatura

from newsevents.data_files import load_lists


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str | None
    date: str | None
    url: str | None


def extract_html(html: str) -> HtmlContent:
    """Main text (paragraphs split by blank lines), title and date of an HTML page."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    if document is None:
        return _flat_text(html)
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    if not str(data.get("text") or "").strip():
        return _flat_text(html)
    text = str(data.get("text") or "")
    title = data.get("title") or None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    return HtmlContent(
        text="\n\n".join(lines), title=title, date=data.get("date"), url=data.get("url")
    )


# libxml2 (under trafilatura) stops at 255 levels of nesting, and a page nested deeper
# comes back empty. Such a page is read again by a flat tokenizer that keeps no tree: the
# text of its blocks, without scripts, styles and navigation. (Not html.parser: in Python
# 3.11 it takes quadratic time on some malformed input and fails on "<![<![".) Each token
# below is matched without backtracking across tokens, so the pass is linear.
MAX_TREE_DEPTH = 250
TOKENS = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment, closed or running to the end
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*>?"  # a start or end tag
    r"|<[!?][^<>]*>?"  # a declaration or processing instruction
    r"|[^<]+|<",  # text; a lone "<"
    re.DOTALL,
)
WORDS = load_lists(
    "newsevents.clean",
    "html.toml",
    {"block_tags": frozenset[str], "skipped_tags": frozenset[str], "void_tags": frozenset[str]},
)
# Tags that end a block of text, tags whose content is no article text, and tags with no
# end tag: data/html.toml.
BLOCK_TAGS: frozenset[str] = WORDS["block_tags"]
SKIPPED_TAGS: frozenset[str] = WORDS["skipped_tags"]
VOID_TAGS: frozenset[str] = WORDS["void_tags"]


def _flat_text(page: str) -> HtmlContent:
    """The blocks of text of a page too deeply nested for the tree parser; nothing for a
    page of ordinary depth (where an empty extraction means there is no article)."""
    if page.count("<") <= MAX_TREE_DEPTH:
        return HtmlContent("", None, None, None)
    depth = max_depth = skipping = 0
    in_title = False
    blocks: list[str] = []
    current: list[str] = []
    title: list[str] = []

    def end_block() -> None:
        block = " ".join(unescape("".join(current)).split())
        if block:
            blocks.append(block)
        current.clear()

    for token in TOKENS.finditer(page):
        closing, name = token.group(1), token.group(2)
        if name is None:
            if not token.group().startswith("<") and not skipping:
                (title if in_title else current).append(token.group())
            continue
        tag = name.lower()
        if tag not in VOID_TAGS:
            depth = max(0, depth - 1) if closing else depth + 1
            max_depth = max(max_depth, depth)
        if tag in SKIPPED_TAGS:
            skipping = max(0, skipping - 1) if closing else skipping + 1
        elif tag == "title":
            in_title = not closing
        elif tag in BLOCK_TAGS:
            end_block()
    end_block()
    if max_depth <= MAX_TREE_DEPTH:
        return HtmlContent("", None, None, None)
    heading = " ".join(unescape("".join(title)).split()) or None
    return HtmlContent(text="\n\n".join(blocks), title=heading, date=None, url=None)
