"""Line-level removal of page furniture from scraped plain text.

Scraped articles carry ads, subscription appeals, share prompts, photo credits, tag lists
and "Related Content" blocks. Each rule here removes whole lines (or a credit inside a
line); everything else is kept as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
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
# A map or chart legend key: a colour swatch drawn with block characters, then its label
# ("██ Syrian opposition & Turkish occupation").
LEGEND_KEY = re.compile(r"^[\u2580-\u259f\u25a0\u25a1\u25fc\u25fe\u2b1b]+\s")
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
        or LEGEND_KEY.match(stripped)
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
    repeated_later = _RepeatedLater(lines)
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
        if is_furniture(stripped) or repeated_later(stripped, position):
            removed.append(stripped)
            continue
        kept.append(strip_credit(line) if stripped else "")
    return FurnitureResult(tuple(kept), tuple(removed))


def _ends_appeal(line: str) -> bool:
    return len(line) >= ARTICLE_PARAGRAPH_CHARS and not APPEAL_WORDS.search(line)


class _RepeatedLater:
    """Whether a line is repeated further down, whole or as the start of a longer line (a
    standfirst, a caption cut short): the later copy, in its context, is kept.

    Lines are sorted once, so the lines that start with a given line form one range of the
    sorted order; a sparse table gives the last position in any range. Each question costs
    O(log n), and a text of many lines is cleaned in O(n log n), not O(n^2).
    """

    MIN_CHARS = 30

    def __init__(self, lines: list[str]) -> None:
        keys = [line.lstrip() for line in lines]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        self.keys = [keys[i] for i in order]
        self.last = [order]  # last[k][i]: the greatest position among sorted i .. i + 2**k - 1
        width = 1
        while width * 2 <= len(order):
            previous = self.last[-1]
            self.last.append(
                [max(previous[i], previous[i + width]) for i in range(len(order) - 2 * width + 1)]
            )
            width *= 2

    def __call__(self, line: str, position: int) -> bool:
        if len(line) < self.MIN_CHARS:
            return False
        low = bisect_left(self.keys, line)
        high = low
        if ord(line[-1]) < 0x10FFFF:  # the first key past every key that starts with line
            high = bisect_left(self.keys, line[:-1] + chr(ord(line[-1]) + 1), low)
        else:
            while high < len(self.keys) and self.keys[high].startswith(line):
                high += 1
        if high <= low:
            return False
        level = (high - low).bit_length() - 1
        last = max(self.last[level][low], self.last[level][high - (1 << level)])
        return last > position
