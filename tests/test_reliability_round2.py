"""Round 2 of fault injection: the cases an outsider found (issue 18). Real folders, real DuckDB files, real
child processes (``briefing`` itself where the one line and the exit code are the point).

Each test is a row of docs/reliability.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from flows.config import PROJECT_ROOT, SettingsError, load_settings
from flows.extraction import pipeline
from flows.ingestion import extract_articles, ingest_folder, plan_ingest, read_batch
from flows.intake import MAX_TEXT_CHARS, printable_name, scan_folder
from flows.parsing import parse_document

ARTICLE = "Talks resume\n\nVladimir Putin said the talks would resume on Monday in Geneva.\n"
BRIEFING = str(Path(sys.executable).with_name("briefing"))


def briefing(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """The installed ``briefing`` command in a child process, telemetry off, no Prefect server configured."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    return subprocess.run([BRIEFING, *args], cwd=PROJECT_ROOT, env={**base, **(env or {})}, capture_output=True,
                          text=True, timeout=timeout)


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def last_line(stderr: str) -> str:
    return stderr.strip().splitlines()[-1]


# ------------------------------------------------------------------------------------- the watched folder


def test_symlink_loops_and_odd_names_never_stop_the_others(tmp_path):
    """A symlink loop, a name whose bytes are not UTF-8 and a name with a newline: the loops and the bad name
    are rejected with a reason, every other file loads, and no log line can be forged."""
    seeds, db = tmp_path / "seeds", tmp_path / "briefing.duckdb"
    seeds.mkdir()
    (seeds / "good.txt").write_text(ARTICLE)
    os.symlink("b.txt", seeds / "a.txt")
    os.symlink("a.txt", seeds / "b.txt")
    os.symlink("self.txt", seeds / "self.txt")
    os.symlink("..", seeds / "up")  # a loop through a directory: never followed
    with open(os.path.join(os.fsencode(seeds), b"caf\xe9.txt"), "wb") as f:  # Latin-1 bytes in the name
        f.write(b"Cafe talks\n\nAngela Merkel said the cafe was open.\n")
    (seeds / "two\nrejected evil.txt: forged: line.txt").write_text("Forged\n\nBoris Johnson said hello.\n")

    proc = briefing("ingest", str(seeds), "--db", str(db))
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr + proc.stdout
    output = proc.stdout + proc.stderr
    assert "rejected caf\\xe9.txt: undecodable_name" in output
    assert not any(line.lstrip().startswith("rejected evil.txt") for line in output.splitlines())
    reasons = dict(rows(db, "select path, reason from ingestion_log where status = 'rejected'"))
    assert reasons == {"a.txt": "symlink_loop", "b.txt": "symlink_loop", "self.txt": "symlink_loop",
                       "caf\\xe9.txt": "undecodable_name"}
    assert sorted(p for (p,) in rows(db, "select source_path from documents")) == [
        "good.txt", "two\nrejected evil.txt: forged: line.txt"]

    again = ingest_folder(load_settings(seeds_dir=seeds, db_path=db))  # rejections remembered: a quiet rerun
    assert again.rejected == [] and again.loaded == []


