"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent (and fail when
NEWSEVENTS_REQUIRE_SHARED=1, as .ci/run sets it, so the quality gate always runs in CI);
tests that need the spaCy model share one loaded Coder per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "newsevents" / "samples"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus" / "seeds").is_dir():
        if os.environ.get("NEWSEVENTS_REQUIRE_SHARED") == "1":
            pytest.fail("../shared is not present and NEWSEVENTS_REQUIRE_SHARED=1 (as in CI)")
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def coder():
    """The coder with the patterns alone: the rules' tests pin what the rules do."""
    from newsevents.api import Coder
    from newsevents.config import Settings

    return Coder.load(Settings(use_model=False))


@pytest.fixture(scope="session")
def shipped_coder(coder):
    """The coder as it ships: the patterns and the learned event model."""
    from dataclasses import replace

    from newsevents.events.learned import load_event_model

    model = load_event_model()
    if model is None:
        pytest.fail("no event model in the package (make model)")
    return replace(coder, model=model)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    """A store of the bundled sample articles (read it, or copy it before writing)."""
    from newsevents.config import Settings
    from newsevents.pipeline import run_ingest

    path = tmp_path_factory.mktemp("samples") / "samples.duckdb"
    run_ingest([str(SAMPLES)], Settings(db_path=path), coder=coder)
    return path
