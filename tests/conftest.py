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


# -- `make test-fast` ------------------------------------------------------------------------
# `make test-fast` runs `pytest -m "not slow"`. A test is slow when it starts processes that
# load the coder (the CLI on the samples, a Dask cluster, a server), drives a browser, kills
# processes, codes thousands of sentences, or scores the gold sets. Most slow tests carry
# @pytest.mark.slow in their file; the ones below are marked here, by a fixture they use
# (so that a renamed or new test stays marked) or by name.
SLOW_FIXTURES = {
    "cluster": "a Dask cluster of two workers",
    "one_process": "the samples ingested by the coder as it ships",
    "browser": "headless Chromium",
    "page": "headless Chromium",
}
SLOW_TESTS = {
    # each runs the coder in a subprocess (`newsevents code`, `ingest`, `actors code`: loads
    # spaCy and the model) or codes a text of thousands of sentences
    "test_cli.py": {
        "test_code_prints_event_records_field_for_field",
        "test_code_reads_text_argument_and_stores_nothing",
        "test_events_export_formats",
        "test_ingest_of_good_inputs_exits_zero_and_events_lists_them",
        "test_ingest_stores_each_article_once_and_reports_bad_inputs",
    },
    "test_actors.py": {"test_actors_commands_print_json_and_search"},
    "test_robustness.py": {"test_a_huge_single_line_is_coded_within_limits"},
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        names = SLOW_TESTS.get(item.path.name, set())
        fixtures = set(getattr(item, "fixturenames", ()))
        if getattr(item, "originalname", item.name) in names or fixtures & SLOW_FIXTURES.keys():
            item.add_marker(pytest.mark.slow)
