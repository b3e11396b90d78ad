"""What a command does before its first flow run: nothing at all when there is nothing to ingest, and the
slow starts side by side when there is.

Measured on the project machine (2 cores): Prefect's temporary server takes 3-6 s to answer (12 s on a busy
machine), the extraction workers 1-2 s to load the model, Great Expectations 2.5 s to import. Run one after
the other they were most of a short run; here the server starts in a thread while the workers spawn and GX
imports, and the flow starts once the server answers.
"""

from __future__ import annotations

import threading

from .config import Settings
from .ingestion import IngestPlan


def prefect_api_url() -> str | None:
    """The Prefect server the flows will report to (environment or profile), or None: a temporary one."""
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def nothing_to_ingest(plan: IngestPlan) -> bool:
    """A run over this plan would read, reject and record nothing."""
    return not (plan.to_read or plan.problems or plan.deleted)


def start_side_by_side(settings: Settings, extract: bool, temporary_server: bool) -> None:
    """Start the extraction workers (when there is something to extract), Prefect's temporary server (when
    ``temporary_server``: no server is configured) and GX's import at once; return when the server answers.

    Order matters in one process: imports hold the GIL, so the server's module is imported here (2 s) while
    the workers spawn as processes of their own, and GX is imported while the server process boots.
    """
    if extract:
        from .extraction.pipeline import start_workers

        start_workers(settings.n_process, settings.pin_workers)
    errors: list[BaseException] = []
    server = None
    if temporary_server:
        from prefect.server.api.server import SubprocessASGIServer

        # The same (per-process) server the flows' client starts when it finds none: they reuse it.
        server = threading.Thread(target=_start, args=(SubprocessASGIServer(), errors), name="prefect-server",
                                  daemon=True)
        server.start()
    if extract:
        import great_expectations  # noqa: F401 - imported now, while the server boots; validation uses it
    if server is not None:
        server.join()
    if errors:  # say why here rather than let the flow start the server again
        raise errors[0]


def _start(server, errors: list[BaseException]) -> None:
    try:
        server.start()
    except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
        errors.append(exc)
