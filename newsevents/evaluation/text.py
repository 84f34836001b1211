"""Finding gold evidence fragments in the coder's clean text and sentences.

Gold fragments are typed by people: quotes, dashes and spaces differ from the article.
Both sides are normalised (curly quotes to straight, dashes to '-', whitespace runs to one
space, lower case) and a map back to the original offsets is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n")
FUZZY_COVERAGE = 0.8
SHORT_LINE_WORDS = 4


@dataclass(frozen=True)
class NormalisedText:
    """A normalised string and, for each of its characters, the offset in the original."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the normalised [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(text: str) -> str:
    """Straight quotes and dashes, one space for any whitespace run, lower case."""
    return " ".join(text.translate(QUOTES).split()).lower()


def normalise_with_offsets(text: str) -> NormalisedText:
    chars: list[str] = []
    offsets: list[int] = []
    translated = text.translate(QUOTES)
    for position, char in enumerate(translated):
        if char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        chars.append(char.lower())
        offsets.append(position)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return NormalisedText("".join(chars), tuple(offsets))


def locate(fragment: str, text: NormalisedText) -> tuple[tuple[int, int], ...]:
    """Every [start, end) of ``fragment`` in the original text (empty when not there)."""
    needle = normalise(fragment).strip(" .,;:")
    if not needle:
        return ()
    spans = []
    start = text.text.find(needle)
    while start >= 0:
        spans.append(text.span(start, start + len(needle)))
        start = text.text.find(needle, start + 1)
    return tuple(spans)


def fuzzy_contains(fragment: str, sentence: str) -> bool:
    """True when the sentence holds the fragment, exactly after normalisation or with at
    least 80% of the fragment's words in matching runs."""
    needle, haystack = normalise(fragment).strip(" .,;:"), normalise(sentence)
    if not needle:
        return False
    if needle in haystack:
        return True
    needle_words, sentence_words = WORD.findall(needle), WORD.findall(haystack)
    if not needle_words:
        return False
    matcher = SequenceMatcher(None, needle_words, sentence_words, autojunk=False)
    covered = sum(block.size for block in matcher.get_matching_blocks())
    return covered / len(needle_words) >= FUZZY_COVERAGE


def overlaps(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (roughly: up to the nearest sentence ends) holding [start, end)."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    sentence_start = before[-1] if before else 0
    sentence_end = after.end() if after else len(text)
    return " ".join(text[sentence_start:sentence_end].split())


def line_present(line: str, text: str) -> bool:
    """True when a page-furniture line is still a line of the clean text: a line equal to
    it, or, for lines of four words or more, a line containing it."""
    needle = normalise(line)
    if not needle:
        return False
    long_line = len(needle.split()) >= SHORT_LINE_WORDS
    for candidate in text.splitlines():
        normal = normalise(candidate)
        if normal == needle or (long_line and needle in normal):
            return True
    return False


def contains_line(sentence: str, line: str) -> bool:
    """True when a sentence holds a page-furniture line (whole words, case as written)."""
    needle = " ".join(line.translate(QUOTES).split())
    if not needle:
        return False
    haystack = " ".join(sentence.translate(QUOTES).split())
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None
