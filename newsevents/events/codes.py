"""CAMEO code facts: names, Goldstein weights, QuadClass, PLOVER type and mode."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class CodeInfo:
    cameo: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None


def load_codes() -> dict[str, CodeInfo]:
    """Every CAMEO code of the bundled table (data/cameo_codes.tsv), by code."""
    text = (resources.files("newsevents.events") / "data" / "cameo_codes.tsv").read_text("utf-8")
    codes = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        codes[row["cameo"]] = CodeInfo(
            cameo=row["cameo"],
            root=row["root"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=row["plover"] or None,
            plover_mode=row["plover_mode"] or None,
        )
    return codes


def quad_class_of(cameo: str) -> int:
    """QuadClass by root: 01-05 verbal cooperation, 06-08 material cooperation,
    09-13 verbal conflict, 14-20 material conflict."""
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
