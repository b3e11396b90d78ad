"""Commands as users start them: default worker count, `briefing run` with Prefect's temporary server
started beside the workers, and a no-op `briefing ingest` that starts no Prefect at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import duckdb
import pytest

from flows.config import PROJECT_ROOT, default_workers, usable_cpus

from .conftest import SEEDS


def _briefing(args: list[str], env: dict[str, str] | None = None, cpus: set[int] | None = None):
    """The real command in its own process, with no Prefect server configured (as after `make run`)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "PREFECT_API_URL"))}
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], env={**base, **(env or {})}, cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=300,
                          preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None)


def test_default_workers_are_the_usable_cpus_within_memory():
    assert 1 <= default_workers() <= min(usable_cpus(), 8)


def test_a_run_starts_one_worker_per_16_new_files_up_to_the_setting(settings):
    """A worker's start costs what ~12 articles' extraction does: the four seeds get one, 400 files all."""
    two = settings.model_copy(update={"n_process": 2})
    assert [two.extraction_workers(files) for files in (0, 1, 4, 16, 17, 400)] == [1, 1, 1, 1, 2, 2]
    assert settings.model_copy(update={"n_process": 8}).extraction_workers(50) == 4


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)")
def test_default_workers_follow_the_affinity_mask_and_the_setting_overrides():
    one_cpu = {sorted(os.sched_getaffinity(0))[0]}
    code = "from flows.config import load_settings; print(load_settings().n_process)"

    def workers(env: dict[str, str]) -> str:
        base = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
        return subprocess.run([sys.executable, "-c", code], env={**base, **env}, cwd=PROJECT_ROOT, text=True,
                              capture_output=True, check=True,
                              preexec_fn=lambda: os.sched_setaffinity(0, one_cpu)).stdout.strip()

    assert workers({}) == "1"
    assert workers({"BRIEFING_N_PROCESS": "3"}) == "3"


@pytest.mark.slow
def test_run_without_a_server_then_a_noop_ingest_that_starts_no_prefect(tmp_path):
    seeds, db, reports = tmp_path / "seeds", tmp_path / "briefing.duckdb", tmp_path / "reports"
    seeds.mkdir()
    for name in ("001_3bb6a176c89c3cf1.txt", "002_b21531f795ed0c76.txt"):  # published 2016-09-17; undated
        shutil.copy(SEEDS / name, seeds)
    run = _briefing(["run", "--seeds", str(seeds), "--db", str(db), "--reports", str(reports)])
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Finished in state Completed" in run.stdout + run.stderr
    # our launch of Prefect's temporary server served every flow: Prefect started no second one of its own
    assert "Starting temporary server" not in run.stdout + run.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 2
        assert con.execute("select count(*) from validation_results").fetchone()[0] > 0  # validated after loading
        today = con.execute("select current_date").fetchone()[0]  # the undated seed's day (UTC)
    # today's report, and the report of the day the dated seed was published (written, not posted)
    assert {p.stem for p in reports.glob("*.html")} == {"2016-09-17", today.isoformat()}
    assert "earlier publication day(s) written (2016-09-17 to 2016-09-17)" in run.stdout
    assert (run.stdout + run.stderr).count("for flow 'daily-summary'") == 1  # the earlier day is a task of it

    summary = _briefing(["summary", "--day", "2016-09-17", "--dry-run", "--db", str(db), "--reports", str(reports)])
    assert summary.returncode == 0, summary.stderr[-3000:]
    assert json.loads(summary.stdout)["text"].startswith("Daily briefing 2016-09-17")  # the message alone on stdout
    assert "Starting temporary server" not in summary.stdout + summary.stderr  # ours, not Prefect's own

    noop = _briefing(["ingest", str(seeds), "--db", str(db)])
    assert noop.returncode == 0, noop.stderr
    assert "files seen: 2; nothing new to load (no flow run" in noop.stdout
    assert "temporary server" not in noop.stdout + noop.stderr and "Flow run" not in noop.stdout + noop.stderr
    with duckdb.connect(str(db), read_only=True) as con:  # and it recorded nothing
        assert con.execute("select count(*) from ingestion_log where status <> 'warning'").fetchone()[0] == 2


def test_batches_started_ahead_are_waited_for_not_extracted_again():
    """What a command starts while Prefect boots is the flow's extraction: same results, nothing run twice."""
    from flows.extraction import pipeline
    from flows.parsing import parse_document

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    items = [(f"doc{i}", text, parse_document(text)) for i, text in enumerate(texts)]
    pipeline.extract_ahead(items, workers=1, budget_seconds=120)
    started = dict(pipeline._started_ahead)
    assert started, "nothing was started ahead"
    results = pipeline.extract_in_workers(items, workers=1, budget_seconds=120)
    assert not pipeline._started_ahead  # every chunk started ahead was taken by the flow's call
    assert all(future.done() for future in started.values())
    assert [key for key, _ in results] == [key for key, _, _ in items]
    alone = {key: pipeline.extract_document(text, parsed).to_dict() for key, text, parsed in items}
    assert {key: result.to_dict() for key, result in results} == alone


def test_the_command_ends_with_its_exit_code_and_all_its_output(tmp_path):
    """`briefing` skips Python's teardown at exit (console_main): the exit code and every line still arrive."""
    usage = _briefing(["--no-such-flag"])
    assert usage.returncode == 2 and "usage: briefing" in usage.stderr
    missing = _briefing(["ingest", str(tmp_path / "absent"), "--db", str(tmp_path / "b.duckdb")])
    assert missing.returncode == 1
    last_line = missing.stderr.rstrip().splitlines()[-1]
    assert last_line == f"briefing ingest: error: watched folder does not exist or is not a directory: " \
                        f"{tmp_path / 'absent'} (BRIEFING_SEEDS_DIR)"
    seeds = sorted(SEEDS.glob("*.txt"))
    extract = _briefing(["extract", *map(str, seeds)])  # a few kB of JSON on a pipe, flushed before the end
    assert extract.returncode == 0, extract.stderr[-2000:]
    assert [json.loads(line)["path"] for line in extract.stdout.splitlines()] == list(map(str, seeds))


def test_flows_on_the_temporary_server_send_no_heartbeats():
    """Nothing reads heartbeats on a server that dies with the command, and each flow's end waits for them."""
    from prefect.settings import get_current_settings

    from flows.startup import TemporaryServer

    server = TemporaryServer()
    server.port = 4200
    server.use_from_now_on()
    try:
        assert get_current_settings().flows.heartbeat_frequency is None
        assert get_current_settings().api.url == "http://127.0.0.1:4200/api"
    finally:
        server._settings.__exit__(None, None, None)
    assert get_current_settings().flows.heartbeat_frequency is not None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_the_temporary_server_stops_when_the_command_is_killed_outright():
    """SIGKILL runs no exit handler; the server's orphan guard ends it all the same."""
    import psutil

    code = ("import time; from flows.startup import TemporaryServer; server = TemporaryServer(); server.launch(); "
            "server.wait_until_ready(); print(server.process.pid, flush=True); time.sleep(120)")
    base = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_URL")}
    command = subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=base, stdout=subprocess.PIPE,
                               text=True)
    server = psutil.Process(int(command.stdout.readline()))
    assert server.is_running() and server.status() != psutil.STATUS_ZOMBIE  # answering, as the command left it
    command.kill()
    command.wait(timeout=30)
    try:
        server.wait(timeout=20)  # gone (reaped by init), or a zombie nobody reaps: either way, not serving
    except psutil.TimeoutExpired:
        assert server.status() == psutil.STATUS_ZOMBIE, "the server outlived the command that started it"
