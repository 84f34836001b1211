"""Verb and noun patterns (data/patterns.jsonl; format in docs/patterns.md)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newsevents.errors import NewseventsError


@dataclass(frozen=True)
class Pattern:
    id: str
    cameo: str
    verb: str | None = None
    noun: str | None = None
    particle: str | None = None
    prep: str | None = None
    objects: tuple[str, ...] = ()
    not_objects: tuple[str, ...] = ()
    target: tuple[str, ...] = ("dobj",)
    target_required: bool = False
    order: int = 0  # position in the files: earlier wins a tie

    @property
    def specificity(self) -> int:
        """Points for what the pattern asks of the sentence, before the object and target
        are known (see docs/patterns.md, "Which pattern wins")."""
        return 4 * bool(self.prep) + 4 * bool(self.particle) + 2 * self.target_required


@dataclass(frozen=True)
class PatternIndex:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())


def pattern_from_json(raw: dict[str, object], order: int = 0) -> Pattern:
    target = raw["target"] if "target" in raw else ("dobj" if raw.get("verb") else ["of"])
    if isinstance(target, str):
        target = [target]
    return Pattern(
        id=str(raw.get("id") or raw.get("verb") or raw.get("noun")),
        cameo=str(raw["cameo"]),
        verb=_lower(raw.get("verb")),
        noun=_lower(raw.get("noun")),
        particle=_lower(raw.get("particle")),
        prep=_lower(raw.get("prep")),
        objects=tuple(str(o).lower() for o in raw.get("object") or ()),  # type: ignore[union-attr]
        not_objects=tuple(str(o).lower() for o in raw.get("not_object") or ()),  # type: ignore[union-attr]
        target=tuple(str(t) for t in target),  # type: ignore[union-attr]
        target_required=bool(raw.get("target_required")),
        order=order,
    )


def _lower(value: object) -> str | None:
    return str(value).lower() if value else None


def load_patterns(extra: Path | None = None) -> PatternIndex:
    """The bundled patterns, plus a user's file of the same format."""
    texts = [
        (
            "patterns.jsonl",
            (resources.files("newsevents.events") / "data" / "patterns.jsonl").read_text("utf-8"),
        )
    ]
    if extra is not None:
        # A user's file goes first: its patterns win ties, and one with a built-in id
        # replaces the built-in (docs/patterns.md, "Adding your own patterns").
        texts.insert(0, (str(extra), extra.read_text("utf-8")))
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    seen: set[str] = set()
    for origin, text in texts:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                pattern = pattern_from_json(json.loads(line), order=len(seen))
            except (json.JSONDecodeError, KeyError) as exc:
                raise NewseventsError("E014", path=origin, line=number, reason=str(exc)) from None
            if pattern.id in seen:
                continue  # a built-in pattern whose id a user's pattern took
            seen.add(pattern.id)
            if pattern.verb:
                verbs[pattern.verb].append(pattern)
            elif pattern.noun:
                nouns[pattern.noun].append(pattern)
    return PatternIndex(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
    )
