#!/usr/bin/env python3
"""Which offices the people knowledge base covers, and where it has gaps.

For each country it lists the holders of one kind of office (heads of state or of
government, foreign or defence ministers) found in newsevents/actors/data/people.jsonl
by their role titles, and the periods of more than 30 days that no holder covers:

    .venv/bin/python tools/office_coverage.py USA GBR --office state
    .venv/bin/python tools/office_coverage.py PRK --office defence --from 1980-01-01
    .venv/bin/python tools/office_coverage.py --all --office government --gaps-only

Titles are matched by patterns, so an office with an unusual title ("Leader of Libya")
shows as a gap; and a gap in "government" means nothing in a presidential system.
Extra files (--extra FILE, the same format) are read on top, for checking additions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "newsevents" / "actors" / "data"
OFFICES = {
    "state": re.compile(
        r"^(president|king|queen|emir|amir|sultan|supreme leader|grand duke|prince|monarch"
        r"|head of state|chairman of the (state|presidential|presidium)|general secretary)"
        r"|(president|king|queen|emir|sultan|monarch|head of state) of",
        re.IGNORECASE,
    ),
    "government": re.compile(
        r"^(prime minister|premier|chancellor|taoiseach|head of government|chief executive"
        r"|chairman of the council of ministers)|(prime minister|premier|head of government) of",
        re.IGNORECASE,
    ),
    "foreign": re.compile(
        r"foreign|external affairs|international relations|^secretary of state\b", re.IGNORECASE
    ),
    "defence": re.compile(r"defen[cs]e|armed forces|army minister", re.IGNORECASE),
}
NOT_THE_OFFICE = re.compile(
    r"vice|deputy|former|shadow|state secretary|parliamentary|junior|assistant|under"
    r"|first lady|chancellor of the exchequer"
    r"|president of the (senate|chamber|national assembly|parliament|european|assembly|court)",
    re.IGNORECASE,
)
MIN_GAP_DAYS = 30


def read_people(extra: list[Path]) -> dict[str, dict]:
    """People by entity id; later files replace earlier entries with the same id."""
    people: dict[str, dict] = {}
    for path in [DATA / "people.jsonl", *extra]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                person = json.loads(line)
                people[person["entity"]] = person
    return people


def holders(people: dict[str, dict], country: str, office: str) -> list[tuple[str, dict]]:
    """(name, role) of every role of ``office`` whose code belongs to ``country``."""
    pattern = OFFICES[office]
    found = []
    for person in people.values():
        for role in person.get("roles") or ():
            title = role.get("title", "")
            if not role["code"].startswith(country) or NOT_THE_OFFICE.search(title):
                continue
            if pattern.search(title) and not (
                office == "foreign" and OFFICES["defence"].search(title)
            ):
                found.append((person["name"], role))
    return sorted(found, key=lambda item: item[1].get("start") or "")


def gaps(roles: list[dict], start: date, end: date) -> list[tuple[date, date]]:
    """Periods of more than MIN_GAP_DAYS between ``start`` and ``end`` that no role covers."""
    spans = []
    for role in roles:
        first = date.fromisoformat(role["start"]) if role.get("start") else start
        last = date.fromisoformat(role["end"]) if role.get("end") else end
        if max(first, start) < min(last, end):
            spans.append((max(first, start), min(last, end)))
    found, covered_to = [], start
    for first, last in sorted(spans):
        if (first - covered_to).days > MIN_GAP_DAYS:
            found.append((covered_to, first))
        covered_to = max(covered_to, last)
    if (end - covered_to).days > MIN_GAP_DAYS:
        found.append((covered_to, end))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("countries", nargs="*", metavar="CODE", help="ISO3 codes (or --all)")
    parser.add_argument("--all", action="store_true", help="every country in countries.jsonl")
    parser.add_argument("--office", choices=sorted(OFFICES), default="state")
    parser.add_argument("--from", dest="start", type=date.fromisoformat, default=date(2000, 1, 1))
    parser.add_argument("--to", dest="end", type=date.fromisoformat, default=date.today())
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="FILE")
    parser.add_argument("--gaps-only", action="store_true", help="print countries with gaps only")
    args = parser.parse_args(argv)
    countries = args.countries
    if args.all:
        lines = (DATA / "countries.jsonl").read_text(encoding="utf-8").splitlines()
        countries = [json.loads(line)["country"] for line in lines]
    if not countries:
        parser.error("give country codes or --all")
    people = read_people(args.extra)
    for country in countries:
        found = holders(people, country, args.office)
        holes = gaps([role for _, role in found], args.start, args.end)
        if args.gaps_only and not holes:
            continue
        print(f"{country} {args.office}")
        if not args.gaps_only:
            for name, role in found:
                if (role.get("end") or "9999") >= args.start.isoformat():
                    print(f"  {role.get('start')} .. {role.get('end')}  {name} ({role['title']})")
        for first, last in holes:
            print(f"  GAP {first} .. {last}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
