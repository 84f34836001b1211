"""Build newsevents/events/data/cameo_codes.tsv from the shared CAMEO and PLOVER references.

Reads (never copies) three reference files from ``../shared/reference/``:

- ``cameo_eventcodes.tsv``      CAMEO event code -> description (GDELT's lookup table)
- ``cameo_goldstein.tsv``       CAMEO event code -> Goldstein weight (GDELT's lookup table)
- ``cameo_to_plover_2021.txt``  CAMEO event code -> PLOVER type, mode, context (PLOVER 2021)

and writes one derived table: the codes, names, weights and class assignments are facts taken
from those files, re-arranged into the project's own format. Columns:

    cameo       the CAMEO code as a string (leading zeros kept): 2 digits for a root, 3-4 below
    root        its first two digits
    name        the code's description
    goldstein   GDELT's Goldstein weight (float)
    quad_class  1 (roots 01-05), 2 (06-08), 3 (09-13), 4 (14-20)
    plover      the PLOVER type under its current name, or empty
    plover_mode the PLOVER mode from the conversion table, or empty

Rules, in order:

1. Every code in cameo_eventcodes.tsv is written. Codes that the other two files know but
   the GDELT code list leaves out (106 "Demand meeting, negotiation"; 1213, 1214 "Reject
   judicial / intelligence cooperation") are written too, named from the comment in the
   conversion table.
2. A code without its own Goldstein weight (1213, 1214) takes its nearest parent's weight.
3. PLOVER type and mode come from the conversion table. Old PLOVER names are renamed to the
   current ones (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT,
   YIELD -> CONCEDE). A code the table leaves out inherits type and mode from its nearest
   parent that has one. Root 01 (statements) has no PLOVER type and stays empty.
4. Project decisions that override the 2021 table, each with its reason, are in
   PROJECT_OVERRIDES below (root 02 appeals -> REQUEST; 163 sanctions -> SANCTION).

Usage (from the repository root, with ../shared present):

    python tools/build_code_table.py [--reference DIR] [--output FILE]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUTPUT = REPO / "newsevents" / "events" / "data" / "cameo_codes.tsv"

CURRENT_PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
OLD_PLOVER_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE",
}

# code -> (plover type, plover mode, reason). Applied to the code and to every code below it
# that does not have its own entry in the conversion table.
PROJECT_OVERRIDES: dict[str, tuple[str, str, str]] = {
    "02": (
        "REQUEST",
        "",
        "the 2021 table omits CAMEO 02 (appeals); PLOVER's REQUEST covers 'all requests, "
        "demands, and orders', and the project's gold codes appeals as REQUEST",
    ),
    "163": (
        "SANCTION",
        "discontinue",
        "the 2021 table moves 163 (impose embargo, boycott, sanctions) to COERCE/restrict; "
        "DESIGN.md's event record and the project's gold code sanctions as SANCTION/discontinue",
    ),
}

COLUMNS = ("cameo", "root", "name", "goldstein", "quad_class", "plover", "plover_mode")
PLOVER_LINE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$")


@dataclass(frozen=True)
class PloverEntry:
    plover: str
    mode: str
    comment: str


def read_two_column_tsv(path: Path) -> dict[str, str]:
    """A headed two-column TSV as {first column: second column}, in file order."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return {row[0].strip(): row[1].strip() for row in rows[1:] if len(row) >= 2 and row[0]}


def current_plover_name(name: str) -> str:
    name = name.strip().upper()
    name = OLD_PLOVER_NAMES.get(name, name)
    if name and name not in CURRENT_PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type in conversion table: {name!r}")
    return name


def read_plover_table(path: Path) -> dict[str, PloverEntry]:
    """Parse lines like ``0841: RETREAT, release,   legal # Return, release person(s)``.

    The first entry for a code wins (the table lists root 08 twice: CONCEDE, then RETREAT,
    and 175 twice with the same content).
    """
    entries: dict[str, PloverEntry] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PLOVER_LINE.match(line.strip())
        if not match:
            continue
        code, fields, comment = match.group(1), match.group(2), match.group(3) or ""
        parts = [part.strip() for part in fields.split(",")]
        plover = current_plover_name(parts[0])
        mode = parts[1] if len(parts) > 1 else ""
        entries.setdefault(code, PloverEntry(plover, mode, comment.strip()))
    return entries


def parents(code: str) -> list[str]:
    """Nearest first: '0841' -> ['084', '08']; '084' -> ['08']; '08' -> []."""
    return [code[:length] for length in range(len(code) - 1, 1, -1)]


def quad_class(root: str) -> int:
    number = int(root)
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13:
        return 3
    return 4


def resolve_plover(code: str, table: dict[str, PloverEntry]) -> tuple[str, str]:
    """Own entry or override, else the nearest parent's (own entries beat parent overrides)."""
    for candidate in [code, *parents(code)]:
        if candidate in PROJECT_OVERRIDES:
            plover, mode, _reason = PROJECT_OVERRIDES[candidate]
            return plover, mode
        if candidate in table:
            entry = table[candidate]
            return entry.plover, entry.mode
    return "", ""


def resolve_goldstein(code: str, weights: dict[str, str]) -> float:
    for candidate in [code, *parents(code)]:
        if candidate in weights:
            return float(weights[candidate])
    raise ValueError(f"no Goldstein weight for CAMEO {code} or its parents")


def build_rows(reference: Path) -> list[dict[str, str]]:
    names = read_two_column_tsv(reference / "cameo_eventcodes.tsv")
    weights = read_two_column_tsv(reference / "cameo_goldstein.tsv")
    table = read_plover_table(reference / "cameo_to_plover_2021.txt")
    for code in [*weights, *table]:
        if code not in names:
            names[code] = table[code].comment if code in table else ""
    rows = []
    for code in sorted(names):  # string order: 02 < 020 < 021 < 0211 < 022
        if not names[code]:
            raise ValueError(f"CAMEO {code} has no name in any reference file")
        plover, mode = resolve_plover(code, table)
        rows.append(
            {
                "cameo": code,
                "root": code[:2],
                "name": names[code],
                "goldstein": f"{resolve_goldstein(code, weights):.1f}",
                "quad_class": str(quad_class(code[:2])),
                "plover": plover,
                "plover_mode": mode,
            }
        )
    return rows


def write_rows(rows: list[dict[str, str]], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not (args.reference / "cameo_eventcodes.tsv").is_file():
        print(f"error: reference files not found in {args.reference}", file=sys.stderr)
        return 1
    rows = build_rows(args.reference)
    write_rows(rows, args.output)
    print(f"wrote {len(rows)} codes to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
