"""One settings object for the whole service: environment (BRIEFING_*) first, CLI flags on top."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from .metadata import DEFAULT_FILENAME_PATTERN, DEFAULT_PUBLISHER_NAMES, MetadataRules

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# What one extraction worker may take at its peak (the model and a batch; measured ~270-300 MB), with margin,
# and the most workers the default starts: past that the single loading process is the bottleneck.
WORKER_MEMORY_BYTES = 600 * 2**20
LOADER_MEMORY_BYTES = 1024 * 2**20  # the loading process, GX and Prefect's temporary server
MAX_DEFAULT_WORKERS = 8
# Starting a worker (spaCy's import and the model's load, ~2 s of CPU) costs what extracting ~12 articles does,
# and on a small run it competes with Prefect's server start: a run starts one worker per this many new files,
# up to n_process (the four seeds: one; `briefing run` on them 12.2-12.9 s against 12.9-14.0 s with two).
DOCUMENTS_PER_WORKER = 16


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
    # 128, not 64: half the Prefect task runs (each costs this process and the server CPU that the workers
    # want); 400 train texts on 2 cores, interleaved runs: 47.2 / 44.7 s against 47.8 / 47.1 s.
    batch_size: int = Field(128, description="Documents per extraction/load batch.")
    n_process: int = Field(default_factory=default_workers, ge=1,
                           description="Extraction worker processes at most (the loading process never extracts; "
                                       "a run starts one per 16 new files up to this); default: one per usable "
                                       "CPU, as many as memory allows, at most 8.")
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
    extract_budget_seconds: float = Field(180.0, description="CPU seconds one document may take to extract; "
                                          "past it the document fails with 'over the time budget' (not retried).")
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

    def extraction_workers(self, new_files: int) -> int:
        """Worker processes for a run over ``new_files``: one per DOCUMENTS_PER_WORKER, 1 to ``n_process``."""
        return max(1, min(self.n_process, -(-new_files // DOCUMENTS_PER_WORKER)))


class SettingsError(ValueError):
    """A setting has a value the service cannot work with; the message is one line naming the variable."""


def max_workers() -> int:
    """The most extraction workers accepted: four per CPU (each holds the model, ~300 MB), at least 8."""
    return max(8, 4 * (os.cpu_count() or 1))


def _valid_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _valid_cron(expression: str) -> bool:
    from cronsim import CronSim, CronSimError

    try:
        CronSim(expression, datetime(2026, 1, 1))
    except CronSimError:
        return False
    return True


def _is_url(text: str | None) -> bool:
    return text is None or text.startswith(("http://", "https://"))


# What each checked setting allows, in words for the error message, and the check itself.
ALLOWED: dict[str, tuple[str, object]] = {
    "db_lock_wait_seconds": ("a number of seconds from 0 to 86400", lambda v: 0 <= v <= 86_400),
    "timezone": ("an IANA timezone name such as UTC or Europe/London", _valid_timezone),
    "max_file_bytes": ("a whole number of bytes from 1 to 1073741824", lambda v: 1 <= v <= 1 << 30),
    "batch_size": ("a whole number from 1 to 10000", lambda v: 1 <= v <= 10_000),
    "n_process": (f"a whole number of workers from 1 to {max_workers()}", lambda v: 1 <= v <= max_workers()),
    "pin_workers": ("true or false", lambda v: True),
    "slack_token": ("a Slack token (xoxb-...)", lambda v: True),
    "slack_channel": ("a channel name or id, not empty", lambda v: bool(v.strip())),
    "slack_base_url": ("an http:// or https:// URL", _is_url),
    "slack_upload_files": ("true or false", lambda v: True),
    "slack_timeout_seconds": ("a number of seconds above 0, up to 600", lambda v: 0 < v <= 600),
    "slack_max_attempts": ("a whole number from 1 to 20", lambda v: 1 <= v <= 20),
    "report_base_url": ("an http:// or https:// URL", _is_url),
    "summary_cron": ("a cron expression of five fields such as '0 7 * * *'", _valid_cron),
    "watch_stable_seconds": ("a number of seconds from 0 to 3600", lambda v: 0 <= v <= 3600),
    "watch_debounce_seconds": ("a number of seconds from 0 to 3600", lambda v: 0 <= v <= 3600),
    "watch_max_delay_seconds": ("a number of seconds above 0, up to 86400", lambda v: 0 < v <= 86_400),
    "watch_sweep_seconds": ("a number of seconds above 0, up to 86400", lambda v: 0 < v <= 86_400),
    "extract_budget_seconds": ("a number of CPU seconds above 0, up to 86400", lambda v: 0 < v <= 86_400),
    "task_runner": ("'thread' or 'dask'", lambda v: v in {"thread", "dask"}),
    "dask_address": ("a scheduler address such as tcp://host:8786", lambda v: True),
}


def _problem(name: str, value: object, overrides: dict) -> str:
    """One line: the variable, the value given (never a token's) and what is allowed."""
    variable = f"BRIEFING_{name.upper()}"
    given = overrides.get(name, os.environ.get(variable, value))
    shown = "(hidden)" if name == "slack_token" else repr(str(given))
    allowed = ALLOWED.get(name, ("a valid value",))[0]
    return f"invalid setting {variable}={shown}: allowed: {allowed}"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with non-None overrides (e.g. CLI flags) applied on top.

    Every setting is checked before any work; a bad one raises SettingsError naming the variable.
    """
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        settings = Settings(**given)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "?"
        raise SettingsError(_problem(name, first.get("input"), given)) from None
    for name, (_, check) in ALLOWED.items():
        value = getattr(settings, name)
        if value is not None and not check(value):
            raise SettingsError(_problem(name, value, given))
    return settings