def test_printable_name_escapes_what_could_forge_or_reverse_a_line():
    assert printable_name("a\nb\tc") == "a\\nb\\tc"
    assert printable_name("x\u202ey.txt") == "x\\u202ey.txt"
    assert printable_name(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert printable_name("Genève notes.txt") == "Genève notes.txt"


def test_the_watched_folder_itself_a_symlink_loop_is_one_clear_error(tmp_path):
    os.symlink("loop", tmp_path / "loop")
    with pytest.raises(FileNotFoundError, match="cannot be resolved"):
        scan_folder(tmp_path / "loop")


# ------------------------------------------------------------------------------------------- settings

BAD_SETTINGS = [
    ("BRIEFING_BATCH_SIZE", "0", "a whole number from 1 to 10000"),
    ("BRIEFING_BATCH_SIZE", "-5", "a whole number from 1 to 10000"),
    ("BRIEFING_BATCH_SIZE", "ten", "a whole number from 1 to 10000"),
    ("BRIEFING_TIMEZONE", "Mars/Olympus_Mons", "an IANA timezone name"),
    ("BRIEFING_N_PROCESS", "100000", "a whole number of workers from 1 to"),
    ("BRIEFING_N_PROCESS", "0", "a whole number of workers from 1 to"),
    ("BRIEFING_MAX_FILE_BYTES", "lots", "a whole number of bytes"),
    ("BRIEFING_DB_LOCK_WAIT_SECONDS", "-1", "a number of seconds from 0"),
    ("BRIEFING_SLACK_MAX_ATTEMPTS", "0", "a whole number from 1 to 20"),
    ("BRIEFING_SUMMARY_CRON", "every morning", "a cron expression"),
    ("BRIEFING_TASK_RUNNER", "threads", "'thread' or 'dask'"),
    ("BRIEFING_PIN_WORKERS", "maybe", "true or false"),
    ("BRIEFING_EXTRACT_BUDGET_SECONDS", "0", "a number of CPU seconds above 0"),
    ("BRIEFING_SLACK_BASE_URL", "ftp://slack", "an http:// or https:// URL"),
]


@pytest.mark.parametrize(("variable", "value", "allowed"), BAD_SETTINGS)
def test_a_bad_setting_is_one_line_naming_it_before_any_work(variable, value, allowed):
    assert f"invalid setting {variable}=" in str(pytest.raises(SettingsError, _load_with, variable, value).value)
    message = str(pytest.raises(SettingsError, _load_with, variable, value).value)
    assert allowed in message and "\n" not in message


def _load_with(variable: str, value: str):
    os.environ[variable] = value
    try:
        return load_settings()
    finally:
        del os.environ[variable]


@pytest.mark.parametrize("command", [["ingest"], ["run"], ["summary", "--dry-run"], ["extract", "x.txt"]])
def test_every_command_exits_2_on_a_bad_setting_and_touches_nothing(tmp_path, command):
    seeds, db = tmp_path / "seeds", tmp_path / "briefing.duckdb"
    seeds.mkdir()
    (seeds / "story.txt").write_text(ARTICLE)
    env = {"BRIEFING_SEEDS_DIR": str(seeds), "BRIEFING_DB_PATH": str(db), "BRIEFING_REPORTS_DIR": str(tmp_path / "r"),
           "BRIEFING_TIMEZONE": "Europe/Nowhere"}
    proc = briefing(*command, env=env, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == (f"briefing {command[0]}: error: invalid setting BRIEFING_TIMEZONE='Europe/Nowhere': "
                                   "allowed: an IANA timezone name such as UTC or Europe/London")
    assert not db.exists() and not (tmp_path / "r").exists()  # nothing ingested, nothing written


def test_a_secret_is_never_echoed_in_a_settings_error(monkeypatch):
    monkeypatch.setenv("BRIEFING_SLACK_TOKEN", "xoxb-secret-value")
    monkeypatch.setenv("BRIEFING_SLACK_MAX_ATTEMPTS", "many")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "xoxb" not in str(caught.value)


# ------------------------------------------------------------------------------------------ fatal errors


def test_fatal_errors_are_one_line_and_exit_1(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "story.txt").write_text(ARTICLE)
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(os.urandom(20_000))
    reports_file = tmp_path / "reports-is-a-file"
    reports_file.write_text("not a folder")
    cases = {
        "corrupt database": (["ingest", str(seeds), "--db", str(corrupt)], "cannot open the database"),
        "database is a directory": (["ingest", str(seeds), "--db", str(tmp_path)], "cannot open the database"),
        "reports path is a file": (["summary", "--dry-run", "--db", str(tmp_path / "ok.duckdb"), "--reports",
                                    str(reports_file)], "reports path is not a folder"),
        "missing watched folder": (["run", "--seeds", str(tmp_path / "nowhere"), "--db", str(tmp_path / "ok.duckdb")],
                                   "watched folder does not exist"),
    }
    before = corrupt.read_bytes()
    for name, (args, expected) in cases.items():
        proc = briefing(*args, timeout=120)
        assert proc.returncode == 1, (name, proc.stderr[-2000:])
        assert proc.stderr.strip().count("\n") == 0 and expected in proc.stderr, (name, proc.stderr[-2000:])
        assert proc.stderr.startswith(f"briefing {args[0]}: error: ")
    assert corrupt.read_bytes() == before  # a corrupt database is never replaced


FAILING_FLOW = textwrap.dedent(
    """
    import sys
    from flows import cli, ingestion

    def broken(*args, **kwargs):
        raise RuntimeError("the disk controller caught fire")

    ingestion.load_batch = broken  # fault injection: the flow fails inside a task, after its retries
    sys.exit(cli.main(["ingest", sys.argv[1], "--db", sys.argv[2]]))
    """
)


def test_a_failed_flow_ends_in_one_line_without_tracebacks(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "story.txt").write_text(ARTICLE)
    proc = subprocess.run([sys.executable, "-c", FAILING_FLOW, str(seeds), str(tmp_path / "b.duckdb")],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert last_line(proc.stderr) == "briefing ingest: error: RuntimeError: the disk controller caught fire"
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


# ------------------------------------------------------------------------------------------------ state


def test_a_too_large_rejection_is_reconsidered_when_the_limit_is_raised(settings):
    big = settings.seeds_dir / "big.txt"
    big.write_text(ARTICLE + "More words said here.\n" * 20)
    small = settings.model_copy(update={"max_file_bytes": 100})
    assert [(r.path, r.reason) for r in ingest_folder(small).rejected] == [("big.txt", "too_large")]
    assert plan_ingest(small).to_read == []  # still too large: not read again
    raised = settings.model_copy(update={"max_file_bytes": 10_000})
    report = ingest_folder(raised)
    assert len(report.loaded) == 1 and not report.rejected
    assert rows(settings.db_path, "select status from files") == [("loaded",)]


CONCURRENT_INGEST = textwrap.dedent(
    """
    import sys
    from flows.config import load_settings
    from flows.ingestion import ingest_folder

    ingest_folder(load_settings(seeds_dir=sys.argv[1], db_path=sys.argv[2]), validate=False)
    """
)


def test_two_concurrent_runs_never_call_a_file_a_duplicate_of_itself(seeded_settings):
    args = [sys.executable, "-c", CONCURRENT_INGEST, str(seeded_settings.seeds_dir), str(seeded_settings.db_path)]
    procs = [subprocess.Popen(args, cwd=PROJECT_ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0], [p.stderr.read()[-2000:] for p in procs]
    db = seeded_settings.db_path
    assert {s for (s,) in rows(db, "select status from files")} == {"loaded"}
    assert rows(db, "select count(*) from ingestion_log where status = 'duplicate'") == [(0,)]
    assert rows(db, "select count(*) from documents") == [(4,)]


# ------------------------------------------------------------------------------- the budget per document

QUOTES = 'He said "yes and ' * 6_000  # ~100,000 characters: once ~25 s of quadratic quote attribution


def _items(*texts: str) -> list:
    return [(f"doc{i}", text, parse_document(text)) for i, text in enumerate(texts)]


def test_a_document_over_its_time_budget_fails_alone_with_the_reason():
    items = _items(ARTICLE, "Long one\n\n" + QUOTES * 3, ARTICLE.replace("Monday", "Tuesday"))
    pool = pipeline._worker_pool(1, True)
    result = dict(pipeline.extract_in_workers(items, 1, budget_seconds=1.0))
    assert result["doc1"].startswith("over the time budget: more than 1 s of CPU"), result["doc1"]
    assert not isinstance(result["doc0"], str) and not isinstance(result["doc2"], str)
    assert result["doc0"].claims and result["doc2"].claims
    assert pipeline._worker_pool(1, True) is pool  # no worker died, no batch redone


MEMORY_LIMITED = textwrap.dedent(
    """
    from flows.extraction import pipeline
    from flows.parsing import parse_document

    pipeline.load_nlp()
    pipeline.limit_memory(pipeline.WORKER_MEMORY_BYTES // 2)  # the model fits; a long text does not
    short = "Talks\\n\\nVladimir Putin said the talks would resume."
    long = "Lines\\n\\n" + "".join(f"x said y {i}\\n" for i in range(60_000))
    items = [("short", short, parse_document(short)), ("long", long, parse_document(long)),
             ("again", short, parse_document(short))]
    for key, result in pipeline.extract_isolated(items, budget_seconds=600):
        print(key, result if isinstance(result, str) else "done")
    """
)


def test_a_document_over_the_memory_budget_fails_alone_and_the_worker_goes_on():
    proc = subprocess.run([sys.executable, "-c", MEMORY_LIMITED], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert lines[0] == "short done" and lines[2] == "again done", proc.stdout
    assert lines[1].startswith("long over the memory budget"), proc.stdout


def test_a_text_over_the_character_limit_is_rejected_when_read_and_the_rest_loads(settings):
    (settings.seeds_dir / "good.txt").write_text(ARTICLE)
    (settings.seeds_dir / "endless.txt").write_text("Endless\n\n" + "word " * (MAX_TEXT_CHARS // 5))
    report = ingest_folder(settings)
    assert [(r.path, r.reason) for r in report.rejected] == [("endless.txt", "too_long")]
    assert len(report.loaded) == 1 and not report.extraction_failed
    assert ingest_folder(settings).rejected == []  # remembered: not read, not failed, on every later run


def test_an_over_budget_document_is_recorded_once_not_retried_for_ever(settings):
    (settings.seeds_dir / "good.txt").write_text(ARTICLE)
    (settings.seeds_dir / "quotes.txt").write_text("Quotes\n\n" + QUOTES * 3)
    tight = settings.model_copy(update={"extract_budget_seconds": 1.0})
    first = ingest_folder(tight, validate=False)
    assert [p for p, _ in first.extraction_failed] == ["quotes.txt"] and len(first.loaded) == 2
    second = ingest_folder(tight, validate=False)
    assert second.extraction_failed == [] and second.loaded == [] and second.unchanged == 2


def test_long_texts_are_parsed_in_pieces_with_true_offsets():
    paragraph = "Angela Merkel said the talks in Berlin would go on. " * 40 + "\r\n\r\n"
    text = "Long report\r\n\r\n" + paragraph * 30 + '"We are ready," Vladimir Putin said.\r\n'
    assert len(text) > 2 * pipeline.PIECE_CHARS
    parts = pipeline.pieces(text)
    assert "".join(parts) == text and all(len(p) <= pipeline.PIECE_CHARS for p in parts)
    assert all(p.endswith("\n") for p in parts[:-1])  # cut after a line break, never inside CRLF
    extraction = pipeline.extract_document(text, parse_document(text))
    last = [c for c in extraction.claims if "ready" in c.text]
    assert last and text[last[0].span[0]:last[0].span[1]] == last[0].text
    mentions = [(a.name, start, end) for a in extraction.actors for start, end in a.mentions]
    assert any(start > 2 * pipeline.PIECE_CHARS for _, start, _ in mentions)  # found in the last piece
    assert all(text[start:end] in name or name.endswith(text[start:end]) or text[start:end] in name
               for name, start, end in mentions if "Merkel" in name)


def test_a_killed_worker_costs_only_its_unfinished_documents(seeded_settings):
    articles = read_batch(seeded_settings, plan_ingest(seeded_settings).to_read).new
    pool = pipeline._worker_pool(1, True)
    for pid in list(pool._processes):
        os.kill(pid, 9)
    result = extract_articles(articles, workers=1)
    assert not [v for v in result.values() if isinstance(v, str)], json.dumps(
        {k: v for k, v in result.items() if isinstance(v, str)})


def test_a_retried_load_of_a_committed_batch_calls_nothing_a_duplicate(settings):
    """A load task retried after its transaction committed (the task failed after the commit), or a rerun
    after a crash there: the same files at the same paths are 'unchanged', never duplicates of themselves."""
    from flows.ingestion import load_batch, new_run_id

    (settings.seeds_dir / "story.txt").write_text(ARTICLE)
    batch = read_batch(settings, plan_ingest(settings).to_read)
    extractions = extract_articles(batch.new, workers=1)
    first = load_batch(settings, new_run_id(), batch, extractions)
    retried = load_batch(settings, new_run_id(), batch, extractions)
    assert len(first.loaded) == 1 and retried.loaded == [] and retried.duplicates == [] and retried.unchanged == 1
    assert rows(settings.db_path, "select status from files") == [("loaded",)]
    assert rows(settings.db_path, "select status from ingestion_log order by attempted_at") == [
        ("loaded",), ("unchanged",)]
    assert rows(settings.db_path, "select count(*) from file_versions") == [(1,)]


def test_watcher_run_names_cannot_be_forged_by_a_file_name():
    from flows.intake import FileEntry
    from flows.watcher import run_name

    name = run_name([FileEntry("a.txt\n12:00:00 | INFO | forged", 1, 1)], "arrival")
    assert "\n" not in name and "a.txt\\n12:00:00" in name
