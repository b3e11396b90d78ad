"""One settings object for the whole service: environment (BRIEFING_*) first, CLI flags on top."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where things live and how the service behaves; every field has a working default."""

    model_config = SettingsConfigDict(env_prefix="BRIEFING_", extra="ignore")

    seeds_dir: Path = Field(PROJECT_ROOT / "seeds", description="The watched folder of article files.")
    db_path: Path = Field(PROJECT_ROOT / "data" / "briefing.duckdb", description="The DuckDB database file.")
    reports_dir: Path = Field(PROJECT_ROOT / "reports", description="Where daily reports are written.")
    timezone: str = Field("UTC", description="IANA timezone that defines 'a day' for summaries.")
    max_file_bytes: int = Field(5 * 1024 * 1024, description="Files larger than this are rejected.")
    batch_size: int = Field(64, description="Documents per extraction/load batch.")
    n_process: int = Field(1, description="spaCy worker processes for extraction.")
    slack_token: str | None = Field(None, description="Slack bot token; unset means Slack is not configured.")
    slack_channel: str = Field("#briefing", description="Channel for the daily summary.")
    slack_base_url: str | None = Field(None, description="Slack API base URL (tests point it at a stand-in).")
    summary_cron: str = Field("0 7 * * *", description="Cron for the daily-summary deployment.")
    task_runner: str = Field("thread", description="'thread' or 'dask' for extraction tasks.")


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with non-None overrides (e.g. CLI flags) applied on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
