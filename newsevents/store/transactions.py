"""The store's transaction and the Arrow tables it reads from during one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
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
    """The Arrow ``table`` visible to SQL on ``con`` as ``name`` inside the block. When
    the block fails inside a transaction, DuckDB refuses to unregister until the rollback;
    the block's own error is the one raised (registering the name again replaces it)."""
    con.register(name, table)
    try:
        yield name
    except BaseException:
        with suppress(Exception):
            con.unregister(name)
        raise
    con.unregister(name)
