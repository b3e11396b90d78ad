"""What a command does before its first flow run: nothing at all when there is nothing to ingest, and the
slow starts side by side when there is.

Measured on the project machine (2 cores): Prefect's temporary server takes 3-6 s to answer (12 s on a busy
machine), the extraction workers 1-2 s to load the model, Great Expectations 2.5 s to import. Run one after
the other they were most of a short run; here the workers start first, on the first batches, the server
process boots while they extract and GX imports, and the flow starts once the server answers.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time

from .config import Settings
from .ingestion import IngestPlan

# As Prefect's PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS default.
SERVER_START_TIMEOUT_SECONDS = 20.0


def prefect_api_url() -> str | None:
    """The Prefect server the flows will report to (environment or profile), or None: a temporary one."""
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def nothing_to_ingest(plan: IngestPlan) -> bool:
    """A run over this plan would read, reject and record nothing."""
    return not (plan.to_read or plan.problems or plan.deleted)


def start_extraction(settings: Settings, plan: IngestPlan) -> None:
    """Start the extraction workers on the plan's first batches, before anything else (thread runner only:
    Dask workers extract in processes of their own): each worker imports spaCy and loads the model while
    this process imports Prefect, and the flow's extraction tasks for those batches wait for that work
    rather than start it (same 400 texts, 2 cores: 1.6 s less of a 47 s run; started before Prefect's
    import rather than after it, the workers gain the 0.6 s that import takes on a core of its own)."""
    if plan.to_read and settings.task_runner == "thread":
        from .extraction.pipeline import start_workers
        from .ingestion import extract_ahead

        start_workers(settings.extraction_workers(len(plan.to_read)), settings.pin_workers)
        extract_ahead(settings, plan)


def start_side_by_side(temporary_server: bool, import_gx: bool) -> None:
    """Launch Prefect's temporary server (when ``temporary_server``: no server is configured) and import GX
    (when ``import_gx``: there is something to validate) while it boots and the workers extract; return when
    the server answers."""
    server = TemporaryServer() if temporary_server else None
    if server is not None:
        server.launch()
    if import_gx:
        import great_expectations  # noqa: F401 - imported now, while the server boots; validation uses it
    if server is not None:
        server.wait_until_ready()
        server.use_from_now_on()


# Prefect's own temporary server, as ``prefect.server.api.server.SubprocessASGIServer`` runs it.
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


class TemporaryServer:
    """Prefect's temporary API server for this command: the process Prefect itself starts when no server is
    configured (the same uvicorn command and settings), launched from here without importing the server's
    code into this process (1.4 s of CPU that competed with the workers), and stopped when the command ends,
    also when it is killed outright (``orphan_guard``).
    """

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.port = 0
        self._settings = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def launch(self) -> None:
        import prefect
        from prefect.settings import get_current_settings

        with socket.socket() as probe:  # a free port, chosen by the system
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, **_SERVER_ENV, **get_current_settings().to_environment_variables(exclude_unset=True)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flows.orphan_guard", str(os.getpid()),
             "uvicorn", "--app-dir", str(prefect.__module_path__.parent), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"], env=env)
        atexit.register(self.stop)

    def wait_until_ready(self, timeout_seconds: float = SERVER_START_TIMEOUT_SECONDS) -> None:
        """Return once the server answers its health check; raise (one line) if it exits or never answers."""
        import httpx

        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                code = None if self.process is None else self.process.returncode
                raise RuntimeError(f"Prefect's temporary server exited while starting (exit code {code})")
            try:
                if httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"Prefect's temporary server did not answer within {timeout_seconds:.0f} s")

    def use_from_now_on(self) -> None:
        """Point every flow this process runs from now on at the server (no UI: no 'View at' links), without
        flow-run heartbeats.

        A heartbeat lets a lasting server mark a run crashed when its process dies; this server dies with the
        process, so nothing would read them, and the end of every flow run waits for the heartbeat thread's
        one-second sleep (0.5 s a flow on average; a `briefing run` runs two).
        """
        from prefect.settings import (
            PREFECT_API_URL,
            PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
            PREFECT_UI_URL,
            temporary_settings,
        )

        # Kept on the instance: a context manager collected as garbage would close and undo the settings.
        self._settings = temporary_settings({PREFECT_API_URL: self.api_url, PREFECT_UI_URL: "",
                                             PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})
        self._settings.__enter__()  # left at exit, when the server stops

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
