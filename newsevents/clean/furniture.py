"""Line-level removal of page furniture from scraped plain text.

Scraped articles carry ads, subscription appeals, share prompts, photo credits, tag lists
and "Related Content" blocks. Each rule here removes whole lines (or a credit inside a
line); everything else is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that is only one of these is furniture.
FURNITURE_LINES = re.compile(
    r"^(?:advertisements?|advertisement\s*-\s*scroll to continue|sponsored(?: content)?|ad"
    r"|leave a (?:reply|comment)|share(?: this(?: article)?)?:?|tweet|print|email|comments?"
    r"|continue reading|read more|click here|subscribe(?: now)?|sign up|log ?in|skip to content"
    r"|thank you,?|dear (?:reader|readers|subscriber|subscribers),?|follow us|loading\W*"
    r"|\d+\s*(?:min|minute|minutes)\s+read\.?|listen to (?:this )?article|story continues below)$",
    re.IGNORECASE,
)
# Lines that start like a prompt, an appeal or a credit.
FURNITURE_PREFIXES = re.compile(
    r"^(?:join the conversation|trending on |join [\w .]+ (?:premium|plus|now)"
    r"|(?:sign up|subscribe) (?:for|to|now|today)|follow us on|like us on"
    r"|(?:photo|image|picture) (?:credit|courtesy)s?:|all rights reserved|copyright ©|©"
    r"|(?:uncategorized|tags|filed under|categories|posted in)\b[\s,:]*(?:,|$))",
    re.IGNORECASE,
)
CLICK_HERE = re.compile(r"click here\s*>*\s*$", re.IGNORECASE)
ONLY_PUNCTUATION = re.compile(r"^[\W_]+$")
PHOTO_CREDIT = re.compile(
    r"\s*\((?:photo|image|picture)(?: credit)?s?:[^)]*\)\s*$|\s*(?:photo|image): [A-Z][^.]*$",
    re.IGNORECASE,
)
# Everything from one of these headings on is not the article.
END_HEADINGS = re.compile(
    r"^(?:related (?:content|articles?|stories|posts|coverage|news|reading)|more from [\w .]+"
    r"|you (?:may|might) also like|recommended(?: for you)?|read next|most (?:popular|read)"
    r"|more stories|also read|trending now|latest news)\s*:?$",
    re.IGNORECASE,
)
APPEAL_START = re.compile(r"^dear (?:reader|readers|subscriber|subscribers),?$", re.IGNORECASE)
APPEAL_WORDS = re.compile(
    r"subscri|paywall|journalism|readers?\b|premium|support us|donat|\bads\b|ad-free|\$\d"
    r"|membership|newsletter",
    re.IGNORECASE,
)
APPEAL_MAX_LINES = 30
ARTICLE_PARAGRAPH_CHARS = 160


@dataclass(frozen=True)
class FurnitureResult:
    kept: tuple[str, ...]
    removed: tuple[str, ...]


def is_furniture(line: str) -> bool:
    """True when a whole line is page furniture."""
    stripped = line.strip()
    if not stripped:
        return False
    return bool(
        FURNITURE_LINES.match(stripped)
        or FURNITURE_PREFIXES.match(stripped)
        or (len(stripped) < 200 and CLICK_HERE.search(stripped))
        or ONLY_PUNCTUATION.match(stripped)
    )


def strip_credit(line: str) -> str:
    """A caption without its trailing photo credit ("... (photo credit: REUTERS)")."""
    if not PHOTO_CREDIT.search(line):
        return line
    return PHOTO_CREDIT.sub("", line).rstrip(". ") + "."


def remove_furniture(lines: list[str]) -> FurnitureResult:
    """Split lines into article text and furniture; paragraphs keep their blank lines."""
    kept: list[str] = []
    removed: list[str] = []
    appeal_left = 0
    for position, line in enumerate(lines):
        stripped = line.strip()
        if END_HEADINGS.match(stripped):
            removed.extend(x for x in lines[position:] if x.strip())
            break
        if APPEAL_START.match(stripped):
            appeal_left = APPEAL_MAX_LINES
        if appeal_left and stripped:
            if _ends_appeal(stripped):
                appeal_left = 0
            else:
                appeal_left -= 1
                removed.append(stripped)
                continue
        if is_furniture(stripped) or _repeated_later(stripped, lines, position):
            removed.append(stripped)
            continue
        kept.append(strip_credit(line) if stripped else "")
    return FurnitureResult(tuple(kept), tuple(removed))


def _ends_appeal(line: str) -> bool:
    return len(line) >= ARTICLE_PARAGRAPH_CHARS and not APPEAL_WORDS.search(line)


def _repeated_later(line: str, lines: list[str], position: int) -> bool:
    """A line repeated further down, whole or as the start of a longer line (a standfirst,
    a caption cut short): the later copy, in its context, is kept."""
    return len(line) >= 30 and any(
        other.lstrip().startswith(line) for other in lines[position + 1 :]
    )
