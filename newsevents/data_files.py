"""Word lists and rule tables that a stage reads from its ``data/`` folder.

A stage module declares what its file must hold, one key each, with the Python type the
value comes back as, and loads it once::

    SCHEMA = {"speech_verbs": frozenset[str], "codes": Mapping[str, tuple[str, str]]}
    WORDS = load_lists("newsevents.events", "modality.toml", SCHEMA)
    SPEECH_VERBS = WORDS["speech_verbs"]

The file is TOML. Every key the schema names must be there, no other key may be, and
every value must have the declared type; anything else raises :class:`DataFileError`
naming the file and the key. Values come back immutable: ``frozenset[str]`` (a list
without repeats), ``tuple[...]``, ``Mapping[str, ...]`` (a read-only table), ``str``, ``int``.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, get_args, get_origin

__all__ = ["DataFileError", "Schema", "load_lists"]

Schema = Mapping[str, Any]


class DataFileError(ValueError):
    """A shipped data file does not match the schema its module declares."""


def load_lists(package: str, filename: str, schema: Schema) -> Mapping[str, Any]:
    """The values of ``package``'s ``data/filename``, checked against ``schema``."""
    return _load(package, filename, tuple(schema.items()))


@cache
def _load(package: str, filename: str, schema: tuple[tuple[str, Any], ...]) -> Mapping[str, Any]:
    origin = f"{package.replace('.', '/')}/data/{filename}"
    try:
        text = (resources.files(package) / "data" / filename).read_text("utf-8")
        raw = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{origin}: cannot read ({exc})") from None
    expected = dict(schema)
    unknown = sorted(set(raw) - set(expected))
    if unknown:
        raise DataFileError(f"{origin}: unknown key {unknown[0]!r} (expected: {sorted(expected)})")
    missing = sorted(set(expected) - set(raw))
    if missing:
        raise DataFileError(f"{origin}: missing key {missing[0]!r}")
    return MappingProxyType(
        {key: _convert(raw[key], kind, f"{origin}: key {key!r}") for key, kind in schema}
    )


def _convert(value: object, kind: Any, where: str) -> Any:
    """``value`` as ``kind``, or a DataFileError saying where it is not."""
    origin, args = get_origin(kind) or kind, get_args(kind)
    if origin in (str, int):
        if type(value) is not origin:  # bool is not an int here
            raise DataFileError(f"{where}: expected {origin.__name__}, got {_kind(value)}")
        return value
    if origin is frozenset:
        items = _items(value, where, args[0])
        repeated = sorted(item for item, count in Counter(items).items() if count > 1)
        if repeated:
            raise DataFileError(f"{where}: {repeated[0]!r} is listed twice")
        return frozenset(items)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_items(value, where, args[0]))
        items = _items(value, where, Any)
        if len(items) != len(args):
            raise DataFileError(f"{where}: expected {len(args)} items, got {len(items)}")
        return tuple(_convert(item, arg, where) for item, arg in zip(items, args, strict=True))
    if origin is Mapping:
        if not isinstance(value, dict):
            raise DataFileError(f"{where}: expected a table, got {_kind(value)}")
        return MappingProxyType(
            {name: _convert(item, args[1], f"{where}, {name!r}") for name, item in value.items()}
        )
    if kind is Any:
        return value
    raise TypeError(f"{where}: the schema type {kind!r} is not supported")


def _items(value: object, where: str, kind: Any) -> list[Any]:
    if not isinstance(value, list):
        raise DataFileError(f"{where}: expected a list, got {_kind(value)}")
    return [_convert(item, kind, where) for item in value]


def _kind(value: object) -> str:
    return {dict: "a table", list: "a list"}.get(type(value), type(value).__name__)
