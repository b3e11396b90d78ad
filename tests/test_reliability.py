"""Fault injection with real DuckDB files and real processes: nothing lost, nothing twice, no token leaked.

Each test is one row (or more) of docs/reliability.md. Cases already proven elsewhere (tests/test_ingest.py,
tests/test_delivery.py, tests/test_slack_blocks.py) are not repeated here; the table names their tests.
Helper programs run as ``sys.executable -c SCRIPT`` in child processes, which are killed with SIGKILL at
chosen points.
"""

from __future__ import annotations

import ast
import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.cli import EXIT_DELIVERY, EXIT_FATAL, EXIT_OK, main
from flows.config import PROJECT_ROOT
from flows.daily_summary import build_summary, slack_message
from flows.delivery import SlackGateway, deliver
from flows.extraction.pipeline import PARENT_CHECK_SECONDS
from flows.ingestion import ingest_folder
from flows.storage import connect, load_frames
from tests import slack_standin
from tests.slack_standin import TOKEN
from tests.test_summary import DAY2, two_days  # noqa: F401 - two days of rows, validated

ARTICLE = "Talks resume\n\nVladimir Putin said the talks would resume on Monday in Geneva.\n"


@pytest.fixture
def slack():
    standin = slack_standin.start()
    yield standin
    slack_standin.stop(standin)


def run_script(script: str, *args: object, env: dict | None = None, prefix: tuple = (), timeout: float = 300):
    """Run a helper program in a child process from the project root; returns the CompletedProcess."""
    return subprocess.run([*prefix, sys.executable, "-c", script, *map(str, args)], cwd=PROJECT_ROOT,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=timeout)


