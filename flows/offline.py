"""Keep Prefect, GX and friends from phoning home: set before any of them is imported."""

from __future__ import annotations

import os

from .config import PROJECT_ROOT

OFFLINE_ENV = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "HF_HUB_OFFLINE": "1",
}


def quiet_network() -> None:
    """Turn off telemetry and analytics for every library we use, unless the user set them."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    # Prefect's home (its SQLite database, profiles) stays inside the project unless set.
    os.environ.setdefault("PREFECT_HOME", str(PROJECT_ROOT / ".prefect"))
