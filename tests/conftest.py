"""Shared fixtures: a temporary watched folder and database, the seeds, and ../shared locations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.offline import quiet_network

quiet_network()

from flows.config import PROJECT_ROOT, Settings, load_settings  # noqa: E402

SEEDS = PROJECT_ROOT / "seeds"
SHARED = PROJECT_ROOT.parent / "shared"


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
        pytest.skip(f"{path} is absent: this test needs ../shared beside the repository")
    return path
