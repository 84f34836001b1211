"""Publication dates: from metadata strings and from datelines in the text."""

from __future__ import annotations

import re
from datetime import date, datetime

import dateparser

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
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
    parsed = dateparser.parse(value, languages=["en"], settings=DATE_SETTINGS)
    return parsed.date() if isinstance(parsed, datetime) else None


def dateline_date(line: str) -> date | None:
    """The date of a line that is only a dateline ("April 22, 2019 20:07"), else None."""
    stripped = line.strip()
    if len(stripped) > 60:
        return None
    match = DATELINE.match(stripped)
    if not match:
        return None
    return parse_date(match.group("date").replace(".", ""))