def table(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Everything a run produces, without timestamps or run ids: two complete ingests compare equal."""
    queries = {
        "documents": "select document_id, source_path, encoding, title, char_length, extraction_status "
                     "from documents order by 1",
        "sections": "select document_id, ordinal, kind, start_char, end_char from sections order by all",
        "actors": "select actor_id, name, kind, first_document_id from actors order by all",
        "mentions": "select document_id, actor_id, start_char, end_char from mentions order by all",
        "claims": "select claim_id, document_id, speaker_actor_id, text from claims order by all",
        "poll_figures": "select poll_id, document_id, value, pollster from poll_figures order by all",
        "files": "select path, sha256, status from files order by all",
        "file_versions": "select path, version, sha256, previous_sha256 from file_versions order by all",
    }
    return {name: table(db, sql) for name, sql in queries.items()}


def facts_by_span(db: Path) -> dict[str, list[tuple]]:
    """Documents and their facts by document and span, every row: what does not depend on the order documents
    arrived in (actor ids and canonical names do: a surname is linked to the full name seen first)."""
    queries = {
        "documents": "select document_id, source_path, extraction_status, extraction_error from documents order by 1",
        "sections": "select document_id, ordinal, kind, start_char, end_char from sections order by all",
        "mentions": "select document_id, start_char, end_char from mentions order by all",
        "claims": "select claim_id, document_id, kind, text from claims order by all",
        "poll_figures": "select poll_id, document_id, value, pollster from poll_figures order by all",
    }
    return {name: table(db, sql) for name, sql in queries.items()}


INGEST = textwrap.dedent(
    """
    import json, sys
    from flows.config import load_settings
    from flows.ingestion import ingest_folder

    report = ingest_folder(load_settings(seeds_dir=sys.argv[1], db_path=sys.argv[2]))
    print(json.dumps({"loaded": len(report.loaded), "duplicates": len(report.duplicates),
                      "rejected": sorted([r.path, r.reason] for r in report.rejected), "deleted": report.deleted}))
    """
)


# ---------------------------------------------------------------------------------------------- input


def test_encodings_decode_to_the_right_text_with_true_spans(settings):
    """UTF-16 with BOM and legacy cp1252/Latin-1 decode exactly; UTF-8 with a stray byte stays UTF-8 (the
    byte becomes U+FFFD) instead of turning into mojibake; bytes no encoding fits are rejected."""
    folder = settings.seeds_dir
    french = "Le président\n\nVladimir Putin a déclaré « très bien » à Genève, dit Angela Merkel.\n"
    texts = {
        "utf16.txt": ("Talks “resume”\n\nVladimir Putin said “yes” to Angela Merkel in Geneva.\n", "utf-16"),
        "cp1252.txt": (french, "cp1252"),
        "latin1.txt": ("Señor Müller\n\nAngela Merkel said the situation in Genève was schön.\n", "latin-1"),
    }
    for name, (text, encoding) in texts.items():
        (folder / name).write_bytes(text.encode(encoding))
    stray = "Café talks\n\nVladimir Putin said “yes” in Genève.\n".encode() + b"\xff" + b" Then he left.\n"
    (folder / "stray.txt").write_bytes(stray)
    rng = random.Random(7)
    (folder / "noise.txt").write_bytes(bytes(rng.randrange(1, 256) for _ in range(3000)))  # no NUL, no text

    report = ingest_folder(settings)
    assert [(r.path, r.reason) for r in report.rejected] == [("noise.txt", "undecodable")]
    stored = {row[0]: row[1:] for row in table(
        settings.db_path, "select source_path, encoding, original_text from documents")}
    assert stored["utf16.txt"] == ("utf-16", texts["utf16.txt"][0])
    assert stored["cp1252.txt"] == ("cp1252", french)  # not cp1250's "trčs"
    assert stored["latin1.txt"] == ("cp1252", texts["latin1.txt"][0])  # cp1252 is Latin-1's printable superset
    encoding, text = stored["stray.txt"]
    assert encoding == "utf-8 (1 invalid byte replaced)"
    assert text == "Café talks\n\nVladimir Putin said “yes” in Genève.\n\ufffd Then he left.\n"
    # every stored span is true to the stored text
    spans = table(settings.db_path, "select d.original_text, m.start_char, m.end_char, m.text from mentions m "
                                    "join documents d using (document_id)")
    assert spans and all(full[start:end] == text for full, start, end, text in spans)


def test_file_over_5_mb_is_rejected_without_extraction(settings):
    """The default limit (5 MiB): a 5 MiB + 1 byte file is rejected as too_large; the others load."""
    assert settings.max_file_bytes == 5 * 1024 * 1024
    big = settings.seeds_dir / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"word " * (settings.max_file_bytes // 5))
        fh.write(b"x")
    assert big.stat().st_size == settings.max_file_bytes + 1
    (settings.seeds_dir / "small.txt").write_text(ARTICLE)
    started = time.monotonic()
    report = ingest_folder(settings)
    assert time.monotonic() - started < 60
    assert len(report.loaded) == 1
    assert [(r.path, r.reason) for r in report.rejected] == [("big.txt", "too_large")]
    assert "5242881 bytes, over the limit of 5242880 bytes" in report.rejected[0].message
    assert table(settings.db_path, "select reason from ingestion_log where path = 'big.txt'") == [("too_large",)]


def _without_dac_override() -> tuple:
    """A command prefix that makes a root child process subject to file permissions (CI runs as root)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable to the ingest")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


def test_unreadable_file_and_folder_are_rejected_the_rest_loads_and_a_fix_is_picked_up(settings):
    """chmod 000 on a file and on a subfolder: both rejected as 'unreadable' (a folder os.walk cannot list
    used to be skipped without a word), the good file loads; after chmod back, the next run loads them."""
    prefix = _without_dac_override()
    folder = settings.seeds_dir
    (folder / "good.txt").write_text(ARTICLE)
    secret = folder / "secret.txt"
    secret.write_text(ARTICLE + "\nA second paragraph.\n")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inner.txt").write_text(ARTICLE + "\nA third paragraph.\n")
    secret.chmod(0)
    locked.chmod(0)
    try:
        first = run_script(INGEST, folder, settings.db_path, prefix=prefix)
        again = run_script(INGEST, folder, settings.db_path, prefix=prefix)
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)
    assert result["loaded"] == 1
    assert result["rejected"] == [["locked", "unreadable"], ["secret.txt", "unreadable"]]
    messages = dict(table(settings.db_path, "select path, message from ingestion_log where status = 'rejected'"))
    assert "permission denied" in messages["secret.txt"].lower()
    assert "cannot list directory" in messages["locked"]
    # still unreadable: said again (not remembered as a permanent rejection)
    assert json.loads(again.stdout)["rejected"] == result["rejected"]
    # permissions fixed (size and mtime unchanged): the next run loads both
    fixed = json.loads(run_script(INGEST, folder, settings.db_path, prefix=prefix).stdout)
    assert fixed == {"loaded": 2, "duplicates": 0, "rejected": [], "deleted": []}
    assert table(settings.db_path, "select count(*) from documents") == [(3,)]


