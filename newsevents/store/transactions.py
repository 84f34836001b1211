"""The store's transaction and the Arrow tables it reads from during one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def transaction(con: Any) -> Iterator[Any]:
    """``BEGIN`` … ``COMMIT`` on the DuckDB connection ``con``; ``ROLLBACK`` and re-raise
    when the block fails, so that it is stored whole or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


@contextmanager
def registered(con: Any, name: str, table: Any) -> Iterator[str]:
    """The Arrow ``table`` visible to SQL on ``con`` as ``name`` inside the block."""
    con.register(name, table)
    try:
        yield name
    finally:
        con.unregister(name)
