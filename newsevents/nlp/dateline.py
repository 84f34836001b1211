"""Wire datelines: "NAIROBI, July 8 (Reuters) - ", "WASHINGTON (AP) — ", "KABUL (Pajhwok): ".

A dateline says where the story was filed and who filed it; it reports nothing. The parser
reads it as its own sentence (left alone, it runs into the first sentence and spoils its
parse), and later stages know it is one (:attr:`newsevents.records.Sentence.dateline`).
"""

from __future__ import annotations

import re
from typing import Any

PLACE = r"[A-Z][A-Z.'’]{2,}(?:[ /-][A-Z][A-Z.'’]+){0,3}"
DAY = r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
CREDIT = r"\((?P<credit>[^()\n]{2,40})\)"
DASH = r"\s*(?:[-–—]{1,2}|:)\s+"
DATELINE = re.compile(
    rf"\A\s*(?:(?P<place>{PLACE}){DAY}\s*(?:{CREDIT})?|{CREDIT.replace('credit', 'alone')}){DASH}"
)


def dateline_end(text: str) -> int | None:
    """Where the article's dateline ends (the first character of its first sentence), or
    None when it has none."""
    found = DATELINE.match(text)
    if found is None or not (found.group("place") or found.group("alone")):
        return None
    return found.end()


def mark_dateline(doc: Any) -> Any:
    """Make the dateline of an unparsed ``Doc`` a sentence of its own."""
    end = dateline_end(doc.text)
    if end is None:
        return doc
    for tok in doc[1:]:
        if tok.idx >= end:
            tok.is_sent_start = True
            break
        tok.is_sent_start = False
    return doc