# ---------------------------------------------------------------------------------------------- process


KILL_DURING_EXTRACTION = textwrap.dedent(
    """
    import os, signal, sys
    from flows.config import load_settings
    from flows.extraction import pipeline
    from flows.ingestion import ingest_folder

    real = pipeline.extract_in_workers
    calls = []
    def extract_in_workers(items, workers, **options):
        calls.append(len(items))
        if len(calls) == 2:  # second batch: the first one is extracted, loaded and committed
            real(items[:1], workers, **options)  # half-way through this batch's extraction
            os.kill(os.getpid(), signal.SIGKILL)
        return real(items, workers, **options)
    pipeline.extract_in_workers = extract_in_workers
    ingest_folder(load_settings(seeds_dir=sys.argv[1], db_path=sys.argv[2], batch_size=2))
    """
)


def test_sigkill_during_extraction_then_rerun_is_complete_and_without_duplicates(seeded_settings, tmp_path):
    settings = seeded_settings.model_copy(update={"batch_size": 2})
    proc = run_script(KILL_DURING_EXTRACTION, settings.seeds_dir, settings.db_path)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert table(settings.db_path, "select count(*) from documents") == [(2,)]  # batch 1 committed, batch 2 not

    rerun = ingest_folder(settings)
    assert len(rerun.loaded) == 2 and rerun.unchanged == 2 and not rerun.rejected
    reference = settings.model_copy(update={"db_path": tmp_path / "reference.duckdb"})
    assert len(ingest_folder(reference).loaded) == 4
    assert snapshot(settings.db_path) == snapshot(reference.db_path)  # nothing missing, nothing twice
    assert table(settings.db_path, "select count(*), count(distinct document_id) from documents") == [(4, 4)]


def test_a_failed_extraction_is_recorded_then_retried_and_completed_by_the_next_run(
    seeded_settings, tmp_path, monkeypatch
):
    """A document whose extraction fails is loaded as failed, with its error, beside the others; the next
    run extracts it again (a fixed bug, say) and completes it; the run after has nothing to do."""
    from flows import ingestion

    settings = seeded_settings
    victim = sorted(p.name for p in settings.seeds_dir.glob("*.txt"))[0]
    extract = ingestion.extract_articles

    def broken_for_one(articles, *args, **kwargs):
        out = extract(articles, *args, **kwargs)
        out.update({a.sha256: "RuntimeError: extraction broke" for a in articles if a.entry.path == victim})
        return out

    monkeypatch.setattr(ingestion, "extract_articles", broken_for_one)
    first = ingest_folder(settings)
    assert len(first.loaded) == 4 and first.extraction_failed == [(victim, "RuntimeError: extraction broke")]
    assert table(settings.db_path, "select source_path, extraction_error from documents "
                                   "where extraction_status = 'failed'") == [(victim, "RuntimeError: extraction broke")]
    assert table(settings.db_path, "select count(*) from mentions join documents using (document_id) "
                                   "where extraction_status = 'failed'") == [(0,)]

    monkeypatch.setattr(ingestion, "extract_articles", extract)
    second = ingest_folder(settings)
    assert second.unchanged == 3 and len(second.loaded) == 1 and not second.extraction_failed
    reference = settings.model_copy(update={"db_path": tmp_path / "reference.duckdb"})
    ingest_folder(reference)
    assert facts_by_span(settings.db_path) == facts_by_span(reference.db_path)  # completed, nothing twice
    assert table(settings.db_path, "select count(*) from mentions where document_id = ?", second.loaded)[0][0] > 0

    third = ingest_folder(settings)
    assert third.unchanged == 4 and not third.loaded


