"""End to end against a real Prefect server: `briefing serve`, a file dropped into seeds/, the UI.

One real `prefect server start` and one `briefing serve` (temporary PREFECT_HOME, seeds and
database) are shared by the tests of this module; every process is killed by process group at
the end. Only 127.0.0.1 is used.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import httpx
import pytest

from flows.config import PROJECT_ROOT

pytestmark = pytest.mark.slow

VENV_BIN = Path(sys.executable).parent
SEED = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))[0]
TIMEZONE = "Europe/London"
OFFLINE = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false", "GX_ANALYTICS_ENABLED": "false"}
FRESH_ARTICLE = (
    "Harbour bridge reopens after repairs\n\n"
    'The mayor, Anna Lindqvist, said on Tuesday that "the bridge is safe again".\n'
    "A poll by Civic Pulse found 61% of residents supported the repairs.\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(what: str, check: Callable[[], object], timeout: float, logs: list[Path], every: float = 1.0):
    """Poll ``check`` until it returns something truthy; fail with the tails of the logs after ``timeout``."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - keep polling, report the last one
            last_error = exc
        time.sleep(every)
    tails = "\n".join(f"--- {p.name} ---\n{_tail(p)}" for p in logs)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what} (last error: {last_error!r})\n{tails}")


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _start(cmd: list[str], env: dict[str, str], log: Path, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, env=env, cwd=cwd, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the whole process group (flow-run children included), SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@dataclass
class Served:
    api: str
    ui: str
    seeds: Path
    db: Path
    logs: list[Path]
    serve_log: Path
    proc: subprocess.Popen

    def post(self, path: str, body: dict | None = None) -> list | dict:
        response = httpx.post(f"{self.api}{path}", json=body or {}, timeout=10)
        response.raise_for_status()
        return response.json()

    def deployments(self) -> dict[str, dict]:
        flows = {f["id"]: f["name"] for f in self.post("/flows/filter")}
        return {f"{flows[d['flow_id']]}/{d['name']}": d for d in self.post("/deployments/filter")}

    def flow_runs(self, deployment_id: str) -> list[dict]:
        return self.post("/flow_runs/filter", {"deployments": {"id": {"any_": [deployment_id]}}})

    def loaded_paths(self) -> set[str]:
        """Paths loaded in DuckDB; the file is locked while a run writes it, so a failed open means 'not yet'."""
        if not self.db.exists():
            return set()
        with duckdb.connect(str(self.db), read_only=True) as con:
            rows = con.execute("select f.path from files f join documents d on d.document_id = f.sha256").fetchall()
        return {row[0] for row in rows}


def _daily_summary_available() -> bool:
    return (PROJECT_ROOT / "flows" / "daily_summary.py").exists()


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("orchestration")
    home, seeds, db = root / "prefect-home", root / "seeds", root / "db" / "briefing.duckdb"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)  # there before anything watches: the start-up sweep must find it
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    # The UI asks /ui-settings where the API is; that says port 4200 unless told (`--port` does not change it).
    # A run waiting for its deployment's concurrency slot is re-checked after 3 s here (default 30 s).
    base.update(OFFLINE, PREFECT_HOME=str(home), PREFECT_UI_API_URL=api,
                PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS="3")
    server_log, serve_log = root / "server.log", root / "serve.log"
    procs: list[subprocess.Popen] = []
    try:
        procs.append(_start([str(VENV_BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port",
                             str(port)], base, server_log, root))
        _wait_for("the Prefect server", lambda: httpx.get(f"{api}/health", timeout=2).json() is True,
                  120, [server_log])
        env = {**base, "PREFECT_API_URL": api, "PREFECT_RUNNER_POLL_FREQUENCY": "2",
               "BRIEFING_SEEDS_DIR": str(seeds), "BRIEFING_DB_PATH": str(db),
               "BRIEFING_REPORTS_DIR": str(root / "reports"), "BRIEFING_TIMEZONE": TIMEZONE,
               "BRIEFING_WATCH_STABLE_SECONDS": "0.5", "BRIEFING_WATCH_DEBOUNCE_SECONDS": "1",
               "BRIEFING_WATCH_SWEEP_SECONDS": "600"}
        proc = _start([str(VENV_BIN / "briefing"), "serve"], env, serve_log, root)
        procs.append(proc)
        s = Served(api, f"http://127.0.0.1:{port}", seeds, db, [server_log, serve_log], serve_log, proc)
        expected = {"ingest/ingest"}
        _wait_for("the deployments to be served", lambda: expected <= set(s.deployments()), 90, s.logs)
        yield s
    finally:
        for proc in reversed(procs):
            _stop(proc)


def _completed_run(served: Served, deployment: str, name_part: str) -> dict | None:
    dep = served.deployments()[deployment]
    runs = served.flow_runs(dep["id"])
    failed = [r for r in runs if r["state_type"] in ("FAILED", "CRASHED")]
    assert not failed, f"failed runs: {[(r['name'], r['state_name']) for r in failed]}\n{_tail(served.serve_log)}"
    return next((r for r in runs if name_part in r["name"] and r["state_type"] == "COMPLETED"), None)


def test_a_dropped_file_is_ingested_without_any_other_action(served: Served):
    # The seed that was there before `serve` started: the start-up sweep starts a run for it.
    _wait_for("the sweep's ingest run", lambda: _completed_run(served, "ingest/ingest", SEED.name), 120, served.logs)
    # A new file written the way a careful producer does: a partial name, then a rename.
    partial = served.seeds / "harbour.txt.part"
    partial.write_text(FRESH_ARTICLE, encoding="utf-8")
    partial.rename(served.seeds / "harbour.txt")
    run = _wait_for("the arrival's ingest run", lambda: _completed_run(served, "ingest/ingest", "harbour.txt"),
                    120, served.logs)
    assert run["name"].startswith("arrival: ")
    assert "watcher" in run["tags"]
    paths = _wait_for("the documents in DuckDB", lambda: {"harbour.txt", SEED.name} <= served.loaded_paths()
                      and served.loaded_paths(), 30, served.logs)
    assert not any(p.endswith(".part") for p in paths)
    log = served.serve_log.read_text(errors="replace")
    assert "started ingest run 'sweep: " in log and "started ingest run 'arrival: harbour.txt'" in log


def test_ingest_deployment_runs_one_at_a_time(served: Served):
    dep = served.deployments()["ingest/ingest"]
    limit = dep.get("global_concurrency_limit") or {}
    assert limit.get("limit") == 1, dep
    assert (dep.get("concurrency_options") or {}).get("collision_strategy") == "ENQUEUE"
    assert dep["parameter_openapi_schema"]["properties"]["seeds_dir"]


def test_a_manual_run_with_parameters_completes(served: Served):
    from prefect.client.schemas.objects import StateType
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: served.api}):
        run = run_deployment("ingest/ingest", parameters={"seeds_dir": str(served.seeds), "db_path": str(served.db)},
                             timeout=120, poll_interval=1, as_subflow=False, tags=["manual"])
    assert run.state.type == StateType.COMPLETED, (run.state, _tail(served.serve_log))
    assert run.parameters == {"seeds_dir": str(served.seeds), "db_path": str(served.db)}


