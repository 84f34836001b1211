"""Verb and noun patterns (data/patterns.jsonl; format in docs/patterns.md).

Every line of a pattern file is checked against :class:`PatternSchema` when it loads: an
unknown key, a value of the wrong type, a missing key or a CAMEO code that
data/cameo_codes.tsv does not know stops the load with the file, the line and the key, so
that a typo ("objects") cannot silently switch a condition off.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from newsevents.errors import NewseventsError
from newsevents.events.codes import load_codes

ID_FORMAT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WORD_FORMAT = re.compile(r"^[a-z][a-z0-9.'-]*$")  # a lowercase lemma: "impose", "u.s."
TARGET_SLOTS = ("dobj", "iobj")


@dataclass(frozen=True)
class Example:
    """A pattern's example sentence and the actor phrases its event should have."""

    text: str
    source: str
    target: str | None


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
    example: Example | None = None

    @property
    def specificity(self) -> int:
        """Points for what the pattern asks of the sentence, before the object and target
        are known (see docs/patterns.md, "Which pattern wins")."""
        return 4 * bool(self.prep) + 4 * bool(self.particle) + 2 * self.target_required

    @property
    def trigger(self) -> str:
        """The trigger lemma (the verb or the noun)."""
        return self.verb or self.noun or ""


@dataclass(frozen=True)
class PatternIndex:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def in_order(self) -> list[Pattern]:
        """Every pattern, in the order the files give them (a user's file first)."""
        found = [p for group in (*self.verbs.values(), *self.nouns.values()) for p in group]
        return sorted(found, key=lambda p: p.order)


class PatternSchema(BaseModel):
    """One line of a pattern file (the table in docs/patterns.md)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    id: str
    cameo: str
    verb: str | None = None
    noun: str | None = None
    particle: str | None = None
    prep: str | None = None
    object: list[str] | None = None
    not_object: list[str] | None = None
    target: str | list[str]
    target_required: bool = False
    example: str
    example_source: str
    example_target: str | None
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _kebab_case(cls, value: str) -> str:
        if not ID_FORMAT.match(value):
            raise ValueError("must be lowercase-kebab-case")
        return value

    @field_validator("verb", "noun", "particle", "prep")
    @classmethod
    def _one_word(cls, value: str | None) -> str | None:
        if value is not None and not WORD_FORMAT.match(value):
            raise ValueError(f"{value!r} is not one lowercase lemma")
        return value

    @field_validator("object", "not_object")
    @classmethod
    def _lemmas(cls, value: list[str] | None) -> list[str] | None:
        for entry in value or ():
            if not all(WORD_FORMAT.match(word) for word in entry.split(" ")):
                raise ValueError(f"{entry!r} is not lowercase lemmas")
        return value

    @field_validator("target")
    @classmethod
    def _target_spec(cls, value: str | list[str]) -> str | list[str]:
        for spec in _as_list(value):
            if not (spec in TARGET_SLOTS or (spec.isalpha() and spec.islower())):
                raise ValueError(f"{spec!r} is neither dobj, iobj nor a preposition")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> PatternSchema:
        if (self.verb is None) == (self.noun is None):
            raise ValueError("keys 'verb' and 'noun': give exactly one")
        targets = _as_list(self.target)
        if self.noun is not None and self.particle is not None:
            raise ValueError("key 'particle': a noun pattern takes none")
        if self.noun is not None and set(targets) & set(TARGET_SLOTS):
            raise ValueError("key 'target': a noun pattern's target is prepositions")
        for key in ("example_source", "example_target"):
            phrase = getattr(self, key)
            if phrase is not None and phrase not in self.example:
                raise ValueError(f"key {key!r}: {phrase!r} is not in the example")
        if self.target_required and self.example_target is None:
            raise ValueError("key 'target_required': true, but example_target is null")
        return self


def pattern_from_json(raw: object, codes: Iterable[str], order: int = 0) -> Pattern:
    """A pattern from one parsed line; raises ValueError naming the key that is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("a pattern is a JSON object")
    try:
        schema = PatternSchema.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(_first_problem(exc)) from None
    if schema.cameo not in codes:
        raise ValueError(f"key 'cameo': {schema.cameo!r} is not in cameo_codes.tsv")
    return Pattern(
        id=schema.id,
        cameo=schema.cameo,
        verb=schema.verb,
        noun=schema.noun,
        particle=schema.particle,
        prep=schema.prep,
        objects=tuple(schema.object or ()),
        not_objects=tuple(schema.not_object or ()),
        target=tuple(_as_list(schema.target)),
        target_required=schema.target_required,
        order=order,
        example=Example(schema.example, schema.example_source, schema.example_target),
    )


PROBLEM_WORDS: dict[str, str] = {
    "extra_forbidden": "unknown key",
    "missing": "missing key",
}


def _as_list(value: str | list[str]) -> list[str]:
    """A key that takes one string or a list of them, as a list."""
    return [value] if isinstance(value, str) else value


def _first_problem(exc: ValidationError) -> str:
    """ "key 'objects': unknown key" from pydantic's first error."""
    error = exc.errors()[0]
    location = error["loc"]
    if not location:  # the checks across keys name their keys themselves
        return error["msg"].removeprefix("Value error, ")
    if len(location) > 1 and location[1] in ("str", "list[str]"):  # `str | list[str]`
        return f"key {location[0]!r}: should be a string or a list of strings"
    message = PROBLEM_WORDS.get(error["type"], error["msg"].removeprefix("Value error, "))
    return f"key {location[0]!r}: {message}"


def load_patterns(extra: Path | None = None, builtin: bool = True) -> PatternIndex:
    """The bundled patterns (unless ``builtin`` is false), plus a user's file of the same
    format. A line that breaks the schema raises NewseventsError (E002) naming the file, the
    line and the key."""
    texts = []
    if builtin:
        bundled = resources.files("newsevents.events") / "data" / "patterns.jsonl"
        texts.append(("patterns.jsonl", bundled.read_text("utf-8")))
    if extra is not None:
        # A user's file goes first: its patterns win ties, and one with a built-in id
        # replaces the built-in (docs/patterns.md, "Adding your own patterns").
        texts.insert(0, (str(extra), extra.read_text("utf-8")))
    codes = set(load_codes())
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    seen: set[str] = set()
    for origin, text in texts:
        ids_here: set[str] = set()
        for number, line in _lines(text):
            try:
                pattern = pattern_from_json(json.loads(line), codes, order=len(seen))
            except json.JSONDecodeError as exc:
                raise _bad_line(origin, number, exc.msg) from None
            except ValueError as exc:
                raise _bad_line(origin, number, str(exc)) from None
            if pattern.id in ids_here:
                raise _bad_line(origin, number, f"key 'id': {pattern.id!r} is used twice")
            ids_here.add(pattern.id)
            if pattern.id in seen:
                continue  # a built-in pattern whose id a user's pattern took
            seen.add(pattern.id)
            (verbs[pattern.verb] if pattern.verb else nouns[pattern.trigger]).append(pattern)
    return PatternIndex(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
    )


def _bad_line(origin: str, number: int, reason: str) -> NewseventsError:
    return NewseventsError("E002", path=origin, reason=f"line {number}: {reason}")


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """(line number, line) of the lines that hold a pattern: not blank, not a # comment."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line