def test_a_dead_extraction_worker_is_replaced_and_its_batch_still_extracted(seeded_settings):
    from flows.extraction import pipeline
    from flows.ingestion import extract_articles, plan_ingest, read_batch

    articles = read_batch(seeded_settings, plan_ingest(seeded_settings).to_read).new
    first = extract_articles(articles[:1], workers=1)
    pool = pipeline._worker_pool(1, True)
    for pid in list(pool._processes):
        os.kill(pid, signal.SIGKILL)

    result = extract_articles(articles, workers=1)  # the pool is broken: each document retried on a new one
    assert sorted(result) == sorted(a.sha256 for a in articles)
    assert not [v for v in result.values() if isinstance(v, str)], result
    assert result[articles[0].sha256] == first[articles[0].sha256]
    assert pipeline._worker_pool(1, True) is not pool


ORPHANED_WORKERS = textwrap.dedent(
    """
    import os, signal
    from flows.extraction import pipeline
    from flows.parsing import parse_document

    text = "Vladimir Putin said the talks would resume on Monday."
    pipeline.extract_in_workers([("a", text, parse_document(text))] * 2, 2, batch_chars=1)  # a chunk each
    print(*pipeline._worker_pool(2, True)._processes, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_extraction_workers_exit_when_the_ingest_process_is_killed():
    import psutil

    proc = run_script(ORPHANED_WORKERS)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    workers = [int(pid) for pid in proc.stdout.split()]
    assert len(workers) == 2

    def alive(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + 3 * PARENT_CHECK_SECONDS + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if alive(pid)], "orphaned extraction workers still running"


KILL_DURING_SUMMARY = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import date
    from flows import daily_summary, delivery
    from flows.config import load_settings

    where, day = sys.argv[1], date.fromisoformat(sys.argv[2])
    if where == "report_write":  # the Markdown is written, the HTML is in its temporary file
        real_replace = os.replace
        def replace(src, dst):
            if str(dst).endswith(".html"):
                os.kill(os.getpid(), signal.SIGKILL)
            return real_replace(src, dst)
        os.replace = replace
    elif where == "after_post":  # Slack posted; the deliveries record does not say so yet
        def mark_posted(record):
            os.kill(os.getpid(), signal.SIGKILL)
        delivery._mark_posted = mark_posted
    settings = load_settings()
    build = daily_summary.build_summary(settings, day)
    result = daily_summary.deliver_summary(settings, build, settings.slack_token.get_secret_value(), backoff_base=0.01)
    print(result.status, result.message)
    """
)