def test_a_second_ingest_run_waits_for_the_first(served: Served, tmp_path: Path):
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    # The first run has articles to extract (seconds of work, in a folder the watcher does not watch), so the
    # second is proposed while the first holds the slot: a no-op first run could end before the runner
    # proposed the second, and then nothing waited (seen once in a full CI run).
    folder = tmp_path / "queued"
    folder.mkdir()
    for seed in sorted((PROJECT_ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, folder)
    parameters = {"seeds_dir": str(folder), "db_path": str(served.db)}
    with temporary_settings(updates={PREFECT_API_URL: served.api}):
        runs = [run_deployment("ingest/ingest", parameters=parameters, timeout=0, as_subflow=False, tags=["manual"])
                for _ in range(2)]
    ids = [str(r.id) for r in runs]

    def finished():
        got = {r["id"]: r for r in served.post("/flow_runs/filter", {"flow_runs": {"id": {"any_": ids}}})}
        return [got[i] for i in ids] if all(got[i]["state_type"] in ("COMPLETED", "FAILED", "CRASHED")
                                             for i in ids) else None

    first, second = sorted(_wait_for("both ingest runs", finished, 120, served.logs), key=lambda r: r["start_time"])
    assert first["state_type"] == second["state_type"] == "COMPLETED"
    assert second["start_time"] >= first["end_time"], "two ingest runs wrote at the same time"
    history = httpx.get(f"{served.api}/flow_run_states/", params={"flow_run_id": second["id"]}, timeout=10).json()
    assert "AwaitingConcurrencySlot" in [state["name"] for state in history]
    assert f"flow run {second['id']} waits: its deployment runs one at a time" in served.serve_log.read_text()


@pytest.mark.skipif(not _daily_summary_available(), reason="flows/daily_summary.py is not built yet: "
                    "the daily-summary and backfill deployments are served once it exists")
def test_daily_summary_is_scheduled_and_backfill_runs_by_hand(served: Served):
    from prefect.client.schemas.objects import StateType
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows import backfill as backfill_module
    from flows import daily_summary

    summary = f"{daily_summary.daily_summary_flow.name}/daily-summary"
    backfill = f"{backfill_module.backfill_flow.name}/backfill"
    deployments = _wait_for("all three deployments", lambda: {summary, backfill} <= set(served.deployments())
                            and served.deployments(), 30, served.logs)
    schedules = deployments[summary]["schedules"]
    assert [(s["schedule"]["cron"], s["schedule"]["timezone"], s["active"]) for s in schedules] == [
        ("0 7 * * *", TIMEZONE, True)]
    form = deployments[backfill]["parameter_openapi_schema"]["properties"]
    assert {"start", "end", "post", "channel", "dry_run"} <= set(form)
    assert form["start"].get("format") == "date" and form["post"]["default"] is False
    assert form["start"].get("description")
    yesterday = date.today() - timedelta(days=1)
    with temporary_settings(updates={PREFECT_API_URL: served.api}):
        run = run_deployment(backfill, parameters={"start": yesterday.isoformat(), "end": yesterday.isoformat(),
                                                   "post": False}, timeout=180, poll_interval=1, as_subflow=False)
    assert run.state.type == StateType.COMPLETED, (run.state, _tail(served.serve_log))


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_ui_shows_the_deployments(served: Served, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed (`make browser` installs it): no UI screenshot")
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,900", "--virtual-time-budget=15000"]
    url = f"{served.ui}/deployments"
    shot = Path(os.environ.get("BRIEFING_UI_SCREENSHOT", tmp_path / "deployments.png"))
    subprocess.run([*flags, f"--screenshot={shot}", url], check=True, timeout=120, capture_output=True)
    assert shot.exists() and shot.stat().st_size > 20_000, "the screenshot is missing or blank"
    dom = subprocess.run([*flags, "--dump-dom", url], check=True, timeout=120, capture_output=True, text=True).stdout
    assert "Can't connect to Server API" not in dom, "the UI could not reach the API"
    names = served.deployments()
    count = f"{len(names)} Deployment{'s' if len(names) > 1 else ''}"
    assert count in dom, f"the UI's deployments page does not list {count}"
    for name in names:
        assert f">{name.split('/')[1]}<" in dom, f"deployment {name} not on the UI's deployments page"
    # The custom-run form of a deployment: its parameters with their descriptions, from the flow's docstring.
    form_name = next((n for n in names if n.endswith("/backfill")), "ingest/ingest")
    form_url = f"{served.ui}/deployments/deployment/{names[form_name]['id']}/run"
    form_shot = shot.with_name(shot.stem + "-run-form.png")
    subprocess.run([*flags, f"--screenshot={form_shot}", form_url], check=True, timeout=120, capture_output=True)
    form = subprocess.run([*flags, "--dump-dom", form_url], check=True, timeout=120, capture_output=True,
                          text=True).stdout
    expected = "First day to rebuild" if form_name.endswith("/backfill") else "the watched folder"
    assert expected in form, f"the run form of {form_name} does not show its parameters"
