"""newsevents: turn news articles into political event data.

The public API is small: :func:`code_text` codes one text, :func:`ingest_paths` stores a
corpus, and :class:`Store` reads it back. The CLI is a thin shell over these. Names are
imported lazily so that ``import newsevents`` stays fast.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

_LAZY = {
    "code_text": "newsevents.api",
    "ingest_paths": "newsevents.api",
    "Settings": "newsevents.config",
    "Store": "newsevents.store",
}

__all__ = ["Settings", "Store", "__version__", "code_text", "ingest_paths"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
