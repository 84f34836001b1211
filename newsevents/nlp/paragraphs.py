"""Paragraph breaks are sentence breaks.

The parser sometimes carries a closing quote over a blank line ('... home their message."'
then a new paragraph): the next sentence then starts with the quote and the break, and so
does its evidence. A line break ends a sentence, and what ends a line belongs to the
sentence before it.
"""

from __future__ import annotations

from typing import Any


def mark_paragraphs(doc: Any) -> Any:
    """Set sentence starts of an unparsed ``Doc`` at every line break."""
    for tok in doc[1:-1]:
        if "\n" not in tok.text or not tok.is_space:
            continue
        before, after = doc[tok.i - 1], doc[tok.i + 1]
        if not before.is_space and before.i > 0 and before.is_sent_start is None:
            before.is_sent_start = False
        tok.is_sent_start = False
        if not after.is_space:
            after.is_sent_start = True
    return doc
