"""The ingest flow as a served deployment runs it.

A run started by the server happens in a new process that imports its flow by module path, so a flow
built in the ``briefing serve`` process (``ingest_flow_for(settings)``) does not reach it. This module is
that entry point: on import it builds the ingest flow with the task runner the settings name
(BRIEFING_TASK_RUNNER, BRIEFING_N_PROCESS, BRIEFING_DASK_ADDRESS, inherited from ``briefing serve``).
"""

from __future__ import annotations

from .config import load_settings
from .ingest import ingest_flow_for

ingest_flow = ingest_flow_for(load_settings())
