"""Alert rules: a small TOML file (docs/watch.md), checked when it loads. An unknown key,
an unknown kind, a missing or mistyped value is an error naming the rule and the key
(E024), never a condition silently ignored.

    webhook = "https://example.org/hook"     # optional: each alert is POSTed here as JSON

    [[rule]]
    name = "usa-irn-conflict"
    kind = "surge"                           # surge | first | new-pair
    dyad = ["USA", "IRN"]                    # or actor = "USA"
    quad_class = 4
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.errors import NewseventsError
from newsevents.records import MODALITIES

CODE = re.compile(r"^(\d{2,4}|[A-Za-z]{3,12})$")
ACTOR = re.compile(r"^\S+$")  # a code (USA, IRNMIL, ---GOV) or an entity id (org:irgc)
KINDS = ("surge", "first", "new-pair")
PERIODS = ("day", "week", "month")
LEVELS = ("country", "code")
COMMON_KEYS = {"name": str, "kind": str, "modality": str}
KIND_KEYS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "surge": {
        "actor": str,
        "dyad": list,
        "quad_class": int,
        "by": str,
        "window": int,
        "alpha": (float, int),
        "min_count": int,
        "min_history": int,
    },
    "first": {"code": str, "actor": str},
    "new-pair": {"actor": str, "level": str},
}
TOP_KEYS = {"webhook", "rule"}


@dataclass(frozen=True)
class SurgeRule:
    """An actor's (or a dyad's) events of one QuadClass, in the latest period, far above
    its own baseline (the surge test of ``newsevents surges``)."""

    name: str
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    quad_class: int | None = None
    by: str = "week"
    window: int = 8
    alpha: float = 0.001
    min_count: int = 3
    min_history: int = 3
    modality: str | None = "asserted"
    kind: str = "surge"


@dataclass(frozen=True)
class FirstRule:
    """The first event ever stored of a code (CAMEO code or prefix, or PLOVER type),
    optionally with ``actor`` as its source or target."""

    name: str
    code: str
    actor: str | None = None
    modality: str | None = "asserted"
    kind: str = "first"


@dataclass(frozen=True)
class NewPairRule:
    """A pair of actors (either direction) that no earlier event joined, optionally only
    pairs with ``actor`` in them; ``level`` country or full code."""

    name: str
    actor: str | None = None
    level: str = "country"
    modality: str | None = "asserted"
    kind: str = "new-pair"


Rule = SurgeRule | FirstRule | NewPairRule


@dataclass(frozen=True)
class AlertRules:
    rules: tuple[Rule, ...] = ()
    webhook: str | None = None
    path: Path | None = field(default=None, compare=False)


def load_rules(path: Path) -> AlertRules:
    """The rules of a TOML file; E024 naming the rule and the key for anything wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NewseventsError("E024", path=path, where="file", reason=exc.strerror) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise NewseventsError("E024", path=path, where="TOML", reason=str(exc)) from None
    return parse_rules(data, path)


def parse_rules(data: dict[str, Any], path: Path) -> AlertRules:
    def fail(where: str, reason: str) -> NewseventsError:
        return NewseventsError("E024", path=path, where=where, reason=reason)

    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise fail("top level", f"unknown key {unknown[0]!r} (known: rule, webhook)")
    webhook = data.get("webhook")
    if webhook is not None and not (
        isinstance(webhook, str) and webhook.startswith(("http://", "https://"))
    ):
        raise fail("webhook", "must be an http:// or https:// URL")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise fail("rule", "write each rule as a [[rule]] table")
    rules = tuple(_rule(table, number, fail) for number, table in enumerate(tables, start=1))
    names = [rule.name for rule in rules]
    for name in names:
        if names.count(name) > 1:
            raise fail(f"rule {name!r}", "two rules have this name")
    return AlertRules(rules, webhook, path)


def _rule(table: dict[str, Any], number: int, fail: Any) -> Rule:
    name = table.get("name")
    where = f"rule {number}" + (f" ({name})" if isinstance(name, str) else "")
    kind = table.get("kind")
    if kind not in KINDS:
        raise fail(where, f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    allowed = {**COMMON_KEYS, **KIND_KEYS[kind]}
    for key, value in table.items():
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise fail(where, f"unknown key {key!r} for a {kind} rule (known: {known})")
        if not isinstance(value, allowed[key]) or isinstance(value, bool):
            raise fail(where, f"{key} has the wrong type ({type(value).__name__})")
    if not isinstance(name, str) or not name.strip():
        raise fail(where, "every rule needs a name")
    for actor in [table.get("actor"), *(table.get("dyad") or ())]:
        if actor is not None and not (isinstance(actor, str) and ACTOR.match(actor)):
            raise fail(where, f"{actor!r} is no actor: a code (USA, IRNMIL) or an entity id")
    if table.get("min_count", 1) < 1:
        raise fail(where, "min_count must be at least 1")
    values = {k: v for k, v in table.items() if k not in ("kind",)}
    values["modality"] = _modality(values.get("modality", "asserted"), where, fail)
    if kind == "surge":
        return _surge(values, where, fail)
    if kind == "first":
        if not CODE.match(str(values.get("code", ""))):
            raise fail(where, "code must be a CAMEO code or prefix (18, 190) or a PLOVER type")
        return FirstRule(**values)
    _choice(values.get("level", "country"), LEVELS, "level", where, fail)
    return NewPairRule(**values)


def _surge(values: dict[str, Any], where: str, fail: Any) -> SurgeRule:
    dyad = values.pop("dyad", None)
    if (dyad is None) == ("actor" not in values):
        raise fail(where, "a surge rule needs an actor or a dyad (one of them)")
    if dyad is not None:
        if len(dyad) != 2 or not all(isinstance(a, str) and a for a in dyad):
            raise fail(where, 'dyad must be two actors, such as ["USA", "IRN"]')
        values["dyad"] = (dyad[0], dyad[1])
    if values.get("quad_class", 1) not in (1, 2, 3, 4):
        raise fail(where, "quad_class must be 1, 2, 3 or 4")
    _choice(values.get("by", "week"), PERIODS, "by", where, fail)
    if values.get("window", 8) < 1 or not 1 <= values.get("min_history", 3) <= values.get(
        "window", 8
    ):
        raise fail(where, "window must be at least 1 and min_history from 1 to window")
    if not 0 < values.get("alpha", 0.001) < 1:
        raise fail(where, "alpha must be between 0 and 1")
    if "alpha" in values:
        values["alpha"] = float(values["alpha"])
    return SurgeRule(**values)


def _modality(value: str, where: str, fail: Any) -> str | None:
    _choice(value, (*MODALITIES, "all"), "modality", where, fail)
    return None if value == "all" else value


def _choice(value: str, choices: tuple[str, ...], key: str, where: str, fail: Any) -> None:
    if value not in choices:
        raise fail(where, f"{key} must be one of {', '.join(choices)}, not {value!r}")