@pytest.mark.parametrize("where", ["report_write", "after_post"])
def test_sigkill_during_the_summary_then_rerun_writes_the_whole_report_and_posts_once(
        two_days, slack, tmp_path, where):  # noqa: F811
    settings = two_days
    env = {"BRIEFING_DB_PATH": str(settings.db_path), "BRIEFING_REPORTS_DIR": str(settings.reports_dir),
           "BRIEFING_SEEDS_DIR": str(settings.seeds_dir), "BRIEFING_SLACK_TOKEN": TOKEN,
           "BRIEFING_SLACK_BASE_URL": slack.base_url}
    killed = run_script(KILL_DURING_SUMMARY, where, DAY2, env=env)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    html = Path(settings.reports_dir) / f"{DAY2}.html"
    if where == "report_write":
        assert not html.exists() and html.with_suffix(".html.tmp").exists()  # no half report under the real name
        assert slack.posts == []
    else:
        assert len(slack.posts) == 1
        assert table(settings.db_path, "select status, attempts from deliveries") == [("pending", 1)]

    rerun = run_script(KILL_DURING_SUMMARY, "nowhere", DAY2, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith("posted")
    assert len(slack.messages["C0BRIEFING"]) == 1 and len(slack.posts) == 1  # exactly one post, ever
    assert len(slack.uploads) == 2  # report and chart, once
    assert table(settings.db_path, "select status, files_uploaded from deliveries") == [("posted", True)]
    clean = build_summary(settings.model_copy(update={"reports_dir": tmp_path / "clean"}), DAY2)
    assert html.read_text() == clean.html and html.with_suffix(".md").read_text() == clean.markdown
    assert not list(Path(settings.reports_dir).glob("*.tmp"))


def test_two_ingest_runs_at_once_load_each_document_once(seeded_settings):
    args = [sys.executable, "-c", INGEST, str(seeded_settings.seeds_dir), str(seeded_settings.db_path)]
    procs = [subprocess.Popen(args, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], [err for _, err in outputs]
    results = [json.loads(out) for out, _ in outputs]
    assert sum(r["loaded"] for r in results) == 4
    assert all(r["loaded"] + r["duplicates"] in (0, 4) and not r["rejected"] for r in results)
    db = seeded_settings.db_path
    assert table(db, "select count(*), count(distinct document_id) from documents") == [(4, 4)]
    assert table(db, "select count(*) from files") == [(4,)]
    assert table(db, "select count(*), count(distinct path) from file_versions") == [(4, 4)]


HOLD_DATABASE = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("create table if not exists holder_marker (x integer)")
    con.execute("insert into holder_marker values (42)")
    print("holding", flush=True)
    if sys.argv[2] == "stdin":
        sys.stdin.readline()
    else:
        time.sleep(float(sys.argv[2]))
    con.close()
    """
)


def _hold(db: Path, until: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD_DATABASE, str(db), until], cwd=PROJECT_ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def test_database_locked_by_another_process_fails_cleanly_then_waits_and_works(
        seeded_settings, prefect_server, monkeypatch, capfd):
    db = seeded_settings.db_path
    db.parent.mkdir(parents=True, exist_ok=True)
    args = ["ingest", str(seeded_settings.seeds_dir), "--db", str(db)]
    holder = _hold(db, "stdin")
    try:
        monkeypatch.setenv("BRIEFING_DB_LOCK_WAIT_SECONDS", "1")
        assert main(args) == EXIT_FATAL
        out, err = capfd.readouterr()
        assert "Retry 1/" not in out + err  # the lock wait already ran its course: no task retries
        assert "briefing ingest: error: database" in err
        assert "is in use by another process; gave up after 1 s" in err
        assert "BRIEFING_DB_LOCK_WAIT_SECONDS" in err
    finally:
        holder.communicate("release\n", timeout=30)
    assert table(db, "select x from holder_marker") == [(42,)]  # the other process's write is intact
    assert table(db, "select count(*) from information_schema.tables where table_name = 'documents'") == [(0,)]

    holder = _hold(db, "1.5")  # lets go by itself: the ingest waits for it
    monkeypatch.setenv("BRIEFING_DB_LOCK_WAIT_SECONDS", "60")
    assert main(args) == EXIT_OK
    holder.wait(timeout=30)
    assert main(args) == EXIT_OK
    assert table(db, "select count(*), count(distinct document_id) from documents") == [(4, 4)]
    assert table(db, "select x from holder_marker") == [(42,), (42,)]  # both holders' writes


def test_the_schema_runs_again_only_when_its_text_changed(tmp_path):
    """Each write connection checks the recorded digest of sql/schema.sql instead of running it (13 ms)."""
    import hashlib

    db = tmp_path / "briefing.duckdb"
    with connect(db, wait_seconds=1):
        pass
    current = hashlib.sha256((PROJECT_ROOT / "sql" / "schema.sql").read_bytes()).hexdigest()
    assert table(db, "select digest from schema_applied") == [(current,)]
    with duckdb.connect(str(db)) as con:
        con.execute("drop table deliveries")
    with connect(db, wait_seconds=1):  # same text: not run again, so the dropped table stays dropped
        pass
    assert table(db, "select count(*) from information_schema.tables where table_name = 'deliveries'") == [(0,)]
    with duckdb.connect(str(db)) as con:  # a database from before a change of the schema text
        con.execute("update schema_applied set digest = 'an older text'")
    with connect(db, wait_seconds=1):
        pass
    assert table(db, "select count(*) from information_schema.tables where table_name = 'deliveries'") == [(1,)]
    assert table(db, "select digest from schema_applied") == [(current,)]


def _fill_tmpfs(mount_point: Path) -> bool:
    """Mount a 16 KiB tmpfs and fill it up; False where mounting is not permitted."""
    mount_point.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        return False
    try:
        with (mount_point / "filler").open("wb", buffering=0) as fh:
            while True:
                fh.write(b"x" * 1024)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    return True


def test_disk_full_on_the_report_write_is_a_clear_error_and_nothing_is_posted(
        two_days, slack, prefect_server, monkeypatch, capfd, tmp_path):  # noqa: F811
    reports = tmp_path / "full"
    mounted = _fill_tmpfs(reports)
    if not mounted:  # no tmpfs: the report's temporary files are links to /dev/full (writes fail with ENOSPC)
        for suffix in ("md", "html"):
            (reports / f"{DAY2}.{suffix}.tmp").symlink_to("/dev/full")
    before = snapshot(two_days.db_path)
    monkeypatch.setenv("BRIEFING_SLACK_TOKEN", TOKEN)
    monkeypatch.setenv("BRIEFING_SLACK_BASE_URL", slack.base_url)
    try:
        code = main(["summary", "--day", DAY2.isoformat(), "--db", str(two_days.db_path), "--reports", str(reports)])
        left = sorted(p.name for p in reports.iterdir())
    finally:
        if mounted:
            subprocess.run(["umount", str(reports)], check=True)
    assert code == EXIT_FATAL
    err = capfd.readouterr().err
    assert f"briefing summary: error: cannot write the report {reports / f'{DAY2}.md'}: No space left on device" \
        in err
    assert "nothing was posted to Slack" in err
    assert left == (["filler"] if mounted else [])  # no half-written or temporary report left behind
    assert slack.calls == []
    assert snapshot(two_days.db_path) == before
    assert table(two_days.db_path, "select count(*) from deliveries") == [(0,)]  # not marked sent


# ---------------------------------------------------------------------------------------------- Slack


def test_rate_limit_waits_for_retry_after_before_posting_again(settings, slack):
    slack.fail("chat.postMessage", ("status", 429, {"Retry-After": "2"}))
    gateway = SlackGateway(TOKEN, base_url=slack.base_url, timeout=5, rate_limit_retries=2)
    message = {"text": "t", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "t"}}]}
    result = deliver(settings.db_path, gateway, DAY2, "#briefing", message, max_attempts=2, backoff_base=0.01)
    assert result.status == "posted"
    first, second = slack.posts
    assert second.at - first.at >= 1.9  # waited as told, did not hammer
    assert len(slack.messages["C0BRIEFING"]) == 1


def _all_prefect_logs_and_parameters() -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.sorting import LogSort

    chunks = []
    with get_client(sync_client=True) as client:
        offset = 0
        while batch := client.read_logs(limit=200, offset=offset, sort=LogSort.TIMESTAMP_ASC):
            chunks += [log.message for log in batch]
            offset += len(batch)
        chunks += [json.dumps(run.parameters, default=str) for run in client.read_flow_runs(limit=200)]
    return "\n".join(chunks)


def _all_rows(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()]
        return "\n".join(repr(con.execute(f'select * from "{name}"').fetchall()) for name in tables)


def test_the_token_is_never_in_output_logs_reports_or_the_database(two_days, slack, prefect_server):  # noqa: F811
    """`briefing summary` in child processes through timeout, 500, channel_not_found and invalid_auth, with
    DEBUG logging everywhere: the token shows up in no stdout, stderr, Prefect log, report or database row."""
    from prefect.settings import PREFECT_API_URL

    env = {"PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_LOGGING_LEVEL": "DEBUG",
           "PREFECT_LOGGING_ROOT_LEVEL": "DEBUG", "BRIEFING_SLACK_TOKEN": TOKEN,
           "BRIEFING_SLACK_BASE_URL": slack.base_url, "BRIEFING_SLACK_MAX_ATTEMPTS": "2",
           "BRIEFING_SLACK_TIMEOUT_SECONDS": "1", "BRIEFING_SLACK_UPLOAD_FILES": "false"}
    base = ["-m", "flows.cli", "summary", "--db", str(two_days.db_path), "--reports", str(two_days.reports_dir)]

    def summary(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *base, *extra], cwd=PROJECT_ROOT, env={**os.environ, **env},
                              capture_output=True, text=True, timeout=300)

    slack.fail("chat.postMessage", ("status", 500), ("delay", 2.5))  # a 500, then a post whose answer is late
    runs = [summary("--day", DAY2.isoformat())]
    runs.append(summary("--day", DAY2.isoformat()))  # finds the late post by its metadata
    runs.append(summary("--day", DAY2.isoformat(), "--channel", "#nope"))
    slack.fail("chat.postMessage", ("error", "invalid_auth"))
    runs.append(summary("--day", "2024-03-01"))
    assert [r.returncode for r in runs] == [EXIT_DELIVERY, EXIT_OK, EXIT_DELIVERY, EXIT_DELIVERY], \
        [r.stderr[-2000:] for r in runs]
    assert len(slack.messages["C0BRIEFING"]) == 1
    output = "\n".join(r.stdout + r.stderr for r in runs)
    assert "Slack delivery pending: Slack did not answer in time (timeout)" in runs[0].stderr
    assert "channel_not_found" in runs[2].stderr and "invalid_auth" in runs[3].stderr
    assert "DEBUG" in output  # debug logging really was on
    assert all(c.headers.get("authorization") == f"Bearer {TOKEN}" for c in slack.calls)  # the token was used

    reports = "\n".join(p.read_text(errors="replace") for p in Path(two_days.reports_dir).iterdir())
    everything = {"output": output, "prefect": _all_prefect_logs_and_parameters(), "reports": reports,
                  "database": _all_rows(two_days.db_path),
                  "database file": Path(two_days.db_path).read_bytes().decode("latin-1")}
    for where, text in everything.items():
        assert TOKEN not in text, f"token found in {where}"
        assert "xoxb-" not in text, f"something like a token in {where}"


# ---------------------------------------------------------------------------------------------- injection

EVIL_TITLE = ("<script>document.title='PWNED'</script> *bold* _it_ [click](http://evil.example) "
              "<img src=x onerror=\"document.title='PWNED'\"> <!channel>")
EVIL_QUOTE = ("<!channel> <@U123> <http://x|y> <b>bold</b> **md** `code` [link](http://evil.example) "
              "<script>document.title='PWNED'</script>")


@pytest.fixture
def evil_day(settings):
    """One document whose title, speaker, quote and pollster are hostile markup."""
    doc = "e" * 64
    text = f"{EVIL_TITLE}\n\nVladimir Putin said {EVIL_QUOTE}. A poll found 40 percent.\n"
    at = datetime(2024, 3, 2, 9, tzinfo=UTC)
    start = text.index(EVIL_QUOTE)
    rows = {
        "documents": [{"document_id": doc, "source_path": "evil \"'; drop table documents; --.txt",
                       "encoding": "utf-8", "byte_size": len(text), "char_length": len(text), "original_text": text,
                       "ingested_at": at, "extraction_status": "done", "title": EVIL_TITLE,
                       "publication": "<b>Pub</b>"}],
        "actors": [{"actor_id": "evil", "name": "<@U123> Putin", "kind": "person", "first_document_id": doc,
                    "first_seen_at": at}],
        "document_actors": [{"document_id": doc, "actor_id": "evil", "name": "<@U123> Putin", "kind": "person",
                             "roles": ["<!here>"], "affiliation": None, "first_start": text.index("Vladimir")}],
        "mentions": [{"document_id": doc, "actor_id": "evil", "start_char": text.index("Vladimir"),
                      "end_char": text.index("Vladimir") + 14, "text": "Vladimir Putin"}],
        "claims": [{"claim_id": "c", "document_id": doc, "speaker_actor_id": "evil", "speaker": "<@U123> Putin",
                    "kind": "direct", "text": EVIL_QUOTE, "start_char": start, "end_char": start + len(EVIL_QUOTE),
                    "section": "body"}],
        "poll_figures": [{"poll_id": "p", "document_id": doc, "value": 40.0, "unit": "percent",
                          "pollster": "<http://x|y>", "measure": "<script>x</script>", "start_char": 0,
                          "end_char": 5}],
    }
    with connect(settings.db_path) as con:
        load_frames(con, [(name, pl.DataFrame(r, infer_schema_length=None)) for name, r in rows.items()])
    return settings


def _chromium() -> str | None:
    return next((p for name in ("chromium", "chromium-browser") if (p := shutil.which(name))), None)


def _dump_dom(chromium: str, page: Path) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                               "--disable-background-networking", "--disable-component-update", "--disable-sync",
                               "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                               "--virtual-time-budget=3000", "--dump-dom", page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_hostile_markup_in_titles_and_quotes_is_inert_in_html_markdown_and_slack(evil_day):
    build = build_summary(evil_day, date(2024, 3, 2))
    assert build.summary.claim_count == 1 and build.summary.polls  # the hostile rows are in the report
    page = build.html
    for raw in ("<script", "<img", "onerror=\"", "<b>", "<!channel>", "<@U123>", "<http://x|y>"):
        assert raw not in page, raw
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;" in page
    md = build.markdown
    for raw in ("<script", "<img", "<b>", "<!channel>", "<@U123>", "<http", "[click](", "[link](", "**md**",
                "`code`"):
        assert raw not in md, raw
    assert r"\[click\]" in md and r"\*\*md\*\*" in md and "&lt;!channel&gt;" in md
    message = slack_message(evil_day, build)
    texts = [message.text] + [json.dumps(b, ensure_ascii=False) for b in message.blocks]
    for text in texts:
        assert "<!" not in text and "<@" not in text and "<http" not in text and "<script" not in text, text
    assert any("&lt;!channel&gt; &lt;@U123&gt; &lt;http\u2060://x|y&gt;" in t for t in texts)  # no live URL either
    # the file name with quotes and ';' reached DuckDB as a parameter, intact, and the table is still there
    assert table(evil_day.db_path, "select source_path from documents") == [("evil \"'; drop table documents; --.txt",)]

    chromium = _chromium()
    if chromium is None:
        pytest.skip("headless Chromium is not installed: the page was checked as text only")
    control = build.html_path.with_name("control.html")
    control.write_text("<!doctype html><html><head><title>safe</title></head><body>"
                       "<script>document.title='PWNED'</script></body></html>")
    assert "<title>PWNED</title>" in _dump_dom(chromium, control)  # a script that runs is seen
    dom = _dump_dom(chromium, build.html_path)
    assert f"<title>Daily briefing {DAY2}</title>" in dom
    assert "<title>PWNED" not in dom and "<script" not in dom and "<img" not in dom


def test_no_sql_is_built_from_strings_in_the_product_code():
    """Every DuckDB call in flows/ runs a constant or a named .sql file; values only go in as parameters."""
    offenders = []
    for path in sorted((PROJECT_ROOT / "flows").rglob("*.py")):
        if path.name == "bench.py":  # the benchmark tool counts its own tables by name; no outside input
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"execute", "executemany", "sql"} and node.args):
                continue
            first = node.args[0]
            constant = isinstance(first, ast.Constant) and isinstance(first.value, str)
            named_file = isinstance(first, ast.Call) and getattr(first.func, "id", None) == "sql"
            if not (constant or named_file):
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert offenders == []

