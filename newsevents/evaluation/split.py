"""The tune/check split of every development set.

Each gold record (a document, a sentence, a span row, an actor case) falls in one half by a
hash of its id, so the split never changes when records are added or reordered. Work from
the **tune** half's errors; read only the **check** half's figures: the difference between
the two is how far the coder is fitted to what it has seen.

    >>> half_of("wn19-6")
    'check'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from newsevents.evaluation.gold import ActorGold, DocumentGold, GoldSet, SentenceGold
from newsevents.evaluation.spans import SpanGold

Split = Literal["tune", "check", "all"]
SPLITS: tuple[Split, ...] = ("tune", "check", "all")


def half_of(key: str) -> Literal["tune", "check"]:
    """The half a record id falls in: the parity of the first 8 hex digits of its SHA-256."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return "tune" if int(digest[:8], 16) % 2 == 0 else "check"


def in_split(key: str, split: Split) -> bool:
    return split == "all" or half_of(key) == split


def split_gold(gold: GoldSet, split: Split) -> GoldSet:
    """The records of ``gold`` in ``split``; its name says which half it is."""
    if split == "all":
        return gold
    name = f"{gold.name} [{split}]"
    if isinstance(gold, DocumentGold):
        documents = tuple(d for d in gold.documents if in_split(d.doc_id, split))
        return replace(gold, name=name, documents=documents)
    if isinstance(gold, SentenceGold):
        sentences = tuple(s for s in gold.sentences if in_split(s.record_id, split))
        return replace(gold, name=name, sentences=sentences)
    if isinstance(gold, SpanGold):
        rows = tuple(r for r in gold.rows if in_split(r.split_key, split))
        return replace(gold, name=name, rows=rows)
    if isinstance(gold, ActorGold):
        cases = tuple(c for c in gold.cases if in_split(c.case_id, split))
        return replace(gold, name=name, cases=cases)
    raise TypeError(f"not a gold set: {type(gold).__name__}")


def record_keys(gold: GoldSet) -> Callable[[str], str]:
    """The split key of an error's record id (span rows split by sentence, not by row)."""
    if isinstance(gold, SpanGold):
        keys = {row.record_id: row.split_key for row in gold.rows}
        return lambda record: keys.get(record, record)
    return lambda record: record
