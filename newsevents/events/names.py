"""Names beside codes: CAMEO codes and actor codes in words, for tables, exports, the HTTP
API and the web page.

The words come from the coder's own tables: CAMEO names from ``data/cameo_codes.tsv``
(:func:`~newsevents.events.codes.load_codes`), actor names from the knowledge base
(:mod:`newsevents.actors.names`). Names are added, never put in place of a code: a record
gains ``cameo_name`` and each actor its ``code_name``; a table gains the columns
``cameo_name``, ``source_code_name`` and ``target_code_name`` after all of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

import pyarrow as pa

from newsevents.actors.names import ActorNames, bundled_actor_names
from newsevents.events.codes import load_codes

ACTOR_ROLES = ("source", "target", "attributed_to")
NAME_COLUMNS = ("cameo_name", "source_code_name", "target_code_name")


@dataclass(frozen=True)
class Names:
    """CAMEO code names and actor code names."""

    cameo: Mapping[str, str]
    actors: ActorNames

    def cameo_name(self, code: str | None) -> str | None:
        return self.cameo.get(code) if code else None

    def actor_name(self, code: str | None) -> str | None:
        return self.actors.describe(code)

    def name_record(self, record: dict[str, Any]) -> dict[str, Any]:
        """The event record (a JSON dict) with ``cameo_name`` and each actor's
        ``code_name`` added; the record's own fields are left as they are."""
        named = {**record, "cameo_name": self.cameo_name(record.get("cameo"))}
        for role in ACTOR_ROLES:
            actor = record.get(role)
            if actor:
                named[role] = {**actor, "code_name": self.actor_name(actor.get("code"))}
        return named

    def name_table(self, table: pa.Table) -> pa.Table:
        """The events table with the columns of :data:`NAME_COLUMNS` added at the end
        (columns it lacks the codes for are left out)."""
        sources = (
            ("cameo_name", "cameo", self.cameo_name),
            ("source_code_name", "source_code", self.actor_name),
            ("target_code_name", "target_code", self.actor_name),
        )
        for column, code_column, name_of in sources:
            if code_column in table.column_names and column not in table.column_names:
                names = _names_of(table[code_column].to_pylist(), name_of)
                table = table.append_column(column, pa.array(names, type=pa.string()))
        return table


def actor_label(name: str | None, code_name: str | None) -> str:
    """An actor in words for a table cell: the code's name, with the actor's own name
    in front when it says more ("Joe Biden · United States (government)")."""
    if name and code_name and name not in code_name:
        return f"{name} · {code_name}"
    return code_name or name or ""


def _names_of(codes: list[str | None], name_of: Any) -> list[str | None]:
    known = {code: name_of(code) for code in set(codes)}  # a few codes, many rows
    return [known[code] for code in codes]


def _sentence_case(name: str) -> str:
    """The code table writes root names in capitals ("REDUCE RELATIONS")."""
    return name.capitalize() if name.isupper() else name


@cache
def bundled_names() -> Names:
    """The names of the bundled code table and knowledge base, loaded once."""
    cameo = {code: _sentence_case(info.name) for code, info in load_codes().items()}
    return Names(MappingProxyType(cameo), bundled_actor_names())
