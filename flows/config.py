"""One settings object for the whole service: environment (BRIEFING_*) first, CLI flags on top."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from .metadata import DEFAULT_FILENAME_PATTERN, DEFAULT_PUBLISHER_NAMES, MetadataRules

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# What one extraction worker may take at its peak (the model and a batch; measured ~270-300 MB), with margin,
# and the most workers the default starts: past that the single loading process is the bottleneck.
WORKER_MEMORY_BYTES = 600 * 2**20
LOADER_MEMORY_BYTES = 1024 * 2**20  # the loading process, GX and Prefect's temporary server
MAX_DEFAULT_WORKERS = 8


def usable_cpus() -> int:
    """CPUs this process may run on: its affinity mask, lowered by a cgroup CPU quota where one is set."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, int(int(quota) // int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cpus)


def default_workers() -> int:
    """Extraction workers by default: one per usable CPU, as many as the available memory holds, at most 8."""
    import psutil

    by_memory = (psutil.virtual_memory().available - LOADER_MEMORY_BYTES) // WORKER_MEMORY_BYTES
    return int(max(1, min(usable_cpus(), by_memory, MAX_DEFAULT_WORKERS)))


class Settings(BaseSettings):
    """Where things live and how the service behaves; every field has a working default."""

    model_config = SettingsConfigDict(env_prefix="BRIEFING_", extra="ignore")

    seeds_dir: Path = Field(PROJECT_ROOT / "seeds", description="The watched folder of article files.")
    db_path: Path = Field(PROJECT_ROOT / "data" / "briefing.duckdb", description="The DuckDB database file.")
    db_lock_wait_seconds: float = Field(60.0, description="How long to wait for the database file while another "
                                        "process holds it before giving up with a clear error.")
    reports_dir: Path = Field(PROJECT_ROOT / "reports", description="Where daily reports are written.")
    timezone: str = Field("UTC", description="IANA timezone that defines 'a day' for summaries.")
    max_file_bytes: int = Field(5 * 1024 * 1024, description="Files larger than this are rejected.")
    batch_size: int = Field(64, description="Documents per extraction/load batch.")
    n_process: int = Field(default_factory=default_workers, ge=1,
                           description="Extraction worker processes (the loading process never extracts); default: "
                                       "one per usable CPU, as many as memory allows, at most 8.")
    pin_workers: bool = Field(True, description="Keep each extraction worker on a CPU of its own (when there "
                                                "are at least as many CPUs as workers).")
    slack_token: SecretStr | None = Field(None, description="Slack bot token; unset means Slack is not configured "
                                          "(also read from the Prefect Secret block named by slack_secret_block).")
    slack_channel: str = Field("#briefing", description="Channel for the daily summary.")
    slack_base_url: str | None = Field(None, description="Slack API base URL (tests point it at a stand-in).")
    slack_secret_block: str = Field("briefing-slack-token", description="Prefect Secret block with the Slack token, "
                                    "used when BRIEFING_SLACK_TOKEN is unset.")
    slack_upload_files: bool = Field(True, description="Attach the HTML report and the chart image to the Slack post "
                                     "(in its thread).")
    slack_timeout_seconds: float = Field(30.0, description="Timeout of one Slack API call.")
    slack_max_attempts: int = Field(4, description="Tries per Slack post within one run (backoff between them).")
    report_base_url: str | None = Field(None, description="URL where reports/ is served; the Slack post links there "
                                        "when set.")
    summary_cron: str = Field("0 7 * * *", description="Cron for the daily-summary deployment.")
    watch_stable_seconds: float = Field(1.0, description="A new file counts as complete once its size and mtime "
                                        "have not changed for this long.")
    watch_debounce_seconds: float = Field(2.0, description="Quiet time after the last file event before one ingest "
                                          "run is started for the whole burst.")
    watch_max_delay_seconds: float = Field(30.0, description="Start an ingest run at the latest this long after the "
                                           "first complete file, even if files keep arriving.")
    watch_sweep_seconds: float = Field(300.0, description="How often the watcher compares the folder with the "
                                       "database to catch files it missed (e.g. while it was down).")
    task_runner: str = Field("thread", description="'thread' or 'dask' for extraction tasks.")
    pollsters_file: Path | None = Field(None, description="A TOML file of pollsters (canonical names, aliases, "
                                        "averages) added to the shipped registry; read by extraction from the "
                                        "environment variable BRIEFING_POLLSTERS_FILE.")
    dask_address: str | None = Field(None, description="Scheduler of an existing Dask cluster for the 'dask' "
                                     "task runner (unset: a local cluster of n_process workers).")
    filename_pattern: str = Field(DEFAULT_FILENAME_PATTERN, description="Regular expression on a file's name "
                                  "(without extension) with named groups among publisher, published, title, "
                                  "section: metadata of last resort before the ingestion time.")
    publisher_names: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_PUBLISHER_NAMES),
                                            description="Publisher display names by key or name as sources "
                                            "give them (JSON object in the environment); merged over the defaults.")

    def metadata_rules(self) -> MetadataRules:
        """The file-name pattern and publisher names, for metadata resolution."""
        return MetadataRules(self.filename_pattern, {**DEFAULT_PUBLISHER_NAMES, **self.publisher_names})


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with non-None overrides (e.g. CLI flags) applied on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
