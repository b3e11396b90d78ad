"""`briefing serve` without a server, and the deployments it builds (no server needed for either)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from flows import serve
from flows.cli import EXIT_FATAL, main


def test_serve_without_a_server_says_how_to_start_one(monkeypatch, capsys):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(serve, "_profile_api_url", lambda: None)
    assert main(["serve"]) == EXIT_FATAL
    err = capsys.readouterr().err
    assert "needs a Prefect server" in err and "make server" in err and "PREFECT_API_URL" in err


def test_serve_with_nothing_listening_fails_fast_and_clearly(monkeypatch, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    monkeypatch.setenv("PREFECT_API_URL", f"http://127.0.0.1:{port}/api")
    assert main(["serve"]) == EXIT_FATAL
    assert f"no Prefect server answers at http://127.0.0.1:{port}/api" in capsys.readouterr().err


def test_the_deployments_have_schedules_limits_and_typed_forms(settings):
    pytest.importorskip("flows.daily_summary", reason="flows/daily_summary.py is not built yet")
    settings = settings.model_copy(update={"timezone": "Europe/London", "summary_cron": "30 6 * * 1-5"})
    deployments = {serve.deployment_name(d): d for d in serve.build_deployments(settings)}
    assert set(deployments) == {"ingest/ingest", "daily-summary/daily-summary", "backfill/backfill"}
    for d in deployments.values():
        assert d.concurrency_limit == 1
        assert d.concurrency_options.collision_strategy.value == "ENQUEUE"
        assert d.entrypoint.startswith("flows.")  # a module path: works from any working directory
    (schedule,) = deployments["daily-summary/daily-summary"].schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 6 * * 1-5", "Europe/London")
    assert schedule.parameters == {"days_back": 1}  # the morning run covers the whole of yesterday
    assert not deployments["ingest/ingest"].schedules and not deployments["backfill/backfill"].schedules


def test_served_runs_use_the_folders_and_database_serve_was_started_with(settings):
    """A served run is a new process: the locations given to `briefing serve` reach it as default parameters."""
    pytest.importorskip("flows.daily_summary", reason="flows/daily_summary.py is not built yet")
    settings = settings.model_copy(update={"timezone": "Asia/Tokyo"})
    deployments = {serve.deployment_name(d): d for d in serve.build_deployments(settings)}
    assert deployments["ingest/ingest"].parameters == {"seeds_dir": str(settings.seeds_dir),
                                                       "db_path": str(settings.db_path)}
    summary_locations = {"db_path": str(settings.db_path), "reports_dir": str(settings.reports_dir),
                         "timezone": "Asia/Tokyo", "seeds_dir": str(settings.seeds_dir)}
    assert deployments["daily-summary/daily-summary"].parameters == summary_locations
    assert deployments["backfill/backfill"].parameters == summary_locations


@pytest.mark.parametrize("runner", ["thread", "dask"])
def test_the_served_ingest_flow_has_the_configured_task_runner(settings, runner):
    """The served ingest run imports `flows.served.ingest_flow` in a new process: that flow carries the
    task runner named by BRIEFING_TASK_RUNNER, which the process inherits from `briefing serve`."""
    (deployment,) = [d for d in serve.build_deployments(settings) if d.name == serve.INGEST]
    module, attribute = deployment.entrypoint.rsplit(".", 1)
    code = (f"import {module} as m; r = m.{attribute}.task_runner; "
            "print(type(r).__name__, (getattr(r, 'cluster_kwargs', None) or {}).get('n_workers'))")
    env = {**os.environ, "BRIEFING_TASK_RUNNER": runner, "BRIEFING_N_PROCESS": "2"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == (["ThreadPoolTaskRunner", "None"] if runner == "thread" else ["DaskTaskRunner", "2"])


def test_the_run_forms_have_types_defaults_and_descriptions():
    from prefect.utilities.callables import parameter_schema

    from flows.backfill import backfill_flow

    form = parameter_schema(backfill_flow).properties  # what the UI's custom-run form is built from
    assert form["start"]["format"] == "date" and form["start"]["description"].startswith("First day")
    assert form["post"]["default"] is False and form["dry_run"]["default"] is False
    assert all(field.get("description") for field in form.values())
