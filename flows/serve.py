"""Serve the deployments (ingest, daily-summary, backfill) against a Prefect server, with the folder watcher.

``briefing serve`` calls ``serve_forever``: it registers the deployments with the server at
``PREFECT_API_URL``, starts the watcher on the seeds folder in a thread and runs the flows the
server schedules (cron), the watcher starts (file arrival) and users start from the UI.
Flow runs execute in child processes and open DuckDB only while they work.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

from .config import Settings

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

log = logging.getLogger("briefing.serve")

INGEST, DAILY_SUMMARY, BACKFILL = "ingest", "daily-summary", "backfill"
SUMMARY_LOCATIONS = ("db_path", "reports_dir", "timezone", "seeds_dir")


class ServerUnavailable(RuntimeError):
    """No Prefect server to serve against."""


def api_url() -> str:
    """The Prefect API the deployments are served against; an error that says how to start one if unset."""
    url = os.environ.get("PREFECT_API_URL") or _profile_api_url()
    if not url:
        raise ServerUnavailable(
            "briefing serve needs a Prefect server: start one with `make server` (or `prefect server start "
            "--host 127.0.0.1 --port 4200`) and set PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    return url.rstrip("/")


def _profile_api_url() -> str | None:
    from prefect.settings import get_current_settings

    value = get_current_settings().api.url
    return str(value) if value else None


def check_server(url: str, timeout: float = 5.0) -> None:
    """Fail early and clearly when the server does not answer its health check."""
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as response:
            healthy = json.loads(response.read() or b"false")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ServerUnavailable(
            f"no Prefect server answers at {url} ({exc}); start one with `make server`"
        ) from exc
    if healthy is not True:
        raise ServerUnavailable(f"the Prefect server at {url} is not healthy: {healthy!r}")


def _one_at_a_time():
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

    # A second run waits (state AwaitingConcurrencySlot) instead of writing DuckDB at the same time.
    return ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)


def locations(settings: Settings, *names: str) -> dict[str, str]:
    """The folders, database and timezone ``briefing serve`` was started with, as a deployment's default
    parameters: a served run is a new process that would otherwise read only the environment, not the
    command's flags (``--seeds``, ``--db``, ...)."""
    return {name: str(getattr(settings, name)) for name in names}


def ingest_deployment(settings: Settings) -> RunnerDeployment:
    from prefect.types.entrypoint import EntrypointType

    from .ingest import ingest_flow_for

    deployment = ingest_flow_for(settings).to_deployment(
        name=INGEST,
        description="Ingest new or changed files from the watched folder: parse, extract, load into DuckDB, "
        "validate. Started by the folder watcher when files arrive; safe to start by hand (idempotent). "
        "One run at a time: a second run waits for the first.",
        concurrency_limit=_one_at_a_time(),
        tags=["briefing", "ingest"],
        parameters=locations(settings, "seeds_dir", "db_path"),
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    # The served run imports its flow by this path: flows.served builds it with the configured task runner.
    deployment.entrypoint = "flows.served.ingest_flow"
    return deployment


def daily_summary_deployment(settings: Settings) -> RunnerDeployment:
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    from .daily_summary import daily_summary_flow

    return daily_summary_flow.to_deployment(
        name=DAILY_SUMMARY,
        description=f"Build the daily summary report and post it to Slack; scheduled `{settings.summary_cron}` "
        f"in {settings.timezone} (BRIEFING_SUMMARY_CRON, BRIEFING_TIMEZONE), summarising the previous day.",
        # The morning run summarises the whole of yesterday, not the first hours of today.
        schedule=Cron(settings.summary_cron, timezone=settings.timezone, parameters={"days_back": 1}),
        concurrency_limit=_one_at_a_time(),
        tags=["briefing", "summary"],
        parameters=locations(settings, *SUMMARY_LOCATIONS),
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


def backfill_deployment(settings: Settings) -> RunnerDeployment:
    from prefect.types.entrypoint import EntrypointType

    from .backfill import backfill_flow

    return backfill_flow.to_deployment(
        name=BACKFILL,
        description="Rebuild the daily summaries of a date range (start to end, inclusive). "
        "Posts to Slack only when `post` is on.",
        concurrency_limit=_one_at_a_time(),
        tags=["briefing", "summary", "backfill"],
        parameters=locations(settings, *SUMMARY_LOCATIONS),
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


def build_deployments(settings: Settings) -> list[RunnerDeployment]:
    """The three deployments; without ``flows.daily_summary`` (not yet built) only ingest, with a warning."""
    deployments = [ingest_deployment(settings)]
    try:
        deployments += [daily_summary_deployment(settings), backfill_deployment(settings)]
    except ImportError as exc:
        log.warning("daily summary not available (%s): serving the ingest deployment only", exc)
    return deployments


def deployment_name(deployment: RunnerDeployment) -> str:
    """'<flow name>/<deployment name>', as ``run_deployment`` and the UI know it."""
    return f"{deployment.flow_name}/{deployment.name}"


class _SayWhyARunWaits(logging.Filter):
    """The runner reports a run held back by its deployment's concurrency limit as "Aborted submission of flow
    run ...: Server returned a non-pending state 'SCHEDULED'"; add a plain message saying what happens."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Aborted submission of flow run") and "'SCHEDULED'" in message:
            run_id = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
            log.info(
                "flow run %s waits: its deployment runs one at a time and another run is in progress; "
                "it starts when that one ends (state AwaitingConcurrencySlot in the UI)", run_id,
            )
        return True


def serve_forever(settings: Settings, watch: bool = True) -> None:
    """Register and serve the deployments until interrupted; the watcher runs beside them in a thread."""
    from prefect import serve

    from .watcher import watch_forever

    url = api_url()
    check_server(url)
    settings.seeds_dir.mkdir(parents=True, exist_ok=True)
    deployments = build_deployments(settings)
    names = [deployment_name(d) for d in deployments]
    log.info("serving %s against %s (UI: %s)", ", ".join(names), url, url.removesuffix("/api"))
    logging.getLogger("prefect.runner.state_proposer").addFilter(_SayWhyARunWaits())
    stop = threading.Event()
    watcher = None
    if watch:
        watcher = threading.Thread(
            target=_watch_safely, args=(settings, names[0], stop, watch_forever), name="seeds-watcher", daemon=True
        )
        watcher.start()
    try:
        serve(*deployments, pause_on_shutdown=False, query_seconds=_poll_seconds())
    finally:
        stop.set()
        if watcher is not None:
            watcher.join(timeout=5)


def _poll_seconds() -> float:
    """How often the runner asks the server for runs to start: PREFECT_RUNNER_POLL_FREQUENCY, else 5 s (not 10)."""
    return float(os.environ.get("PREFECT_RUNNER_POLL_FREQUENCY", "5"))


def _watch_safely(settings: Settings, ingest_name: str, stop: threading.Event, watch_forever) -> None:
    try:
        watch_forever(settings, ingest_name, stop)
    except Exception:  # noqa: BLE001 - say why the watcher died; the deployments keep serving
        log.exception("the folder watcher stopped with an error; file arrival will not start runs")
