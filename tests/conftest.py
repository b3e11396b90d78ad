"""Shared fixtures: a temporary watched folder and database, the seeds, and ../shared locations."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from flows.offline import quiet_network

quiet_network()

from flows.config import PROJECT_ROOT, Settings, load_settings  # noqa: E402

SEEDS = PROJECT_ROOT / "seeds"
SHARED = Path(os.environ.get("BRIEFING_TEST_SHARED") or PROJECT_ROOT.parent / "shared")  # tests of the skip set it

# Tests skipped because ../shared is absent: listed loudly at the end of the run (see pytest_terminal_summary).
SHARED_SKIPS: list[str] = []


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at an empty watched folder, database and reports folder under tmp_path."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    return load_settings(seeds_dir=seeds, db_path=tmp_path / "db" / "briefing.duckdb",
                         reports_dir=tmp_path / "reports", slack_token=None)


@pytest.fixture
def seeded_settings(settings: Settings) -> Settings:
    """Settings whose watched folder holds the four seed articles."""
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, settings.seeds_dir / path.name)
    return settings


@pytest.fixture(scope="session")
def prefect_server():
    """One test Prefect server (SQLite, temporary) for the whole session; flows run against it."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        SHARED_SKIPS.append(os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0])
        pytest.skip(f"{path} is absent: this test needs ../shared beside the repository")
    return path


def pytest_terminal_summary(terminalreporter) -> None:
    """Say loudly when the quality gate and the parsing facts on reference data did not run."""
    if not SHARED_SKIPS:
        return
    terminalreporter.section("QUALITY GATE NOT RUN: ../shared is absent", sep="!", red=True, bold=True)
    terminalreporter.line(f"{len(SHARED_SKIPS)} test(s) on the reference data were SKIPPED ({SHARED} not found):",
                          red=True, bold=True)
    for test in sorted(set(SHARED_SKIPS)):
        terminalreporter.line(f"  {test}", red=True)
    terminalreporter.line("Extraction quality was checked only by tests/test_seeds_gate.py (the seeds).", red=True)
