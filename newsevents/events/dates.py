"""The date of an event: from the clause's own date expression, resolved against the
article date, with its precision; else the article date with precision ``document``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from newsevents.clean.dates import MONTH_NUMBERS
from newsevents.data_files import load_lists
from newsevents.records import DatePrecision

WORDS = load_lists("newsevents.events", "dates.toml", {"weekdays": tuple[str, ...]})
# Month names and abbreviations to their numbers (the cleaner's table, clean/data/dates.toml);
# weekday names, Monday first (data/dates.toml).
MONTHS: Mapping[str, int] = MONTH_NUMBERS
WEEKDAYS: tuple[str, ...] = WORDS["weekdays"]
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
MONTH_DAY_YEAR = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.I)
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"(?:,?\s+(\d{4}))?\b", re.I)
MONTH_YEAR = re.compile(r"\b" + _MONTH + r"(?:,?\s+(\d{4}))?\b", re.I)
YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

Resolved = tuple[str, DatePrecision]


def resolve_date(expression: str, base: date | None) -> Resolved | None:
    """An ISO date and precision for a date expression, or None if it names no date."""
    text = expression.lower().strip()
    try:
        return (
            _iso(text)
            or _month_day(text, base)
            or _relative(text, base)
            or _weekday(text, base)
            or _month(text, base)
            or _year(text)
        )
    except (OverflowError, ValueError):
        return None  # "yesterday" of 0001-01-01, "tomorrow" of 9999-12-31: no such date


def document_date(base: date | None) -> Resolved:
    return (base.isoformat() if base else None, "document")  # type: ignore[return-value]


def _iso(text: str) -> Resolved | None:
    match = ISO.search(text)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat(), "day"
        except ValueError:
            return None
    return None


def _month_day(text: str, base: date | None) -> Resolved | None:
    match = MONTH_DAY_YEAR.search(text)
    if match:
        month, day, year = MONTHS[match.group(1)], int(match.group(2)), match.group(3)
    else:
        match = DAY_MONTH_YEAR.search(text)
        if not match:
            return None
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], match.group(3)
    if year is None and base is None:
        return None
    try:
        found = date(int(year) if year else base.year, month, day)  # type: ignore[union-attr]
    except ValueError:
        return None
    if year is None and base is not None and found > base + timedelta(days=7):
        found = found.replace(year=found.year - 1)  # "Feb. 24" in an April article: this year
    return found.isoformat(), "day"


def _relative(text: str, base: date | None) -> Resolved | None:
    if base is None:
        return None
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", text):
        return base.isoformat(), "day"
    if "yesterday" in text:
        return (base - timedelta(days=1)).isoformat(), "day"
    if "tomorrow" in text:
        return (base + timedelta(days=1)).isoformat(), "day"
    if re.search(r"\bthis month\b", text):
        return base.strftime("%Y-%m"), "month"
    if re.search(r"\blast month\b", text):
        previous = base.replace(day=1) - timedelta(days=1)
        return previous.strftime("%Y-%m"), "month"
    if re.search(r"\bthis year\b", text):
        return str(base.year), "year"
    if re.search(r"\blast year\b", text):
        return str(base.year - 1), "year"
    return None


def _weekday(text: str, base: date | None) -> Resolved | None:
    """The most recent such weekday on or before the article date ("on Friday")."""
    if base is None:
        return None
    for number, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            back = (base.weekday() - number) % 7
            if "next" in text:
                return (
                    base + timedelta(days=(number - base.weekday()) % 7 or 7)
                ).isoformat(), "day"
            if "last" in text and back == 0:
                back = 7
            return (base - timedelta(days=back)).isoformat(), "day"
    return None


def _month(text: str, base: date | None) -> Resolved | None:
    match = MONTH_YEAR.search(text)
    if not match or (match.group(1) == "may" and not match.group(2)):
        return None  # "may" alone is a modal far more often than a month
    month, year = MONTHS[match.group(1)], match.group(2)
    if year:
        return f"{int(year):04d}-{month:02d}", "month"
    if base is None:
        return None
    found_year = base.year if month <= base.month else base.year - 1
    return f"{found_year:04d}-{month:02d}", "month"


def _year(text: str) -> Resolved | None:
    match = YEAR.search(text)
    return (match.group(1), "year") if match else None
