"""Publication dates: from metadata strings and from datelines in the text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

import dateparser

from newsevents.data_files import load_lists

WORDS = load_lists("newsevents.clean", "dates.toml", {"months": Mapping[str, int]})
# Month names and the abbreviations news copy uses, to their numbers (data/dates.toml).
MONTH_NUMBERS: Mapping[str, int] = WORDS["months"]
MONTHS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))  # a regex alternation
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_TIME = r"(?:[\s,]+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
# "April 22, 2019 20:07", "Friday, January 4, 2019", "22 April 2019", "2019-04-22"
DATELINE = re.compile(
    r"^(?:(?:published|updated|posted|date)\s*(?:on)?:?\s*)?"
    + _WEEKDAY
    + rf"(?P<date>(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    + rf"|(?:\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}})"
    + r"|(?:\d{4}-\d{2}-\d{2}))"
    + _TIME
    + r"\s*$",
    re.IGNORECASE,
)
DATE_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
# Fast paths for the commonest spellings (dateline dates, Reuters-21578 metadata): the
# same date dateparser gives (tests/test_scale.py checks), without its ~5 ms per call.
# Anything else, and any day that does not exist, still goes to dateparser.
_FAST_DATES = (
    # "April 22, 2019", "Jan 4 2019", "March 1st, 2019"
    re.compile(
        r"(?P<month>[a-z]+)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I | re.A
    ),
    # "22 April 2019", "4 Jan, 2019"
    re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[a-z]+),?\s+(?P<year>\d{4})", re.I | re.A),
    # "26-FEB-1987 16:03:15.46" (Reuters-21578)
    re.compile(
        r"(?P<day>\d{1,2})-(?P<month>[a-z]{3})-(?P<year>\d{4})\s+\d{1,2}:\d{2}:\d{2}(?:\.\d{1,6})?",
        re.I | re.A,
    ),
)


def parse_date(value: str | None) -> date | None:
    """A publication date from a metadata string in any common format, or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    if not re.search(r"\d{4}", value):
        return None  # "Monday" or "yesterday" is not a publication date
    fast = _fast_date(value)
    if fast is not None:
        return fast
    parsed = dateparser.parse(value, languages=["en"], settings=DATE_SETTINGS)
    return parsed.date() if isinstance(parsed, datetime) else None


def _fast_date(value: str) -> date | None:
    """The date of ``value`` when it is spelt in one of the :data:`_FAST_DATES` ways and the
    day exists, else None (dateparser decides)."""
    for pattern in _FAST_DATES:
        match = pattern.fullmatch(value)
        if match is None:
            continue
        month = MONTH_NUMBERS.get(match.group("month").lower())
        year = int(match.group("year"))
        if month is None or not 1000 <= year:
            return None
        try:
            return date(year, month, int(match.group("day")))
        except ValueError:
            return None
    return None


def dateline_date(line: str) -> date | None:
    """The date of a line that is only a dateline ("April 22, 2019 20:07"), else None."""
    stripped = line.strip()
    if len(stripped) > 60:
        return None
    match = DATELINE.match(stripped)
    if not match:
        return None
    return parse_date(match.group("date").replace(".", ""))
