"""Publication dates: from metadata strings and from datelines in the text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta

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


# -- publication dates that need a rule or a reference -------------------------------------

DateReading = tuple[date | None, str | None]  # (the date, or None; a warning line, or None)
# "10/11/2023", "10.11.2023", "10-11-23", "2023/10/11", with a time or zone after
NUMERIC_DATE = re.compile(
    r"(?P<a>\d{1,4})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})(?:[T\s,].*)?", re.A
)
# "yesterday", "today", "3 hours ago", "2 days ago", "a week ago", "last week"
RELATIVE_DATE = re.compile(
    r"(?:(?P<word>today|tonight|yesterday)"
    r"|(?P<count>\d+|an?|one)\s+(?P<unit>minute|hour|day|week|month|year)s?\s+ago"
    r"|last\s+(?P<last>week|month|year))",
    re.I | re.A,
)
DAYS_PER_UNIT = {"minute": 0, "hour": 0, "day": 1, "week": 7}  # months and years: too vague
# "2021-03-04_story.txt", "20210304-story.html", "/2021/03/04/story"
DATE_IN_NAME = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<sep>[-_/.]?)(?P<month>\d{2})(?P=sep)(?P<day>\d{2})(?!\d)"
)
# "NAIROBI, July 8 (Reuters) -", "WASHINGTON, March 3, 2021 —", "KYIV, Ukraine, Feb. 24 (AP) -"
WIRE_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z .'’/-]{1,40}?)(?:,\s*[A-Z][A-Za-z .]{1,30}?)?,\s+"
    rf"(?P<month>(?i:{MONTHS}))\.?\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?"
    r"\s*(?:\([A-Za-z .&]{1,30}\)\s*)?(?:-{1,2}|—|–)\s"
)


def read_date(
    value: str | None, dayfirst: bool = False, reference: date | None = None
) -> DateReading:
    """A metadata date with what the reader should know about it. All-number dates are
    read by a stated rule (a part above 12 is the day; else month first, with a warning,
    or day first with ``dayfirst``); relative ones ("yesterday", "2 days ago") count
    back from ``reference`` (the user's --date or the date in the file name) and are not
    resolved without one; an unreadable value gives no date and says so."""
    if not value or not value.strip():
        return None, None
    text = value.strip()
    numeric = NUMERIC_DATE.fullmatch(text)
    if numeric is not None and len(numeric.group("a")) <= 2:
        return _numeric_date(text, numeric, dayfirst)
    relative = RELATIVE_DATE.fullmatch(text)
    if relative is not None:
        return _relative_date(text, relative, reference)
    parsed = parse_date(text)
    if parsed is None:
        return None, f"published {text!r} is not a date newsevents can read"
    return parsed, None


def _numeric_date(text: str, match: re.Match[str], dayfirst: bool) -> DateReading:
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("c"))
    if year < 100:
        year += 2000 if year < 70 else 1900
    ambiguous = first <= 12 and second <= 12 and first != second
    if first > 12 or (ambiguous and dayfirst):
        day, month = first, second
    else:
        month, day = first, second
    try:
        found = date(year, month, day)
    except ValueError:
        return None, f"published {text!r} is not a date newsevents can read"
    if not ambiguous or dayfirst:
        return found, None
    other = date(year, day, month)
    return found, (
        f"published {text!r} read month first as {found.isoformat()} (day first it would be"
        f" {other.isoformat()}; give --dayfirst to read such dates day first)"
    )


def _relative_date(text: str, match: re.Match[str], reference: date | None) -> DateReading:
    word, unit = (match.group("word") or "").lower(), (match.group("unit") or "").lower()
    days = 1 if word == "yesterday" else 0 if word else DAYS_PER_UNIT.get(unit)
    if match.group("last"):
        days = DAYS_PER_UNIT.get(match.group("last").lower())
    if days is not None and unit:
        count = match.group("count").lower()
        days *= 1 if count in ("a", "an", "one") else int(count)
    if days is None:
        return None, f"published {text!r} is too vague to date the article"
    if reference is None:
        return None, (
            f"published {text!r} is relative and nothing says to what"
            " (give --date, or a date in the file name)"
        )
    return reference - timedelta(days=days), None


def date_in_name(name: str | None) -> date | None:
    """The date a file name or URL carries ("2021-03-04_story.txt", "20210304-x.html",
    ".../2021/03/04/story"), or None."""
    for match in DATE_IN_NAME.finditer(name or ""):
        try:
            return date(
                int(match.group("year")), int(match.group("month")), int(match.group("day"))
            )
        except ValueError:
            continue
    return None


def wire_dateline(line: str) -> tuple[int, int, int | None, str] | None:
    """(month, day, year or None, the dateline's words) of a wire-style dateline opening
    ``line`` ("NAIROBI, July 8 (Reuters) - ..."), else None."""
    match = WIRE_DATELINE.match(line.strip())
    if match is None:
        return None
    month = MONTH_NUMBERS.get(match.group("month").lower())
    if month is None:
        return None
    year = match.group("year")
    said = match.group(0).rstrip(" -—–").strip()
    return month, int(match.group("day")), int(year) if year else None, said


def date_near(month: int, day: int, reference: date) -> date | None:
    """The date with this month and day nearest ``reference`` (a dateline without a year:
    "July 8" in a file dated 2021-07-09 is 2021-07-08; in one dated 2022-01-02, 2021-07-08
    would be six months back and 2022-07-08 six months ahead: the nearer wins)."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - reference).days), default=None)
